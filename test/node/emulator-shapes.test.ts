// Every object the emulator returns, held to two references: Stripe's own example object of its type (its published
// OpenAPI fixtures, test/node/emulator-stripe-fixtures.json) and the interface stripe-node 23 declares for the API
// version it pins (read from the SDK's .d.ts files, nested interfaces included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { sdkHarness } from './helpers/emulator-sdk.js';
import { sdkInterface, typeDifferences } from './helpers/sdk-types.js';

// A copy of shared/stripe-fixtures.json plus three more objects of the same file and commit.
const fixtures = JSON.parse(readFileSync(new URL('./emulator-stripe-fixtures.json', import.meta.url), 'utf8')).resources as Record<string, Record<string, unknown>>;

// Placeholders in the fixtures (e.g. next_action `{type:'type'}`) or per-type unions: compared at the top level only.
const SHALLOW = new Set(['next_action', 'last_payment_error', 'last_setup_error', 'payment_method_options', 'metadata', 'data', 'generated_from', 'wallet', 'source', 'transfer_data', 'price']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/**
 * Keys of Stripe's example missing from the emulator's object, walking into nested objects present on both sides.
 * (Keys the example lacks are checked against stripe-node's types instead: the SDK is newer than the example.)
 */
function missingFixtureKeys(fixture: Record<string, unknown>, actual: Record<string, unknown>, path = ''): string[] {
  const out: string[] = [];
  for (const key of Object.keys(fixture)) if (!(key in actual)) out.push(`missing ${path}${key}`);
  for (const key of Object.keys(fixture)) {
    if (SHALLOW.has(key)) continue;
    const [f, a] = [fixture[key], actual[key]];
    if (isObject(f) && isObject(a) && Object.keys(f).length > 0) out.push(...missingFixtureKeys(f, a, `${path}${key}.`));
  }
  return out;
}

function kindDifferences(fixture: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return Object.keys(fixture)
    .filter((key) => key in actual && actual[key] !== null && fixture[key] !== null && kind(fixture[key]) !== kind(actual[key]))
    .map((key) => `${key}: fixture ${kind(fixture[key])}, emulator ${kind(actual[key])}`);
}

/** [label, object, stripe-node file, interface, fixture name?] */
type Sample = [string, unknown, string, string, string?];

function assertShapes(samples: Sample[]): void {
  for (const [label, object, file, name, fixtureName] of samples) {
    const actual = json(object);
    assert.deepEqual(typeDifferences(actual, sdkInterface(file, name)), [], `${label} against stripe-node's ${name}`);
    if (!fixtureName) continue;
    const fixture = fixtures[fixtureName]!;
    assert.deepEqual(missingFixtureKeys(fixture, actual), [], `${label} keys against Stripe's example ${fixtureName}`);
    assert.deepEqual(kindDifferences(fixture, actual), [], `${label} value types against Stripe's example ${fixtureName}`);
    assert.equal(actual.object, fixture.object, `${label} object name`);
  }
}

const eventInterface = (type: string) => `${type.split(/[._]/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}Event`;
const NEVER = { enabled: true, allow_redirects: 'never' } as const;

test('customers, payment methods, intents, Checkout Sessions and their events have Stripe\'s shapes', async () => {
  const { stripe, emulator, asBrowser } = sdkHarness();
  const events: Stripe.Event[] = [];
  emulator.onEvent((e) => events.push(e));
  const customer = await stripe.customers.create({ email: 'shape@example.com' });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, automatic_payment_methods: NEVER });
  const action = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true, automatic_payment_methods: NEVER });
  const failed = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true, automatic_payment_methods: NEVER })
    .then(() => assert.fail('a declined card succeeded'), (e: Stripe.errors.StripeCardError) => e.payment_intent!);
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: NEVER });
  const session = await stripe.checkout.sessions.create({ mode: 'setup', customer: customer.id, success_url: 'https://shop.test/ok', currency: 'usd' });
  asBrowser('POST', `/checkout/${session.id}/complete`, { card: { number: '4242424242424242', exp_month: '1', exp_year: '2045', cvc: '123' } });
  const completed = await stripe.checkout.sessions.retrieve(session.id);
  const deleted = await stripe.customers.del((await stripe.customers.create()).id);
  const retrievedDeleted = await stripe.customers.retrieve(deleted.id);
  const list = await stripe.customers.list();

  assertShapes([
    ['customer', customer, 'Customers', 'Customer', 'customer'],
    ['deleted customer', deleted, 'Customers', 'DeletedCustomer', 'deleted_customer'],
    ['deleted customer retrieved', retrievedDeleted, 'Customers', 'DeletedCustomer', 'deleted_customer'],
    ['payment method', pm, 'PaymentMethods', 'PaymentMethod', 'payment_method'],
    ['succeeded payment intent', pi, 'PaymentIntents', 'PaymentIntent', 'payment_intent'],
    ['payment intent waiting for 3DS', action, 'PaymentIntents', 'PaymentIntent', 'payment_intent'],
    ['declined payment intent', failed, 'PaymentIntents', 'PaymentIntent', 'payment_intent'],
    ['setup intent', si, 'SetupIntents', 'SetupIntent', 'setup_intent'],
    ['checkout session', session, 'Checkout/Sessions', 'Session', 'checkout.session'],
    ['completed checkout session', completed, 'Checkout/Sessions', 'Session', 'checkout.session'],
    ['list', list, 'lib', 'ApiList'],
    ...events.map((e): Sample => [`${e.type} event`, e, 'Events', eventInterface(e.type), 'event']),
  ]);
  assert.ok(events.length >= 12, `only ${events.length} events checked`);
});

test('charges (succeeded, failed, with refunds), refunds and search results have Stripe\'s shapes', async () => {
  const { stripe, emulator } = sdkHarness();
  const events: Stripe.Event[] = [];
  emulator.onEvent((e) => events.push(e));
  const customer = await stripe.customers.create();
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: NEVER });
  const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 500 });
  const charge = await stripe.charges.retrieve(pi.latest_charge as string, { expand: ['refunds'] });
  const declined = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds', confirm: true, automatic_payment_methods: NEVER })
    .then(() => assert.fail('a declined card succeeded'), (e: Stripe.errors.StripeCardError) => e.charge!);
  const failedCharge = await stripe.charges.retrieve(declined);
  const held = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual', automatic_payment_methods: NEVER });
  await stripe.paymentIntents.cancel(held.id);
  const released = await stripe.charges.retrieve(held.latest_charge as string, { expand: ['refunds'] });
  const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge', 'customer'] });
  const found = await stripe.charges.search({ query: 'status:"succeeded"', expand: ['total_count'] });
  const customers = await stripe.customers.search({ query: `-email:null OR created>0` });

  assertShapes([
    ['charge with refunds', charge, 'Charges', 'Charge', 'charge'],
    ['failed charge', failedCharge, 'Charges', 'Charge'],
    ['released charge', released, 'Charges', 'Charge'],
    ['refund', refund, 'Refunds', 'Refund', 'refund'],
    ['intent with latest_charge expanded', expanded, 'PaymentIntents', 'PaymentIntent', 'payment_intent'],
    ['charge search result', found, 'lib', 'ApiSearchResult'],
    ['customer search result', customers, 'lib', 'ApiSearchResult'],
    ...found.data.map((c): Sample => ['charge found by search', c, 'Charges', 'Charge']),
    ...events.map((e): Sample => [`${e.type} event`, e, 'Events', eventInterface(e.type), 'event']),
  ]);
  assert.deepEqual([found.data.length, customers.data.length], [2, 1], 'the search results hold objects to check');
  assert.deepEqual([...new Set(events.map((e) => e.type))].filter((t) => t.startsWith('charge.') || t.startsWith('refund.')).sort(),
    ['charge.failed', 'charge.refunded', 'charge.succeeded', 'refund.created']);
});

test('Checkout line items, an embedded session and a session with line_items expanded have Stripe\'s shapes', async () => {
  const { stripe } = sdkHarness();
  const lineItems = [{ quantity: 2, price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Mug' } } }];
  const embedded = await stripe.checkout.sessions.create({ mode: 'payment', ui_mode: 'embedded_page', return_url: 'https://shop.test/r?s={CHECKOUT_SESSION_ID}', line_items: lineItems });
  const items = await stripe.checkout.sessions.listLineItems(embedded.id);
  const expanded = await stripe.checkout.sessions.retrieve(embedded.id, { expand: ['line_items'] });
  const never = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', redirect_on_completion: 'never' });

  assertShapes([
    ['line item', items.data[0], 'LineItems', 'LineItem', 'item'],
    ['line item list', items, 'lib', 'ApiList'],
    ['embedded session', embedded, 'Checkout/Sessions', 'Session', 'checkout.session'],
    ['embedded session that never redirects', never, 'Checkout/Sessions', 'Session', 'checkout.session'],
    ['session with line_items expanded', expanded, 'Checkout/Sessions', 'Session', 'checkout.session'],
    ['expanded line item', expanded.line_items!.data[0], 'LineItems', 'LineItem', 'item'],
  ]);
  assert.equal(items.data.length, 1, 'the list holds an item to check');
});

test('the shape check itself catches a missing key, an undeclared key and a wrong value type', () => {
  const customer = json(fixtures.customer);
  const charge = sdkInterface('Charges', 'Charge');
  delete customer.email;
  assert.deepEqual(typeDifferences(customer, sdkInterface('Customers', 'Customer')), ['missing email']);
  // The fixture predates stripe-node 23.2, which declares `application` on refunds.
  assert.deepEqual(typeDifferences({ ...json(fixtures.refund), application: null, surprise: 1 }, sdkInterface('Refunds', 'Refund')), ['undeclared surprise']);
  const wrong = json(fixtures.charge);
  (wrong.payment_method_details as { card: Record<string, unknown> }).card.last4 = 4242;
  const problems = typeDifferences(wrong, charge);
  assert.ok(problems.includes('payment_method_details.card.last4: got number, declared string | null'), problems.join('; '));
});
