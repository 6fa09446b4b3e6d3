import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> client confirm: pay and save', function () {
  // Real typing into iframes on a shared 2-core machine: generous per-test bound.
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  it('pays with 4242: ssc-submit, ssc-succeeded with the intent, no save by default', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} amount="1999" currency="usd" locale="en-US"></stripe-save-card>`);
    expect(part(el, 'button').textContent!.trim()).to.equal('Pay $19.99');
    expect(part(el, 'disclosure').hidden).to.equal(true);
    await fillCard(VISA);
    const change = log.of('ssc-change').at(-1)!.detail;
    expect(change).to.deep.equal({ complete: true, empty: false, brand: 'visa', save: false });
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
    expect(part(el, 'message').textContent).to.contain('Payment succeeded');
  });

  it('saves the card when the toggle is on: setup_future_usage off_session, save:true to the backend, disclosure shown', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} .intentBody=${{ cart: 'c1' }}></stripe-save-card>`);
    const toggle = part(el, 'save').querySelector('input')!;
    expect(toggle.checked).to.equal(false);
    toggle.click();
    expect(log.of('ssc-change').at(-1)!.detail.save).to.equal(true);
    await el.updateComplete;
    expect(part(el, 'disclosure').hidden).to.equal(false);
    expect(part(el, 'disclosure').textContent).to.match(/charge it for future payments/);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.saved).to.equal(true);
    expect(shop.intentRequests).to.deep.equal([{ save: true, mode: 'payment', cart: 'c1' }]);
    const pi = shop.retrieve(done.detail.intentId);
    expect(pi.setup_future_usage).to.equal('off_session');
    const cards = shop.emulator.request('GET', '/v1/payment_methods', { customer: shop.customerId, type: 'card' }).body.data;
    expect(cards.map((c: { card: { last4: string } }) => c.card.last4)).to.deep.equal(['4242']);
  });

  it('save-usage="on_session" saves without the off-session disclosure; hide-save hides the toggle', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} save save-usage="on_session"></stripe-save-card>`);
    expect(part(el, 'disclosure').hidden).to.equal(true);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.retrieve(done.detail.intentId).setup_future_usage).to.equal('on_session');
    const hidden = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} hide-save></stripe-save-card>`);
    expect(part(hidden.el, 'save').hidden).to.equal(true);
  });

  it('requires_capture counts as success (manual capture asked through intentBody)', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} .intentBody=${{ captureMethod: 'manual' }}></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.status).to.equal('requires_capture');
  });

  it('client-secret given: intent-url is not called', async () => {
    const pi = shop.emulator.request('POST', '/v1/payment_intents', { amount: 500, currency: 'usd', 'allowed_payment_method_types[]': 'card' }).body;
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} client-secret=${pi.client_secret}></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.intentId).to.equal(pi.id);
    expect(shop.intentRequests).to.have.length(0);
  });

});
