// One checkout, one charge (issue #17): the element sends `checkoutId` with every request and the reference server
// keys its order and Stripe idempotency keys on (session, checkoutId). Faults injected: the /pay answer cut after
// Stripe confirmed (50 shoppers at once), concurrent duplicates, and Stripe unreachable when the intent is created.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call, customerOf, Jar } from './helpers/demo-http.js';

let demo: RunningDemo;

before(async () => {
  demo = await startDemo({
    port: 0, dbPath: ':memory:', webhookRetry: { delays: [30] }, reconcile: { intervalMs: 0, graceMs: 0 },
    // 50 shoppers from one test process share one address.
    rateLimits: { perAddress: 10_000 },
  });
});
after(async () => {
  await demo.close();
});

const succeededOf = async (customer: string) =>
  (await demo.stripe.paymentIntents.list({ customer, limit: 100 })).data.filter((pi) => pi.status === 'succeeded');

describe('one checkout, one charge', () => {
  it('50 concurrent shoppers whose /pay answer is cut after Stripe confirmed retry and end with exactly one succeeded intent each', async () => {
    const shoppers = Array.from({ length: 50 }, (_, i) => ({ jar: new Jar(), checkoutId: `cut-${i}-${Math.random().toString(36).slice(2)}` }));
    // Each shopper has loaded the shop's page first, as in a browser: their session cookie exists before they pay.
    await Promise.all(shoppers.map((s) => call(demo.url, 'GET', '/', undefined, {}, s.jar)));
    assert.ok(shoppers.every((s) => s.jar.size === 1), 'the page sets the session cookie');
    demo.faults.cutPayAnswers = shoppers.length;
    const body = (s: (typeof shoppers)[number]) => ({ paymentMethodId: 'pm_card_visa', items: [{ sku: 'tshirt' }], save: false, checkoutId: s.checkoutId });
    const firsts = await Promise.all(shoppers.map((s) => call(demo.url, 'POST', '/pay', body(s), {}, s.jar).then(() => 'answered', () => 'cut')));
    assert.equal(demo.faults.cutPayAnswers, 0, 'every first answer was cut');
    assert.deepEqual(new Set(firsts), new Set(['cut']));
    // The element retries the same checkout: same checkoutId, and (server flow) a new PaymentMethod of the same card.
    const results = await Promise.all(shoppers.map(async (s) => ({
      retry: await call(demo.url, 'POST', '/pay', body(s), {}, s.jar),
      customer: await customerOf(demo, s.jar),
    })));
    for (const { retry, customer } of results) {
      assert.equal(retry.status, 200, retry.text);
      assert.equal(retry.data.status, 'succeeded');
      const paid = await succeededOf(customer);
      assert.equal(paid.length, 1, `one succeeded intent for ${customer}, got ${paid.length}`);
      assert.equal(paid[0]!.id, retry.data.intentId, 'the retry answers with the intent that was charged');
      const orders = demo.db.listOrders(1000, customer);
      assert.equal(orders.length, 1, 'one order');
      assert.equal(orders[0]!.status, 'paid');
    }
  });

  it('a retried /create-payment-intent (first answer lost) returns the same order and intent, even when both arrive at once', async () => {
    const jar = new Jar();
    const body = { items: [{ sku: 'mug' }], checkoutId: 'twice-at-once-1' };
    const [a, b] = await Promise.all([call(demo.url, 'POST', '/create-payment-intent', body, {}, jar), call(demo.url, 'POST', '/create-payment-intent', body, {}, jar)]);
    // Both requests may start before a cookie exists: then they are two sessions. Start from one session.
    const c = await call(demo.url, 'POST', '/create-payment-intent', body, {}, jar);
    const d = await call(demo.url, 'POST', '/create-payment-intent', body, {}, jar);
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.deepEqual([d.data.intentId, d.data.orderId, d.data.clientSecret, d.data.reused], [c.data.intentId, c.data.orderId, c.data.clientSecret, true]);
    const same = await Promise.all([1, 2, 3].map(() => call(demo.url, 'POST', '/create-payment-intent', body, {}, jar)));
    assert.deepEqual(new Set(same.map((r) => r.data.intentId)), new Set([c.data.intentId]));
    const customer = await customerOf(demo, jar);
    assert.equal(demo.db.listOrders(100, customer).filter((o) => o.checkoutId === 'twice-at-once-1').length, 1);
  });

  it('a succeeded checkout asked again answers as it stands, without a second intent', async () => {
    const jar = new Jar();
    const body = { items: [{ sku: 'mug' }], checkoutId: 'paid-then-asked-1' };
    const first = await call(demo.url, 'POST', '/create-payment-intent', body, {}, jar);
    await demo.stripe.paymentIntents.confirm(first.data.intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    const again = await call(demo.url, 'POST', '/create-payment-intent', body, {}, jar);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual([again.data.intentId, again.data.status, again.data.reused], [first.data.intentId, 'succeeded', true]);
    assert.equal((await demo.stripe.paymentIntents.list({ customer: await customerOf(demo, jar), limit: 100 })).data.length, 1);
  });

  it('rejects a malformed checkoutId naming the field', async () => {
    for (const checkoutId of ['', 'short', 'x'.repeat(65), 'has space in it', 42, { id: 'x' }]) {
      const res = await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId });
      assert.equal(res.status, 400, JSON.stringify(checkoutId));
      assert.equal(res.data.error.field, 'checkoutId');
    }
  });

  it('Stripe unreachable when the intent is created: the order fails at once (never pending forever), and the retry creates the intent on the same order', async () => {
    const jar = new Jar();
    const customer = await customerOf(demo, jar);
    const live = demo.handler.context.stripe;
    // A Stripe client whose every call finds nobody listening: an outage between us and Stripe.
    demo.handler.context.stripe = new Stripe('sk_test_outage', { host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    const body = { paymentMethodId: 'pm_card_visa', items: [{ sku: 'mug' }], checkoutId: 'outage-checkout-1' };
    let down;
    try {
      down = await call(demo.url, 'POST', '/pay', body, {}, jar);
    } finally {
      demo.handler.context.stripe = live;
    }
    assert.equal(down.status, 502, down.text);
    assert.equal(down.data.error.code, 'stripe_unreachable');
    const [order] = demo.db.listOrders(10, customer);
    assert.equal(order!.status, 'failed', 'not left pending');
    assert.equal(order!.intentId, null);
    assert.match(demo.db.history(order!.id).at(-1)!.note!, /intent not created: Stripe could not be reached/);

    const back = await call(demo.url, 'POST', '/pay', body, {}, jar);
    assert.equal(back.status, 200, back.text);
    assert.equal(back.data.orderId, order!.id, 'the same order');
    assert.equal((await succeededOf(customer)).length, 1);
  });

  it('an order left with no intent (a crash between the two writes) is failed by the sweep', async () => {
    const customer = await customerOf(demo, new Jar());
    const order = demo.db.createOrder({ kind: 'payment', amount: 500, currency: 'usd', items: [{ sku: 'stickers', quantity: 1 }], customerId: customer, save: false });
    demo.db.raw.prepare('UPDATE orders SET updated_at = ? WHERE id = ?').run(Date.now() - 120_000, order.id);
    await demo.reconcileNow();
    const after = demo.db.getOrder(order.id)!;
    assert.equal(after.status, 'failed');
    assert.equal(after.failureCode, 'stripe_unreachable');
  });
});
