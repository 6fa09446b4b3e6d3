// The older Stripe.js call shapes real Stripe.js still accepts, and the rest of its non-intent surface, on the fake
// with the emulator in the page (msw): createPaymentMethod('card', element, data), handleCardPayment/handleCardSetup,
// confirmCardPayment(secret) for an intent that already has its card, createToken, createSource, retrieveSource,
// registerAppInfo and paymentRequest. Cards are typed with real key presses.
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe } from '@stripe/stripe-js';
import { typeCard } from './helpers/card.js';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { mountCard, type MountedCard } from './helpers/mount.js';

// The older methods are gone from @stripe/stripe-js 10's types but not from Stripe.js: call them untyped, as
// pages written for them do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Record<string, (...args: any[]) => any>;

describe('fake Stripe.js: older call shapes, tokens and sources', function () {
  this.timeout(30000);
  let env: EmulatorSetup;
  let stripe: Stripe;
  let legacy: Untyped;
  let mounted: MountedCard | undefined;

  beforeEach(async () => {
    env = await setupEmulator();
    stripe = (await loadStripe(env.publishableKey))!;
    legacy = stripe as unknown as Untyped;
  });

  afterEach(() => {
    mounted?.remove();
    mounted = undefined;
    env.teardown();
  });

  async function cardWith(number: string, postal = '42424'): Promise<MountedCard> {
    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number, exp: '12 / 34', cvc: number.startsWith('3') ? '1234' : '123', postal });
    return mounted;
  }

  it("createPaymentMethod('card', cardElement, { billing_details }) resolves a PaymentMethod instead of throwing", async () => {
    const { card } = await cardWith('4242424242424242');
    const pending = legacy.createPaymentMethod!('card', card, { billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' } });
    expect(pending).to.be.instanceOf(Promise);
    const { paymentMethod, error } = await pending;
    expect(error).to.equal(undefined);
    expect([paymentMethod.card.last4, paymentMethod.billing_details.name, paymentMethod.billing_details.email, paymentMethod.billing_details.address.postal_code])
      .to.deep.equal(['4242', 'Jenny Rosen', 'jenny@example.com', '42424']);
    // The server then confirms with it: the same card, no second PaymentMethod.
    const pi = env.createPaymentIntent({ payment_method: paymentMethod.id, confirm: true, 'automatic_payment_methods[enabled]': true, 'automatic_payment_methods[allow_redirects]': 'never' });
    expect(pi.status).to.equal('succeeded');
  });

  it('handleCardPayment(secret, cardElement, data) confirms, runs 3DS and sends the billing details', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000002500003155');
    const pending = legacy.handleCardPayment!(pi.client_secret, card, { payment_method_data: { billing_details: { name: 'Ada' } }, receipt_email: 'ada@example.com' });
    await answerChallenge('complete');
    const { paymentIntent, error } = await pending;
    expect(error).to.equal(undefined);
    expect(paymentIntent.status).to.equal('succeeded');
    const pm = env.emulator.request('GET', `/v1/payment_methods/${String(paymentIntent.payment_method)}`).body;
    expect([pm.billing_details.name, pm.billing_details.address.postal_code, pm.card.last4]).to.deep.equal(['Ada', '42424', '3155']);
    expect(env.emulator.request('GET', `/v1/payment_intents/${pi.id}`).body.receipt_email).to.equal('ada@example.com');
  });

  it('handleCardPayment(secret) after a server-side confirm runs the pending 3DS action', async () => {
    const pi = env.createPaymentIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true, 'automatic_payment_methods[enabled]': true, 'automatic_payment_methods[allow_redirects]': 'never' });
    expect(pi.status).to.equal('requires_action');
    const pending = legacy.handleCardPayment!(pi.client_secret);
    await answerChallenge('fail');
    const { error } = await pending;
    expect([error.code, error.payment_intent.status]).to.deep.equal(['payment_intent_authentication_failure', 'requires_payment_method']);
  });

  it('confirmCardPayment(secret) with no data confirms the card the intent already has', async () => {
    const { card } = await cardWith('4242424242424242');
    const { paymentMethod } = await stripe.createPaymentMethod({ type: 'card', card });
    const pi = env.createPaymentIntent({ payment_method: paymentMethod!.id });
    expect(pi.status).to.equal('requires_confirmation');
    const { paymentIntent, error } = await stripe.confirmCardPayment(pi.client_secret);
    expect(error).to.equal(undefined);
    expect([paymentIntent?.status, paymentIntent?.payment_method]).to.deep.equal(['succeeded', paymentMethod!.id]);
    const confirm = env.fake!.requests.find((r) => r.path.endsWith('/confirm'))!;
    expect(Object.keys(confirm.params).filter((k) => k.startsWith('payment_method'))).to.deep.equal([]);
  });

  it('handleCardSetup(secret, cardElement) saves the card like confirmCardSetup', async () => {
    const si = env.createSetupIntent();
    const { card } = await cardWith('5555555555554444');
    const { setupIntent, error } = await legacy.handleCardSetup!(si.client_secret, card);
    expect(error).to.equal(undefined);
    expect(setupIntent.status).to.equal('succeeded');
  });

  it('createToken(cardElement, data) makes a card token; the typed postal code becomes address_zip', async () => {
    const { card } = await cardWith('378282246310005');
    const { token, error } = await stripe.createToken(card, { name: 'Jenny Rosen', address_country: 'US' });
    expect(error).to.equal(undefined);
    expect(token!.id).to.match(/^tok_/);
    expect([token!.type, token!.card?.brand, token!.card?.last4, token!.card?.name, token!.card?.address_zip, token!.card?.address_country])
      .to.deep.equal(['card', 'American Express', '0005', 'Jenny Rosen', '42424', 'US']);
    const sent = env.fake!.requests[0]!;
    expect([sent.path, sent.params['card[number]'], sent.params['card[cvc]']]).to.deep.equal(['/v1/tokens', '[redacted]', '[redacted]']);
  });

  it('createToken with an incomplete card resolves the validation error and sends nothing', async () => {
    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number: '4242424242424242', exp: '12 / 3' });
    const { token, error } = await stripe.createToken(mounted.card);
    expect(token).to.equal(undefined);
    expect(error).to.deep.equal({ type: 'validation_error', code: 'incomplete_expiry', message: "Your card's expiration date is incomplete." });
    expect(env.fake!.requests).to.deep.equal([]);
  });

  it('createSource(cardElement, { type, owner }) makes a chargeable card source; retrieveSource reads it back', async () => {
    const { card } = await cardWith('4000002760003184');
    const { source, error } = await legacy.createSource!(card, { type: 'card', owner: { name: 'Jenny Rosen' } });
    expect(error).to.equal(undefined);
    expect([source.type, source.status, source.card.last4, source.card.three_d_secure, source.owner.name, source.owner.address.postal_code])
      .to.deep.equal(['card', 'chargeable', '3184', 'required', 'Jenny Rosen', '42424']);
    const again = await legacy.retrieveSource!({ id: source.id, client_secret: source.client_secret });
    expect(again.source.id).to.equal(source.id);
    const wrong = await legacy.retrieveSource!({ id: source.id, client_secret: 'src_client_secret_wrong' });
    expect([wrong.source, wrong.error?.param]).to.deep.equal([undefined, 'client_secret']);
    expect(() => legacy.retrieveSource!({ id: source.id })).to.throw(/retrieveSource: expected an object with `id` and `client_secret`/);
  });

  it('createSource({ type, token }) turns a token into a source, once', async () => {
    const { card } = await cardWith('4242424242424242');
    const { token } = await stripe.createToken(card);
    const first = await legacy.createSource!({ type: 'card', token: token!.id });
    expect(first.source.card.last4).to.equal('4242');
    const second = await legacy.createSource!({ type: 'card', token: token!.id });
    expect([second.source, second.error.code]).to.deep.equal([undefined, 'token_already_used']);
    expect(() => legacy.createSource!({ token: token!.id })).to.throw(/createSource: sourceData should be an object with a `type`/);
  });

  it('integration mistakes throw at the call, before any request, like Stripe.js IntegrationErrors', async () => {
    const { card } = await cardWith('4242424242424242');
    const pi = env.createPaymentIntent();
    expect(() => stripe.confirmCardPayment(pi.client_secret, { payment_method: { card: {} as never } })).to.throw(/expected a card or cardNumber Element/);
    expect(() => legacy.createPaymentMethod!('card', { billing_details: {} })).to.throw(/expected a card or cardNumber Element/);
    expect(() => legacy.createToken!('iban', {})).to.throw(/createToken: type should be one of/);
    card.unmount();
    expect(() => stripe.createToken(card)).to.throw(/still mounted/);
    expect(env.fake!.requests).to.deep.equal([]);
  });

  it('registerAppInfo records wrapper libraries and refuses a nameless one', () => {
    stripe.registerAppInfo({ name: 'stripe-pwa-elements', version: '2.1.0' });
    expect((stripe as unknown as { appInfo: unknown[] }).appInfo).to.deep.include({ name: 'stripe-pwa-elements', version: '2.1.0' });
    expect(() => stripe.registerAppInfo({} as never)).to.throw(/registerAppInfo: expected an object with a non-empty `name`/);
  });

  it('paymentRequest() exists and reports that no wallet is available', async () => {
    const request = stripe.paymentRequest({ country: 'US', currency: 'usd', total: { label: 'Order', amount: 1999 } });
    expect(await request.canMakePayment()).to.equal(null);
    expect(request.isShowing()).to.equal(false);
    request.update({ total: { label: 'Order', amount: 2999 } });
    request.on('paymentmethod', () => {});
    expect(() => request.show()).to.throw(/no wallet is available/);
    expect(() => stripe.paymentRequest({ country: 'US', currency: 'usd' } as never)).to.throw(/paymentRequest\(\): total should be provided/);
  });
});
