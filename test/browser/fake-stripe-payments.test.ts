// Payments through the fake Stripe.js, the emulator core answering inside the page (msw): success, 3D Secure
// completed and failed (clicked in the overlay), declines, client-side validation, SetupIntents, PaymentMethods.
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe } from '@stripe/stripe-js';
import { installFakeStripe } from '../../src/testing/browser/index.js';
import { typeCard } from './helpers/card.js';
import { answerChallenge, challengeOpen, waitForChallenge } from './helpers/challenge.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { mountCard, type MountedCard } from './helpers/mount.js';

const FUTURE = '12 / 34';

describe('fake Stripe.js payments (emulator in the page via msw)', function () {
  // Real key presses and clicks are one round trip each: give them room when the machine is busy.
  this.timeout(30000);
  let env: EmulatorSetup;
  let stripe: Stripe;
  let mounted: MountedCard | undefined;

  beforeEach(async () => {
    env = await setupEmulator();
    stripe = (await loadStripe(env.publishableKey))!;
  });

  afterEach(() => {
    mounted?.remove();
    mounted = undefined;
    env.teardown();
  });

  async function cardWith(number: string, cvc = '123'): Promise<MountedCard> {
    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number, exp: FUTURE, cvc, postal: '42424' });
    return mounted;
  }

  const confirms = (): string[] => env.fake!.requests.filter((r) => r.path.endsWith('/confirm')).map((r) => `${r.method} ${r.path}`);

  it('4242: confirmCardPayment succeeds with one confirm request that carries no card data', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4242424242424242');
    const result = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card }, setup_future_usage: 'off_session' });
    expect(result.error).to.equal(undefined);
    expect(result.paymentIntent?.status).to.equal('succeeded');
    expect(result.paymentIntent?.id).to.equal(pi.id);
    expect(String(result.paymentIntent?.payment_method)).to.match(/^pm_/);
    expect(result.paymentIntent?.setup_future_usage).to.equal('off_session');
    expect(confirms()).to.deep.equal([`POST /v1/payment_intents/${pi.id}/confirm`]);
    const sent = env.fake!.requests[0]!.params;
    expect(sent['payment_method_data[card][number]']).to.equal('[redacted]');
    expect(sent['client_secret']).to.equal('[redacted]');
    expect(sent['setup_future_usage']).to.equal('off_session');
    expect(sent['payment_method_data[billing_details][address][postal_code]']).to.equal('42424');
    // The server sees the card's last4, brand and the typed expiry.
    const pm = env.emulator.request('GET', `/v1/payment_methods/${String(result.paymentIntent?.payment_method)}`).body;
    expect([pm.card.brand, pm.card.last4, pm.card.exp_month, pm.card.exp_year]).to.deep.equal(['visa', '4242', 12, 2034]);
  });

  it('3DS with handleActions (default): shows the overlay, "Complete" succeeds and removes it', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000002760003184');
    const pending = stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } });
    const frame = await waitForChallenge();
    expect(frame.title).to.equal('3D Secure challenge');
    const style = getComputedStyle(frame);
    expect([style.position, style.zIndex]).to.deep.equal(['fixed', '2147483647']);
    expect(frame.contentDocument!.getElementById('test-source-authorize-3ds')!.textContent).to.equal('Complete');
    expect(frame.contentDocument!.getElementById('test-source-fail-3ds')!.textContent).to.equal('Fail');
    await answerChallenge('complete');
    const result = await pending;
    expect(result.error).to.equal(undefined);
    expect(result.paymentIntent?.status).to.equal('succeeded');
    expect(challengeOpen()).to.equal(false);
    expect(confirms().length).to.equal(1);
  });

  it('3DS "Fail": resolves with payment_intent_authentication_failure and the intent back to requires_payment_method', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000002760003184');
    const pending = stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } });
    await answerChallenge('fail');
    const { error, paymentIntent } = await pending;
    expect(paymentIntent).to.equal(undefined);
    expect(error?.code).to.equal('payment_intent_authentication_failure');
    expect(error?.payment_intent?.status).to.equal('requires_payment_method');
    expect(error?.payment_intent?.id).to.equal(pi.id);
    expect(challengeOpen()).to.equal(false);
  });

  it('handleActions: false leaves requires_action to the page; handleNextAction then shows the challenge', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000002500003155');
    const first = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } }, { handleActions: false });
    expect(first.paymentIntent?.status).to.equal('requires_action');
    expect(first.paymentIntent?.next_action?.type).to.equal('use_stripe_sdk');
    expect(challengeOpen()).to.equal(false);
    const pending = stripe.handleNextAction({ clientSecret: pi.client_secret });
    await answerChallenge('complete');
    const second = await pending;
    expect('paymentIntent' in second && second.paymentIntent?.status).to.equal('succeeded');
  });

  it('handleActions: false then handleNextAction "Fail" gives the authentication error', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000002760003184');
    await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } }, { handleActions: false });
    const pending = stripe.handleNextAction({ clientSecret: pi.client_secret });
    await answerChallenge('fail');
    const { error } = await pending;
    expect(error?.code).to.equal('payment_intent_authentication_failure');
  });

  it('declines resolve with Stripe-shaped card errors (no throw)', async () => {
    const cases: Array<[string, string, string | undefined, string]> = [
      ['4000000000009995', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
      ['4000000000000002', 'card_declined', 'generic_decline', 'Your card was declined.'],
      ['4000000000000069', 'expired_card', undefined, 'Your card has expired.'],
    ];
    for (const [number, code, declineCode, message] of cases) {
      const pi = env.createPaymentIntent();
      const { card } = await cardWith(number);
      const { error, paymentIntent } = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } });
      expect(paymentIntent).to.equal(undefined);
      expect({ type: error?.type, code: error?.code, decline_code: error?.decline_code, message: error?.message })
        .to.deep.equal({ type: 'card_error', code, decline_code: declineCode, message });
      expect(error?.payment_intent?.id).to.equal(pi.id);
      expect(error?.payment_intent?.status).to.equal('requires_payment_method');
      mounted!.remove();
      mounted = undefined;
    }
  });

  it('incorrect CVC names the cvc param', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000000000000127');
    const { error } = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } });
    expect([error?.code, error?.param]).to.deep.equal(['incorrect_cvc', 'cvc']);
  });

  it('3DS completed then declined (4000 0082 6000 3178) reports insufficient_funds', async () => {
    const pi = env.createPaymentIntent();
    const { card } = await cardWith('4000008260003178');
    const pending = stripe.confirmCardPayment(pi.client_secret, { payment_method: { card } });
    await answerChallenge('complete');
    const { error } = await pending;
    expect([error?.type, error?.code, error?.decline_code]).to.deep.equal(['card_error', 'card_declined', 'insufficient_funds']);
  });

  it('an incomplete card is refused on the client, without any request', async () => {
    const pi = env.createPaymentIntent();
    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number: '4242 4242' });
    const { error } = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card: mounted.card } });
    expect(error).to.deep.equal({ type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' });
    expect(env.fake!.requests.length).to.equal(0);
    expect(mounted.container.classList.contains('StripeElement--invalid')).to.equal(true);
  });

  it('confirmCardSetup saves a card, and runs 3DS for 4000 0025 0000 3155', async () => {
    const customer = env.emulator.request('POST', '/v1/customers', {}).body;
    const si = env.createSetupIntent({ customer: customer.id });
    const { card } = await cardWith('4242424242424242');
    const { setupIntent, error } = await stripe.confirmCardSetup(si.client_secret, { payment_method: { card } });
    expect(error).to.equal(undefined);
    expect(setupIntent?.status).to.equal('succeeded');
    const saved = env.emulator.request('GET', `/v1/customers/${customer.id}/payment_methods`, { type: 'card' }).body;
    expect(saved.data.map((pm: { id: string }) => pm.id)).to.deep.equal([setupIntent?.payment_method]);
    mounted!.remove();

    const si3ds = env.createSetupIntent({ customer: customer.id });
    const { card: card3ds } = await cardWith('4000002500003155');
    const pending = stripe.confirmCardSetup(si3ds.client_secret, { payment_method: { card: card3ds } });
    await answerChallenge('complete');
    expect((await pending).setupIntent?.status).to.equal('succeeded');
  });

  it('confirmCardSetup 3DS "Fail" reports setup_intent_authentication_failure', async () => {
    const si = env.createSetupIntent();
    const { card } = await cardWith('4000002500003155');
    const pending = stripe.confirmCardSetup(si.client_secret, { payment_method: { card } });
    await answerChallenge('fail');
    const { error } = await pending;
    expect(error?.code).to.equal('setup_intent_authentication_failure');
    expect(error?.setup_intent?.id).to.equal(si.id);
  });

  it('createPaymentMethod makes a card PaymentMethod that a later confirm can use by id', async () => {
    const { card } = await cardWith('5555555555554444');
    const { paymentMethod, error } = await stripe.createPaymentMethod({ type: 'card', card, billing_details: { name: 'Jenny Rosen' } });
    expect(error).to.equal(undefined);
    expect(paymentMethod?.id).to.match(/^pm_/);
    expect([paymentMethod?.card?.brand, paymentMethod?.card?.last4]).to.deep.equal(['mastercard', '4444']);
    expect(paymentMethod?.billing_details.name).to.equal('Jenny Rosen');
    expect(paymentMethod?.billing_details.address?.postal_code).to.equal('42424');
    const pi = env.createPaymentIntent();
    const result = await stripe.confirmCardPayment(pi.client_secret, { payment_method: paymentMethod!.id });
    expect(result.paymentIntent?.status).to.equal('succeeded');
    expect(env.fake!.requests.map((r) => r.path)).to.deep.equal(['/v1/payment_methods', `/v1/payment_intents/${pi.id}/confirm`]);
  });

  it('createPaymentMethod({ element, params }) works too (10.x form)', async () => {
    const { card } = await cardWith('4242424242424242');
    const { paymentMethod } = await stripe.createPaymentMethod({ element: card, params: { billing_details: { email: 'a@example.com' } } });
    expect(paymentMethod?.billing_details.email).to.equal('a@example.com');
  });

  it('retrievePaymentIntent and retrieveSetupIntent read with the client secret; a wrong secret is an error', async () => {
    const pi = env.createPaymentIntent();
    const { paymentIntent } = await stripe.retrievePaymentIntent(pi.client_secret);
    expect([paymentIntent?.id, paymentIntent?.status, paymentIntent?.amount]).to.deep.equal([pi.id, 'requires_payment_method', 1999]);
    const si = env.createSetupIntent();
    expect((await stripe.retrieveSetupIntent(si.client_secret)).setupIntent?.id).to.equal(si.id);
    const wrong = await stripe.retrievePaymentIntent(`${pi.id}_secret_wrong`);
    expect(wrong.error?.type).to.equal('invalid_request_error');
    expect(wrong.paymentIntent).to.equal(undefined);
  });

  it('handleCardAction refuses an intent that is not waiting for an action', async () => {
    const pi = env.createPaymentIntent();
    const { error } = await stripe.handleCardAction(pi.client_secret);
    expect(error?.type).to.equal('invalid_request_error');
    expect(error?.message).to.match(/requires_action/);
  });

  it('handleCardAction runs the challenge of a server-confirmed (manual) intent', async () => {
    const pi = env.createPaymentIntent({ payment_method: 'pm_card_authenticationRequired', confirmation_method: 'manual', confirm: 'true', 'allowed_payment_method_types[]': 'card' });
    expect(pi.status).to.equal('requires_action');
    const pending = stripe.handleCardAction(pi.client_secret);
    await answerChallenge('complete');
    const { paymentIntent } = await pending;
    // Manual confirmation: after the challenge the server must confirm again.
    expect(paymentIntent?.status).to.equal('requires_confirmation');
  });

  it('3178 with manual confirmation: handleCardAction passes, the issuer declines only when the server confirms', async () => {
    const pi = env.createPaymentIntent({
      payment_method: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds', confirmation_method: 'manual', confirm: 'true', 'allowed_payment_method_types[]': 'card',
    });
    const pending = stripe.handleCardAction(pi.client_secret);
    await answerChallenge('complete');
    const { paymentIntent, error } = await pending;
    expect(error).to.equal(undefined);
    expect([paymentIntent?.status, paymentIntent?.last_payment_error]).to.deep.equal(['requires_confirmation', null]);
    const serverConfirm = env.emulator.request('POST', `/v1/payment_intents/${pi.id}/confirm`, {});
    expect([serverConfirm.status, serverConfirm.body.error.decline_code]).to.deep.equal([402, 'insufficient_funds']);
    expect(serverConfirm.body.error.payment_intent.status).to.equal('requires_payment_method');
  });

  it('a malformed client secret throws IntegrationError like Stripe.js', () => {
    expect(() => stripe.confirmCardPayment('not-a-secret')).to.throw(/Invalid value for confirmCardPayment intent secret/);
  });

  it('an unreachable API resolves api_connection_error instead of throwing', async () => {
    env.teardown();
    const fake = installFakeStripe({ apiBase: 'http://127.0.0.1:9' });
    try {
      const offline = (await loadStripe(env.publishableKey))!;
      const { error } = await offline.retrievePaymentIntent('pi_123_secret_abc');
      expect(error?.type).to.equal('api_connection_error');
    } finally {
      fake();
    }
  });
});
