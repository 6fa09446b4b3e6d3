// Who is asking (issue #17): shoppers are signed session cookies, each bound to its own Stripe customer, and see
// only their own cards, orders and recovery pages; the merchant's routes need the merchant token. Two shoppers with
// separate cookie jars, a forged cookie, and a shopper trying the merchant's routes, against the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call, customerOf, Jar, merchant } from './helpers/demo-http.js';

let demo: RunningDemo;
const alice = new Jar();
const mallory = new Jar();
const as = (jar: Jar | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call(demo.url, method, path, body, headers, jar);

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [30] }, reconcile: { intervalMs: 0, graceMs: 0 } });
});
after(async () => {
  await demo.close();
});

describe('shopper sessions', () => {
  it('sets a signed, HttpOnly, SameSite=Lax cookie on first use, without Secure over plain http', async () => {
    const res = await as(null, 'GET', '/saved-cards');
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('ssc_session='));
    assert.ok(cookie, 'a session cookie is set');
    assert.match(cookie, /^ssc_session=[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    // Pages that need no shopper set nothing (no session for every static file or config read).
    assert.deepEqual((await as(null, 'GET', '/config')).headers.getSetCookie(), []);
  });

  it('marks the cookie Secure only behind a trusted proxy that says https, or when configured', async () => {
    const spoofed = await as(null, 'GET', '/orders', undefined, { 'X-Forwarded-Proto': 'https' });
    assert.doesNotMatch(spoofed.headers.getSetCookie()[0]!, /Secure/, 'X-Forwarded-Proto is not trusted by default');
    const proxied = await startDemo({ port: 0, dbPath: ':memory:', trustProxy: true, reconcile: { intervalMs: 0 } });
    const always = await startDemo({ port: 0, dbPath: ':memory:', cookieSecure: 'always', reconcile: { intervalMs: 0 } });
    try {
      const viaProxy = await call(proxied.url, 'GET', '/orders', undefined, { 'X-Forwarded-Proto': 'https' }, null);
      assert.match(viaProxy.headers.getSetCookie()[0]!, /; Secure$/);
      const plain = await call(proxied.url, 'GET', '/orders', undefined, {}, null);
      assert.doesNotMatch(plain.headers.getSetCookie()[0]!, /Secure/);
      assert.match((await call(always.url, 'GET', '/orders', undefined, {}, null)).headers.getSetCookie()[0]!, /; Secure$/);
    } finally {
      await proxied.close();
      await always.close();
    }
  });

  it('keeps two shoppers apart: another session\'s card, order, intent and recovery page answer 404', async () => {
    const aliceCustomer = await customerOf(demo, alice);
    const mine = await as(alice, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId: 'alice-checkout-1' });
    assert.equal(mine.status, 200, mine.text);
    const card = (await demo.stripe.paymentMethods.attach('pm_card_visa', { customer: aliceCustomer })).id;
    const malloryCustomer = await customerOf(demo, mallory);
    assert.notEqual(malloryCustomer, aliceCustomer, 'each session has its own Stripe customer');

    const probes: [string, string, unknown?][] = [
      ['GET', `/orders/${mine.data.orderId}`],
      ['GET', `/orders/${mine.data.intentId}`],
      ['DELETE', `/saved-cards/${card}`],
      ['POST', '/create-payment-intent', { items: [{ sku: 'mug' }], paymentMethodId: card }],
      ['POST', '/create-payment-intent', { items: [{ sku: 'mug' }], intentId: mine.data.intentId }],
      ['POST', '/pay', { paymentIntentId: mine.data.intentId }],
    ];
    for (const [method, path, body] of probes) {
      const res = await as(mallory, method, path, body);
      assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      assert.doesNotMatch(res.text, /_secret_/, 'never a client secret');
    }
    const list = await as(mallory, 'GET', '/orders');
    assert.deepEqual(list.data.orders, []);
    const cards = await as(mallory, 'GET', '/saved-cards');
    assert.ok(!cards.data.cards.some((c: { id: string }) => c.id === card), 'Alice\'s card is not listed to Mallory');
    // Alice still sees hers.
    assert.equal((await as(alice, 'GET', `/orders/${mine.data.intentId}`)).status, 200);
    assert.ok((await as(alice, 'GET', '/saved-cards')).data.cards.some((c: { id: string }) => c.id === card));
    assert.equal((await demo.stripe.paymentMethods.retrieve(card)).customer, aliceCustomer, 'the card is still Alice\'s');
  });

  it('the same checkoutId in two sessions is two checkouts', async () => {
    const a = await as(alice, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId: 'shared-checkout-id' });
    const m = await as(mallory, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId: 'shared-checkout-id' });
    assert.equal(a.status, 200);
    assert.equal(m.status, 200);
    assert.notEqual(a.data.intentId, m.data.intentId);
    assert.notEqual(a.data.clientSecret, m.data.clientSecret);
  });

  it('a forged or tampered cookie is a new shopper, never the one it names', async () => {
    const order = (await as(alice, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }] })).data.orderId;
    const [id] = alice.header().replace('ssc_session=', '').split('.');
    for (const forged of [`${id}.${'A'.repeat(43)}`, id!, `${id}.`, 'x'.repeat(5000)]) {
      const res = await call(demo.url, 'GET', `/orders/${order}`, undefined, { Cookie: `ssc_session=${forged}` }, null);
      assert.equal(res.status, 404, forged.slice(0, 30));
      assert.match(res.headers.getSetCookie()[0] ?? '', /^ssc_session=/, 'a fresh session replaces it');
    }
  });

  it('the recovery page is the shopper\'s own', async () => {
    const customer = await customerOf(demo, alice);
    const pm = (await demo.stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer })).id;
    const charge = await call(demo.url, 'POST', '/charge-saved-card', { plan: 'monthly', paymentMethodId: pm }, merchant(demo), null);
    assert.equal(charge.data.status, 'requires_customer_action', charge.text);
    const own = await as(alice, 'GET', charge.data.recoveryUrl);
    assert.equal(own.status, 200);
    assert.match(own.text, /client-secret="pi_/);
    const other = await as(mallory, 'GET', charge.data.recoveryUrl);
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.text, /_secret_/);
  });
});

describe('the merchant token', () => {
  it('no shopper reaches the off-session charge: without the token 401, with a wrong one 403, and nothing is charged', async () => {
    const customer = await customerOf(demo, alice);
    const pm = (await demo.stripe.paymentMethods.attach('pm_card_visa', { customer })).id;
    const before = (await demo.stripe.paymentIntents.list({ customer, limit: 100 })).data.length;
    const anonymous = await as(null, 'POST', '/charge-saved-card', { plan: 'deposit', paymentMethodId: pm });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.data.error.field, 'Authorization');
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="merchant"');
    const owner = await as(alice, 'POST', '/charge-saved-card', { plan: 'deposit', paymentMethodId: pm });
    assert.equal(owner.status, 401, 'the card owner\'s own session is not the merchant');
    const wrong = await as(alice, 'POST', '/charge-saved-card', { plan: 'deposit', paymentMethodId: pm }, { Authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 403);
    assert.equal((await demo.stripe.paymentIntents.list({ customer, limit: 100 })).data.length, before, 'no intent was created');

    const ok = await as(null, 'POST', '/charge-saved-card', { plan: 'deposit', paymentMethodId: pm }, merchant(demo));
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.data.amount, 5000, 'the plan\'s price, from the server');
    const refused = await as(null, 'POST', '/charge-saved-card', { plan: 'deposit', amount: 999_999, paymentMethodId: pm }, merchant(demo));
    assert.equal(refused.status, 400);
    assert.equal(refused.data.error.field, 'amount');
  });

  it('charges only cards of this shop\'s shoppers, not any card on the Stripe account', async () => {
    const stranger = await demo.stripe.customers.create({ name: 'Not a shopper here' });
    const pm = (await demo.stripe.paymentMethods.attach('pm_card_visa', { customer: stranger.id })).id;
    const res = await as(null, 'POST', '/charge-saved-card', { plan: 'monthly', paymentMethodId: pm }, merchant(demo));
    assert.equal(res.status, 404);
    assert.equal(res.data.error.field, 'paymentMethodId');
  });

  it('lists every shopper\'s orders with the token; a shopper sees only their own; a wrong token is 403', async () => {
    const a = (await as(alice, 'POST', '/create-payment-intent', { items: [{ sku: 'stickers' }] })).data.orderId;
    const m = (await as(mallory, 'POST', '/create-payment-intent', { items: [{ sku: 'stickers' }] })).data.orderId;
    const all = await as(null, 'GET', '/orders', undefined, merchant(demo));
    assert.equal(all.data.scope, 'all');
    const ids = all.data.orders.map((o: { id: string }) => o.id);
    assert.ok(ids.includes(a) && ids.includes(m), 'both shoppers\' orders');
    const own = await as(mallory, 'GET', '/orders');
    assert.deepEqual([own.data.scope, own.data.orders.map((o: { id: string }) => o.id).includes(a)], ['session', false]);
    assert.equal((await as(mallory, 'GET', '/orders', undefined, { Authorization: 'Bearer guess' })).status, 403);
    assert.equal((await as(null, 'GET', `/orders/${a}`, undefined, merchant(demo))).status, 200, 'the merchant reads any order');
  });
});
