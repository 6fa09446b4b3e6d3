import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> client confirm', () => {
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  it('pays with 4242: ssc-submit, ssc-succeeded with the intent, no save by default', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} amount="1999" currency="usd" locale="en-US"></stripe-save-card>`);
    expect(part(el, 'button').textContent!.trim()).to.equal('Pay $19.99');
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(log.of('ssc-submit')[0]!.detail).to.deep.equal({ mode: 'payment', save: false });
    expect(done.detail.status).to.equal('succeeded');
    expect(done.detail.mode).to.equal('payment');
    expect(done.detail.saved).to.equal(false);
    expect(done.detail.intentId).to.match(/^pi_/);
    expect(done.detail.paymentMethodId).to.match(/^pm_/);
    expect(shop.intentRequests).to.deep.equal([{ save: false, mode: 'payment' }]);
    const pi = shop.retrieve(done.detail.intentId);
    expect(pi.status).to.equal('succeeded');
    expect(pi.setup_future_usage).to.equal(null);
  });
});
