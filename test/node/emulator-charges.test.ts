// Charges behind `latest_charge`: retrieve, list by PaymentIntent, expand, their events, manual capture and release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { httpHarness, sdkMessage, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();
// Server-side confirmation without a return_url: integrations that take only in-page methods say so.
const CARD = { automatic_payment_methods: { enabled: true, allow_redirects: 'never' as const } };

test('latest_charge is a real charge: retrieved, listed by payment_intent, expanded in place', async () => {
  const { stripe } = h;
  const customer = await stripe.customers.create({ email: 'ch@example.com' });
  const pi = await stripe.paymentIntents.create({
    ...CARD, amount: 2599, currency: 'eur', customer: customer.id, payment_method: 'pm_card_mastercard', confirm: true,
    description: 'Order 7', metadata: { order: '7' }, receipt_email: 'r@example.com',
  });
  assert.match(pi.latest_charge as string, /^ch_3[A-Za-z0-9]{23}$/);
  const charge = await stripe.charges.retrieve(pi.latest_charge as string);
  assert.deepEqual(
    [charge.object, charge.amount, charge.amount_captured, charge.currency, charge.status, charge.paid, charge.captured, charge.refunded],
    ['charge', 2599, 2599, 'eur', 'succeeded', true, true, false],
  );
  assert.deepEqual([charge.payment_intent, charge.payment_method, charge.customer], [pi.id, pi.payment_method, customer.id]);
  assert.deepEqual([charge.description, charge.metadata, charge.receipt_email], ['Order 7', { order: '7' }, 'r@example.com'], 'copied from the intent');
  assert.deepEqual([charge.payment_method_details?.type, charge.payment_method_details?.card?.brand, charge.payment_method_details?.card?.last4], ['card', 'mastercard', '4444']);
  assert.deepEqual([charge.outcome?.type, charge.outcome?.network_status, charge.outcome?.seller_message], ['authorized', 'approved_by_network', 'Payment complete.']);
  assert.equal(charge.payment_method_details?.card?.three_d_secure, null, 'no challenge happened');
  assert.equal(charge.balance_transaction, null, 'asynchronous capture (the default) fills it in later');
  assert.equal('refunds' in charge, false, 'refunds are only included when expanded');

  const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
  assert.equal((expanded.latest_charge as Stripe.Charge).id, charge.id);
  assert.equal((expanded.latest_charge as Stripe.Charge).amount, 2599);
  const listed = await stripe.charges.list({ payment_intent: pi.id });
  assert.deepEqual(listed.data.map((c) => c.id), [charge.id]);
  assert.deepEqual((await stripe.charges.list({ customer: customer.id })).data.map((c) => c.id), [charge.id]);
  const withCustomer = await stripe.charges.retrieve(charge.id, { expand: ['customer', 'payment_intent'] });
  assert.equal((withCustomer.customer as Stripe.Customer).email, 'ch@example.com');
  assert.equal((withCustomer.payment_intent as Stripe.PaymentIntent).id, pi.id);
  assert.deepEqual(h.types(), ['customer.created', 'payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
});

test('a decline leaves a failed charge: the 402 names it, the intent points at it, charge.failed comes first', async () => {
  const { stripe } = h;
  const error = await stripeFailure(stripe.paymentIntents.create({ ...CARD, amount: 1000, currency: 'usd', payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds', confirm: true }));
  assert.match(error.charge!, /^ch_/);
  const charge = await stripe.charges.retrieve(error.charge!);
  assert.deepEqual(
    [charge.status, charge.paid, charge.captured, charge.amount_captured, charge.failure_code, charge.failure_message],
    ['failed', false, false, 0, 'card_declined', 'Your card has insufficient funds.'],
  );
  assert.deepEqual([charge.outcome?.type, charge.outcome?.reason, charge.outcome?.network_status], ['issuer_declined', 'insufficient_funds', 'declined_by_network']);
  assert.equal(charge.outcome?.seller_message, 'The bank returned the decline code `insufficient_funds`.');
  assert.equal((await stripe.paymentIntents.retrieve(error.payment_intent!.id)).latest_charge, charge.id);
  assert.deepEqual(h.types(), ['payment_intent.created', 'charge.failed', 'payment_intent.payment_failed']);
});

test('Radar\'s block and a generic decline read as Stripe words them', async () => {
  const { stripe } = h;
  const blocked = await stripeFailure(stripe.paymentIntents.create({ ...CARD, amount: 1000, currency: 'usd', payment_method: 'pm_card_radarBlock', confirm: true }));
  const radar = await stripe.charges.retrieve(blocked.charge!);
  assert.deepEqual([radar.outcome?.type, radar.outcome?.reason, radar.outcome?.risk_level, radar.outcome?.network_status], ['blocked', 'highest_risk_level', 'highest', 'not_sent_to_network']);
  const declined = await stripeFailure(stripe.paymentIntents.create({ ...CARD, amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true }));
  const generic = await stripe.charges.retrieve(declined.charge!);
  assert.equal(generic.outcome?.seller_message, 'The bank did not return any further details with this decline.');
});

test('manual capture: an authorized, uncaptured charge, then charge.captured; capturing less releases the rest', async () => {
  const { stripe } = h;
  const pi = await stripe.paymentIntents.create({ ...CARD, amount: 5000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual' });
  assert.equal(pi.status, 'requires_capture');
  const held = await stripe.charges.retrieve(pi.latest_charge as string);
  assert.deepEqual([held.status, held.paid, held.captured, held.amount_captured, held.balance_transaction], ['succeeded', true, false, 0, null]);
  const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 }, { idempotencyKey: 'capture-1' });
  assert.equal(captured.status, 'succeeded');
  const after = await stripe.charges.retrieve(held.id);
  assert.deepEqual([after.captured, after.amount_captured, after.amount_refunded, after.refunded], [true, 3000, 2000, false]);
  assert.match(after.balance_transaction as string, /^txn_/);
  assert.deepEqual(h.types(), ['payment_intent.created', 'charge.succeeded', 'payment_intent.amount_capturable_updated', 'charge.captured', 'payment_intent.succeeded']);
  const replay = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 }, { idempotencyKey: 'capture-1' });
  assert.equal(replay.amount_received, 3000);
  assert.equal(h.types().filter((t) => t === 'charge.captured').length, 1, 'a replayed capture captures nothing again');
});

test('canceling an authorized PaymentIntent releases its charge (refunded in full, charge.refunded)', async () => {
  const { stripe } = h;
  const pi = await stripe.paymentIntents.create({ ...CARD, amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual' });
  await stripe.paymentIntents.cancel(pi.id);
  const charge = await stripe.charges.retrieve(pi.latest_charge as string, { expand: ['refunds'] });
  assert.deepEqual([charge.captured, charge.refunded, charge.amount_refunded], [false, true, 1200]);
  assert.equal(charge.refunds?.data[0]?.destination_details?.card?.type, 'reversal');
  assert.deepEqual(h.types().slice(-3), ['refund.created', 'charge.refunded', 'payment_intent.canceled']);
});

test('a payment after 3D Secure carries the authentication on its charge', async () => {
  const { stripe, asBrowser } = h;
  const pi = await stripe.paymentIntents.create({ ...CARD, amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true });
  const source = (pi.next_action!.use_stripe_sdk as unknown as { source: string }).source;
  assert.equal((await asBrowser('POST', `/3ds/${source}/complete`)).status, 200);
  const done = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
  const secure = (done.latest_charge as Stripe.Charge).payment_method_details?.card?.three_d_secure;
  assert.deepEqual([secure?.result, secure?.authentication_flow, secure?.version], ['authenticated', 'challenge', '2.2.0']);
});

test('charges.update changes metadata and description (charge.updated); unknown ids and expansions are refused', async () => {
  const { stripe } = h;
  const pi = await stripe.paymentIntents.create({ ...CARD, amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, metadata: { a: '1' } });
  const updated = await stripe.charges.update(pi.latest_charge as string, { metadata: { b: '2' }, description: 'renamed' });
  assert.deepEqual([updated.metadata, updated.description], [{ a: '1', b: '2' }, 'renamed']);
  assert.equal(h.types().at(-1), 'charge.updated');
  const missing = await stripeFailure(stripe.charges.retrieve('ch_nope'));
  assert.deepEqual([missing.statusCode, missing.code, sdkMessage(missing), missing.param], [404, 'resource_missing', "No such charge: 'ch_nope'", 'id']);
  const badExpand = await stripeFailure(stripe.charges.retrieve(pi.latest_charge as string, { expand: ['outcome'] }));
  assert.equal(badExpand.statusCode, 400);
  assert.equal(badExpand.param, 'expand[0]');
});
