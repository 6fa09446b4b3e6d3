// Stripe-Version: unknown versions refused as Stripe refuses them, and the behaviour that follows the version
// asked for (automatic payment methods and the return_url they need, capture_method, payment_method_types).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { EMULATED_API_VERSIONS } from '../../src/testing/emulator/api-versions.js';
import { httpHarness, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();

/** The SDK pinned to another API version, as an integration on an older stripe-node sends it. */
function stripeAt(version: string): Stripe {
  return new Stripe(h.server.secretKey, { ...h.server.stripeConfig, apiVersion: version as Stripe.LatestApiVersion, maxNetworkRetries: 0, telemetry: false });
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

test('an API version Stripe never released is a 400, as Stripe answers; older real versions are refused by name', async () => {
  const invented = await stripeFailure(stripeAt('2099-01-01').customers.create());
  assert.deepEqual([invented.statusCode, invented.type, invented.message, invented.code], [400, 'StripeInvalidRequestError', 'Invalid Stripe API version: 2099-01-01', undefined]);
  const raw = await h.raw('GET', '/v1/customers', '', { 'stripe-version': 'garbage version!' });
  assert.deepEqual([raw.status, raw.body.error.message], [400, 'Invalid Stripe API version: garbage version!']);
  assert.equal(raw.headers.get('stripe-version'), '2026-10-28.endive', 'the answer names the version it was written in');
  const old = await stripeFailure(stripeAt('2020-08-27').customers.create());
  assert.equal(old.statusCode, 400);
  assert.match(old.message, /2020-08-27 is a real Stripe API version, but the emulator answers only 2022-11-15 and later/);
  assert.equal(h.events.length, 0, 'nothing was created');
  const badKey = await h.raw('GET', '/v1/customers', '', { 'stripe-version': '2099-01-01', authorization: 'Bearer sk_test_wrong' });
  assert.equal(badKey.status, 401, 'the key is checked first');
});

test('every emulated version is accepted, with beta flags, and events carry the version of their request', async () => {
  for (const version of EMULATED_API_VERSIONS) {
    const answer = await h.raw('POST', '/v1/customers', '', { 'stripe-version': version });
    assert.equal(answer.status, 200, version);
    assert.equal(answer.headers.get('stripe-version'), version);
    assert.equal(h.events.at(-1)!.api_version, version);
  }
  assert.equal((await h.raw('POST', '/v1/customers', '', { 'stripe-version': '2026-10-28.endive; custom_checkout_beta=v1' })).status, 200);
  assert.equal((await h.raw('POST', '/v1/customers')).headers.get('stripe-version'), '2026-10-28.endive', 'no header: stripe-node 23\'s version');
});

test('before 2023-08-16 intents take cards only by default and confirm without a return_url; from then on they need one', async () => {
  const legacy = stripeAt('2022-11-15');
  const old = await legacy.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  assert.deepEqual([old.status, old.automatic_payment_methods, old.payment_method_types, old.capture_method], ['succeeded', null, ['card'], 'automatic']);
  const oldSetup = await legacy.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true });
  assert.deepEqual([oldSetup.status, oldSetup.automatic_payment_methods], ['succeeded', null]);

  const newer = stripeAt('2023-10-16');
  const charged = h.types().filter((t) => t === 'charge.succeeded').length;
  const refused = await stripeFailure(newer.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }));
  assert.equal(refused.statusCode, 400);
  assert.match(refused.message, /^This PaymentIntent is configured to accept payment methods enabled in your Dashboard\. .*you must provide a `return_url`\./);
  assert.equal(refused.payment_intent?.status, 'requires_confirmation', 'the intent exists, unconfirmed');
  assert.deepEqual(refused.payment_intent?.automatic_payment_methods, { enabled: true });
  assert.equal(refused.payment_intent?.capture_method, 'automatic', 'automatic_async became the default on 2024-04-10');
  assert.equal(h.types().filter((t) => t === 'charge.succeeded').length, charged, 'nothing more was charged');
  const setupRefused = await stripeFailure(newer.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true }));
  assert.match(setupRefused.message, /^This SetupIntent is configured to accept payment methods/);
  assert.equal((await stripeAt('2024-06-20').paymentIntents.create({ amount: 1000, currency: 'usd' })).capture_method, 'automatic_async');
});

test('a server-side confirm passes the return_url rule with return_url, off_session, allow_redirects=never or card-only types', async () => {
  const { stripe } = h;
  const customer = await stripe.customers.create();
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const base = { amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true } as const;
  const passes: Stripe.PaymentIntentCreateParams[] = [
    { ...base, return_url: 'https://shop.test/back' },
    { ...base, off_session: true },
    { ...base, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } },
    { ...base, allowed_payment_method_types: ['card'] },
  ];
  for (const params of passes) assert.equal((await stripe.paymentIntents.create(params)).status, 'succeeded', JSON.stringify(params));
  const later = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm.id });
  const refused = await stripeFailure(stripe.paymentIntents.confirm(later.id));
  assert.match(refused.message, /must provide a `return_url`/);
  assert.equal((await stripe.paymentIntents.confirm(later.id, { return_url: 'https://shop.test/back' })).status, 'succeeded');

  // Stripe.js confirms with the publishable key: the rule is about server-side confirms.
  const browser = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const confirmed = await h.asBrowser('POST', `/v1/payment_intents/${browser.id}/confirm`, { client_secret: browser.client_secret!, payment_method: 'pm_card_visa' });
  assert.equal(confirmed.body.status, 'succeeded');
  const setup = await stripe.setupIntents.create();
  const setupConfirmed = await h.asBrowser('POST', `/v1/setup_intents/${setup.id}/confirm`, { client_secret: setup.client_secret!, payment_method: 'pm_card_visa' });
  assert.equal(setupConfirmed.body.status, 'succeeded');
});

test('payment_method_types gave way to allowed_payment_method_types in 2026-09-30.endive', async () => {
  const endive = await h.raw('POST', '/v1/payment_intents', form({ amount: '1000', currency: 'usd', 'payment_method_types[]': 'card' }));
  assert.deepEqual([endive.status, endive.body.error.code, endive.body.error.param], [400, 'parameter_unknown', 'payment_method_types']);
  assert.match(endive.body.error.message, /^Received unknown parameter: payment_method_types\. Did you mean allowed_payment_method_types\?/);
  const setup = await h.raw('POST', '/v1/setup_intents', form({ 'payment_method_types[]': 'card' }));
  assert.equal(setup.body.error?.param, 'payment_method_types');
  const session = await h.raw('POST', '/v1/checkout/sessions', form({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok', 'payment_method_types[]': 'card' }));
  assert.equal(session.body.error?.param, 'payment_method_types');

  const dahlia = await h.raw('POST', '/v1/payment_intents', form({ amount: '1000', currency: 'usd', 'payment_method_types[]': 'card' }), { 'stripe-version': '2026-08-26.dahlia' });
  assert.equal(dahlia.status, 200);
  assert.deepEqual([dahlia.body.payment_method_types, dahlia.body.automatic_payment_methods, dahlia.body.allowed_payment_method_types], [['card'], null, null]);

  const allowed = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card'] });
  assert.deepEqual([allowed.allowed_payment_method_types, allowed.payment_method_types, allowed.automatic_payment_methods], [['card'], ['card'], null]);
  const unsupported = await stripeFailure(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card', 'klarna'] }));
  assert.deepEqual([unsupported.statusCode, unsupported.param], [400, 'allowed_payment_method_types[1]']);
  const sessionAllowed = await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok', allowed_payment_method_types: ['card'] });
  assert.deepEqual(sessionAllowed.allowed_payment_method_types, ['card']);
});
