// Webhook delivery to real node:http receivers, verified with the stripe SDK's own constructEvent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { retrySchedule, signWebhookPayload, startEmulator } from '../../src/testing/server/index.js';
import { startReceiver, stripeFor, waitFor } from './server-helpers.js';
import type { ReceivedWebhook } from './server-helpers.js';

const SECRET = 'whsec_test_emulator_secret';
const verifier = new Stripe('sk_test_unused', { telemetry: false });

function verify(hit: ReceivedWebhook, secret = SECRET): Stripe.Event {
  return verifier.webhooks.constructEvent(hit.rawBody, String(hit.headers['stripe-signature']), secret);
}

test('signWebhookPayload produces the header stripe-node verifies, and the one it generates itself', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });
  const timestamp = Math.floor(Date.now() / 1000);
  const header = signWebhookPayload(payload, SECRET, timestamp);
  assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.equal(header, verifier.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp }));
  assert.equal(verifier.webhooks.constructEvent(payload, header, SECRET).id, 'evt_1');
  assert.throws(() => verifier.webhooks.constructEvent(payload, header, 'whsec_other'), /signature/i);
  assert.throws(() => signWebhookPayload(payload, ''), /secret must be a non-empty string/);
});

test('events are POSTed signed, in the order the core recorded them', async () => {
  const receiver = await startReceiver();
  const server = await startEmulator({ port: 0, quiet: true, webhooks: [{ url: receiver.url, secret: SECRET }] });
  const recorded: string[] = [];
  server.emulator.onEvent((event) => recorded.push(event.id));
  try {
    const stripe = stripeFor(server);
    const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd' });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await server.webhooksIdle();

    const events = receiver.received.map((hit) => verify(hit));
    assert.ok(recorded.length >= 2, `expected at least 2 events, core recorded ${recorded.length}`);
    assert.deepEqual(events.map((e) => e.id), recorded);
    const types = events.map((e) => e.type);
    assert.ok(types.indexOf('payment_intent.created') < types.indexOf('payment_intent.succeeded'), `order: ${types.join(', ')}`);
    const succeeded = events.find((e) => e.type === 'payment_intent.succeeded')!;
    assert.equal((succeeded.data.object as Stripe.PaymentIntent).id, intent.id);
    assert.equal(receiver.received[0]!.headers['content-type'], 'application/json; charset=utf-8');

    const log = server.webhookDeliveries();
    assert.equal(log.length, events.length);
    assert.ok(log.every((d) => d.state === 'delivered' && d.attempts === 1 && d.lastStatus === 200 && d.url === receiver.url));
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('a failed delivery is retried with the same event id on its own schedule, without holding back later events', async () => {
  // The first event's first two attempts fail (500, then 503); every other request succeeds.
  let firstId: string | undefined;
  let failures = 0;
  const receiver = await startReceiver((_n, rawBody) => {
    const id = (JSON.parse(rawBody) as { id: string }).id;
    firstId ??= id;
    if (id !== firstId || failures >= 2) return 200;
    return ++failures === 1 ? 500 : 503;
  });
  const server = await startEmulator({ port: 0, quiet: true, webhookRetry: { delays: [150, 300] } });
  server.addWebhook({ url: receiver.url, secret: SECRET });
  try {
    const stripe = stripeFor(server);
    const started = Date.now();
    const customer = await stripe.customers.create({});
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await waitFor('a retry scheduled', () => server.webhookDeliveries()[0]?.nextAttemptAt ?? undefined);
    await server.webhooksIdle();

    const hits = receiver.received.map((hit) => ({ status: hit.status, event: verify(hit) }));
    const firstHits = hits.filter((h) => h.event.id === firstId);
    assert.deepEqual(firstHits.map((h) => h.status), [500, 503, 200], 'the same event id, re-sent until it got a 2xx');
    // Later events went out while the first one waited for its retries.
    const firstDelivered = hits.findIndex((h) => h.event.id === firstId && h.status === 200);
    const laterDelivered = hits.findIndex((h) => h.event.id !== firstId && h.status === 200);
    assert.ok(laterDelivered !== -1 && laterDelivered < firstDelivered, `order of arrivals: ${hits.map((h) => `${h.event.type}:${h.status}`).join(', ')}`);
    const delivered = hits.filter((h) => h.status === 200).map((h) => h.event.id);
    assert.equal(new Set(delivered).size, delivered.length, 'each event delivered once');
    assert.ok(Date.now() - started >= 450, 'the retries waited for the backoff delays');

    const log = server.webhookDeliveries();
    assert.equal(log[0]!.eventId, firstId);
    assert.deepEqual({ attempts: log[0]!.attempts, lastStatus: log[0]!.lastStatus, state: log[0]!.state, nextAttemptAt: log[0]!.nextAttemptAt },
      { attempts: 3, lastStatus: 200, state: 'delivered', nextAttemptAt: null });
    assert.ok(log.slice(1).every((d) => d.attempts === 1 && d.state === 'delivered'));
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('the default retry schedule backs off exponentially over more than half an hour, as Stripe does over days', () => {
  const delays = retrySchedule();
  assert.deepEqual(delays.slice(0, 4), [1000, 2000, 4000, 8000]);
  for (let i = 1; i < delays.length; i++) assert.ok(delays[i]! >= delays[i - 1]!, `delay ${i} shrank: ${delays.join(', ')}`);
  assert.ok(delays.reduce((a, b) => a + b, 0) >= 30 * 60_000, `total ${delays.reduce((a, b) => a + b, 0)} ms`);
  assert.ok(Math.max(...delays) <= 600_000);
  assert.deepEqual(retrySchedule({ initialDelayMs: 10, factor: 3, retries: 4, maxDelayMs: 100 }), [10, 30, 90, 100]);
  assert.deepEqual(retrySchedule({ delays: [5, 5] }), [5, 5]);
  assert.throws(() => retrySchedule({ factor: 0 }), /webhookRetry\.factor must be a positive number, got 0/);
  assert.throws(() => retrySchedule({ retries: 1.5 }), /webhookRetry\.retries must be an integer/);
  assert.throws(() => retrySchedule({ delays: [-1] }), /webhookRetry\.delays must be an array of non-negative/);
});

test('an endpoint that keeps failing is retried at growing intervals', async () => {
  const at: number[] = [];
  const receiver = await startReceiver(() => {
    at.push(Date.now());
    return 500;
  });
  const server = await startEmulator({ port: 0, quiet: true, webhooks: [{ url: receiver.url, secret: SECRET }], webhookRetry: { initialDelayMs: 40, factor: 2, retries: 3 } });
  try {
    await stripeFor(server).customers.create({});
    await server.webhooksIdle();
    assert.equal(at.length, 4, 'one attempt and three retries');
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    [40, 80, 160].forEach((delay, i) => assert.ok(gaps[i]! >= delay - 5, `gap ${i} was ${gaps[i]} ms, expected at least ${delay}`));
    const [delivery] = server.webhookDeliveries();
    assert.deepEqual({ state: delivery!.state, attempts: delivery!.attempts, lastStatus: delivery!.lastStatus }, { state: 'failed', attempts: 4, lastStatus: 500 });
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('an unreachable endpoint is retried a bounded number of times, then given up', async () => {
  const gone = await startReceiver();
  const url = gone.url;
  await gone.close(); // nothing listens there any more: connection refused
  const server = await startEmulator({ port: 0, quiet: true, webhooks: [{ url, secret: SECRET }], webhookRetry: { delays: [10, 10] } });
  try {
    await stripeFor(server).paymentIntents.create({ amount: 100, currency: 'usd' });
    await server.webhooksIdle();
    const [delivery] = server.webhookDeliveries();
    assert.ok(delivery, 'one delivery was logged');
    assert.equal(delivery.state, 'failed');
    assert.equal(delivery.attempts, 3);
    assert.equal(delivery.lastStatus, null);
    assert.match(delivery.lastError ?? '', /ECONNREFUSED/);
  } finally {
    await server.close();
  }
});

test('every endpoint gets every event with its own secret; a removed endpoint gets nothing more', async () => {
  const a = await startReceiver();
  const b = await startReceiver();
  const server = await startEmulator({ port: 0, quiet: true, webhooks: [{ url: a.url, secret: SECRET }] });
  const removeB = server.addWebhook({ url: b.url, secret: 'whsec_second' });
  try {
    const stripe = stripeFor(server);
    await stripe.customers.create({});
    await stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    await server.webhooksIdle();
    assert.ok(a.received.length >= 1);
    assert.deepEqual(b.received.map((h) => verify(h, 'whsec_second').id), a.received.map((h) => verify(h).id));
    assert.throws(() => verify(b.received[0]!, SECRET), /signature/i);

    removeB();
    const before = b.received.length;
    await stripe.paymentIntents.create({ amount: 200, currency: 'usd' });
    await server.webhooksIdle();
    assert.equal(b.received.length, before);
    assert.ok(a.received.length > before);
  } finally {
    await server.close();
    await a.close();
    await b.close();
  }
});

test('an endpoint that stays down holds at most limits.events deliveries: the oldest retries are given up, and the log says so', async () => {
  const receiver = await startReceiver(() => 500);
  const lines: string[] = [];
  const realWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (String(chunk).includes('[stripe emulator]')) return Boolean(lines.push(String(chunk)));
    return (realWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  const server = await startEmulator({ port: 0, limits: { events: 3 }, webhooks: [{ url: receiver.url, secret: SECRET }], webhookRetry: { delays: [60_000] } });
  try {
    const stripe = stripeFor(server);
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await stripe.customers.create({ name: `down${i}` }));
    await waitFor('six first attempts', () => (receiver.received.length === 6 ? true : undefined));
    // In the order the events happened (first attempts go out in order).
    const events = receiver.received.map((hit) => verify(hit));
    const givenUp = await waitFor('three given up', () => {
      const found = lines.filter((line) => line.includes('giving up, more than 3 deliveries pending for this endpoint'));
      return found.length === 3 ? found : undefined;
    });
    // The three oldest events were given up; the three newest still wait for their retry.
    assert.deepEqual(givenUp.map((line) => /webhook (evt_\w+)/.exec(line)![1]), events.slice(0, 3).map((e) => e.id));
    assert.deepEqual(server.webhookDeliveries().map((d) => [d.eventId, d.state]), events.slice(3).map((e) => [e.id, 'pending']));
  } finally {
    await server.close();
    await receiver.close();
    process.stderr.write = realWrite;
  }
});
