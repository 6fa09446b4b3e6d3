// One PaymentIntent per checkout on the backend: the element sends the previous `intentId` when it needs a secret
// again, and the reference server retries on that same intent instead of creating another (design.md "Backend
// contract"). Real HTTP, real SQLite, the stripe SDK standing in for the browser's confirm, the emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call as callAt, customerOf, type Json } from './helpers/demo-http.js';

let demo: RunningDemo;
const call = (method: string, path: string, body?: unknown) => callAt(demo.url, method, path, body);

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [30] }, reconcile: { intervalMs: 0, graceMs: 0 } });
});
after(async () => {
  await demo.close();
});

/** The customer presses "Fail" on the 3D Secure test page of `intentId`'s challenge (what the browser would post). */
async function failChallenge(intentId: string): Promise<void> {
  const intent = await demo.stripe.paymentIntents.retrieve(intentId);
  const source = (intent.next_action as unknown as { use_stripe_sdk: { source: string } }).use_stripe_sdk.source;
  const core = demo.emulator!.emulator;
  assert.equal(core.request('POST', `/3ds/${source}/fail`, {}, { key: core.publishableKey }).status, 200);
}

const ordersOf = (intentId: string) => demo.db.listOrders(500).filter((o) => o.intentId === intentId);

describe('POST /create-payment-intent with the previous intentId', () => {
  it('after a decline, updates the same intent to the new cart and returns its secret: one order, one intent', async () => {
    const first = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], save: false });
    assert.equal(first.data.reused, false);
    await assert.rejects(demo.stripe.paymentIntents.confirm(first.data.intentId, { payment_method: 'pm_card_chargeDeclined', return_url: 'https://shop.test/return' }), /declined/);
    // The decline's webhook is in: the page retries after it has shown the decline.
    await demo.emulator!.webhooksIdle();
    const ordersBefore = demo.db.listOrders(500).length;

    const again = await call('POST', '/create-payment-intent', { items: [{ sku: 'tshirt' }, { sku: 'stickers' }], save: true, intentId: first.data.intentId });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual([again.data.intentId, again.data.clientSecret, again.data.orderId, again.data.reused],
      [first.data.intentId, first.data.clientSecret, first.data.orderId, true]);
    assert.equal(demo.db.listOrders(500).length, ordersBefore, 'no new order');
    const intent = await demo.stripe.paymentIntents.retrieve(first.data.intentId);
    assert.equal(intent.amount, 1999 + 500, 'the amount comes from the catalog');
    assert.equal(intent.setup_future_usage, 'off_session', 'save: true sets the card up');
    const order = (await call('GET', `/orders/${first.data.orderId}`)).data.order;
    assert.deepEqual([order.status, order.amount, order.save, order.failure], ['pending', 2499, true, null]);

    await demo.stripe.paymentIntents.confirm(first.data.intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    await demo.emulator!.webhooksIdle();
    const paid = (await call('GET', `/orders/${first.data.orderId}`)).data.order;
    assert.equal(paid.status, 'paid', 'the updated amount is the order\'s amount, so fulfilment accepts it');
    assert.equal(ordersOf(first.data.intentId).length, 1);
    const intents = await demo.stripe.paymentIntents.list({ customer: await customerOf(demo), limit: 100 });
    assert.equal(intents.data.filter((pi) => pi.metadata.order_id === first.data.orderId).length, 1, 'one intent for the order');
  });

  it('turning save off clears setup_future_usage on the reused intent', async () => {
    const first = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], save: true });
    const again = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], save: false, intentId: first.data.intentId });
    assert.equal(again.data.intentId, first.data.intentId);
    assert.equal((await demo.stripe.paymentIntents.retrieve(first.data.intentId)).setup_future_usage, null);
  });

  it('answers 409 for an intent that already succeeded, and records the payment', async () => {
    const first = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] });
    await demo.stopHttp(); // its webhook is lost: the 409 path records what Stripe says
    try {
      await demo.stripe.paymentIntents.confirm(first.data.intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
      await demo.emulator!.webhooksIdle();
    } finally {
      await demo.startHttp();
    }
    const again = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], intentId: first.data.intentId });
    assert.equal(again.status, 409);
    assert.equal(again.data.error.field, 'intentId');
    assert.equal(again.data.error.code, 'intent_already_succeeded');
    assert.match(again.data.error.message, /already succeeded: this checkout is paid/);
    assert.equal(again.data.clientSecret, undefined);
    assert.equal(demo.db.getOrder(first.data.orderId)!.status, 'paid');
  });

  it('starts a new intent (and order) when the previous one was canceled', async () => {
    const first = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] });
    await demo.stripe.paymentIntents.cancel(first.data.intentId);
    const again = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], intentId: first.data.intentId });
    assert.equal(again.status, 200);
    assert.equal(again.data.reused, false);
    assert.notEqual(again.data.intentId, first.data.intentId);
    assert.notEqual(again.data.orderId, first.data.orderId);
    assert.ok(demo.db.history(first.data.orderId).some((h) => /canceled; the checkout continues with a new intent/.test(h.note ?? '')));
  });

  it('refuses an intent that is not one of this customer\'s checkouts', async () => {
    const stranger = await demo.stripe.paymentIntents.create({ amount: 1200, currency: 'usd' });
    const unknown = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], intentId: stranger.id });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.data.error.field, 'intentId');
    assert.equal(unknown.data.clientSecret, undefined);
    // An order of another customer (e.g. before the emulator restarted) with a real intent.
    const theirs = await demo.stripe.paymentIntents.create({ amount: 1200, currency: 'usd' });
    const order = demo.db.createOrder({ kind: 'payment', amount: 1200, currency: 'usd', items: [{ sku: 'mug', quantity: 1 }], customerId: 'cus_someone_else', save: false });
    demo.db.setOrderIntent(order.id, theirs.id);
    const other = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], intentId: theirs.id });
    assert.equal(other.status, 404);
    const malformed = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], intentId: 'ord_1' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.data.error.field, 'intentId');
  });

  it('a setup intent reuses its SetupIntent, and a mode switch starts a new checkout', async () => {
    const first = await call('POST', '/create-setup-intent', {});
    const again = await call('POST', '/create-payment-intent', { mode: 'setup', intentId: first.data.intentId });
    assert.deepEqual([again.data.intentId, again.data.clientSecret, again.data.reused], [first.data.intentId, first.data.clientSecret, true]);
    const switched = await call('POST', '/create-payment-intent', { mode: 'payment', items: [{ sku: 'mug' }], intentId: first.data.intentId });
    assert.equal(switched.status, 200);
    assert.match(switched.data.intentId, /^pi_/);
    await demo.stripe.setupIntents.confirm(first.data.intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
    const done = await call('POST', '/create-setup-intent', { intentId: first.data.intentId });
    assert.equal(done.status, 409);
    assert.match(done.data.error.message, /the card is saved/);
  });
});

describe('POST /pay (server confirm) with the previous intentId', () => {
  it('confirms the same intent again with the new card after a decline', async () => {
    const declined = await call('POST', '/pay', { paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds', items: [{ sku: 'tshirt' }] });
    assert.equal(declined.status, 402);
    assert.match(declined.data.intentId, /^pi_/);
    const retry = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'tshirt' }], intentId: declined.data.intentId });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.data.status, 'succeeded');
    assert.equal(retry.data.intentId, declined.data.intentId);
    assert.equal(retry.data.orderId, declined.data.orderId);
    const order = (await call('GET', `/orders/${retry.data.orderId}`)).data.order;
    assert.equal(order.status, 'paid');
    assert.deepEqual(order.history.map((h: Json) => h.status), ['pending', 'failed', 'pending', 'paid']);
    const charged = await demo.stripe.paymentIntents.retrieve(retry.data.intentId);
    assert.equal(charged.status, 'succeeded');
    assert.equal(charged.amount, 1999);
    const again = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'tshirt' }], intentId: declined.data.intentId });
    assert.equal(again.status, 409, 'a paid checkout is never charged twice');
  });
});

describe('POST /pay answers what the element needs to stay on one intent', () => {
  it('names the next action with requires_action, so the browser need not read the intent first', async () => {
    const action = await call('POST', '/pay', { paymentMethodId: 'pm_card_threeDSecure2Required', items: [{ sku: 'mug' }] });
    assert.equal(action.status, 200, action.text);
    assert.equal(action.data.status, 'requires_action');
    const intent = await demo.stripe.paymentIntents.retrieve(action.data.intentId);
    assert.equal(typeof intent.next_action?.type, 'string');
    assert.equal(action.data.nextActionType, intent.next_action!.type);
    const paid = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'mug' }] });
    assert.equal(paid.data.nextActionType, undefined, 'no action, no nextActionType');
  });

  it('puts the intent id in error.intentId on a decline, and the retry with it charges that same intent', async () => {
    const declined = await call('POST', '/pay', { paymentMethodId: 'pm_card_chargeDeclined', items: [{ sku: 'mug' }], save: true });
    assert.equal(declined.status, 402);
    assert.match(declined.data.error.intentId, /^pi_/);
    assert.equal(declined.data.error.intentId, declined.data.intentId);
    assert.equal((await demo.stripe.paymentIntents.retrieve(declined.data.error.intentId)).setup_future_usage, 'off_session');
    // The customer turns saving off and adds a sticker pack: the same intent, updated, is confirmed with the new card.
    const retry = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'mug' }, { sku: 'stickers' }], save: false, intentId: declined.data.error.intentId });
    assert.equal(retry.status, 200, retry.text);
    assert.deepEqual([retry.data.intentId, retry.data.orderId], [declined.data.intentId, declined.data.orderId]);
    const charged = await demo.stripe.paymentIntents.retrieve(retry.data.intentId);
    assert.deepEqual([charged.status, charged.amount, charged.setup_future_usage], ['succeeded', 1200 + 500, null]);
    assert.equal(demo.db.getOrder(retry.data.orderId)!.amount, 1700);
  });

  it('after a failed 3D Secure, error.intentId names the intent to retry', async () => {
    const action = await call('POST', '/pay', { paymentMethodId: 'pm_card_threeDSecure2Required', items: [{ sku: 'mug' }] });
    await failChallenge(action.data.intentId);
    const after = await call('POST', '/pay', { paymentIntentId: action.data.intentId });
    assert.equal(after.status, 402, after.text);
    assert.equal(after.data.error.code, 'payment_intent_authentication_failure');
    assert.equal(after.data.error.intentId, action.data.intentId);
    const retry = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'mug' }], intentId: after.data.error.intentId });
    assert.deepEqual([retry.status, retry.data.status, retry.data.intentId], [200, 'succeeded', action.data.intentId]);
    // The same post again (its answer lost, say) reports the payment instead of failing to confirm it twice.
    const repeated = await call('POST', '/pay', { paymentIntentId: action.data.intentId });
    assert.deepEqual([repeated.status, repeated.data.status], [200, 'succeeded']);
  });
});

describe('every declined attempt of one checkout is in its order history', () => {
  const failures = (orderId: string) => demo.db.history(orderId).filter((h) => h.status === 'failed');

  it('client confirm: a second decline with another card on the same intent is recorded, with its failure', async () => {
    const first = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] });
    await assert.rejects(demo.stripe.paymentIntents.confirm(first.data.intentId, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds', return_url: 'https://shop.test/return' }), /insufficient funds/);
    await demo.emulator!.webhooksIdle();
    await assert.rejects(demo.stripe.paymentIntents.confirm(first.data.intentId, { payment_method: 'pm_card_chargeDeclinedExpiredCard', return_url: 'https://shop.test/return' }), /expired/);
    await demo.emulator!.webhooksIdle();
    const order = (await call('GET', `/orders/${first.data.orderId}`)).data.order;
    assert.equal(order.status, 'failed');
    assert.deepEqual([order.failure.code, order.failure.message], ['expired_card', 'Your card has expired.']);
    assert.deepEqual(order.history.map((h: Json) => `${h.status}/${h.source}`), ['pending/server', 'failed/webhook', 'failed/webhook']);
    assert.match(order.history[1].note, /insufficient_funds/);
    assert.match(order.history[2].note, /expired_card/);
    // Reading the intent back (reconciliation) reports the last decline again: nothing new is recorded.
    await call('GET', `/orders/${first.data.orderId}`);
    assert.equal(failures(first.data.orderId).length, 2);
  });

  it('server confirm: our own answer and the webhook for the same decline are one entry; the next decline is another', async () => {
    const first = await call('POST', '/pay', { paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds', items: [{ sku: 'mug' }] });
    await demo.emulator!.webhooksIdle();
    assert.equal(failures(first.data.orderId).length, 1, demo.db.history(first.data.orderId).map((h) => `${h.status}/${h.source}/${h.note}`).join('; '));
    const second = await call('POST', '/pay', { paymentMethodId: 'pm_card_chargeDeclined', items: [{ sku: 'mug' }], intentId: first.data.error.intentId });
    assert.equal(second.status, 402);
    await demo.emulator!.webhooksIdle();
    assert.deepEqual(failures(first.data.orderId).map((h) => h.source), ['server', 'server']);
    assert.equal(demo.db.getOrder(first.data.orderId)!.declineCode, 'generic_decline');
  });
});
