// Refunds: full and partial, by PaymentIntent or by charge, Stripe's refusals, and what the charge shows after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { httpHarness, sdkMessage, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();

async function paid(amount = 2000, extra: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  return h.stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_visa', automatic_payment_methods: { enabled: true, allow_redirects: 'never' }, confirm: true, ...extra });
}

test('a full refund by payment_intent: the refund, the refunded charge, refund.created and charge.refunded', async () => {
  const { stripe } = h;
  const pi = await paid(2000, { metadata: { order: 'o1' } });
  const refund = await stripe.refunds.create({ payment_intent: pi.id, reason: 'requested_by_customer', metadata: { ticket: 't9' } });
  assert.match(refund.id, /^re_/);
  assert.deepEqual(
    [refund.object, refund.amount, refund.currency, refund.status, refund.reason, refund.charge, refund.payment_intent, refund.metadata],
    ['refund', 2000, 'usd', 'succeeded', 'requested_by_customer', pi.latest_charge, pi.id, { ticket: 't9' }],
  );
  const charge = await stripe.charges.retrieve(pi.latest_charge as string);
  assert.deepEqual([charge.amount_refunded, charge.refunded], [2000, true]);
  assert.deepEqual(h.types().slice(-2), ['refund.created', 'charge.refunded']);
  const event = h.events.at(-1)!.data.object as Stripe.Charge;
  assert.equal(event.amount_refunded, 2000, 'the event carries the charge as refunded');
});

test('partial refunds by charge add up; more than what is left, or a second full refund, is refused as Stripe words it', async () => {
  const { stripe } = h;
  const pi = await paid(1000);
  const chargeId = pi.latest_charge as string;
  await stripe.refunds.create({ charge: chargeId, amount: 300 });
  const second = await stripe.refunds.create({ charge: chargeId, amount: 200 });
  assert.equal(second.amount, 200);
  let charge = await stripe.charges.retrieve(chargeId);
  assert.deepEqual([charge.amount_refunded, charge.refunded], [500, false]);

  const tooMuch = await stripeFailure(stripe.refunds.create({ charge: chargeId, amount: 600 }));
  assert.deepEqual([tooMuch.statusCode, tooMuch.type, tooMuch.param], [400, 'StripeInvalidRequestError', 'amount']);
  assert.equal(sdkMessage(tooMuch), 'Refund amount ($6.00) is greater than unrefunded amount on charge ($5.00)');
  const overCharge = await stripeFailure(stripe.refunds.create({ charge: chargeId, amount: 1500 }));
  assert.equal(sdkMessage(overCharge), 'Refund amount ($15.00) is greater than charge amount ($10.00)');

  const rest = await stripe.refunds.create({ charge: chargeId });
  assert.equal(rest.amount, 500, 'no amount refunds what is left');
  charge = await stripe.charges.retrieve(chargeId);
  assert.deepEqual([charge.amount_refunded, charge.refunded], [1000, true]);
  const again = await stripeFailure(stripe.refunds.create({ payment_intent: pi.id }));
  assert.deepEqual([again.statusCode, again.code, sdkMessage(again)], [400, 'charge_already_refunded', `Charge ${chargeId} has already been refunded.`]);
  assert.equal(h.types().filter((t) => t === 'refund.created').length, 3);
});

test('nothing to refund: an unpaid intent, a failed charge, an uncaptured charge, no target at all', async () => {
  const { stripe } = h;
  const open = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const unpaid = await stripeFailure(stripe.refunds.create({ payment_intent: open.id }));
  assert.deepEqual([unpaid.statusCode, unpaid.param, sdkMessage(unpaid)], [400, 'payment_intent', `This PaymentIntent (${open.id}) does not have a successful charge to refund.`]);

  const declined = await stripeFailure(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', automatic_payment_methods: { enabled: true, allow_redirects: 'never' }, confirm: true }));
  const failed = await stripeFailure(stripe.refunds.create({ charge: declined.charge! }));
  assert.equal(failed.statusCode, 400);
  assert.match(failed.message, /does not have a successful charge to refund/);

  const held = await paid(1000, { capture_method: 'manual' });
  const uncaptured = await stripeFailure(stripe.refunds.create({ payment_intent: held.id }));
  assert.equal(uncaptured.statusCode, 400);
  assert.match(uncaptured.message, /has not been captured/);

  const neither = await stripeFailure(stripe.refunds.create({}));
  assert.deepEqual([neither.statusCode, neither.code], [400, 'parameter_missing']);
  const other = await paid(1000);
  const mismatch = await stripeFailure(stripe.refunds.create({ payment_intent: other.id, charge: held.latest_charge as string }));
  assert.equal(mismatch.param, 'charge');
  const unknown = await stripeFailure(stripe.refunds.create({ charge: 'ch_nope' }));
  assert.deepEqual([unknown.statusCode, unknown.code, unknown.param], [404, 'resource_missing', 'charge']);
  assert.equal(h.types().includes('refund.created'), false, 'no refusal refunded anything');
});

test('refunds are listed, retrieved, updated, expanded on the charge, and an idempotent retry refunds once', async () => {
  const { stripe } = h;
  const a = await paid(1000);
  const b = await paid(3000);
  const first = await stripe.refunds.create({ payment_intent: a.id, amount: 100 }, { idempotencyKey: 'refund-a' });
  const retried = await stripe.refunds.create({ payment_intent: a.id, amount: 100 }, { idempotencyKey: 'refund-a' });
  assert.equal(retried.id, first.id);
  const onB = await stripe.refunds.create({ payment_intent: b.id });

  assert.deepEqual((await stripe.refunds.list()).data.map((r) => r.id), [onB.id, first.id]);
  assert.deepEqual((await stripe.refunds.list({ payment_intent: a.id })).data.map((r) => r.id), [first.id]);
  assert.deepEqual((await stripe.refunds.list({ charge: b.latest_charge as string })).data.map((r) => r.id), [onB.id]);
  assert.equal((await stripe.refunds.retrieve(first.id)).amount, 100);
  assert.deepEqual((await stripe.refunds.update(first.id, { metadata: { note: 'x' } })).metadata, { note: 'x' });
  const withCharge = await stripe.refunds.retrieve(first.id, { expand: ['charge'] });
  assert.equal((withCharge.charge as Stripe.Charge).amount_refunded, 100);

  const charge = await stripe.charges.retrieve(a.latest_charge as string, { expand: ['refunds'] });
  assert.deepEqual(charge.refunds?.data.map((r) => r.id), [first.id]);
  assert.equal(charge.refunds?.url, `/v1/charges/${charge.id}/refunds`);
  const viaCharge = await stripe.refunds.list({ charge: charge.id });
  assert.deepEqual(viaCharge.data.map((r) => r.id), [first.id]);
  const cancel = await stripeFailure(stripe.refunds.cancel(first.id));
  assert.equal(cancel.statusCode, 400, 'a succeeded card refund cannot be canceled');
});
