// Fulfilment trusts only the order's own intent, and a lost webhook never leaves a paid order pending (issue #9
// cases 4 and 6), against the running reference server: real HTTP, real SQLite, the stripe SDK, the emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { startReconciler } from '../../demo/server/reconcile.js';
import { call as callAt, customerOf, type Json } from './helpers/demo-http.js';
import { waitFor } from './server-helpers.js';

let demo: RunningDemo;
const call = (method: string, path: string, body?: unknown) => callAt(demo.url, method, path, body);

before(async () => {
  // Short webhook retries: a 'lost' webhook is one whose retries ran out while the server was down.
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [30, 60] }, reconcile: { intervalMs: 0, graceMs: 0 } });
});
after(async () => {
  await demo.close();
});

async function newOrder(sku = 'tshirt'): Promise<{ orderId: string; intentId: string }> {
  const res = await call('POST', '/create-payment-intent', { items: [{ sku }] });
  assert.equal(res.status, 200, res.text);
  return res.data;
}

/** The server is down while the payment goes through: every delivery of its events fails and is given up. */
async function payWhileDown(intentId: string): Promise<void> {
  await demo.stopHttp();
  try {
    await demo.stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await demo.emulator!.webhooksIdle();
  } finally {
    await demo.startHttp();
  }
  const lost = demo.emulator!.webhookDeliveries().filter((d) => d.type === 'payment_intent.succeeded' && d.state === 'failed');
  assert.ok(lost.length > 0, 'the payment_intent.succeeded webhook was lost');
}

describe('fulfilment checks the intent is the order\'s own, for its amount (case 4)', () => {
  it('a 50-cent intent naming a $19.99 order in its metadata does not mark the order paid', async () => {
    const { orderId } = await newOrder('tshirt');
    const cheap = await demo.stripe.paymentIntents.create({ amount: 50, currency: 'usd', customer: await customerOf(demo), metadata: { order_id: orderId } });
    await demo.stripe.paymentIntents.confirm(cheap.id, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await demo.emulator!.webhooksIdle();

    const event = demo.db.processedEvents().find((e) => e.type === 'payment_intent.succeeded' && e.objectId === cheap.id);
    assert.ok(event, 'the event was received and processed');
    assert.match(event.outcome, /mismatch/);
    const order = (await call('GET', `/orders/${orderId}`)).data.order;
    assert.equal(order.status, 'pending');
    assert.equal(order.amount, 1999);
    const note = order.history.find((h: Json) => /mismatch/.test(h.note ?? ''));
    assert.ok(note, JSON.stringify(order.history));
    assert.equal(note.source, 'webhook');
    assert.match(note.note, new RegExp(`${cheap.id} is not this order's intent`));
  });

  it('the order\'s own intent changed to another amount does not mark it paid, by webhook or by reconciliation', async () => {
    const { orderId, intentId } = await newOrder('tshirt');
    await demo.stripe.paymentIntents.update(intentId, { amount: 50 });
    await demo.stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await demo.emulator!.webhooksIdle();
    await demo.reconcileNow();
    const order = (await call('GET', `/orders/${orderId}`)).data.order;
    assert.equal(order.status, 'pending');
    const notes = order.history.filter((h: Json) => /mismatch/.test(h.note ?? ''));
    assert.deepEqual([...new Set(notes.map((h: Json) => h.source))].sort(), ['reconcile', 'webhook']);
    assert.match(notes[0].note, /is for 50 usd, the order for 1999 usd/);
    assert.equal(notes.filter((h: Json) => h.source === 'reconcile').length, 1, 'a repeated mismatch is noted once');
  });

  it('the order\'s own intent for its amount marks it paid once', async () => {
    const { orderId, intentId } = await newOrder('mug');
    await demo.stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await demo.emulator!.webhooksIdle();
    const order = (await call('GET', `/orders/${orderId}`)).data.order;
    assert.equal(order.status, 'paid');
    assert.equal(order.history.filter((h: Json) => h.status === 'paid').length, 1);
  });
});

describe('reconciliation: a lost webhook never leaves a paid order pending (case 6)', () => {
  it('GET /orders/:id reads a pending order back from Stripe', async () => {
    const { orderId, intentId } = await newOrder('stickers');
    await payWhileDown(intentId);
    assert.equal(demo.db.getOrder(orderId)!.status, 'pending', 'no webhook moved it');
    const order = (await call('GET', `/orders/${intentId}`)).data.order;
    assert.equal(order.status, 'paid');
    assert.deepEqual(order.history.at(-1).source, 'reconcile');
    assert.equal(order.paymentMethodId?.startsWith('pm_'), true);
  });

  it('leaves a freshly changed order to its webhook for the grace period', async () => {
    const { orderId, intentId } = await newOrder('stickers');
    await payWhileDown(intentId);
    const options = demo.handler.context.reconcile;
    options.graceMs = 60_000;
    try {
      const early = (await call('GET', `/orders/${orderId}`)).data.order;
      assert.equal(early.status, 'pending', 'within the grace period Stripe is not asked');
    } finally {
      options.graceMs = 0;
    }
    assert.equal((await call('GET', `/orders/${orderId}`)).data.order.status, 'paid');
  });

  it('the sweep at start finds it without anyone asking', async () => {
    const { orderId, intentId } = await newOrder('mug');
    await payWhileDown(intentId);
    // What startDemo runs at start (and every minute): one sweep now.
    const reconciler = startReconciler(demo.handler.context, { intervalMs: 0 });
    await reconciler.stop();
    const order = demo.db.getOrder(orderId)!;
    assert.equal(order.status, 'paid');
    assert.equal(demo.db.history(orderId).at(-1)!.source, 'reconcile');
  });

  it('the periodic sweep finds it too', async () => {
    const reconciler = startReconciler(demo.handler.context, { intervalMs: 100 });
    try {
      await reconciler.sweep(); // the one at start is over before the payment happens
      const { orderId, intentId } = await newOrder('tshirt');
      await payWhileDown(intentId);
      await waitFor('the order paid by a later sweep', () => (demo.db.getOrder(orderId)!.status === 'paid' ? true : undefined), 3000);
      assert.equal(demo.db.history(orderId).filter((h) => h.status === 'paid').length, 1);
      assert.equal(demo.db.history(orderId).at(-1)!.source, 'reconcile');
    } finally {
      await reconciler.stop();
    }
  });

  it('records a decline whose webhook was lost', async () => {
    const { orderId, intentId } = await newOrder('mug');
    await demo.stopHttp();
    try {
      await assert.rejects(demo.stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds', return_url: 'https://shop.test/return' }), /insufficient funds/);
      await demo.emulator!.webhooksIdle();
    } finally {
      await demo.startHttp();
    }
    await demo.reconcileNow();
    const order = demo.db.getOrder(orderId)!;
    assert.equal(order.status, 'failed');
    assert.equal(order.declineCode, 'insufficient_funds');
    assert.equal(demo.db.history(orderId).at(-1)!.source, 'reconcile');
  });
});
