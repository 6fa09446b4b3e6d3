import { expect, html, fixture } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CARDS_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, EventLog, VISA } from './helpers/element-fixture.js';
import { cardFrame, cardInput, frameReady } from './helpers/card.js';
import { placeholderColor } from './helpers/placeholder.js';
import { StripeSaveCard } from '../../src/element/stripe-save-card.js';

/** A component with its own shadow root, like a checkout page built with Lit or Angular's ShadowDom encapsulation. */
class CheckoutShell extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<h2>Checkout</h2><div class="slot-here"></div>';
  }
}
customElements.define('checkout-shell', CheckoutShell);

describe('<stripe-save-card> in real pages', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  it('works inside another component\'s shadow root: the card mounts outside any ShadowRoot, over our card part, and pays', async () => {
    const shell = await fixture<CheckoutShell>(html`<checkout-shell></checkout-shell>`);
    const log = new EventLog(shell.shadowRoot!);
    render(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`, shell.shadowRoot!.querySelector('.slot-here') as HTMLElement);
    await log.first('ssc-ready');
    const el = shell.shadowRoot!.querySelector('stripe-save-card')!;
    const frame = cardFrame(document);
    expect(frame.getRootNode() === document).to.equal(true);
    await frameReady(frame);
    const area = el.shadowRoot!.querySelector('.mount-area')!.getBoundingClientRect();
    const box = frame.getBoundingClientRect();
    expect(Math.abs(box.left - area.left)).to.be.below(2);
    expect(Math.abs(box.top - area.top)).to.be.below(2);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.status).to.equal('succeeded');
    shell.remove();
    expect(frame.isConnected).to.equal(false);
  });

  it('survives being moved: unmounts on disconnect, mounts again on connect, one card iframe, still pays', async () => {
    const { el, log, wrapper } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    const elsewhere = document.createElement('section');
    wrapper.append(elsewhere);
    elsewhere.append(el);
    await until(() => log.of('ssc-ready').length === 2, 'second ssc-ready');
    expect(el.querySelectorAll('iframe').length).to.equal(1);
    await el.requestUpdate();
    await fillCard(VISA, {}, el);
    clickPay(el);
    await log.first('ssc-succeeded');
  });

  it('defined twice: define() again is a no-op, another class on the same tag only warns', async () => {
    expect(() => StripeSaveCard.define()).to.not.throw();
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    try {
      class AnotherCopy extends StripeSaveCard {}
      expect(() => AnotherCopy.define()).to.not.throw();
    } finally {
      console.warn = original;
    }
    expect(warnings.join('\n')).to.contain('already defined');
    expect(customElements.get('stripe-save-card')).to.equal(StripeSaveCard);
    // A custom registry (or tag) works too.
    class Renamed extends StripeSaveCard {}
    Renamed.define('renamed-save-card');
    expect(customElements.get('renamed-save-card')).to.equal(Renamed);
  });

  it('is form-associated: validity follows the card, Enter pays first, then the form submits with the intent id', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const log = new EventLog(container);
    render(html`
      <form>
        <label>Email <input name="email" value="jenny@example.com"></label>
        <stripe-save-card name="payment" publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>
        <button>Buy</button>
      </form>`, container);
    await log.first('ssc-ready');
    const form = container.querySelector('form')!;
    const el = container.querySelector('stripe-save-card')!;
    expect(el.form === form).to.equal(true);
    expect(el.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.match(/card/i);
    const submitted: Array<string | null> = [];
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return; // the element holding the form back while it pays
      event.preventDefault(); // the test page must not navigate
      submitted.push(new FormData(form).get('payment') as string | null);
    });
    await fillCard(VISA);
    expect(el.checkValidity()).to.equal(true);
    container.querySelector<HTMLInputElement>('input[name="email"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const done = await log.first('ssc-succeeded');
    await until(() => submitted.length === 1, 'the real form submit');
    expect(submitted).to.deep.equal([done.detail.intentId]);
    expect(el.value).to.equal(done.detail.intentId);
    expect(shop.intentRequests).to.have.length(1);
    // form.reset() clears the element (formResetCallback).
    form.reset();
    expect(el.value).to.equal(null);
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('');
  });

  it('Enter on our own save toggle submits the payment', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard(VISA);
    part(el, 'save').querySelector('input')!.focus();
    await sendKeys({ press: 'Enter' });
    await log.first('ssc-succeeded');
  });

  it('disabled (attribute or a disabled fieldset) disables the button and the card; submit() does nothing', async () => {
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} disabled></stripe-save-card>`);
    const frame = cardFrame(el);
    await frameReady(frame);
    await until(() => cardInput(frame, 'number').disabled, 'card disabled');
    expect((part(el, 'button') as HTMLButtonElement).disabled).to.equal(true);
    await el.submit();
    expect(shop.intentRequests).to.have.length(0);
    el.disabled = false;
    await until(() => !cardInput(frame, 'number').disabled, 'card enabled');
    const container = await fixture<HTMLElement>(html`<form><fieldset disabled></fieldset></form>`);
    const fieldset = container.querySelector('fieldset')!;
    const log = new EventLog(fieldset);
    render(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`, fieldset);
    await log.first('ssc-ready');
    const inForm = fieldset.querySelector('stripe-save-card')!;
    await until(() => (part(inForm, 'button') as HTMLButtonElement).disabled, 'button disabled by the fieldset');
    await until(() => cardInput(cardFrame(inForm), 'number').disabled, 'card disabled by the fieldset');
  });

  it('theming: custom properties on the host reach the card iframe\'s style', async () => {
    const { el } = await mount(html`<stripe-save-card style="--ssc-color: rgb(10, 20, 30); --ssc-font-size: 21px; --ssc-placeholder-color: rgb(200, 0, 0)"
      publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    const frame = cardFrame(el);
    await frameReady(frame);
    const input = cardInput(frame, 'number');
    const style = frame.contentWindow!.getComputedStyle(input);
    expect(style.color).to.equal('rgb(10, 20, 30)');
    expect(style.fontSize).to.equal('21px');
    expect(placeholderColor(input)).to.equal('rgb(200, 0, 0)');
    // Our own parts use the same properties.
    expect(getComputedStyle(part(el, 'form')).color).to.equal('rgb(10, 20, 30)');
  });

  it('cardOptions changes are applied with update(): hidePostalCode hides the postal field', async () => {
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    const frame = cardFrame(el);
    await frameReady(frame);
    const field = () => frame.contentDocument!.querySelector('.CardField')!;
    expect(field().classList.contains('CardField--hidePostal')).to.equal(false);
    el.cardOptions = { hidePostalCode: true };
    await el.updateComplete;
    await until(() => field().classList.contains('CardField--hidePostal'), 'postal hidden');
  });

  it('focus() moves focus into the card field', async () => {
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    const frame = cardFrame(el);
    await frameReady(frame);
    el.focus();
    await until(() => document.activeElement === frame && frame.contentDocument!.activeElement?.getAttribute('name') === 'cardnumber', 'card focused');
  });

  it('passes axe: fresh, with saved cards, and showing an error', async () => {
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} amount="1999" currency="usd" save></stripe-save-card>`);
    await expect(el).to.be.accessible();
    shop.saveCard('pm_card_visa');
    const withCards = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL}></stripe-save-card>`);
    await until(() => !!withCards.el.shadowRoot!.querySelector('[part="saved-cards"]'), 'saved cards');
    await expect(withCards.el).to.be.accessible();
    await el.submit(); // empty card → validation message in the alert
    expect(part(el, 'error').textContent).to.not.equal('');
    await expect(el).to.be.accessible();
  });
});
