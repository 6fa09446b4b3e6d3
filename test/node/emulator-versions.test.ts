// Stripe-Version: unknown versions refused as Stripe refuses them, and the behaviour that follows the version
// asked for (automatic payment methods and the return_url they need, capture_method, payment_method_types).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { API_VERSIONS } from '../../src/testing/emulator/api-versions.js';
import { createEmulator } from '../../src/testing/emulator/index.js';
import { httpHarness, sdkMessage, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();

/** The SDK pinned to another API version, as an integration on an older stripe-node sends it. */
function stripeAt(version: string): Stripe {
  return new Stripe(h.server.secretKey, { ...h.server.stripeConfig, apiVersion: version as Stripe.LatestApiVersion, maxNetworkRetries: 0, telemetry: false });
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

test('a version Stripe never released is a 400 naming what exists; the key is checked first', async () => {
  const cases: Array<[string, RegExp]> = [
    ['banana', /^Invalid Stripe API version: banana\. Stripe's versions are dated, from 2011-01-01 to 2026-11-18\.endive \(the newest this emulator knows\)/],
    ['2021-05-05', /^Invalid Stripe API version: 2021-05-05\. Stripe released no version on 2021-05-05\./],
    ['2025-09-30.acacia', /^Invalid Stripe API version: 2025-09-30\.acacia\. The version released on 2025-09-30 is 2025-09-30\.clover\./],
    ['2020-08-27.acacia', /2020-08-27 has no release name: send 2020-08-27\./],
    ['2027-02-30', /2027-02-30 is not a release date/],
    ['2099-01-01', /2099-01-01 is not a release date/],
    ['2020-8-27', /^Invalid Stripe API version: 2020-8-27\./],
  ];
  for (const [version, message] of cases) {
    const refused = await stripeFailure(stripeAt(version).customers.create());
    assert.deepEqual([refused.statusCode, refused.type], [400, 'StripeInvalidRequestError'], version);
    assert.match(sdkMessage(refused), message);
  }
  const raw = await h.raw('GET', '/v1/customers', '', { 'stripe-version': 'garbage version!' });
  assert.deepEqual([raw.status, raw.body.error.type], [400, 'invalid_request_error']);
  assert.match(raw.body.error.message, /^Invalid Stripe API version: garbage version!\./);
  assert.equal(raw.headers.get('stripe-version'), '2026-11-18.endive', 'the answer names the version it was written in');
  assert.equal(h.events.length, 0, 'nothing was created');
  const badKey = await h.raw('GET', '/v1/customers', '', { 'stripe-version': 'banana', authorization: 'Bearer sk_test_wrong' });
  assert.equal(badKey.status, 401, 'the key is checked first');
});

test('every version Stripe released is answered, with or without its release name and with beta flags', async () => {
  assert.equal(API_VERSIONS.length, 130);
  assert.deepEqual([API_VERSIONS[0], API_VERSIONS.at(-1)], ['2011-01-01', '2026-11-18.endive']);
  for (const version of API_VERSIONS) {
    const answer = await h.raw('POST', '/v1/customers', '', { 'stripe-version': version });
    assert.equal(answer.status, 200, version);
    assert.equal(answer.headers.get('stripe-version'), version);
    assert.equal(answer.headers.get('stripe-emulator-version-served'), null, `${version} is known: no notice`);
    assert.equal(h.events.at(-1)!.api_version, version, 'events carry the version of their request');
  }
  const bare = await h.raw('POST', '/v1/customers', '', { 'stripe-version': '2025-09-30' });
  assert.equal(bare.headers.get('stripe-version'), '2025-09-30.clover', 'a date alone is its release, as Stripe names it');
  assert.equal((await h.raw('POST', '/v1/customers', '', { 'stripe-version': '2026-10-28.endive; custom_checkout_beta=v1' })).status, 200);
  assert.equal((await h.raw('POST', '/v1/customers')).headers.get('stripe-version'), '2026-11-18.endive', 'no header: the account\'s version');
});

test('a well-formed version newer than the emulator knows gets the newest behaviour, a header and one log line', async () => {
  const lines: string[] = [];
  const emulator = createEmulator({ log: (line) => lines.push(line) });
  const ask = (version: string) => emulator.handle({ method: 'POST', path: '/v1/payment_intents', headers: { authorization: `Bearer ${emulator.secretKey}`, 'stripe-version': version, 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=1000&currency=usd' });
  const next = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  for (const version of [`${next}.fig`, `${next}.fig`, next, `${next}.fig; some_beta=v2`]) {
    const answer = ask(version);
    assert.equal(answer.status, 200, version);
    assert.equal(answer.headers['stripe-emulator-version-served'], '2026-11-18.endive');
    assert.equal(answer.headers['stripe-version'], version.split(';')[0]);
    const intent = JSON.parse(answer.body);
    assert.deepEqual([intent.capture_method, intent.automatic_payment_methods, 'charges' in intent, 'latest_charge' in intent], ['automatic_async', { enabled: true }, false, true], 'the newest shape and rules');
  }
  assert.equal(lines.length, 2, `one line per unknown version: ${lines.join(' | ')}`);
  assert.match(lines[0]!, new RegExp(`^API version ${next}\\.fig is newer than any this emulator knows: answering it as 2026-11-18\\.endive`));
  assert.equal(ask('2026-11-18.endive').headers['stripe-emulator-version-served'], undefined);
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
  assert.match(sdkMessage(refused), /^This PaymentIntent is configured to accept payment methods enabled in your Dashboard\. .*you must provide a `return_url`\./);
  assert.equal(refused.payment_intent?.status, 'requires_confirmation', 'the intent exists, unconfirmed');
  assert.deepEqual(refused.payment_intent?.automatic_payment_methods, { enabled: true });
  assert.equal(refused.payment_intent?.capture_method, 'automatic', 'automatic_async became the default on 2024-04-10');
  assert.equal(h.types().filter((t) => t === 'charge.succeeded').length, charged, 'nothing more was charged');
  const setupRefused = await stripeFailure(newer.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true }));
  assert.match(sdkMessage(setupRefused), /^This SetupIntent is configured to accept payment methods/);
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
  // The code Stripe's changelog entry for 2026-09-30.endive names, for PaymentIntents and SetupIntents alike.
  const endive = await h.raw('POST', '/v1/payment_intents', form({ amount: '1000', currency: 'usd', 'payment_method_types[]': 'card' }));
  assert.deepEqual([endive.status, endive.body.error.type, endive.body.error.code, endive.body.error.param], [400, 'invalid_request_error', 'payment_method_types_no_longer_supported', 'payment_method_types']);
  assert.match(endive.body.error.message, /^payment_method_types is no longer supported: .*2026-09-30\.endive.*Use allowed_payment_method_types/);
  const setup = await h.raw('POST', '/v1/setup_intents', form({ 'payment_method_types[]': 'card' }));
  assert.deepEqual([setup.body.error?.code, setup.body.error?.param], ['payment_method_types_no_longer_supported', 'payment_method_types']);
  const viaSdk = await stripeFailure(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method_types: ['card'] } as Stripe.PaymentIntentCreateParams));
  assert.equal(viaSdk.code, 'payment_method_types_no_longer_supported');
  // Checkout's entry names no code: the parameter is simply unknown there.
  const session = await h.raw('POST', '/v1/checkout/sessions', form({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok', 'payment_method_types[]': 'card' }));
  assert.deepEqual([session.body.error?.code, session.body.error?.param], ['parameter_unknown', 'payment_method_types']);

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
