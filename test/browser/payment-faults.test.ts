// The money-safety faults of the card tag (element-lost-answer, element-in-flight, element-final), against
// <stripe-save-payment>: Stripe confirms but the page loses the answer (the intent is read back: a payment that went
// through is reported as one, a decline as a decline, and nothing is charged twice), reset() while the confirm is in
// flight (the answer is still reported; a success stays final, a decline then resets), and clicks after success.
import { expect } from '@open-wc/testing';
import '../../src/payment/define.js';
import type { StripeSavePayment } from '../../src/payment/stripe-save-payment.js';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, confirms, type Shop } from './helpers/element-backend.js';
import { clickOn } from './helpers/conformance.js';
import { paymentFrame, typeCardDetails } from './helpers/payment-element.js';
import { until as waitUntil } from './helpers/until.js';

const PI_CONFIRM = /^\/v1\/payment_intents\/[^/]+\/confirm$/;
const SI_CONFIRM = /^\/v1\/setup_intents\/[^/]+\/confirm$/;
const OUTCOMES = ['ssc-succeeded', 'ssc-declined', 'ssc-error', 'ssc-authentication-failed'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe('<stripe-save-payment> money-safety faults', function () {
  this.timeout(40000);
  let shop: Shop;
  let element: StripeSavePayment;
  let seen: Array<{ type: string; detail: Json }>;
  let frame: HTMLIFrameElement;

  beforeEach(async () => {
    shop = await startShop();
    sessionStorage.clear();
  });
  afterEach(() => document.querySelectorAll('stripe-save-payment').forEach((node) => node.remove()));

  // These flows run a whole Payment Element payment: 10 s, not the helper's 5 s.
  const until = (check: () => boolean, what: string, timeoutMs = 10000) => waitUntil(check, what, timeoutMs);

  /** The tag as the shop's backend expects it ($19.99, card), ready, the card typed. */
  async function create(number: string, mode = 'payment'): Promise<void> {
    element = document.createElement('stripe-save-payment');
    const attributes = { 'publishable-key': PUBLISHABLE_KEY, 'intent-url': INTENT_URL, amount: '1999', currency: 'usd', mode, locale: 'en' };
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.style.width = '460px';
    // A Stripe instance of this test's own (the page's `stripe` property): the emulator is reset between tests, so
    // nothing it made before should carry over.
    element.stripe = (window as unknown as { Stripe: (key: string, options: Json) => StripeSavePayment['stripe'] }).Stripe(PUBLISHABLE_KEY, { locale: 'en' });
    seen = [];
    for (const type of ['ssc-ready', ...OUTCOMES]) element.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    document.body.append(element);
    frame = await paymentFrame(element);
    await until(() => seen.some((e) => e.type == 'ssc-ready'), 'ssc-ready');
    await typeCardDetails(frame, number);
  }

  const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;
  const outcomes = () => seen.filter((e) => OUTCOMES.includes(e.type));
  /** How many outcomes there will be once the payment just started ends (counted before it starts: it may end first). */
  let expected = 0;
  async function nextOutcome(count = expected): Promise<{ type: string; detail: Json }> {
    await until(() => outcomes().length >= count, 'an outcome', 20000).catch((error: Error) => {
      throw new Error(`${error.message}; message "${part('message').textContent}", error "${part('error').textContent}", requests ${JSON.stringify(shop.fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`))}`);
    });
    await element.updateComplete;
    return outcomes()[count - 1]!;
  }
  const pay = () => {
    expected = outcomes().length + 1;
    return clickOn(part('button'));
  };
  const submit = () => {
    expected = outcomes().length + 1;
    void element.submit();
  };

  /** After success: a click, submit() and the form's Enter path charge nothing more; one intent, one confirm. */
  async function paysOnlyOnce(kind: 'payment_intents' | 'setup_intents' = 'payment_intents'): Promise<void> {
    const before = outcomes().length;
    await pay();
    await element.submit();
    await new Promise((r) => setTimeout(r, 300));
    expect(outcomes().length, 'no second outcome').to.equal(before);
    expect(shop.intents(kind).length, 'one intent').to.equal(1);
    expect(confirms(shop).length, 'one confirm').to.equal(1);
    expect(shop.intentRequests.length, 'one intent-url call').to.equal(1);
  }

  describe('a confirm whose answer is lost', () => {
    it('PaymentIntent: Stripe charged, the page saw a network error → ssc-succeeded, never charged twice', async () => {
      await create('4242424242424242');
      shop.dropAnswer(PI_CONFIRM);
      await pay();
      const done = await nextOutcome();
      expect(done.type).to.equal('ssc-succeeded');
      expect(done.detail).to.include({ status: 'succeeded', mode: 'payment' });
      expect(shop.retrieve(done.detail.intentId).status).to.equal('succeeded');
      expect(element.value).to.equal(done.detail.intentId);
      expect(part('message').textContent).to.equal('Payment succeeded.');
      expect(part('error').textContent).to.equal('');
      await paysOnlyOnce();
    });

    it('SetupIntent: the same with confirmSetup', async () => {
      await create('4242424242424242', 'setup');
      shop.dropAnswer(SI_CONFIRM);
      await pay();
      const done = await nextOutcome();
      expect(done.type).to.equal('ssc-succeeded');
      expect(done.detail).to.include({ status: 'succeeded', mode: 'setup' });
      expect(part('message').textContent).to.equal('Your payment details were saved.');
      await paysOnlyOnce('setup_intents');
    });

    it('a decline whose answer is lost is still a decline, and the retry reuses the intent', async () => {
      await create('4000000000000002');
      shop.dropAnswer(PI_CONFIRM);
      await pay();
      const declined = await nextOutcome();
      expect(declined.type).to.equal('ssc-declined');
      expect(part('error').textContent).to.equal('Your card was declined.');
      await pay();
      expect((await nextOutcome()).type).to.equal('ssc-declined');
      expect(shop.intents().length).to.equal(1);
    });

    it('Stripe unreachable for the confirm and the read-back: ssc-error; the next submit reads the intent first and reports the payment without paying again', async () => {
      await create('4242424242424242');
      shop.dropAnswer(PI_CONFIRM);
      shop.dropAnswer(/^\/v1\/payment_intents\/[^/]+$/, 'GET');
      await pay();
      const failed = await nextOutcome();
      expect(failed.type).to.equal('ssc-error');
      expect(part('error').textContent).to.equal('Could not reach Stripe. Check your connection and try again.');
      const paidAlready = shop.intents()[0]!;
      expect(paidAlready.status).to.equal('succeeded');
      submit();
      const done = await nextOutcome();
      expect(done.type).to.equal('ssc-succeeded');
      expect(done.detail.intentId).to.equal(paidAlready.id);
      expect(confirms(shop).length).to.equal(1);
      expect(shop.intents().length).to.equal(1);
    });
  });

  describe('reset() while the confirm is in flight', () => {
    it('the success is reported when Stripe answers, and stays final instead of inviting a second payment', async () => {
      await create('4242424242424242');
      const held = shop.hold(PI_CONFIRM);
      await pay();
      await held.arrived;
      element.reset();
      held.release();
      const done = await nextOutcome();
      expect(done.type).to.equal('ssc-succeeded');
      expect(element.value).to.equal(done.detail.intentId);
      expect(part('message').textContent).to.equal('Payment succeeded.');
      expect((part('button') as HTMLButtonElement).disabled).to.equal(true);
      await paysOnlyOnce();
    });

    it('a decline is reported, then the form resets: a new checkout (no intentId sent next time)', async () => {
      await create('4000000000000002');
      const held = shop.hold(PI_CONFIRM);
      await pay();
      await held.arrived;
      element.reset();
      held.release();
      const declined = await nextOutcome();
      expect(declined.type).to.equal('ssc-declined');
      await element.updateComplete;
      expect(part('error').textContent).to.equal('');
      expect(element.value).to.equal(null);
      await typeCardDetails(frame, '4242424242424242');
      submit();
      expect((await nextOutcome()).type).to.equal('ssc-succeeded');
      expect(shop.intentRequests.map((r) => r.intentId)).to.deep.equal([undefined, undefined]);
    });
  });

  it('after "Payment succeeded.": a click and submit() create no second intent or charge; reset() starts a new checkout', async () => {
    await create('4242424242424242');
    await pay();
    const first = await nextOutcome();
    expect(first.type).to.equal('ssc-succeeded');
    await paysOnlyOnce();
    element.reset();
    await element.updateComplete;
    expect(part('message').textContent).to.equal('');
    await typeCardDetails(frame, '4242424242424242');
    await pay();
    const second = await nextOutcome();
    expect(second.type).to.equal('ssc-succeeded');
    expect(second.detail.intentId).to.not.equal(first.detail.intentId);
    expect(shop.intentRequests.map((r) => r.intentId)).to.deep.equal([undefined, undefined]);
    // Each checkout its own checkoutId (issue #17): the backend keys its order and idempotency keys on it.
    expect(shop.checkoutIds).to.have.length(2);
    expect(shop.checkoutIds[0]).to.be.a('string').and.match(/^[0-9-]{8,64}$/);
    expect(shop.checkoutIds[1]).to.be.a('string').and.not.equal(shop.checkoutIds[0]);
  });
});
