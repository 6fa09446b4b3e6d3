// The fake Card Element as a customer meets it: typed into with the real keyboard, formatted as they type,
// reporting Stripe's change payloads and error codes. No network is involved here.
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeCardElement, StripeCardElementChangeEvent } from '@stripe/stripe-js';
import { installFakeStripe, SHADOW_ROOT_MOUNT_MESSAGE, type FakeStripeInstallation } from '../../src/testing/browser/index.js';
import { TEST_CARDS } from '../../src/testing/index.js';
import { cardFrame, cardInput, clickField, frameReady, press, typeCard } from './helpers/card.js';
import { placeholderColor } from './helpers/placeholder.js';

describe('fake Stripe.js: the Card Element', function () {
  // Real key presses are one round trip each: give them room when the machine is busy.
  this.timeout(30000);
  let install: FakeStripeInstallation;
  let stripe: Stripe;
  let container: HTMLDivElement;
  let card: StripeCardElement;
  let changes: StripeCardElementChangeEvent[];

  async function mountCard(options: Parameters<ReturnType<Stripe['elements']>['create']>[1] = {}): Promise<HTMLIFrameElement> {
    card = stripe.elements().create('card', options);
    changes = [];
    card.on('change', (event) => changes.push(event));
    const ready = new Promise<void>((resolve) => card.on('ready', () => resolve()));
    card.mount(container);
    await ready;
    return cardFrame(container);
  }

  const last = (): StripeCardElementChangeEvent => {
    const event = changes[changes.length - 1];
    if (!event) throw new Error('no change event was emitted');
    return event;
  };

  beforeEach(async () => {
    install = installFakeStripe({ apiBase: '/no-network-in-these-tests' });
    stripe = (await loadStripe('pk_test_card'))!;
    container = document.createElement('div');
    container.id = 'card-element';
    container.style.width = '480px';
    document.body.append(container);
  });

  afterEach(() => {
    card?.destroy();
    container.remove();
    install();
  });

  it('loadStripe from @stripe/stripe-js/pure hands back the fake, and Stripe.version is the 10.x train', async () => {
    expect(typeof (window as unknown as { Stripe: { version: string } }).Stripe).to.equal('function');
    expect((window as unknown as { Stripe: { version: string } }).Stripe.version).to.equal('endive');
    expect(typeof stripe.confirmCardPayment).to.equal('function');
    expect(install.instances).to.equal(1);
  });

  it('mounts an iframe with Stripe-named inputs and fires ready', async () => {
    const frame = await mountCard();
    expect(frame.name).to.match(/^__privateStripeFrame\d+$/);
    expect(frame.title).to.equal('Secure card payment input frame');
    const number = cardInput(frame, 'number');
    expect(number.placeholder).to.equal('Card number');
    expect(number.autocomplete).to.equal('cc-number');
    expect(number.inputMode).to.equal('numeric');
    expect(cardInput(frame, 'exp').placeholder).to.equal('MM / YY');
    expect(cardInput(frame, 'cvc').placeholder).to.equal('CVC');
    expect(cardInput(frame, 'postal').placeholder).to.equal('ZIP');
    expect(container.classList.contains('StripeElement')).to.equal(true);
    expect(container.classList.contains('StripeElement--empty')).to.equal(true);
  });

  it('typing 4242 formats the number, detects visa and reports complete once every field is filled', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424242' });
    expect(cardInput(frame, 'number').value).to.equal('4242 4242 4242 4242');
    expect(last()).to.deep.equal({ elementType: 'card', empty: false, complete: false, brand: 'visa', value: { postalCode: '' }, error: undefined });
    await typeCard(frame, { exp: '1234', cvc: '123', postal: '42424' });
    expect(cardInput(frame, 'exp').value).to.equal('12 / 34');
    expect(last()).to.deep.equal({ elementType: 'card', empty: false, complete: true, brand: 'visa', value: { postalCode: '42424' }, error: undefined });
    expect(container.classList.contains('StripeElement--complete')).to.equal(true);
    expect(container.classList.contains('StripeElement--empty')).to.equal(false);
  });

  it('a person typing straight through is carried from field to field', async () => {
    const frame = await mountCard();
    await clickField(frame, 'number');
    await sendType('4242424242424242' + '434' + '567' + '94107'); // "4" cannot start a month: it becomes 04
    expect(cardInput(frame, 'exp').value).to.equal('04 / 34');
    expect(cardInput(frame, 'cvc').value).to.equal('567');
    expect(cardInput(frame, 'postal').value).to.equal('94107');
    expect(last().complete).to.equal(true);
  });

  it('detects every brand from the first digits', async () => {
    const frame = await mountCard();
    const cases: Array<[string, string, string]> = [
      ['4000', 'visa', '4000'],
      ['5555', 'mastercard', '5555'],
      ['2223', 'mastercard', '2223'],
      ['378282246310005', 'amex', '3782 822463 10005'],
      ['6011', 'discover', '6011'],
      ['36227206271667', 'diners', '3622 720627 1667'],
      ['3566', 'jcb', '3566'],
      ['6200', 'unionpay', '6200'],
      ['9999', 'unknown', '9999'],
    ];
    for (const [typed, brand, shown] of cases) {
      card.clear();
      await typeCard(frame, { number: typed });
      expect(`${typed}: ${last().brand} "${cardInput(frame, 'number').value}"`).to.equal(`${typed}: ${brand} "${shown}"`);
    }
  });

  it('agrees with the emulator on every test card: same brand, valid number', async function () {
    this.timeout(40000); // 23 cards typed key by key
    const frame = await mountCard();
    await typeCard(frame, { exp: '1234', postal: '42424' });
    const seen: string[] = [];
    for (const testCard of TEST_CARDS) {
      await clickField(frame, 'number');
      cardInput(frame, 'number').select(); // then the typing replaces the previous number
      await sendType(testCard.number);
      const event = last();
      seen.push(`${testCard.number} ${event.brand} ${event.error?.code ?? 'ok'} ${onlyDigits(cardInput(frame, 'number').value)}`);
    }
    expect(seen).to.deep.equal(TEST_CARDS.map((c) => `${c.number} ${c.brand} ok ${c.number}`));
  });

  it('reports invalid_number for a full number that fails Luhn', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424241' });
    expect(last().error).to.deep.equal({ type: 'validation_error', code: 'invalid_number', message: 'Your card number is invalid.' });
    expect(container.classList.contains('StripeElement--invalid')).to.equal(true);
  });

  it('reports incomplete_number when the customer leaves a half-typed number (not while typing)', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242' });
    expect(last().error).to.equal(undefined); // still typing: no error yet
    await clickField(frame, 'exp');
    expect(last().error).to.deep.equal({ type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' });
  });

  it('reports incomplete_expiry when the customer leaves a half-typed date', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424242', exp: '1' });
    await clickField(frame, 'cvc');
    expect(last().error).to.deep.equal({ type: 'validation_error', code: 'incomplete_expiry', message: "Your card's expiration date is incomplete." });
  });

  it('reports incomplete_cvc when the customer leaves a short CVC', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424242', exp: '1234', cvc: '12' });
    await clickField(frame, 'postal');
    expect(last().error).to.deep.equal({ type: 'validation_error', code: 'incomplete_cvc', message: "Your card's security code is incomplete." });
  });

  it('reports incomplete_zip when the element loses focus with a short postal code', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424242', exp: '1234', cvc: '123', postal: '123' });
    card.blur();
    expect(last().error).to.deep.equal({ type: 'validation_error', code: 'incomplete_zip', message: 'Your postal code is incomplete.' });
    expect(last().complete).to.equal(false);
  });

  it('reports expiry dates in the past with Stripe codes', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424242', exp: '1220' });
    expect(last().error).to.deep.equal({ type: 'validation_error', code: 'invalid_expiry_year_past', message: "Your card's expiration year is in the past." });
    const now = new Date();
    if (now.getMonth() === 0) return; // in January no month of this year is in the past
    card.clear();
    const month = String(now.getMonth()).padStart(2, '0');
    await typeCard(frame, { number: '4242424242424242', exp: `${month}${String(now.getFullYear()).slice(2)}` });
    expect(last().error?.code).to.equal('invalid_expiry_month_past');
  });

  it('asks for a 4-digit CVC on Amex cards', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '378282246310005', exp: '1234', cvc: '123', postal: '12345' });
    expect(last().complete).to.equal(false);
    await typeCard(frame, { cvc: '4' });
    expect(cardInput(frame, 'cvc').value).to.equal('1234');
    expect(last().complete).to.equal(true);
  });

  it('backspacing over the expiry separator works like a text field', async () => {
    const frame = await mountCard();
    await typeCard(frame, { exp: '12' });
    expect(cardInput(frame, 'exp').value).to.equal('12 / ');
    await press('Backspace');
    expect(cardInput(frame, 'exp').value).to.equal('12');
    await press('Backspace');
    expect(cardInput(frame, 'exp').value).to.equal('1');
  });

  it('hidePostalCode hides the ZIP field and completes without it; update() can bring it back', async () => {
    const frame = await mountCard({ hidePostalCode: true });
    await typeCard(frame, { number: '4242424242424242', exp: '1234', cvc: '123' });
    expect(getComputedStyle(cardInput(frame, 'postal')).display === 'none' || cardInput(frame, 'postal').offsetParent === null).to.equal(true);
    expect(last().complete).to.equal(true);
    card.update({ hidePostalCode: false });
    expect(last().complete).to.equal(false);
    card.update({ value: { postalCode: '94107' } });
    expect(cardInput(frame, 'postal').value).to.equal('94107');
    expect(last()).to.deep.include({ complete: true, value: { postalCode: '94107' } });
  });

  it('applies style variants inside the frame and classes on the container', async () => {
    const frame = await mountCard({
      style: {
        base: { color: 'rgb(1, 2, 3)', fontSize: '20px', fontFamily: 'monospace', iconColor: 'rgb(7, 8, 9)', '::placeholder': { color: 'rgb(4, 5, 6)' } },
        invalid: { color: 'rgb(200, 0, 0)', iconColor: 'rgb(201, 0, 0)' },
      },
      classes: { base: 'my-card', focus: 'my-card--focus', invalid: 'my-card--bad' },
    });
    const number = cardInput(frame, 'number');
    const win = frame.contentWindow!;
    expect(win.getComputedStyle(number).color).to.equal('rgb(1, 2, 3)');
    expect(win.getComputedStyle(number).fontSize).to.equal('20px');
    expect(placeholderColor(number)).to.equal('rgb(4, 5, 6)');
    expect(win.getComputedStyle(frame.contentDocument!.querySelector('.CardBrandIcon')!).color).to.equal('rgb(7, 8, 9)');
    expect(frame.getBoundingClientRect().height).to.be.greaterThan(20); // the frame grows with the font
    expect(container.classList.contains('my-card')).to.equal(true);
    await clickField(frame, 'number');
    expect(container.classList.contains('my-card--focus')).to.equal(true);
    await sendType('4242424242424241');
    expect(win.getComputedStyle(number).color).to.equal('rgb(200, 0, 0)');
    expect(container.classList.contains('my-card--bad')).to.equal(true);
    card.update({ style: { base: { color: 'rgb(10, 20, 30)' } } });
    expect(win.getComputedStyle(cardInput(frame, 'exp')).color).to.equal('rgb(10, 20, 30)');
  });

  it('fires focus, blur and escape, and focus() puts the cursor in the card number', async () => {
    const frame = await mountCard();
    const seen: string[] = [];
    card.on('focus', (e) => seen.push(`focus:${e.elementType}`));
    card.on('blur', (e) => seen.push(`blur:${e.elementType}`));
    card.on('escape', (e) => seen.push(`escape:${e.elementType}`));
    card.focus();
    expect(frame.contentDocument!.activeElement?.getAttribute('name')).to.equal('cardnumber');
    await clickField(frame, 'exp'); // moving inside the element is not a blur
    await press('Escape');
    card.blur();
    expect(seen).to.deep.equal(['focus:card', 'escape:card', 'blur:card']);
  });

  it('update({ disabled }) stops input', async () => {
    const frame = await mountCard();
    card.update({ disabled: true });
    expect(cardInput(frame, 'number').disabled).to.equal(true);
    await clickField(frame, 'number');
    await sendType('4242');
    expect(cardInput(frame, 'number').value).to.equal('');
    card.update({ disabled: false });
    await typeCard(frame, { number: '4242' });
    expect(cardInput(frame, 'number').value).to.equal('4242');
  });

  it('keeps what was typed when the mount node moves (the frame reloads)', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4242424242424242' });
    const other = document.createElement('section');
    document.body.append(other);
    const reloaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    other.append(container);
    await reloaded;
    await frameReady(frame);
    expect(cardInput(frame, 'number').value).to.equal('4242 4242 4242 4242');
    document.body.append(container);
    other.remove();
  });

  it('keeps keys typed before the fake wired the frame (they used to be wiped when it did)', async () => {
    const frame = await mountCard();
    // The frame's input holds text the fake never saw an input event for (what a fast typist leaves between the
    // frame's parsing and its load event); the fake wires the frame on load.
    cardInput(frame, 'number').value = '4242424242424242';
    frame.dispatchEvent(new Event('load'));
    expect(cardInput(frame, 'number').value).to.equal('4242 4242 4242 4242');
    expect([last().brand, last().empty]).to.deep.equal(['visa', false]);
  });

  it('refuses to mount in a ShadowRoot or a detached node with Stripe\'s message', async () => {
    card = stripe.elements().create('card');
    const host = document.createElement('div');
    document.body.append(host);
    const inner = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(inner);
    let message = '';
    try {
      card.mount(inner);
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(message).to.equal(`IntegrationError: ${SHADOW_ROOT_MOUNT_MESSAGE}`);
    expect(SHADOW_ROOT_MOUNT_MESSAGE).to.equal('Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.');
    expect(() => card.mount(document.createElement('div'))).to.throw(SHADOW_ROOT_MOUNT_MESSAGE);
    expect(() => card.mount('#nowhere-on-this-page')).to.throw(/applies to no DOM elements/);
    host.remove();
    card.mount('#card-element'); // still usable after the refusals
    expect(container.querySelector('iframe') !== null).to.equal(true);
  });

  it('allows one card per Elements group; destroy() frees the slot and unmount() allows a remount', async () => {
    const elements = stripe.elements();
    card = elements.create('card');
    expect(() => elements.create('card')).to.throw('Can only create one Element of type card.');
    expect(elements.getElement('card') === card).to.equal(true);
    card.mount(container);
    card.unmount();
    expect(container.querySelector('iframe')).to.equal(null);
    expect(container.classList.contains('StripeElement')).to.equal(false);
    card.mount(container);
    expect(container.querySelector('iframe') !== null).to.equal(true);
    card.destroy();
    expect(elements.getElement('card')).to.equal(null);
    card = elements.create('card');
    card.mount(container);
    expect(container.querySelectorAll('iframe').length).to.equal(1);
  });

  it('never writes card data into the page, its attributes or storage', async () => {
    const frame = await mountCard();
    await typeCard(frame, { number: '4000002760003184', exp: '1234', cvc: '987', postal: '42424' });
    const page = document.documentElement.outerHTML;
    expect(page.includes('4000')).to.equal(false);
    expect(page.includes('3184')).to.equal(false);
    expect(page.includes('987')).to.equal(false);
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).to.not.match(/3184|987/);
    expect(JSON.stringify(changes)).to.not.match(/3184|987/);
    expect(JSON.stringify(card) ?? '').to.not.match(/3184|987/);
    expect(Object.values(card).map((v) => JSON.stringify(v) ?? '').join('')).to.not.match(/3184|987/);
  });
});

const onlyDigits = (text: string): string => text.replace(/\D/g, '');

async function sendType(text: string): Promise<void> {
  const { sendKeys } = await import('@web/test-runner-commands');
  await sendKeys({ type: text });
}
