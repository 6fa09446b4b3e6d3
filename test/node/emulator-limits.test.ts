// What the emulator remembers stays bounded: per-kind caps with finished objects evicted first, lists that stay
// correct after eviction, and reset() that lets go of everything. Over real HTTP with the stripe SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Stripe from 'stripe';
import { createEmulator } from '../../src/testing/emulator/index.js';
import { startEmulator } from '../../src/testing/server/index.js';
import type { EmulatorLimits } from '../../src/testing/emulator/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { startReceiver, stripeFor } from './server-helpers.js';

async function withServer(limits: Partial<EmulatorLimits>, run: (stripe: Stripe, server: RunningEmulator) => Promise<void>): Promise<void> {
  const server = await startEmulator({ port: 0, quiet: true, limits });
  try {
    await run(stripeFor(server), server);
  } finally {
    await server.close();
  }
}

async function missing(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Stripe.errors.StripeError, `expected a Stripe error, got ${String(error)}`);
  return error;
}

const ids = (list: { data: Array<{ id: string }> }) => list.data.map((item) => item.id);

test('past the cap, finished intents are forgotten first (least recently finished first), pending ones last', async () => {
  await withServer({ objects: 3 }, async (stripe) => {
    const pay = async () => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
    const pending1 = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const paid1 = await pay();
    const paid2 = await pay();
    assert.equal(paid1.status, 'succeeded');

    const pending2 = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    // Four intents, cap three: the first to finish goes, the older pending one stays.
    const gone = await missing(stripe.paymentIntents.retrieve(paid1.id));
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.code, 'resource_missing');
    assert.equal((await stripe.paymentIntents.retrieve(pending1.id)).status, 'requires_payment_method');

    await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    assert.equal((await missing(stripe.paymentIntents.retrieve(paid2.id))).statusCode, 404);

    // Only pending intents left: now the oldest of them goes.
    await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    assert.equal((await missing(stripe.paymentIntents.retrieve(pending1.id))).statusCode, 404);
    assert.equal((await stripe.paymentIntents.retrieve(pending2.id)).id, pending2.id);
  });
});

test('an intent that finishes later is kept longer than one that finished earlier', async () => {
  await withServer({ objects: 2 }, async (stripe) => {
    const older = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const newer = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
    await stripe.paymentIntents.confirm(older.id, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    assert.equal((await missing(stripe.paymentIntents.retrieve(newer.id))).statusCode, 404);
    assert.equal((await stripe.paymentIntents.retrieve(older.id)).status, 'succeeded');
  });
});

test('lists stay newest first and page correctly after eviction, per customer and overall', async () => {
  await withServer({ objects: 6 }, async (stripe) => {
    const alice = await stripe.customers.create({ email: 'alice@example.com' });
    const bob = await stripe.customers.create({ email: 'bob@example.com' });
    const made: Stripe.PaymentIntent[] = [];
    for (let i = 0; i < 9; i++) {
      made.push(await stripe.paymentIntents.create({ amount: 100 + i, currency: 'usd', customer: i % 3 === 0 ? bob.id : alice.id, payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] }));
    }
    const kept = made.slice(-6).reverse();
    assert.deepEqual(ids(await stripe.paymentIntents.list({ limit: 100 })), kept.map((pi) => pi.id));

    const alicesKept = kept.filter((pi) => pi.customer === alice.id).map((pi) => pi.id);
    const page1 = await stripe.paymentIntents.list({ customer: alice.id, limit: 2 });
    assert.deepEqual(ids(page1), alicesKept.slice(0, 2));
    assert.equal(page1.has_more, true);
    const page2 = await stripe.paymentIntents.list({ customer: alice.id, limit: 2, starting_after: page1.data[1]!.id });
    assert.deepEqual(ids(page2), alicesKept.slice(2, 4));
    assert.equal(page2.has_more, false);
    const back = await stripe.paymentIntents.list({ customer: alice.id, limit: 1, ending_before: page2.data[0]!.id });
    assert.deepEqual(ids(back), [alicesKept[1]]);
    assert.equal(back.has_more, true);

    // Auto-pagination walks the same set the plain list shows.
    const walked: string[] = [];
    for await (const pi of stripe.paymentIntents.list({ customer: bob.id, limit: 1 })) walked.push(pi.id);
    assert.deepEqual(walked, kept.filter((pi) => pi.customer === bob.id).map((pi) => pi.id));

    // A cursor that was evicted is refused by name, as an unknown one is.
    const stale = await missing(stripe.paymentIntents.list({ starting_after: made[0]!.id }));
    assert.equal(stale.statusCode, 400);
    assert.equal(stale.param, 'starting_after');

    // Customers are indexed by email and capped like the rest.
    assert.deepEqual(ids(await stripe.customers.list({ email: 'bob@example.com' })), [bob.id]);
  });
});

test('a card attached to a customer moves into that customer\'s list, and out again when detached', async () => {
  await withServer({}, async (stripe) => {
    const customer = await stripe.customers.create();
    const first = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const second = await stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id });
    assert.deepEqual(ids(await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })), [second.id, first.id]);
    await stripe.paymentMethods.detach(first.id);
    assert.deepEqual(ids(await stripe.customers.listPaymentMethods(customer.id)), [second.id]);
    await stripe.customers.del(customer.id);
    const afterDelete = await stripe.paymentMethods.retrieve(second.id);
    assert.equal(afterDelete.customer, null);
  });
});

test('events and idempotency keys have their own caps', async () => {
  await withServer({ events: 3, idempotencyKeys: 2 }, async (stripe) => {
    const customers = [];
    for (let i = 0; i < 5; i++) customers.push(await stripe.customers.create({ name: `c${i}` }));
    const events = await stripe.events.list({ limit: 100 });
    assert.equal(events.data.length, 3);
    assert.deepEqual(events.data.map((e) => (e.data.object as Stripe.Customer).id), customers.slice(-3).reverse().map((c) => c.id));

    const first = await stripe.customers.create({ name: 'a' }, { idempotencyKey: 'key-1' });
    const replay = await stripe.customers.create({ name: 'a' }, { idempotencyKey: 'key-1' });
    assert.equal(replay.id, first.id);
    await stripe.customers.create({ name: 'b' }, { idempotencyKey: 'key-2' });
    await stripe.customers.create({ name: 'c' }, { idempotencyKey: 'key-3' });
    // key-1 is past the cap: reusing it with other params is a new request, not an idempotency_error.
    const reused = await stripe.customers.create({ name: 'other' }, { idempotencyKey: 'key-1' });
    assert.notEqual(reused.id, first.id);
    assert.equal(reused.name, 'other');
  });
});

test('deleted customers are remembered up to the objects cap, then the oldest answers 404 like any unknown id', async () => {
  await withServer({ objects: 3 }, async (stripe) => {
    const deleted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const customer = await stripe.customers.create({ name: `gone${i}` });
      await stripe.customers.del(customer.id);
      deleted.push(customer.id);
    }
    for (const id of deleted.slice(-3)) assert.deepEqual(await stripe.customers.retrieve(id), { id, object: 'customer', deleted: true });
    for (const id of deleted.slice(0, 2)) {
      const error = await missing(stripe.customers.retrieve(id));
      assert.equal(error.statusCode, 404);
      assert.equal(error.code, 'resource_missing');
    }
  });
});

test('the webhook delivery log keeps the latest deliveries, as many as the events cap', async () => {
  const receiver = await startReceiver();
  const server = await startEmulator({ port: 0, quiet: true, limits: { events: 4 }, webhooks: [{ url: receiver.url, secret: 'whsec_log' }], webhookRetry: { delays: [] } });
  try {
    const stripe = stripeFor(server);
    const customers = [];
    for (let i = 0; i < 10; i++) customers.push(await stripe.customers.create({ name: `w${i}` }));
    await server.webhooksIdle();
    assert.equal(receiver.received.length, 10, 'every event is still delivered');
    const log = server.webhookDeliveries();
    assert.equal(log.length, 4);
    assert.deepEqual(log.map((d) => d.state), ['delivered', 'delivered', 'delivered', 'delivered']);
    const events = await stripe.events.list({ limit: 10 });
    assert.deepEqual(log.map((d) => d.eventId), events.data.map((e) => e.id).reverse(), 'the same latest four events');
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('reset() forgets objects, events and idempotency keys, and lets go of their memory', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const emulator = createEmulator();
  const seen: Array<WeakRef<object>> = [];
  emulator.onEvent((event) => seen.push(new WeakRef(event)));
  const created = emulator.request('POST', '/v1/customers', { name: 'before' }, { idempotencyKey: 'k' });
  assert.equal(created.status, 200);
  const before = seen.length;
  assert.ok(before > 0);

  emulator.reset();
  assert.equal(emulator.request('GET', `/v1/customers/${created.body.id}`).status, 404);
  assert.deepEqual(emulator.request('GET', '/v1/events').body.data, []);
  const sameKey = emulator.request('POST', '/v1/customers', { name: 'other params' }, { idempotencyKey: 'k' });
  assert.equal(sameKey.status, 200, JSON.stringify(sameKey.body));

  // Nothing the emulator held before the reset is still reachable: the events it stored can be collected.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.equal(seen.slice(0, before).filter((ref) => ref.deref() !== undefined).length, 0);
});

test('limits are checked: a bad value names the limit, what was expected and what came', () => {
  assert.throws(() => createEmulator({ limits: { objects: 0 } }), /limits\.objects must be a whole number of at least 1, got 0/);
  assert.throws(() => createEmulator({ limits: { events: 1.5 } }), /limits\.events must be a whole number of at least 1, got 1\.5/);
  assert.throws(() => createEmulator({ limits: { objetcs: 5 } as unknown as Partial<EmulatorLimits> }), /unknown limit "objetcs"/);
  assert.deepEqual(createEmulator({ limits: { events: 7 } }).limits, { objects: 2_000, events: 7, idempotencyKeys: 1_000 });
});
