// The msw adapter: every request under apiBase reaches the emulator core as Stripe would receive it; everything
// else passes through; the test's own handlers (a merchant backend) live next to the emulator's.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { loadStripe } from '@stripe/stripe-js/pure';
import { encodeForm } from '../../src/testing/index.js';
import { emulatorHandlers } from '../../src/testing/browser/msw.js';
import { typeCard } from './helpers/card.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { mountCard, type MountedCard } from './helpers/mount.js';

describe('msw emulatorHandlers', function () {
  // Real key presses and clicks are one round trip each: give them room when the machine is busy.
  this.timeout(30000);
  let env: EmulatorSetup;
  let mounted: MountedCard | undefined;

  afterEach(() => {
    mounted?.remove();
    mounted = undefined;
    env?.teardown();
  });

  const secretHeaders = (env: EmulatorSetup) => ({
    authorization: `Bearer ${env.emulator.secretKey}`, 'content-type': 'application/x-www-form-urlencoded',
  });

  it('answers a form POST with the secret key exactly as the core does', async () => {
    env = await setupEmulator();
    const response = await fetch(`${env.apiBase}/v1/customers`, {
      method: 'POST', headers: secretHeaders(env), body: encodeForm({ email: 'jenny@example.com', metadata: { order: 'o 1' } }),
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/application\/json/);
    const customer = await response.json();
    expect([customer.object, customer.email, customer.metadata.order]).to.deep.equal(['customer', 'jenny@example.com', 'o 1']);
    const direct = env.emulator.request('GET', `/v1/customers/${customer.id}`).body;
    expect(Object.keys(customer).sort()).to.deep.equal(Object.keys(direct).sort());
    expect(direct.email).to.equal('jenny@example.com');
  });

  it('passes the query string of a GET (publishable-key retrieve with client_secret)', async () => {
    env = await setupEmulator();
    const pi = env.createPaymentIntent();
    const ok = await fetch(`${env.apiBase}/v1/payment_intents/${pi.id}?${encodeForm({ client_secret: pi.client_secret, key: env.publishableKey })}`);
    expect(ok.status).to.equal(200);
    expect((await ok.json()).id).to.equal(pi.id);
    const noSecret = await fetch(`${env.apiBase}/v1/payment_intents/${pi.id}?key=${env.publishableKey}`);
    expect(noSecret.status).to.be.within(400, 404);
    expect((await noSecret.json()).error.type).to.equal('invalid_request_error');
  });

  it('routes every path under apiBase to the core (its JSON 404, not the dev server\'s) and nothing outside it', async () => {
    env = await setupEmulator();
    const unknown = await fetch(`${env.apiBase}/v1/no_such_thing`, { headers: secretHeaders(env) });
    expect(unknown.status).to.equal(404);
    expect((await unknown.json()).error.type).to.equal('invalid_request_error');
    const unauthenticated = await fetch(`${env.apiBase}/v1/customers`);
    expect(unauthenticated.status).to.equal(401);
    const outside = await fetch('/package.json');
    expect(outside.status).to.equal(200);
    expect((await outside.json()).name).to.equal('stripe-save-card');
    const lookalike = await fetch(`${env.apiBase}-not-it/v1/customers`);
    expect(lookalike.headers.get('content-type') ?? '').to.not.match(/application\/json/);
  });

  it('hands out URLs under apiBase (publicUrl) in 3DS next actions', async () => {
    env = await setupEmulator();
    const pi = env.createPaymentIntent({ payment_method: 'pm_card_authenticationRequired', confirm: 'true', 'allowed_payment_method_types[]': 'card' });
    expect(pi.status).to.equal('requires_action');
    const action = pi.next_action?.use_stripe_sdk as { stripe_js: string };
    expect(action.stripe_js.startsWith(`${location.origin}${env.apiBase}/3ds/`)).to.equal(true);
  });

  it('works with a cross-origin apiBase that no network could reach (msw answers first)', async () => {
    env = await setupEmulator({ apiBase: 'http://stripe-emulator.invalid' });
    const pi = env.createPaymentIntent();
    const stripe = (await loadStripe(env.publishableKey))!;
    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number: '4242424242424242', exp: '1234', cvc: '123', postal: '42424' });
    const { paymentIntent, error } = await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card: mounted.card } });
    expect(error?.message).to.equal(undefined);
    expect(paymentIntent?.status).to.equal('succeeded');
  });

  it('keeps the test\'s own handlers (a merchant backend) next to the emulator\'s, and reports core events', async () => {
    const events: string[] = [];
    let backendEnv: EmulatorSetup | undefined;
    const backend = http.post('/create-payment-intent', async ({ request }) => {
      const { save } = (await request.json()) as { save: boolean };
      const pi = backendEnv!.createPaymentIntent(save ? { setup_future_usage: 'off_session' } : {});
      return HttpResponse.json({ clientSecret: pi.client_secret });
    });
    env = backendEnv = await setupEmulator({ handlers: [backend] });
    env.emulator.onEvent((event) => events.push(event.type));
    const { clientSecret } = await (await fetch('/create-payment-intent', { method: 'POST', body: JSON.stringify({ save: true }) })).json();
    expect(clientSecret).to.match(/^pi_.+_secret_/);
    const stripe = (await loadStripe(env.publishableKey))!;
    const { paymentIntent } = await stripe.confirmCardPayment(clientSecret, { payment_method: 'pm_card_visa' });
    expect([paymentIntent?.status, paymentIntent?.setup_future_usage]).to.deep.equal(['succeeded', 'off_session']);
    expect(events).to.include('payment_intent.succeeded');
  });

  it('refuses to build handlers without an emulator or an apiBase, naming what is wrong', async () => {
    env = await setupEmulator();
    expect(() => emulatorHandlers(undefined as never, { apiBase: '/x' })).to.throw(/createEmulator/);
    expect(() => emulatorHandlers(env.emulator, { apiBase: '' })).to.throw(/apiBase/);
  });
});
