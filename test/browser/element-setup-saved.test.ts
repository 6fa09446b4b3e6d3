import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CARDS_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> setup mode and saved cards', function () {
  // Real typing into iframes on a shared 2-core machine: generous per-test bound.
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  it('setup mode: "Save card", no toggle, confirmCardSetup, saved:true', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} mode="setup" amount="1999" currency="usd"></stripe-save-card>`);
    expect(part(el, 'button').textContent!.trim()).to.equal('Save card');
    expect(part(el, 'save').hidden).to.equal(true);
    expect(part(el, 'disclosure').hidden).to.equal(false);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.intentId).to.match(/^seti_/);
    expect(done.detail).to.include({ status: 'succeeded', mode: 'setup', saved: true });
    expect(shop.intentRequests).to.deep.equal([{ save: true, mode: 'setup' }]);
    expect(part(el, 'message').textContent).to.contain('saved');
  });

  it('reuses a saved card: accessible radio group, card field hidden, paymentMethodId sent, confirmed with it', async () => {
    const saved = shop.saveCard('pm_card_visa');
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL}></stripe-save-card>`);
    await until(() => !!el.shadowRoot!.querySelector('[part="saved-cards"]'), 'saved cards');
    const group = part(el, 'saved-cards');
    expect(group.tagName).to.equal('FIELDSET');
    expect(group.querySelector('legend')!.textContent).to.not.equal('');
    const labels = [...group.querySelectorAll('label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels[0]).to.match(/^Visa ending in 4242, expires \d\d\/\d\d, added \S+ \d{4}$/);
    expect(labels[1]).to.equal('Use a new card');
    expect(part(el, 'card').hidden).to.equal(true);
    expect(part(el, 'save').hidden).to.equal(true);
    // Choosing "Use a new card" shows the card field again; back to the saved card hides it.
    const [savedChoice, newChoice] = group.querySelectorAll('input');
    newChoice!.click();
    await el.updateComplete;
    expect(part(el, 'card').hidden).to.equal(false);
    savedChoice!.click();
    await el.updateComplete;
    expect(part(el, 'card').hidden).to.equal(true);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests).to.deep.equal([{ save: false, mode: 'payment', paymentMethodId: saved }]);
    expect(done.detail.paymentMethodId).to.equal(saved);
    // Paid: the choice is locked with the rest of the form until reset().
    expect((group as HTMLFieldSetElement).disabled).to.equal(true);
  });

});
