// Error shapes and statuses as Stripe answers them: 401 keys, 400 params, 402 card errors, 404, 413, bad bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { createEmulator } from '../../src/testing/emulator/index.js';
import { cardParams, sdkHarness, sdkWithKey } from './helpers/emulator-sdk.js';
import { sdkMessage } from './helpers/emulator-http.js';

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Stripe.errors.StripeError, `expected a Stripe error, got ${String(error)}`);
  return error;
}

test('401: a wrong secret key is masked in the message; a missing key is explained', async () => {
  const { emulator } = sdkHarness();
  const wrong = await failure(sdkWithKey(emulator, 'sk_test_wrongwrongwrong1234').customers.list());
  assert.ok(wrong instanceof Stripe.errors.StripeAuthenticationError);
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.type, 'StripeAuthenticationError');
  assert.equal(wrong.raw && (wrong.raw as { type: string }).type, 'invalid_request_error');
  assert.match(sdkMessage(wrong), /^Invalid API Key provided: sk_test_\*+1234$/);
  assert.doesNotMatch(wrong.message, /wrongwrong/);

  const none = emulator.handle({ method: 'GET', path: '/v1/customers', headers: {}, body: '' });
  assert.equal(none.status, 401);
  assert.match(JSON.parse(none.body).error.message, /You did not provide an API key/);
});

test('401: the publishable key is refused on server routes but accepted on Stripe.js routes', async () => {
  const { emulator, stripe } = sdkHarness();
  const pk = sdkWithKey(emulator, emulator.publishableKey);
  const refused = await failure(pk.paymentIntents.create({ amount: 1000, currency: 'usd' }));
  assert.equal(refused.statusCode, 401);
  assert.match(refused.message, /publishable API key/);
  assert.equal((await failure(pk.customers.create())).statusCode, 401);
  assert.equal((await failure(pk.paymentMethods.attach('pm_card_visa', { customer: 'cus_x' }))).statusCode, 401);

  // Stripe.js sends the key as a `key` param rather than a header.
  const viaParam = emulator.handle({
    method: 'POST', path: '/v1/payment_methods', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key: emulator.publishableKey, type: 'card', 'card[number]': '4242424242424242', 'card[exp_month]': '4', 'card[exp_year]': '2040', 'card[cvc]': '123' }).toString(),
  });
  assert.equal(viaParam.status, 200, viaParam.body);
  // Stripe.js telemetry rides along with the card fields and is accepted.
  const withTelemetry = emulator.handle({
    method: 'POST', path: '/v1/payment_methods', headers: { authorization: `Bearer ${emulator.publishableKey}` },
    body: 'type=card&card[number]=4242424242424242&card[exp_month]=4&card[exp_year]=2040&guid=g&muid=m&sid=s&payment_user_agent=stripe.js%2F1&time_on_page=1200&_stripe_version=2026-10-28.endive',
  });
  assert.equal(withTelemetry.status, 200, withTelemetry.body);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const query = new URLSearchParams({ key: emulator.publishableKey, client_secret: pi.client_secret! }).toString();
  const retrieved = emulator.handle({ method: 'GET', path: `/v1/payment_intents/${pi.id}?${query}`, headers: {}, body: '' });
  assert.equal(retrieved.status, 200);
  assert.equal(JSON.parse(retrieved.body).id, pi.id);
});

test('publishable-key access to an intent needs its client secret', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const missing = asBrowser('GET', `/v1/payment_intents/${pi.id}`);
  assert.equal(missing.status, 400);
  assert.deepEqual([missing.body.error.code, missing.body.error.param], ['parameter_missing', 'client_secret']);
  const wrong = asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: `${pi.id}_secret_nope`, payment_method: 'pm_card_visa' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.param, 'client_secret');
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'requires_payment_method', 'nothing happened');
  const si = await stripe.setupIntents.create();
  assert.equal(asBrowser('GET', `/v1/setup_intents/${si.id}`, { client_secret: pi.client_secret }).status, 400);
});

test('400: missing, unknown and invalid params name the param', async () => {
  const { stripe } = sdkHarness();
  const cases: [Promise<unknown>, string, string | undefined][] = [
    [stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams), 'amount', 'parameter_missing'],
    [stripe.paymentIntents.create({ amount: 1000 } as Stripe.PaymentIntentCreateParams), 'currency', 'parameter_missing'],
    [stripe.paymentIntents.create({ amount: 1000, currency: 'xyz' }), 'currency', undefined],
    [stripe.paymentIntents.create({ amount: 49, currency: 'usd' }), 'amount', 'amount_too_small'],
    [stripe.paymentIntents.create({ amount: 'ten' as unknown as number, currency: 'usd' }), 'amount', 'parameter_invalid_integer'],
    [stripe.paymentIntents.create({ amount: 1000, currency: 'usd', colour: 'red' } as Stripe.PaymentIntentCreateParams), 'colour', 'parameter_unknown'],
    [stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'later' as 'manual' }), 'capture_method', undefined],
    [stripe.paymentIntents.create({ amount: 1000, currency: 'usd', metadata: { ['k'.repeat(41)]: 'v' } }), `metadata[${'k'.repeat(41)}]`, undefined],
    [stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, allowed_payment_method_types: ['card'] }), 'payment_method', 'parameter_missing'],
    [stripe.paymentIntents.create({ amount: 1000, currency: 'usd', off_session: true }), 'off_session', undefined],
    [stripe.customers.create({ email: 'x', shoe_size: 9 } as Stripe.CustomerCreateParams), 'shoe_size', 'parameter_unknown'],
    [stripe.checkout.sessions.create({ mode: 'payment', success_url: 'https://x.test/ok' }), 'line_items', 'parameter_missing'],
    [stripe.checkout.sessions.create({ mode: 'setup', success_url: 'not a url' }), 'success_url', 'url_invalid'],
    [stripe.paymentIntents.retrieve('pi_x', { expand: ['nonsense'] }), 'expand[0]', undefined],
  ];
  for (const [promise, param, code] of cases) {
    const error = await failure(promise);
    assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError, `${param}: ${error.message}`);
    assert.equal(error.statusCode, 400, `${param}: ${error.message}`);
    assert.equal(error.param, param, error.message);
    if (code) assert.equal(error.code, code, error.message);
    assert.ok(error.message.length > 10);
  }
});

test('404: resource_missing names the object and the id; unknown routes are unrecognized', async () => {
  const { stripe, emulator } = sdkHarness();
  const pi = await failure(stripe.paymentIntents.retrieve('pi_nope'));
  assert.equal(pi.statusCode, 404);
  assert.equal(pi.code, 'resource_missing');
  assert.equal(pi.param, 'id');
  assert.equal(sdkMessage(pi), "No such payment_intent: 'pi_nope'");
  assert.equal(sdkMessage(await failure(stripe.customers.retrieve('cus_nope'))), "No such customer: 'cus_nope'");
  assert.equal((await failure(stripe.paymentMethods.retrieve('pm_nope'))).statusCode, 404);
  const customerMissing = await failure(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: 'cus_ghost' }));
  assert.deepEqual([customerMissing.statusCode, customerMissing.param], [404, 'customer']);
  const route = emulator.request('GET', '/v1/nope');
  assert.equal(route.status, 404);
  assert.equal(route.body.error.type, 'invalid_request_error');
  assert.match(route.body.error.message, /^Unrecognized request URL \(GET: \/v1\/nope\)/);
});

test('400 payment_intent_unexpected_state for confirm, capture and cancel in the wrong state', async () => {
  const { stripe } = sdkHarness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
  for (const attempt of [stripe.paymentIntents.confirm(pi.id), stripe.paymentIntents.cancel(pi.id), stripe.paymentIntents.capture(pi.id)]) {
    const error = await failure(attempt);
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'payment_intent_unexpected_state');
    assert.equal(error.payment_intent?.status, 'succeeded');
  }
  const si = await stripe.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
  assert.equal((await failure(stripe.setupIntents.cancel(si.id))).code, 'setup_intent_unexpected_state');
});

test('402 at PaymentMethod creation: Luhn, length, expiry and CVC problems as card errors with param', () => {
  const { asBrowser } = sdkHarness();
  const year = new Date().getUTCFullYear();
  const cases: [Record<string, string>, string, string][] = [
    [{ number: '4242424242424241' }, 'incorrect_number', 'number'],
    [{ number: '4242' }, 'invalid_number', 'number'],
    [{ number: '4242 4242 4242 424x' }, 'invalid_number', 'number'],
    [{ exp_year: String(year - 1) }, 'invalid_expiry_year', 'exp_year'],
    [{ exp_month: '13' }, 'invalid_expiry_month', 'exp_month'],
    [{ exp_month: '0' }, 'invalid_expiry_month', 'exp_month'],
    [{ cvc: '12' }, 'invalid_cvc', 'cvc'],
  ];
  for (const [override, code, param] of cases) {
    const params = cardParams('4242424242424242', override);
    const answer = asBrowser('POST', '/v1/payment_methods', params);
    assert.equal(answer.status, 402, JSON.stringify(override));
    assert.deepEqual([answer.body.error.type, answer.body.error.code, answer.body.error.param], ['card_error', code, param]);
  }
  if (new Date().getUTCMonth() > 0) {
    const lastMonth = asBrowser('POST', '/v1/payment_methods', cardParams('4242424242424242', { exp_month: String(new Date().getUTCMonth()), exp_year: String(year) }));
    assert.equal(lastMonth.body.error.code, 'invalid_expiry_month');
  }
  const spaced = asBrowser('POST', '/v1/payment_methods', cardParams('4242 4242 4242 4242'));
  assert.equal(spaced.status, 200);
  const missing = asBrowser('POST', '/v1/payment_methods', { type: 'card', card: { number: '4242424242424242', exp_month: '1' } });
  assert.deepEqual([missing.status, missing.body.error.code, missing.body.error.param], [400, 'parameter_missing', 'card[exp_year]']);
});

test('413 for bodies over 1 MB; 400 for other content types and broken encodings', () => {
  const emulator = createEmulator();
  const auth = { authorization: `Bearer ${emulator.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' };
  const big = emulator.handle({ method: 'POST', path: '/v1/customers', headers: auth, body: `description=${'x'.repeat(1_000_001)}` });
  assert.equal(big.status, 413);
  assert.equal(JSON.parse(big.body).error.type, 'invalid_request_error');
  // The limit is in bytes: 400 000 card emoji are 800 000 UTF-16 units but 1.6 MB of UTF-8.
  const wide = emulator.handle({ method: 'POST', path: '/v1/customers', headers: auth, body: `description=${'💳'.repeat(400_000)}` });
  assert.equal(wide.status, 413);
  const justUnder = emulator.handle({ method: 'POST', path: '/v1/customers', headers: auth, body: `metadata[k]=${'x'.repeat(400)}&description=${'y'.repeat(300)}` });
  assert.equal(justUnder.status, 200);
  const json = emulator.handle({ method: 'POST', path: '/v1/customers', headers: { ...auth, 'content-type': 'application/json' }, body: '{"email":"a@b.c"}' });
  assert.equal(json.status, 400);
  assert.match(JSON.parse(json.body).error.message, /Content-Type application\/json/);
  const broken = emulator.handle({ method: 'POST', path: '/v1/customers', headers: auth, body: 'email=%E0%A4%A' });
  assert.equal(broken.status, 400);
  const clash = emulator.handle({ method: 'POST', path: '/v1/customers', headers: auth, body: 'metadata=x&metadata[a]=b' });
  assert.deepEqual([clash.status, JSON.parse(clash.body).error.param], [400, 'metadata[a]']);
  const proto = emulator.handle({ method: 'POST', path: '/v1/customers', headers: auth, body: '__proto__[polluted]=yes' });
  assert.equal(proto.status, 400);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('every answer carries content-type, request-id and the Stripe-Version it was asked for', () => {
  const emulator = createEmulator();
  const ok = emulator.handle({ method: 'GET', path: '/v1/customers', headers: { authorization: `Bearer ${emulator.secretKey}`, 'stripe-version': '2024-06-20' }, body: '' });
  assert.equal(ok.headers['content-type'], 'application/json');
  assert.match(ok.headers['request-id']!, /^req_[A-Za-z0-9]{14}$/);
  assert.equal(ok.headers['stripe-version'], '2024-06-20');
  const error = emulator.handle({ method: 'GET', path: '/v1/nope', headers: {}, body: '' });
  assert.equal(error.headers['content-type'], 'application/json');
  assert.match(error.headers['request-id']!, /^req_/);
});

test('error bodies link Stripe\'s page for their code (doc_url), and only for codes Stripe documents', async () => {
  const { stripe, emulator, asBrowser } = sdkHarness();
  const missing = await failure(stripe.paymentIntents.retrieve('pi_nope'));
  assert.equal(missing.doc_url, 'https://docs.stripe.com/error-codes/resource-missing');
  const unknown = await failure(stripe.customers.create({ nickname: 'x' } as Stripe.CustomerCreateParams));
  assert.equal(unknown.doc_url, 'https://docs.stripe.com/error-codes/parameter-unknown');
  const declined = await failure(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } }));
  assert.equal(declined.doc_url, 'https://docs.stripe.com/error-codes/card-declined');
  assert.equal(declined.payment_intent?.last_payment_error?.doc_url, 'https://docs.stripe.com/error-codes/card-declined', 'last_payment_error carries it too');
  const noCode = emulator.request('GET', '/v1/nope');
  assert.equal('doc_url' in noCode.body.error, false, 'no code, no link');
  const session = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok' });
  await stripe.checkout.sessions.expire(session.id);
  const closed = asBrowser('POST', `/checkout/${session.id}/complete`, { card: { number: '4242424242424242', exp_month: '1', exp_year: '2045', cvc: '123' } });
  assert.equal(closed.body.error.code, 'checkout_session_not_open');
  assert.equal('doc_url' in closed.body.error, false, 'the emulator\'s own codes have no Stripe page');
});
