// The reference server refuses what it must, over real HTTP with the embedded emulator (issue #9 cases 5, 8, 10):
// secret keys through the demo origin, cross-site and non-JSON posts to state-changing routes, and malformed input,
// each answered with a 4xx JSON error naming the field, and nothing charged or recorded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { signWebhookPayload } from '../../src/testing/server/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call as callAt, customerOf, merchant, type Json } from './helpers/demo-http.js';

let demo: RunningDemo;
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  // The merchant's route: these tests act as the merchant (demo-sessions.test.ts proves a shopper can't).
  callAt(demo.url, method, path, body, path === '/charge-saved-card' ? { ...merchant(demo), ...headers } : headers);
const SECRET_KEY = 'sk_test_emulator';
const PUBLISHABLE_KEY = 'pk_test_emulator';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

const logged: string[] = [];

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [50] }, reconcile: { intervalMs: 0 }, log: (line) => logged.push(line) });
});
after(async () => {
  await demo.close();
});

async function customerIntents(): Promise<number> {
  const list = await demo.stripe.paymentIntents.list({ customer: await customerOf(demo), limit: 100 });
  return list.data.length;
}

async function savedVisa(): Promise<string> {
  return (await demo.stripe.paymentMethods.attach('pm_card_visa', { customer: await customerOf(demo) })).id;
}

describe('the demo origin forwards only what a browser needs from Stripe (case 5)', () => {
  it('does not serve the secret-key API: customers and events are 404 even with the secret key', async () => {
    const auth = { Authorization: `Bearer ${SECRET_KEY}` };
    for (const path of ['/v1/customers', '/v1/events', `/v1/customers/${await customerOf(demo)}`, '/v1/payment_intents']) {
      const res = await call('GET', path, undefined, auth);
      assert.equal(res.status, 404, `${path}: ${res.text.slice(0, 200)}`);
      assert.equal(res.data.error.type, 'invalid_request_error');
      assert.equal(res.data.object, undefined, 'no Stripe object in the answer');
      assert.doesNotMatch(res.text, /client_secret/);
    }
    const create = await call('POST', '/v1/customers', 'name=Mallory', { ...FORM, ...auth });
    assert.equal(create.status, 404);
  });

  it('refuses a secret key on the routes Stripe.js uses, wherever it is presented', async () => {
    const created = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] });
    const { intentId, clientSecret } = created.data;
    const viaHeader = await call('GET', `/v1/payment_intents/${intentId}?client_secret=${clientSecret}`, undefined, { Authorization: `Bearer ${SECRET_KEY}` });
    assert.equal(viaHeader.status, 401);
    assert.doesNotMatch(viaHeader.text, /order_id|cus_/, 'no secret-key view of the intent');
    const viaQuery = await call('GET', `/v1/payment_intents/${intentId}?key=${SECRET_KEY}`);
    assert.equal(viaQuery.status, 401);
    const viaBody = await call('POST', '/v1/payment_methods', `type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123&key=${SECRET_KEY}`, FORM);
    assert.equal(viaBody.status, 401);
    assert.match(viaBody.data.error.message, /publishable key only/);
    const mixed = await call('GET', `/v1/payment_intents/${intentId}?key=${PUBLISHABLE_KEY}&client_secret=${clientSecret}`, undefined, { Authorization: `Bearer ${SECRET_KEY}` });
    assert.equal(mixed.status, 401, 'a publishable key does not launder a secret one');
    const basic = await call('GET', `/v1/payment_intents/${intentId}`, undefined, { Authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}` });
    assert.equal(basic.status, 401);
    const none = await call('GET', `/v1/payment_intents/${intentId}?client_secret=${clientSecret}`);
    assert.equal(none.status, 401);

    // What the page's Stripe.js does still works: the publishable key and the client secret.
    const ok = await call('GET', `/v1/payment_intents/${intentId}?key=${PUBLISHABLE_KEY}&client_secret=${clientSecret}`);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.data.id, intentId);
  });

  it('does not forward a body it cannot check for a key', async () => {
    const res = await call('POST', '/v1/payment_methods', JSON.stringify({ type: 'card', key: SECRET_KEY }), { 'Content-Type': 'application/json' });
    assert.equal(res.status, 415);
  });
});

describe('state-changing routes accept JSON from this site only (case 8)', () => {
  it('refuses a text/plain post to /charge-saved-card (what a cross-site form can send) and charges nothing', async () => {
    const pm = await savedVisa();
    const before = await customerIntents();
    const orders = demo.db.listOrders(100).length;
    const res = await call('POST', '/charge-saved-card', JSON.stringify({ plan: 'deposit', paymentMethodId: pm }), { 'Content-Type': 'text/plain' });
    assert.equal(res.status, 415);
    assert.equal(res.data.error.field, 'Content-Type');
    assert.match(res.data.error.message, /expected application\/json, got "text\/plain"/);
    const form = await call('POST', '/charge-saved-card', `plan=deposit&paymentMethodId=${pm}`, FORM);
    assert.equal(form.status, 415);
    assert.equal(await customerIntents(), before, 'no PaymentIntent was created');
    assert.equal(demo.db.listOrders(100).length, orders, 'no order was created');
  });

  it('refuses a cross-site Origin or Sec-Fetch-Site even with a JSON body', async () => {
    const pm = await savedVisa();
    const before = await customerIntents();
    const evil = await call('POST', '/charge-saved-card', { plan: 'deposit', paymentMethodId: pm }, { Origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal(evil.data.error.field, 'Origin');
    assert.equal(evil.data.error.code, 'cross_site_request');
    const opaque = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] }, { Origin: 'null' });
    assert.equal(opaque.status, 403);
    const site = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'mug' }] }, { 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(site.status, 403);
    assert.equal(site.data.error.field, 'Sec-Fetch-Site');
    const detach = await call('DELETE', `/saved-cards/${pm}`, undefined, { Origin: 'https://evil.example' });
    assert.equal(detach.status, 403);
    assert.equal((await demo.stripe.paymentMethods.retrieve(pm)).customer, await customerOf(demo), 'the card is still saved');
    assert.equal(await customerIntents(), before);
  });

  it('still serves its own page: same-origin JSON charges, and the Checkout form post needs its Origin', async () => {
    const pm = await savedVisa();
    const own = await call('POST', '/charge-saved-card', { plan: 'monthly', paymentMethodId: pm }, { Origin: demo.url, 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.data.status, 'succeeded');
    const noOrigin = await call('POST', '/checkout/setup-session', '', FORM);
    assert.equal(noOrigin.status, 403);
    const crossForm = await call('POST', '/checkout/setup-session', '', { ...FORM, Origin: 'https://evil.example' });
    assert.equal(crossForm.status, 403);
    const ownForm = await call('POST', '/checkout/setup-session', '', { ...FORM, Origin: demo.url });
    assert.equal(ownForm.status, 303);
  });

  it('exempts the webhook: Stripe is another site, its signature is the proof', async () => {
    const payload = JSON.stringify({ id: 'evt_cross_site_ok', object: 'event', type: 'customer.created', data: { object: { id: 'cus_x', object: 'customer' } } });
    const res = await call('POST', '/webhook', payload, {
      'Content-Type': 'application/json; charset=utf-8', Origin: 'https://stripe.example', 'Stripe-Signature': signWebhookPayload(payload, demo.handler.context.webhookSecret!),
    });
    assert.equal(res.status, 200, res.text);
  });
});

describe('malformed input is a 4xx naming the field (case 10)', () => {
  it('looks plans up by own key only: "toString" and "__proto__" are unknown plans', async () => {
    const pm = await savedVisa();
    for (const plan of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const res = await call('POST', '/charge-saved-card', { plan, paymentMethodId: pm });
      assert.equal(res.status, 400, `${plan}: ${res.text}`);
      assert.equal(res.data.error.field, 'plan');
      assert.match(res.data.error.message, /plan: expected one of monthly, deposit/);
    }
    // A JSON "__proto__" key is an own key of the parsed body, not a prototype swap.
    const proto = await call('POST', '/charge-saved-card', '{"__proto__": {"plan": "monthly"}, "paymentMethodId": "' + pm + '"}', { 'Content-Type': 'application/json' });
    assert.equal(proto.status, 400);
    assert.equal(proto.data.error.field, 'plan');
  });

  it('answers bad percent-encoding in a path with 400', async () => {
    const order = await call('GET', '/orders/%ZZ');
    assert.equal(order.status, 400);
    assert.equal(order.data.error.field, 'id');
    const card = await call('DELETE', '/saved-cards/%E0%A4%A');
    assert.equal(card.status, 400);
    assert.equal(card.data.error.field, 'id');
    const file = await call('GET', '/%ZZ.js');
    assert.equal(file.status, 400);
    assert.equal(file.data.error.field, 'path');
  });

  it('refuses a correctly signed event without data.object, and records nothing', async () => {
    const secret = demo.handler.context.webhookSecret!;
    const send = (event: unknown) => {
      const payload = JSON.stringify(event);
      return call('POST', '/webhook', payload, { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, secret) });
    };
    const noObject = await send({ id: 'evt_no_object', object: 'event', type: 'payment_intent.succeeded', data: {} });
    assert.equal(noObject.status, 400);
    assert.equal(noObject.data.error.field, 'data.object');
    const noData = await send({ id: 'evt_no_data', object: 'event', type: 'payment_intent.succeeded' });
    assert.equal(noData.status, 400);
    assert.equal(noData.data.error.field, 'data.object');
    const noId = await send({ object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });
    assert.equal(noId.data.error.field, 'id');
    assert.equal(demo.db.processedEvents().some((e) => e.id === 'evt_no_object' || e.id === 'evt_no_data'), false);
  });

  it('answers a body over 1 MB with a JSON 413, not a reset', async () => {
    const big = JSON.stringify({ items: [{ sku: 'mug' }], padding: 'x'.repeat(1_500_000) });
    const res = await call('POST', '/create-payment-intent', big, { 'Content-Type': 'application/json' });
    assert.equal(res.status, 413);
    assert.equal(res.data.error.field, 'body');
    assert.match(res.data.error.message, /at most 1000000 bytes/);
    // The server is fine afterwards.
    assert.equal((await call('GET', '/config')).status, 200);
  });

  it('answers a declared 10 GB body at once, without waiting for it', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${demo.url}/create-payment-intent`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(10_000_000_000) } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); req.destroy(); });
      });
      req.on('error', reject);
      req.write('{"items":');  // and nothing more: the answer must not wait for the rest
    });
    assert.equal(answer.status, 413);
    assert.equal((JSON.parse(answer.body) as Json).error.field, 'body');
  });

  it('answers a chunked body (no Content-Length) with a JSON 413 as soon as it passes 1 MB, while the upload is still open', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${demo.url}/create-payment-intent`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); req.destroy(); });
      });
      req.on('error', reject);
      req.write('{"items":[{"sku":"mug"}],"padding":"');
      for (let i = 0; i < 12; i++) req.write('x'.repeat(100_000)); // 1.2 MB, and the body never ends
    });
    assert.equal(answer.status, 413);
    assert.equal((JSON.parse(answer.body) as Json).error.field, 'body');
    assert.equal((await call('GET', '/config')).status, 200);
  });

  it('lets a client that leaves mid-body go: no 500, nothing logged, nothing created', { timeout: 10_000 }, async () => {
    logged.length = 0;
    const orders = demo.db.listOrders(500).length;
    for (const leave of ['reset', 'half-close'] as const) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(demo.url).port), '127.0.0.1', () => {
          socket.write(`POST /create-payment-intent HTTP/1.1\r\nHost: ${new URL(demo.url).host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"items":[{"sku":`);
          setTimeout(() => (leave === 'reset' ? socket.resetAndDestroy() : socket.end()), 50);
        });
        socket.resume(); // read whatever comes, so the close is seen
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(logged.filter((line) => !line.startsWith('webhook ')), [], 'no error logged');
    assert.equal(demo.db.listOrders(500).length, orders);
    assert.equal((await call('GET', '/config')).status, 200);
  });

  it('refuses over-long ids before they reach Stripe', async () => {
    const long = `pm_${'a'.repeat(100_000)}`;
    const routes: [string, Record<string, unknown>, string][] = [
      ['/charge-saved-card', { plan: 'monthly', paymentMethodId: long }, 'paymentMethodId'],
      ['/create-payment-intent', { items: [{ sku: 'mug' }], paymentMethodId: long }, 'paymentMethodId'],
      ['/pay', { items: [{ sku: 'mug' }], paymentMethodId: long }, 'paymentMethodId'],
      ['/pay', { paymentIntentId: `pi_${'a'.repeat(100_000)}` }, 'paymentIntentId'],
      ['/create-payment-intent', { items: [{ sku: 'mug' }], intentId: `pi_${'a'.repeat(100_000)}` }, 'intentId'],
    ];
    for (const [path, body, field] of routes) {
      const res = await call('POST', path, body);
      assert.equal(res.status, 400, `${path} ${field}: ${res.text.slice(0, 300)}`);
      assert.equal(res.data.error.field, field);
      assert.match(res.data.error.message, /at most 255 characters\), got a string of 1000\d\d characters/);
    }
    const order = await call('GET', `/orders/ord_${'a'.repeat(300)}`);
    assert.equal(order.status, 400);
    const page = await call('GET', `/pay/recover?order=ord_${'a'.repeat(300)}`);
    assert.equal(page.status, 400);
    assert.equal(page.data.error.field, 'order');
  });
});
