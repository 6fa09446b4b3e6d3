// One intent per checkout: what makes the element ask intent-url (or confirm-url) for another, and what it sends.
import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CONFIRM_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, retypeNumber, until, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> one intent per checkout', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const DECLINED = '4000 0000 0000 0002';

  it('intentBody changed after a decline: intent-url is asked again with the previous intentId, and the same intent pays', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} .intentBody=${{ cart: 'c1' }}></stripe-save-card>`);
    await fillCard(DECLINED);
    clickPay(el);
    const declined = await log.first('ssc-declined');
    el.intentBody = { cart: 'c2' };
    await retypeNumber(VISA, el);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests).to.deep.equal([
      { save: false, mode: 'payment', cart: 'c1' },
      { save: false, mode: 'payment', cart: 'c2', intentId: declined.detail.intentId },
    ]);
    expect(done.detail.intentId).to.equal(declined.detail.intentId);
    const [pi] = shop.intents();
    expect(shop.intents()).to.have.length(1);
    expect(pi!.metadata).to.deep.equal({ cart: 'c2' }); // the backend updated it
  });

  it('the save toggle turned off after a decline: asked again with intentId, so the backend stops the saving', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} save></stripe-save-card>`);
    await fillCard(DECLINED);
    clickPay(el);
    const declined = await log.first('ssc-declined');
    expect(shop.retrieve(declined.detail.intentId!).setup_future_usage).to.equal('off_session');
    part(el, 'save').querySelector('input')!.click();
    await retypeNumber(VISA, el);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests.map((r) => [r.save, r.intentId])).to.deep.equal([[true, undefined], [false, declined.detail.intentId]]);
    expect(done.detail).to.include({ intentId: declined.detail.intentId, saved: false });
    expect(shop.retrieve(done.detail.intentId).setup_future_usage).to.equal(null);
    const cards = shop.emulator.request('GET', '/v1/payment_methods', { customer: shop.customerId, type: 'card' }).body.data;
    expect(cards).to.deep.equal([]);
  });

  it('the intent was canceled (by the merchant\'s server) after a decline: a new intent is asked for, naming the old one', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard(DECLINED);
    clickPay(el);
    const declined = await log.first('ssc-declined');
    expect(shop.emulator.request('POST', `/v1/payment_intents/${declined.detail.intentId}/cancel`, {}).status).to.equal(200);
    await retypeNumber(VISA, el);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests.map((r) => r.intentId)).to.deep.equal([undefined, declined.detail.intentId]);
    expect(done.detail.intentId).to.not.equal(declined.detail.intentId);
    expect(shop.intents().map((pi) => pi.status)).to.deep.equal(['succeeded', 'canceled']);
  });

  it('setup mode: a declined card then a good one confirm the same SetupIntent', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} mode="setup"></stripe-save-card>`);
    await fillCard(DECLINED);
    clickPay(el);
    await log.first('ssc-declined');
    await retypeNumber(VISA, el);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests).to.have.length(1);
    expect(shop.intents('setup_intents').map((si) => [si.id, si.status])).to.deep.equal([[done.detail.intentId, 'succeeded']]);
  });

  it('confirm="server": the retry after a decline sends the previous intentId, and the backend confirms that intent', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} confirm="server" confirm-url=${CONFIRM_URL}></stripe-save-card>`);
    await fillCard(DECLINED);
    clickPay(el);
    const declined = await log.first('ssc-declined');
    expect(declined.detail.intentId).to.match(/^pi_/);
    await until(() => !(part(el, 'button') as HTMLButtonElement).disabled, 'button enabled');
    await retypeNumber(VISA, el);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.confirmRequests.map((r) => r.intentId)).to.deep.equal([undefined, declined.detail.intentId]);
    expect(done.detail.intentId).to.equal(declined.detail.intentId);
    expect(shop.intents()).to.have.length(1);
  });
});
