// The split card Elements (cardNumber, cardExpiry, cardCvc) as a customer meets them: three iframes with Stripe's
// input names, one card between them, each reporting its own change, confirmed through the cardNumber Element.
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeCardNumberElement, StripeElements } from '@stripe/stripe-js';
import { cardFrame, cardInput, typeCard } from './helpers/card.js';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';

type Split = 'cardNumber' | 'cardExpiry' | 'cardCvc';

describe('fake Stripe.js: split card Elements', function () {
  this.timeout(30000);
  let env: EmulatorSetup;
  let stripe: Stripe;
  let elements: StripeElements;
  let containers: HTMLElement[];
  let changes: Array<{ elementType: string; complete: boolean; empty: boolean; brand?: string; error?: { code: string } }>;

  beforeEach(async () => {
    env = await setupEmulator();
    stripe = (await loadStripe(env.publishableKey))!;
    elements = stripe.elements();
    containers = [];
    changes = [];
  });

  afterEach(() => {
    for (const type of ['cardNumber', 'cardExpiry', 'cardCvc'] as const) elements.getElement(type as 'cardNumber')?.destroy();
    for (const container of containers) container.remove();
    env.teardown();
  });

  /** Mounts the given split Elements side by side; returns their frames. */
  async function mountSplit(types: Split[] = ['cardNumber', 'cardExpiry', 'cardCvc']): Promise<Record<Split, HTMLIFrameElement>> {
    const frames = {} as Record<Split, HTMLIFrameElement>;
    for (const type of types) {
      const container = document.createElement('div');
      container.style.width = '240px';
      document.body.append(container);
      containers.push(container);
      const element = elements.create(type as 'cardNumber');
      element.on('change', (event) => changes.push(event as never));
      const ready = new Promise<void>((resolve) => element.once('ready', () => resolve()));
      element.mount(container);
      await ready;
      frames[type] = cardFrame(container);
    }
    return frames;
  }

  const lastChange = (type: Split) => changes.filter((c) => c.elementType === type).at(-1);

  it('mounts each Element in its own iframe with Stripe\'s single input and title', async () => {
    const frames = await mountSplit();
    expect(new Set(Object.values(frames).map((f) => f.name)).size).to.equal(3);
    expect([frames.cardNumber.title, frames.cardExpiry.title, frames.cardCvc.title])
      .to.deep.equal(['Secure card number input frame', 'Secure expiration date input frame', 'Secure CVC input frame']);
    const names = (frame: HTMLIFrameElement) => [...frame.contentDocument!.querySelectorAll('input')].map((i) => i.name);
    expect([names(frames.cardNumber), names(frames.cardExpiry), names(frames.cardCvc)]).to.deep.equal([['cardnumber'], ['exp-date'], ['cvc']]);
    expect([cardInput(frames.cardNumber, 'number').placeholder, cardInput(frames.cardExpiry, 'exp').placeholder, cardInput(frames.cardCvc, 'cvc').placeholder])
      .to.deep.equal(['1234 1234 1234 1234', 'MM / YY', 'CVC']);
  });

  it('each Element reports its own change; the CVC follows the brand typed in the number', async () => {
    const frames = await mountSplit();
    await typeCard(frames.cardNumber, { number: '378282246310005' });
    expect(lastChange('cardNumber')).to.deep.equal({ elementType: 'cardNumber', empty: false, complete: true, brand: 'amex', error: undefined });
    await typeCard(frames.cardExpiry, { exp: '1234' });
    expect(lastChange('cardExpiry')).to.deep.equal({ elementType: 'cardExpiry', empty: false, complete: true, error: undefined });
    await typeCard(frames.cardCvc, { cvc: '123' });
    expect(lastChange('cardCvc')?.complete).to.equal(false); // Amex: four digits
    await typeCard(frames.cardCvc, { cvc: '4' });
    expect(cardInput(frames.cardCvc, 'cvc').value).to.equal('1234');
    expect(lastChange('cardCvc')).to.deep.equal({ elementType: 'cardCvc', empty: false, complete: true, error: undefined });
  });

  it('getElement finds each Element by type string and by a component carrying __elementType', async () => {
    await mountSplit(['cardNumber', 'cardCvc']);
    const number = elements.getElement('cardNumber');
    expect(number).to.not.equal(null);
    const CardNumberElement = Object.assign(() => null, { __elementType: 'cardNumber' });
    expect(elements.getElement(CardNumberElement as never)).to.equal(number);
    expect(elements.getElement('cardExpiry')).to.equal(null);
    expect(elements.getElement('card')).to.equal(null);
    expect(() => elements.getElement(42 as never)).to.throw(/getElement: expected an Element type string/);
    expect(() => elements.create('cardNumber')).to.throw('Can only create one Element of type cardNumber.');
  });

  it('confirmCardPayment with the cardNumber Element sends the expiry and CVC typed next door', async () => {
    const frames = await mountSplit();
    await typeCard(frames.cardNumber, { number: '4000002500003155' });
    await typeCard(frames.cardExpiry, { exp: '1234' });
    await typeCard(frames.cardCvc, { cvc: '123' });
    const pi = env.createPaymentIntent();
    const card = elements.getElement('cardNumber') as StripeCardNumberElement;
    const pending = stripe.confirmCardPayment(pi.client_secret, { payment_method: { card, billing_details: { name: 'Split' } } });
    await answerChallenge('complete');
    const { paymentIntent, error } = await pending;
    expect(error).to.equal(undefined);
    expect(paymentIntent?.status).to.equal('succeeded');
    const sent = env.fake!.requests.find((r) => r.path.endsWith('/confirm'))!.params;
    expect(['payment_method_data[card][exp_month]', 'payment_method_data[card][cvc]'].map((k) => sent[k])).to.deep.equal(['[redacted]', '[redacted]']);
    const pm = env.emulator.request('GET', `/v1/payment_methods/${String(paymentIntent?.payment_method)}`).body;
    expect([pm.card.last4, pm.card.exp_month, pm.card.exp_year, pm.card.checks.cvc_check, pm.billing_details.name]).to.deep.equal(['3155', 12, 2034, 'pass', 'Split']);
  });

  it('a missing expiry is reported by the cardExpiry Element, and nothing is sent', async () => {
    const frames = await mountSplit();
    await typeCard(frames.cardNumber, { number: '4242424242424242' });
    await typeCard(frames.cardCvc, { cvc: '123' });
    const pi = env.createPaymentIntent();
    const card = elements.getElement('cardNumber')!;
    const { error } = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } });
    expect(error?.code).to.equal('incomplete_expiry');
    expect(lastChange('cardExpiry')?.error?.code).to.equal('incomplete_expiry');
    expect(containers[1]!.classList.contains('StripeElement--invalid')).to.equal(true);
    expect(env.fake!.requests).to.deep.equal([]);
  });

  it('createToken and createPaymentMethod take the cardNumber Element, not the expiry or CVC ones', async () => {
    const frames = await mountSplit();
    await typeCard(frames.cardNumber, { number: '5555555555554444' });
    await typeCard(frames.cardExpiry, { exp: '1234' });
    await typeCard(frames.cardCvc, { cvc: '123' });
    const { token } = await stripe.createToken(elements.getElement('cardNumber')!);
    expect([token?.card?.brand, token?.card?.last4, token?.card?.address_zip]).to.deep.equal(['MasterCard', '4444', null]);
    const { token: cvcToken } = await stripe.createToken('cvc_update', elements.getElement('cardCvc')!);
    expect(cvcToken?.type).to.equal('cvc_update');
    expect(() => stripe.createPaymentMethod({ type: 'card', card: elements.getElement('cardExpiry') as never })).to.throw(/expected a card or cardNumber Element/);
  });
});
