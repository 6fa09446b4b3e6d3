import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, answerChallenge, confirms, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until } from './helpers/element-fixture.js';

describe('<stripe-save-card> 3D Secure', function () {
  // Real typing into iframes on a shared 2-core machine: generous per-test bound.
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  for (const [number, name] of [['4000 0027 6000 3184', '3184'], ['4000 0025 0000 3155', '3155']] as const) {
    it(`3D Secure with ${name}: action-required, challenge completed, authenticated, succeeded`, async () => {
      const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} save></stripe-save-card>`);
      await fillCard(number);
      clickPay(el);
      const action = await log.first('ssc-action-required');
      expect(action.detail.intentId).to.match(/^pi_/);
      expect(action.detail.type).to.equal('use_stripe_sdk');
      await answerChallenge('complete');
      const done = await log.first('ssc-succeeded');
      expect(log.of('ssc-authenticated')[0]!.detail).to.deep.equal({ intentId: action.detail.intentId });
      expect(done.detail.intentId).to.equal(action.detail.intentId);
      expect(done.detail.status).to.equal('succeeded');
      // handleActions:false then handleNextAction: the confirm itself never ran the challenge.
      expect(confirms(shop).length).to.equal(1);
    });
  }

  it('3D Secure failed: ssc-authentication-failed, message shown, the next submit confirms the same intent again', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard('4000 0027 6000 3184');
    clickPay(el);
    const action = await log.first('ssc-action-required');
    await answerChallenge('fail');
    const failed = await log.first('ssc-authentication-failed');
    expect(failed.detail.intentId).to.equal(action.detail.intentId);
    expect(failed.detail.code).to.equal('payment_intent_authentication_failure');
    expect(failed.detail.message).to.be.a('string').with.length.above(0);
    // The API's own text (written for developers) stays in the event; the shopper reads the element's words.
    expect(part(el, 'error').textContent).to.equal('We could not authenticate your card.');
    expect(log.of('ssc-succeeded')).to.have.length(0);
    await until(() => !(part(el, 'button') as HTMLButtonElement).disabled, 'button enabled');
    clickPay(el);
    await log.next('ssc-action-required');
    await answerChallenge('complete');
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests).to.have.length(1);
    expect(done.detail.intentId).to.equal(action.detail.intentId);
    expect(shop.intents().map((pi) => pi.status)).to.deep.equal(['succeeded']);
  });

  it('setup mode with 3155: 3D Secure then succeeded', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} mode="setup"></stripe-save-card>`);
    await fillCard('4000 0025 0000 3155');
    clickPay(el);
    const action = await log.first('ssc-action-required');
    expect(action.detail.intentId).to.match(/^seti_/);
    await answerChallenge('complete');
    const done = await log.first('ssc-succeeded');
    expect(done.detail.intentId).to.equal(action.detail.intentId);
  });

  it('payment-method + client-secret: recovers an off-session payment on-session with 3D Secure', async () => {
    const pm = shop.saveCard('pm_card_authenticationRequired');
    const offSession = shop.emulator.request('POST', '/v1/payment_intents', {
      amount: 1999, currency: 'usd', customer: shop.customerId, payment_method: pm, confirm: 'true', off_session: 'true',
    });
    expect(offSession.status).to.equal(402);
    const pi = offSession.body.error.payment_intent;
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} client-secret=${pi.client_secret} payment-method=${pm}></stripe-save-card>`);
    expect(part(el, 'card').hidden).to.equal(true);
    clickPay(el);
    await log.first('ssc-action-required');
    await answerChallenge('complete');
    const done = await log.first('ssc-succeeded');
    expect(done.detail).to.include({ intentId: pi.id, paymentMethodId: pm, status: 'succeeded' });
    expect(shop.intentRequests).to.have.length(0);
  });

});
