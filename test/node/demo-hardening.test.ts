// The smaller holes of issue #17, each injected against the real server: a DNS-rebinding Host, Checkout URLs from
// the Host header, unlimited Stripe-costing calls, signed but malformed events, a card number echoed in an error,
// and slow or piled-up connections.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { signWebhookPayload } from '../../src/testing/server/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call, Jar } from './helpers/demo-http.js';

let demo: RunningDemo;

before(async () => {
  demo = await startDemo({
    port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0 }, publicUrl: 'https://shop.example',
    rateLimits: { perSession: 5, perAddress: 1000, windowMs: 60_000 },
  });
});
after(async () => {
  await demo.close();
});

/** Raw HTTP over a socket: the Host header is ours to choose (fetch would set it from the URL). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => { text += chunk.toString(); });
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('host allow-list (DNS rebinding)', () => {
  it('answers a rebinding page\'s Host with 421 on every path, the emulator\'s included; localhost names pass', async () => {
    for (const path of ['/orders', '/saved-cards', '/', '/v3/', '/config']) {
      const res = await raw(demo.port, `GET ${path} HTTP/1.1\r\nHost: attacker.example:${demo.port}\r\nConnection: close\r\n\r\n`);
      assert.match(res, /^HTTP\/1\.1 421 /, `${path}: ${res.slice(0, 80)}`);
      assert.match(res, /Host: expected one of localhost, 127\.0\.0\.1, \[::1\]/);
    }
    const rebound = await raw(demo.port, `POST /create-payment-intent HTTP/1.1\r\nHost: attacker.example\r\nOrigin: http://attacker.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    assert.match(rebound, /^HTTP\/1\.1 421 /, 'Origin and Host agree, and still no');
    assert.match(await raw(demo.port, `GET /config HTTP/1.1\r\nHost: localhost:${demo.port}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 200 /);
    assert.match(await raw(demo.port, `GET /config HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 200 /, 'the public URL\'s host');
  });
});

describe('absolute URLs come from configuration', () => {
  it('Checkout\'s success and cancel URLs use publicUrl, whatever the Host header says', async () => {
    const res = await call(demo.url, 'POST', '/checkout/setup-session', {}, { Accept: 'application/json', Origin: demo.url, Host: 'localhost' });
    assert.equal(res.status, 200, res.text);
    const session = await demo.stripe.checkout.sessions.retrieve(res.data.id);
    assert.equal(session.success_url, 'https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}');
    assert.equal(session.cancel_url, 'https://shop.example/?checkout=cancelled#merchant');
  });
});

describe('rate limits on routes that cost a Stripe call', () => {
  it('a session past its budget gets 429 with Retry-After, before any Stripe call; another session is unaffected', async () => {
    const greedy = new Jar();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }] }, {}, greedy));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = answers[5]!;
    assert.equal(limited.data.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1 && Number(limited.headers.get('retry-after')) <= 60);
    const intents = (await demo.stripe.paymentIntents.list({ limit: 100 })).data.length;
    await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }] }, {}, greedy);
    assert.equal((await demo.stripe.paymentIntents.list({ limit: 100 })).data.length, intents, 'a refused request costs nothing');
    assert.equal((await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }] }, {}, new Jar())).status, 200);
  });

  it('dropping the cookie does not escape the per-address budget', async () => {
    const tight = await startDemo({ port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0 }, rateLimits: { perSession: 100, perAddress: 4 } });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await call(tight.url, 'POST', '/gallery/intent', { mode: 'payment' }, {}, null)).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    } finally {
      await tight.close();
    }
  });
});

describe('signed but malformed events', () => {
  const send = (payload: string) => call(demo.url, 'POST', '/webhook', payload, { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, demo.handler.context.webhookSecret!) }, null);
  it('null, a number, an array, an object without id: 400 naming what is wrong, never a 500 that Stripe retries for days', async () => {
    const cases: [string, string, RegExp][] = [
      ['null', 'event', /event: expected a JSON object \(a Stripe event\), got null/],
      ['42', 'event', /got number/],
      ['[]', 'event', /got an array/],
      ['{}', 'id', /id: expected the event id \(evt_\.\.\.\), got nothing/],
      ['{"id":"evt_1","type":"payment_intent.succeeded","data":null}', 'data.object', /data\.object: expected the object the event is about, got nothing/],
    ];
    for (const [payload, field, message] of cases) {
      const res = await send(payload);
      assert.equal(res.status, 400, `${payload}: ${res.text}`);
      assert.equal(res.data.error.field, field);
      assert.match(res.data.error.message, message);
    }
  });
});

describe('no card number echoed', () => {
  it('a card number sent in a wrong field is described, not repeated', async () => {
    for (const pan of ['4242424242424242', '4242 4242 4242 4242', '4000-0025-0000-3155', 4242424242424242]) {
      const res = await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: pan }] }, {}, new Jar());
      assert.equal(res.status, 400);
      assert.equal(res.data.error.field, 'items[0].sku');
      assert.doesNotMatch(res.text, /4242|3155/, res.text);
      assert.match(res.data.error.message, /looks like a card number \(not repeated here\)/);
    }
    // Ordinary values are still quoted, so the message stays useful.
    const yacht = await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'yacht' }] });
    assert.match(yacht.data.error.message, /got "yacht"/);
  });
});

describe('slow and piled-up connections', () => {
  let limited: RunningDemo;
  before(async () => {
    limited = await startDemo({ port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0 }, http: { headersTimeoutMs: 600, requestTimeoutMs: 1200, maxConnections: 20 } });
  });
  after(async () => {
    await limited.close();
  });

  const open = (): Promise<Socket> => new Promise((resolve, reject) => {
    const socket = connect(limited.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    // Read (and drop) what the server sends, so its closing the connection is seen.
    socket.resume();
  });
  const closed = (socket: Socket, withinMs: number): Promise<boolean> => new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), withinMs);
    socket.once('close', () => { clearTimeout(timer); resolve(true); });
  });

  it('cuts off a client that never finishes its headers, or its body', async () => {
    const headers = await open();
    headers.write('GET /config HTTP/1.1\r\nHost: localhost\r\n');
    assert.equal(await closed(headers, 3000), true, 'stalled headers are cut off');
    const body = await open();
    body.write('POST /create-payment-intent HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"items"');
    assert.equal(await closed(body, 4000), true, 'a stalled body is cut off');
  });

  it('holds at most maxConnections at once; past it, sockets are closed at once and the server keeps answering afterwards', async () => {
    const sockets = await Promise.all(Array.from({ length: 30 }, open));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = sockets.filter((s) => s.destroyed || s.readableEnded).length;
    const results = await Promise.all(sockets.map((s) => closed(s, 300)));
    assert.ok(results.filter(Boolean).length >= 10, `closed at once: ${results.filter(Boolean).length} (already ${refused})`);
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await call(limited.url, 'GET', '/config', undefined, {}, null)).status, 200);
  });
});
