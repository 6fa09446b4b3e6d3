// A keyboard and screen-reader customer: real key presses, and where focus is after each step. Focus must never fall
// to <body> (a screen reader then starts over at the top of the page): it stays on Pay while paying, moves to the card
// after a decline (the alert reads the message), and to the status line after success. Enter in a complete card pays,
// once, with or without a form around the element.
import { expect, html, fixture } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CARDS_URL, answerChallenge, confirms, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, part, until, EventLog, VISA } from './helpers/element-fixture.js';
import { cardFrame, cardInput, clickField, press } from './helpers/card.js';
import type { StripeSaveCard } from '../../src/element/stripe-save-card.js';

const PI_CONFIRM = /^\/v1\/payment_intents\/[^/]+\/confirm$/;

/** Where focus is, as a person would describe it: a part of the element, a card input, or <body>. */
function focusOf(el: StripeSaveCard): string {
  const active = document.activeElement;
  if (active === document.body || active === null) return 'body';
  const frame = el.querySelector('iframe');
  if (active === frame) return `card:${frame!.contentDocument!.activeElement?.getAttribute('name') ?? 'none'}`;
  if (active === el) return el.shadowRoot!.activeElement?.getAttribute('part') ?? 'host';
  return active.tagName.toLowerCase();
}

describe('<stripe-save-card> keyboard and focus', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  it('Pay by keyboard: focus stays on the button (aria-disabled) while paying, Enter again does nothing, then focus is on the status', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} hide-save></stripe-save-card>`);
    await fillCard(VISA);
    // From the last card field, Tab reaches Pay (the toggle is hidden), like a keyboard user.
    await press('Tab');
    await until(() => focusOf(el) === 'button', `focus on Pay (is ${focusOf(el)})`);
    const held = shop.hold(PI_CONFIRM);
    await press('Enter');
    await held.arrived;
    await el.updateComplete;
    const button = part(el, 'button') as HTMLButtonElement;
    expect(focusOf(el)).to.equal('button');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.disabled).to.equal(false);
    expect(part(el, 'message').textContent).to.equal('Processing your payment…');
    await press('Enter');
    await sendKeys({ type: ' ' }); // Space activates a button too
    held.release();
    await log.first('ssc-succeeded');
    await until(() => focusOf(el) === 'message', `focus on the status (is ${focusOf(el)})`);
    expect(part(el, 'message').textContent).to.equal('Payment succeeded.');
    expect(part(el, 'message').getAttribute('role')).to.equal('status');
    expect(log.of('ssc-submit')).to.have.length(1);
    expect(confirms(shop)).to.have.length(1);
  });

  it('3D Secure completed: once the challenge closes, focus is on the status line, not <body>', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} hide-save></stripe-save-card>`);
    await fillCard('4000 0025 0000 3155');
    await press('Tab');
    await until(() => focusOf(el) === 'button', `focus on Pay (is ${focusOf(el)})`);
    await press('Enter');
    await log.first('ssc-action-required');
    await answerChallenge('complete'); // the click puts focus in the challenge, which then goes away
    await log.first('ssc-succeeded');
    await until(() => focusOf(el) === 'message', `focus on the status (is ${focusOf(el)})`);
    expect(part(el, 'message').textContent).to.equal('Payment succeeded.');
  });

  it('Enter in a complete card pays on its own (no form around), once; focus goes to Pay while paying', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard(VISA);
    expect(focusOf(el)).to.equal('card:postal');
    const held = shop.hold(PI_CONFIRM);
    await press('Enter');
    await held.arrived;
    expect(focusOf(el)).to.equal('button');
    held.release();
    await log.first('ssc-succeeded');
    await until(() => focusOf(el) === 'message', `focus on the status (is ${focusOf(el)})`);
    expect(shop.intentRequests).to.have.length(1);
    expect(confirms(shop)).to.have.length(1);
  });

  it('Enter in the card inside a merchant form: the form validates, the element pays once, then the form posts with the intent id', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const log = new EventLog(container);
    render(html`
      <form>
        <label>Email <input name="email" required></label>
        <stripe-save-card name="payment" publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>
        <button>Buy</button>
      </form>`, container);
    await log.first('ssc-ready');
    const form = container.querySelector('form')!;
    const el = container.querySelector('stripe-save-card')!;
    const posted: Array<string | null> = [];
    const submits: Array<EventTarget | null> = [];
    form.addEventListener('submit', (event) => {
      submits.push(event.target);
      if (event.defaultPrevented) return; // the element holding the form back while it pays
      event.preventDefault(); // the test page must not navigate
      posted.push(new FormData(form).get('payment') as string | null);
    });
    await fillCard(VISA);
    // The merchant's own required field is empty: Enter in the card submits nothing, as in any text field.
    await press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    expect(log.types()).to.not.include('ssc-submit');
    expect(shop.intentRequests).to.have.length(0);
    const email = container.querySelector<HTMLInputElement>('input[name="email"]')!;
    email.value = 'jenny@example.com';
    await clickField(cardFrame(el), 'postal');
    await press('Enter');
    await press('Enter');
    const done = await log.first('ssc-succeeded');
    await until(() => posted.length === 1, 'the merchant form posted');
    await new Promise((r) => setTimeout(r, 300));
    expect(posted).to.deep.equal([done.detail.intentId]);
    // Only the merchant's form was ever submitted (our mount node's submit never reaches the page).
    expect(submits.every((target) => target === form)).to.equal(true);
    expect(log.of('ssc-submit')).to.have.length(1);
    expect(shop.intentRequests).to.have.length(1);
    expect(confirms(shop)).to.have.length(1);
  });

  it('Enter on a saved card: the saved-card group locks while paying and focus moves to Pay, then to the status', async () => {
    shop.saveCard('pm_card_visa');
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL}></stripe-save-card>`);
    await until(() => !!el.shadowRoot!.querySelector('[part="saved-cards"] input:checked'), 'the saved card chosen');
    el.focus();
    expect(el.shadowRoot!.activeElement?.getAttribute('type')).to.equal('radio');
    const held = shop.hold(PI_CONFIRM);
    await press('Enter');
    await held.arrived;
    await el.updateComplete;
    expect((part(el, 'saved-cards') as HTMLFieldSetElement).disabled).to.equal(true);
    expect(focusOf(el)).to.equal('button');
    held.release();
    await log.first('ssc-succeeded');
    await until(() => focusOf(el) === 'message', `focus on the status (is ${focusOf(el)})`);
  });

  it('Enter in an incomplete card pays nothing and says what is missing; focus stays in the card', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard('4242 4242', { exp: undefined, cvc: undefined, postal: undefined });
    await press('Enter');
    const error = await log.first('ssc-error');
    expect(error.detail.stage).to.equal('validation');
    expect(part(el, 'error').textContent).to.equal(error.detail.message);
    await until(() => focusOf(el).startsWith('card:'), `focus in the card (is ${focusOf(el)})`);
    expect(shop.intentRequests).to.have.length(0);
  });

  it('a decline: focus returns to the card, the alert reads Stripe\'s message, "Try another card" empties and focuses the card', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard('4000 0000 0000 9995');
    await press('Tab');
    await press('Tab');
    await until(() => focusOf(el) === 'button', `focus on Pay (is ${focusOf(el)})`);
    await press('Enter');
    const declined = await log.first('ssc-declined');
    await until(() => focusOf(el) === 'card:cardnumber', `focus on the card number (is ${focusOf(el)})`);
    const alert = part(el, 'error');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.equal(declined.detail.message);
    expect(declined.detail.message).to.equal('Your card has insufficient funds.');
    // Shift+Tab from the card is the toggle's side; Tab onwards: toggle, Pay, then the next step.
    const next = part(el, 'try-another');
    expect(next.textContent).to.equal('Try another card');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    await until(() => focusOf(el) === 'try-another', `focus on "Try another card" (is ${focusOf(el)})`);
    await press('Enter');
    const frame = cardFrame(el);
    await until(() => focusOf(el) === 'card:cardnumber', `focus on the card number (is ${focusOf(el)})`);
    expect(cardInput(frame, 'number').value).to.equal('');
    expect(el.shadowRoot!.querySelector('[part="try-another"]')).to.equal(null);
    // The customer types another card and presses Enter: the same intent takes it.
    await sendKeys({ type: VISA });
    await fillCard(VISA, { number: undefined });
    await press('Enter');
    const done = await log.first('ssc-succeeded');
    expect(done.detail.intentId).to.equal(declined.detail.intentId);
  });
});
