// The emulator over real HTTP, driven by the official stripe SDK exactly as a merchant's server would drive Stripe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { stripeFor } from './server-helpers.js';
import { sdkMessage } from './helpers/emulator-http.js';

let server: RunningEmulator;
let stripe: Stripe;

before(async () => {
  server = await startEmulator({ port: 0, quiet: true });
  stripe = stripeFor(server);
});
after(() => server.close());

/** A raw HTTP call, for what the SDK would never send. */
function raw(method: string, path: string, body: string | Buffer = '', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.secretKey}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('startEmulator reports where it listens and points the core at itself', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  assert.equal(server.emulator.publicUrl, server.url);
  assert.deepEqual(server.stripeConfig, { host: '127.0.0.1', port: server.port, protocol: 'http' });
  assert.match(server.secretKey, /^sk_test_/);
  assert.match(server.publishableKey, /^pk_test_/);
});

test('a PaymentIntent is created and confirmed over the wire with the stripe SDK', async () => {
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const created = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', customer: customer.id, setup_future_usage: 'off_session', metadata: { order: 'o 1' } });
  assert.equal(created.status, 'requires_payment_method');
  assert.match(created.client_secret!, new RegExp(`^${created.id}_secret_`));
  assert.equal(created.metadata.order, 'o 1');

  const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
  assert.equal(confirmed.status, 'succeeded');
  assert.equal(confirmed.amount, 1999);

  const retrieved = await stripe.paymentIntents.retrieve(created.id);
  assert.equal(retrieved.status, 'succeeded');
  // setup_future_usage + customer: the card is now saved on the customer.
  const methods = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  assert.equal(methods.data.length, 1);
  assert.equal(methods.data[0]!.card!.last4, '4242');
});

test('a declined card arrives as a StripeCardError with the decline code', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'usd' });
  await assert.rejects(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa_chargeDeclined', return_url: 'https://shop.test/return' }), (err: unknown) => {
    assert.ok(err instanceof Stripe.errors.StripeCardError, `expected StripeCardError, got ${String(err)}`);
    assert.equal(err.statusCode, 402);
    assert.equal(err.code, 'card_declined');
    assert.equal(err.decline_code, 'generic_decline');
    assert.equal(sdkMessage(err), 'Your card was declined.');
    assert.equal(err.payment_intent?.id, intent.id);
    assert.equal(err.payment_intent?.status, 'requires_payment_method');
    return true;
  });
});

test('a wrong secret key and a publishable key get 401 authentication errors', async () => {
  const wrong = stripeFor(server, 'sk_test_not_the_right_one');
  await assert.rejects(wrong.customers.create({}), (err: unknown) => {
    assert.ok(err instanceof Stripe.errors.StripeAuthenticationError, `expected StripeAuthenticationError, got ${String(err)}`);
    assert.equal(err.statusCode, 401);
    return true;
  });
  const publishable = stripeFor(server, server.publishableKey);
  await assert.rejects(publishable.customers.create({}), (err: unknown) => err instanceof Stripe.errors.StripeAuthenticationError && err.statusCode === 401);
});

test('an unknown object is a 404 resource_missing naming the id', async () => {
  await assert.rejects(stripe.customers.retrieve('cus_nope'), (err: unknown) => {
    assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
    assert.equal(err.statusCode, 404);
    assert.equal(err.code, 'resource_missing');
    assert.match(err.message, /cus_nope/);
    return true;
  });
});

test('an oversized body gets a Stripe-shaped 413 without the server buffering it', async () => {
  const huge = Buffer.alloc(3 * 1024 * 1024, 'a');
  const answer = await raw('POST', '/v1/customers', Buffer.concat([Buffer.from('description='), huge]), { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(answer.status, 413);
  const json = JSON.parse(answer.body) as { error: { type: string; message: string } };
  assert.equal(json.error.type, 'invalid_request_error');
  assert.match(json.error.message, /too large/i);

  // The SDK sees the same answer as a StripeError carrying the 413.
  await assert.rejects(stripe.customers.create({ description: 'x'.repeat(1_100_000) }), (err: unknown) => {
    assert.ok(err instanceof Stripe.errors.StripeError, `expected a StripeError, got ${String(err)}`);
    assert.equal(err.statusCode, 413);
    return true;
  });
  // The server is still fine afterwards.
  assert.ok((await stripe.customers.create({})).id.startsWith('cus_'));
});

test('a malformed form body gets a Stripe-shaped 400 naming the parameter', async () => {
  const answer = await raw('POST', '/v1/customers', 'metadata=1&metadata[a]=2', { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(answer.status, 400);
  const json = JSON.parse(answer.body) as { error: { type: string; message: string; param?: string } };
  assert.equal(json.error.type, 'invalid_request_error');
  assert.match(json.error.message, /metadata/);
});

test('CORS: preflights are answered and API answers carry Access-Control-Allow-Origin', async () => {
  const preflight = await raw('OPTIONS', '/v1/payment_intents/pi_123/confirm', '', {
    origin: 'http://localhost:5173',
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type, authorization',
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], '*');
  assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/i);
  assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);

  const intent = await stripe.paymentIntents.create({ amount: 700, currency: 'usd' });
  const fromPage = await raw('GET', `/v1/payment_intents/${intent.id}?client_secret=${intent.client_secret}`, '', {
    origin: 'http://localhost:5173',
    authorization: `Bearer ${server.publishableKey}`,
  });
  assert.equal(fromPage.status, 200);
  assert.equal(fromPage.headers['access-control-allow-origin'], '*');
  assert.equal((JSON.parse(fromPage.body) as { id: string }).id, intent.id);
});

test('idempotent retries over HTTP replay the first answer', async () => {
  const a = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'same-key-1' });
  const b = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'same-key-1' });
  assert.equal(a.id, b.id);
});

test('two servers can share one core (reuse an existing emulator)', async () => {
  const second = await startEmulator({ port: 0, quiet: true, emulator: server.emulator });
  try {
    const made = await stripeFor(second).customers.create({ email: 'shared@example.com' });
    const seen = await stripe.customers.retrieve(made.id);
    assert.equal(seen.id, made.id);
  } finally {
    await second.close();
    server.emulator.publicUrl = server.url;
  }
});

test('close() frees the port', async () => {
  const temp = await startEmulator({ port: 0, quiet: true });
  await stripeFor(temp).customers.create({}); // leaves a keep-alive connection open
  await temp.close();
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(temp.port, '127.0.0.1', () => probe.close(() => resolve()));
  });
});

test('bad options are rejected with a message naming the option', async () => {
  await assert.rejects(startEmulator({ port: 70000 }), /port must be an integer 0-65535, got 70000/);
  await assert.rejects(startEmulator({ port: 0, quiet: true, webhooks: [{ url: 'not a url', secret: 'whsec_x' }] }), /webhook: url must be an absolute http\(s\) URL, got "not a url"/);
  await assert.rejects(startEmulator({ port: 0, quiet: true, webhooks: [{ url: 'http://127.0.0.1:1/w', secret: 'nope' }] }), /secret must start with "whsec_"/);
});
