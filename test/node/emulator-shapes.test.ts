// Every emulator object carries the keys of Stripe's own example object of its type (shared/stripe-fixtures.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { sdkHarness } from './helpers/emulator-sdk.js';

// A copy of shared/stripe-fixtures.json (Stripe's OpenAPI example objects), kept in the repo so CI has it.
const fixtures = JSON.parse(readFileSync(new URL('./emulator-stripe-fixtures.json', import.meta.url), 'utf8')).resources as Record<string, Record<string, unknown>>;

// Placeholders in the fixtures (e.g. next_action `{type:'type'}`) or per-type unions: compared at the top level only.
const SHALLOW = new Set(['next_action', 'last_payment_error', 'last_setup_error', 'payment_method_options', 'metadata', 'data', 'generated_from', 'wallet']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Differences between key sets, walking into nested objects present on both sides. */
function keyDifferences(fixture: Record<string, unknown>, actual: Record<string, unknown>, path = ''): string[] {
  const out: string[] = [];
  for (const key of Object.keys(fixture)) if (!(key in actual)) out.push(`missing ${path}${key}`);
  for (const key of Object.keys(actual)) if (!(key in fixture)) out.push(`extra ${path}${key}`);
  for (const key of Object.keys(fixture)) {
    if (SHALLOW.has(key)) continue;
    const [f, a] = [fixture[key], actual[key]];
    if (isObject(f) && isObject(a) && Object.keys(f).length > 0) out.push(...keyDifferences(f, a, `${path}${key}.`));
  }
  return out;
}

function typeDifferences(fixture: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return Object.keys(fixture)
    .filter((key) => key in actual && actual[key] !== null && fixture[key] !== null && kind(fixture[key]) !== kind(actual[key]))
    .map((key) => `${key}: fixture ${kind(fixture[key])}, emulator ${kind(actual[key])}`);
}

test('emulator objects have the same keys (and value types) as Stripe\'s fixtures', async () => {
  const { stripe, emulator, asBrowser } = sdkHarness();
  const events: Stripe.Event[] = [];
  emulator.onEvent((e) => events.push(e));
  const customer = await stripe.customers.create({ email: 'shape@example.com' });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true });
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
  const session = await stripe.checkout.sessions.create({ mode: 'setup', customer: customer.id, success_url: 'https://shop.test/ok' });
  asBrowser('POST', `/checkout/${session.id}/complete`, { card: { number: '4242424242424242', exp_month: '1', exp_year: '2045', cvc: '123' } });
  const completed = await stripe.checkout.sessions.retrieve(session.id);

  const pairs: [string, unknown][] = [
    ['customer', customer], ['payment_method', pm], ['payment_intent', pi], ['setup_intent', si],
    ['checkout.session', session], ['checkout.session', completed], ['event', events[0]],
  ];
  for (const [type, object] of pairs) {
    const fixture = fixtures[type]!;
    const actual = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
    assert.deepEqual(keyDifferences(fixture, actual), [], `${type} keys`);
    assert.deepEqual(typeDifferences(fixture, actual), [], `${type} value types`);
    assert.equal(actual.object, fixture.object, `${type} object name`);
  }
});
