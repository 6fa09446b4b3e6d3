import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { cardParams, sdkHarness } from './helpers/emulator-sdk.js';

test('a 4242 card created like Stripe.js does, confirmed with the client secret, succeeds and is saved', async () => {
  const { emulator, stripe, asBrowser } = sdkHarness();
  const types: string[] = [];
  emulator.onEvent((event) => types.push(event.type));
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const pm = asBrowser('POST', '/v1/payment_methods', cardParams('4242424242424242'));
  assert.equal(pm.status, 200);
  assert.match(pm.body.id, /^pm_[A-Za-z0-9]{24}$/);
  assert.equal(pm.body.card.last4, '4242');
  const pi = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', customer: customer.id, setup_future_usage: 'off_session' });
  assert.match(pi.client_secret!, new RegExp(`^${pi.id}_secret_[A-Za-z0-9]{24}$`));
  const confirmed = asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret, payment_method: pm.body.id });
  assert.equal(confirmed.status, 200);
  assert.equal(confirmed.body.status, 'succeeded');
  assert.equal('customer' in confirmed.body, false, 'a publishable key does not see the customer');
  const saved = await stripe.customers.listPaymentMethods(customer.id);
  assert.deepEqual(saved.data.map((p) => p.id), [pm.body.id]);
  assert.deepEqual(types, ['customer.created', 'payment_intent.created', 'payment_method.attached', 'charge.succeeded', 'payment_intent.succeeded']);
});

test('3DS: confirm needs action, completing the challenge succeeds the payment', async () => {
  const { stripe, asBrowser, emulator } = sdkHarness({ publicUrl: 'http://127.0.0.1:9999/' });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true, allowed_payment_method_types: ['card'] });
  assert.equal(pi.status, 'requires_action');
  const action = pi.next_action!.use_stripe_sdk as unknown as { type: string; stripe_js: string; source: string };
  assert.equal(action.type, 'three_d_secure_redirect');
  assert.equal(action.stripe_js, `http://127.0.0.1:9999/3ds/${action.source}`);
  assert.equal(emulator.publicUrl, 'http://127.0.0.1:9999');
  emulator.publicUrl = 'http://127.0.0.1:7777/';
  assert.equal(emulator.publicUrl, 'http://127.0.0.1:7777', 'an adapter may set it later, slash or not');
  const done = asBrowser('POST', `/3ds/${action.source}/complete`);
  assert.equal(done.status, 200);
  assert.equal(done.body.intent.status, 'succeeded');
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
});

test('a declined card answers 402 StripeCardError with the intent back to requires_payment_method', async () => {
  const { stripe } = sdkHarness();
  const error = await stripe.paymentIntents
    .create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa_chargeDeclined', confirm: true, allowed_payment_method_types: ['card'] })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Stripe.errors.StripeCardError);
  assert.equal(error.statusCode, 402);
  assert.equal(error.code, 'card_declined');
  assert.equal(error.decline_code, 'generic_decline');
  assert.equal(error.payment_intent?.status, 'requires_payment_method');
  assert.equal(error.payment_intent?.payment_method, null);
  assert.equal(error.payment_intent?.last_payment_error?.decline_code, 'generic_decline');
});
