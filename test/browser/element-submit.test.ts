import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, confirms, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> one submit at a time', function () {
  // Real typing into iframes on a shared 2-core machine: generous per-test bound.
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  it('double click submits once: one intent, one confirm', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    clickPay(el);
    void el.submit();
    await log.first('ssc-succeeded');
    await new Promise((r) => setTimeout(r, 300));
    expect(shop.intentRequests).to.have.length(1);
    expect(confirms(shop)).to.have.length(1);
    expect(log.of('ssc-submit')).to.have.length(1);
    expect(log.of('ssc-succeeded')).to.have.length(1);
  });

  it('ssc-submit is cancelable: preventDefault sends nothing', async () => {
    const { el, log, wrapper } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    wrapper.addEventListener('ssc-submit', (e) => e.preventDefault(), { once: true });
    await fillCard(VISA);
    await el.submit();
    await new Promise((r) => setTimeout(r, 200));
    expect(log.of('ssc-submit')).to.have.length(1);
    expect(shop.intentRequests).to.have.length(0);
    expect(confirms(shop)).to.have.length(0);
    // Not cancelled the second time: it pays.
    await el.submit();
    await log.first('ssc-succeeded');
    expect(shop.intentRequests).to.have.length(1);
  });

  it('an incomplete card is not sent: validation error in the alert, nothing requested', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard('4242 4242', { exp: undefined, cvc: undefined, postal: undefined });
    clickPay(el);
    const error = await log.first('ssc-error');
    expect(error.detail.stage).to.equal('validation');
    expect(part(el, 'error').textContent).to.equal(error.detail.message);
    expect(log.types()).to.not.include('ssc-submit');
    expect(shop.intentRequests).to.have.length(0);
  });

  it('keeps card data out of our DOM: no card number in the light DOM, shadow DOM or their text after paying', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} save></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    await log.first('ssc-succeeded');
    const digits = (s: string) => s.replace(/\D/g, '');
    // The iframe's own document is Stripe's (the fake's) business; everything of ours is checked.
    const ours = [el.shadowRoot!.innerHTML, el.innerHTML.replace(/<iframe[^>]*>/g, ''), document.body.innerText];
    for (const text of ours) expect(digits(text)).to.not.contain('4242424242424242');
    expect(JSON.stringify(log.events)).to.not.contain('4242424242424242');
    expect(JSON.stringify(shop.intentRequests)).to.not.contain('4242');
  });

});
