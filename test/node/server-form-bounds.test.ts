// Bodies that used to hang or balloon the emulator (issue #9, case 9) now get a Stripe-shaped 400 at once:
// sparse array indexes, deep nesting, many keys, huge metadata. Over real HTTP; the test timeouts only guard
// against a hang, they measure nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { stripeFor } from './server-helpers.js';

let server: RunningEmulator;
let stripe: Stripe;

before(async () => {
  server = await startEmulator({ port: 0, quiet: true });
  stripe = stripeFor(server);
});
after(() => server.close());

interface StripeErrorJson {
  error: { type: string; message: string; param?: string; code?: string };
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: StripeErrorJson & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const HANG_GUARD = { timeout: 20_000 };

test('case 9: x[4294967294]=1 with an Idempotency-Key is a 400 naming x, and the server keeps answering', HANG_GUARD, async () => {
  const answer = await post('/v1/customers', 'x[4294967294]=1', { 'idempotency-key': 'case-9' });
  assert.equal(answer.status, 400);
  assert.equal(answer.json.error.type, 'invalid_request_error');
  assert.equal(answer.json.error.param, 'x');
  assert.match(answer.json.error.message, /unknown parameter: x/);
  const again = await post('/v1/customers', 'x[4294967294]=1', { 'idempotency-key': 'case-9' });
  assert.equal(again.status, 400);
  assert.ok((await stripe.customers.create({ name: 'still here' })).id.startsWith('cus_'));
});

test('a list index far past the list\'s length is "Invalid array" naming the list', HANG_GUARD, async () => {
  const customer = await stripe.customers.create();
  const answer = await post('/v1/payment_intents', `amount=100&currency=usd&customer=${customer.id}&expand[4294967294]=customer`, { 'idempotency-key': 'sparse-expand' });
  assert.equal(answer.status, 400);
  assert.equal(answer.json.error.param, 'expand');
  assert.match(answer.json.error.message, /^Invalid array: expand\[4294967294\] is past the end of expand, which takes at most 20 items/);

  const notAList = await post('/v1/payment_intents', `amount=100&currency=usd&expand[first]=customer`);
  assert.equal(notAList.status, 400);
  assert.equal(notAList.json.error.param, 'expand');
  assert.match(notAList.json.error.message, /must be a list .*got the key 'first'/);
});

test('a list with gaps within its length is read in index order, as Stripe reads integer-keyed lists', async () => {
  const customer = await stripe.customers.create({ email: 'gap@example.com' });
  const answer = await post('/v1/payment_intents', `amount=100&currency=usd&customer=${customer.id}&expand[3]=customer&allowed_payment_method_types[1]=card`);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  assert.equal((answer.json.customer as Stripe.Customer).email, 'gap@example.com');
  assert.deepEqual(answer.json.allowed_payment_method_types, ['card']);
});

test('deep nesting is refused by name before anything is built from it', HANG_GUARD, async () => {
  const answer = await post('/v1/customers', `metadata${'[a]'.repeat(300_000)}=1`, { 'idempotency-key': 'deep' });
  assert.equal(answer.status, 400);
  assert.equal(answer.json.error.type, 'invalid_request_error');
  assert.match(answer.json.error.param!, /^metadata\[a\]\[a\]/);
  assert.match(answer.json.error.message, /nested more than 10 levels deep/);
});

test('a body of 100,000 keys is a 400 naming the first unknown one; replaying the same key and body is too', HANG_GUARD, async () => {
  const body = Array.from({ length: 100_000 }, (_, i) => `k${i}=v`).join('&');
  for (let round = 0; round < 2; round++) {
    const answer = await post('/v1/customers', body, { 'idempotency-key': 'many-keys' });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error.param, 'k0');
  }
});

test('metadata is held to Stripe\'s limits: 50 keys, keys of 40 characters, values of 500', HANG_GUARD, async () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `metadata[key${i}]=v`).join('&');
  const tooMany = await post('/v1/customers', keys(51));
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.json.error.param, 'metadata');
  assert.match(tooMany.json.error.message, /at most 50 keys are allowed, got 51/);
  assert.equal((await post('/v1/customers', keys(40_000))).status, 400);
  assert.equal((await post('/v1/customers', keys(50))).status, 200);

  const longKey = await post('/v1/customers', `metadata[${'k'.repeat(41)}]=v`);
  assert.equal(longKey.status, 400);
  assert.match(longKey.json.error.message, /keys can be at most 40 characters, got 41/);
  const longValue = await post('/v1/customers', `metadata[k]=${'v'.repeat(501)}`);
  assert.equal(longValue.status, 400);
  assert.equal(longValue.json.error.param, 'metadata[k]');

  // 50 is the most an object holds, across updates too.
  const customer = await stripe.customers.create({ metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`a${i}`, 'v'])) });
  await assert.rejects(stripe.customers.update(customer.id, { metadata: { one_more: 'v' } }), (err: unknown) => {
    assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
    assert.match(err.message, /at most 50 keys; this update would leave 51/);
    return true;
  });

  // Integer-looking metadata keys are keys like any other.
  const numeric = await post('/v1/customers', 'metadata[0]=zero&metadata[7]=seven');
  assert.equal(numeric.status, 200, JSON.stringify(numeric.json));
  assert.deepEqual(numeric.json.metadata, { 0: 'zero', 7: 'seven' });
});

test('the idempotency fingerprint ignores key order and still tells other params apart', async () => {
  const first = await post('/v1/customers', 'name=a&email=a@example.com&metadata[x]=1&metadata[y]=2', { 'idempotency-key': 'order' });
  const reordered = await post('/v1/customers', 'metadata[y]=2&email=a@example.com&metadata[x]=1&name=a', { 'idempotency-key': 'order' });
  assert.equal(reordered.json.id, first.json.id);
  const changed = await post('/v1/customers', 'metadata[y]=2&email=a@example.com&metadata[x]=1&name=b', { 'idempotency-key': 'order' });
  assert.equal(changed.status, 400);
  assert.equal(changed.json.error.type, 'idempotency_error');
});
