// Paid means captured, and what happens after (issue #17): an intent the browser confirmed with manual capture is
// `authorized`, then captured by rule and paid; refunds and disputes reach the order with history entries, through
// the webhook and through reconciliation when the webhook was lost. Real server, real SQLite, the SDK, the emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signWebhookPayload } from '../../src/testing/server/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call as callAt, type Json } from './helpers/demo-http.js';
import { waitFor } from './server-helpers.js';

let demo: RunningDemo;
const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => callAt(demo.url, method, path, body, headers);

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [30] }, reconcile: { intervalMs: 0, graceMs: 0 } });
});
after(async () => {
  await demo.close();
});

/** A checkout paid in the browser (client confirm, what Stripe.js sends with the publishable key). */
async function paidOrder(extra: Record<string, string> = {}): Promise<{ orderId: string; intentId: string }> {
  const res = await call('POST', '/create-payment-intent', { items: [{ sku: 'tshirt' }] });
  assert.equal(res.status, 200, res.text);
  const core = demo.emulator!.emulator;
  const confirmed = core.request('POST', `/v1/payment_intents/${res.data.intentId}/confirm`, { payment_method: 'pm_card_visa', client_secret: res.data.clientSecret, ...extra }, { key: core.publishableKey });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  await demo.emulator!.webhooksIdle();
  return res.data;
}

const order = async (id: string): Promise<Json> => (await call('GET', `/orders/${id}`)).data.order;

describe('paid means captured', () => {
  it('a browser confirm with capture_method=manual is authorized, then captured by rule: paid only once Stripe says succeeded', async () => {
    const { orderId, intentId } = await paidOrder({ capture_method: 'manual' });
    await waitFor('the order is paid after the capture', async () => ((await order(orderId)).status === 'paid' ? true : undefined));
    const now = await order(orderId);
    const statuses = now.history.map((h: Json) => h.status);
    assert.ok(statuses.indexOf('authorized') !== -1 && statuses.indexOf('authorized') < statuses.indexOf('paid'), statuses.join(' → '));
    assert.equal((await demo.stripe.paymentIntents.retrieve(intentId)).status, 'succeeded', 'captured at Stripe');
  });
});

describe('refunds and disputes reach the order', () => {
  it('a partial then a full refund: partially_refunded, then refunded, each once, from the webhooks', async () => {
    const { orderId, intentId } = await paidOrder();
    assert.equal((await order(orderId)).status, 'paid');
    await demo.stripe.refunds.create({ payment_intent: intentId, amount: 500 });
    await demo.emulator!.webhooksIdle();
    assert.equal((await order(orderId)).status, 'partially_refunded');
    await demo.stripe.refunds.create({ payment_intent: intentId });
    await demo.emulator!.webhooksIdle();
    const done = await order(orderId);
    assert.equal(done.status, 'refunded');
    const entries = done.history.filter((h: Json) => h.status === 'partially_refunded' || h.status === 'refunded');
    assert.deepEqual(entries.map((h: Json) => [h.status, h.source]), [['partially_refunded', 'webhook'], ['refunded', 'webhook']], 'charge.refunded and refund.created report each refund once');
    assert.match(entries[1].note, /1999 of 1999 usd refunded/);
  });

  it('a refund whose webhooks were all lost is noticed by reconciliation', async () => {
    const { orderId, intentId } = await paidOrder();
    const context = demo.handler.context;
    const secret = context.webhookSecret;
    context.webhookSecret = 'whsec_not_the_one_stripe_signs_with';
    try {
      await demo.stripe.refunds.create({ payment_intent: intentId });
      await demo.emulator!.webhooksIdle();
    } finally {
      context.webhookSecret = secret;
    }
    assert.equal((await order(orderId)).status, 'paid', 'no webhook got through');
    await demo.reconcileNow();
    const now = await order(orderId);
    assert.equal(now.status, 'refunded');
    assert.equal(now.history.at(-1).source, 'reconcile');
  });

  it('charge.dispute.created (Stripe\'s dispute shape, signed) makes the order disputed; a retry is a duplicate; closed as won, paid again', async () => {
    const { orderId, intentId } = await paidOrder();
    const charge = (await demo.stripe.paymentIntents.retrieve(intentId)).latest_charge as string;
    const dispute = {
      id: 'dp_1TestDispute0001', object: 'dispute', amount: 1999, balance_transactions: [], charge, created: Math.floor(Date.now() / 1000),
      currency: 'usd', evidence: {}, evidence_details: { due_by: null, has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false, livemode: false, metadata: {}, payment_intent: intentId, reason: 'fraudulent', status: 'needs_response',
    };
    const send = async (id: string, type: string, object: Json) => {
      const payload = JSON.stringify({ id, object: 'event', api_version: '2024-06-20', created: dispute.created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } });
      return call('POST', '/webhook', payload, { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, demo.handler.context.webhookSecret!) });
    };
    const first = await send('evt_dispute_created_1', 'charge.dispute.created', dispute);
    assert.deepEqual([first.status, first.data.duplicate], [200, false]);
    const disputed = await order(orderId);
    assert.equal(disputed.status, 'disputed');
    assert.match(disputed.history.at(-1).note, /1999 usd disputed \(fraudulent, dp_1TestDispute0001\)/);
    assert.equal((await send('evt_dispute_created_1', 'charge.dispute.created', dispute)).data.duplicate, true);
    await send('evt_dispute_closed_1', 'charge.dispute.closed', { ...dispute, status: 'won' });
    const won = await order(orderId);
    assert.equal(won.status, 'paid');
    assert.equal(won.history.filter((h: Json) => h.status === 'disputed').length, 1);
  });
});
