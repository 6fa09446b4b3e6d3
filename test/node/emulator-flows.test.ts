// Intent state machines beyond the card table: 3DS fail, manual confirmation, manual capture, cancel,
// detach, redirect next_action, idempotency, events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { cardParams, sdkHarness } from './helpers/emulator-sdk.js';
import { sdkMessage } from './helpers/emulator-http.js';

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Stripe.errors.StripeError, `expected a Stripe error, got ${String(error)}`);
  return error;
}

const sourceOf = (intent: { next_action: unknown }) => (intent.next_action as { use_stripe_sdk: { source: string } }).use_stripe_sdk.source;

test('3DS fail: PaymentIntent back to requires_payment_method with payment_intent_authentication_failure', async () => {
  const { stripe, asBrowser, emulator } = sdkHarness();
  const types: string[] = [];
  emulator.onEvent((e) => types.push(e.type));
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, allowed_payment_method_types: ['card'] });
  const page = asBrowser('GET', `/3ds/${sourceOf(pi)}`);
  assert.deepEqual([page.body.intent.id, page.body.intent.amount, page.body.state], [pi.id, 1000, 'pending']);
  const failed = asBrowser('POST', `/3ds/${sourceOf(pi)}/fail`);
  assert.equal(failed.status, 200);
  assert.equal(failed.body.intent.status, 'requires_payment_method');
  const after = await stripe.paymentIntents.retrieve(pi.id);
  assert.equal(after.last_payment_error?.code, 'payment_intent_authentication_failure');
  assert.equal(after.last_payment_error?.message,
    'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.');
  assert.match(after.last_payment_error!.payment_method!.id, /^pm_/);
  assert.equal(after.payment_method, null);
  assert.deepEqual(types, ['payment_intent.created', 'payment_intent.requires_action', 'payment_intent.payment_failed']);
  const again = asBrowser('POST', `/3ds/${sourceOf(pi)}/complete`);
  assert.equal(again.status, 400, 'a settled challenge cannot be completed');
  assert.equal(again.body.error.type, 'invalid_request_error');
});

test('3DS fail on a SetupIntent: setup_intent_authentication_failure, nothing saved', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_authenticationRequired', confirm: true, allowed_payment_method_types: ['card'] });
  assert.equal(si.status, 'requires_action');
  asBrowser('POST', `/3ds/${sourceOf(si)}/fail`);
  const after = await stripe.setupIntents.retrieve(si.id);
  assert.equal(after.status, 'requires_payment_method');
  assert.equal(after.last_setup_error?.code, 'setup_intent_authentication_failure');
  assert.equal(after.last_setup_error?.message, 'The latest attempt to set up the payment method has failed because authentication failed.');
  assert.equal(after.last_setup_error?.type, 'invalid_request_error');
  assert.equal((await stripe.customers.listPaymentMethods(customer.id)).data.length, 0);
});

test('return_url turns next_action into redirect_to_url, and the challenge answer carries it back', async () => {
  const { stripe, asBrowser, emulator } = sdkHarness({ publicUrl: 'http://emu.test' });
  const pi = await stripe.paymentIntents.create({
    amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true, return_url: 'https://shop.test/back',
  });
  assert.equal(pi.next_action?.type, 'redirect_to_url');
  const { url, return_url } = pi.next_action!.redirect_to_url!;
  assert.equal(return_url, 'https://shop.test/back');
  assert.ok(url!.startsWith(`${emulator.publicUrl}/3ds/src_`));
  const done = asBrowser('POST', `${new URL(url!).pathname}/complete`);
  assert.equal(done.body.return_url, 'https://shop.test/back');
  assert.equal(done.body.intent.status, 'succeeded');
});

test('confirmation_method=manual: after 3DS the PI waits in requires_confirmation and the server confirms it', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const pm = asBrowser('POST', '/v1/payment_methods', cardParams('4000002500003155')).body.id as string;
  const pi = await stripe.paymentIntents.create({
    amount: 4200, currency: 'usd', customer: customer.id, payment_method: pm, confirmation_method: 'manual', confirm: true, setup_future_usage: 'off_session',
    allowed_payment_method_types: ['card'],
  });
  assert.equal(pi.status, 'requires_action');
  const refused = asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret });
  assert.equal(refused.status, 400, 'a manual PaymentIntent is confirmed by the server only');
  const challenge = asBrowser('POST', `/3ds/${sourceOf(pi)}/complete`);
  assert.equal(challenge.body.intent.status, 'requires_confirmation');
  const confirmed = await stripe.paymentIntents.confirm(pi.id);
  assert.equal(confirmed.status, 'succeeded');
  assert.deepEqual((await stripe.customers.listPaymentMethods(customer.id)).data.map((p) => p.id), [pm]);
});

test('confirmation_method=manual with 3178: the challenge passes, the issuer declines when the server confirms', async () => {
  const { stripe, asBrowser, emulator } = sdkHarness();
  const types: string[] = [];
  emulator.onEvent((e) => types.push(e.type));
  const pi = await stripe.paymentIntents.create({
    amount: 4200, currency: 'usd', payment_method: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds', confirmation_method: 'manual', confirm: true, allowed_payment_method_types: ['card'],
  });
  assert.equal(pi.status, 'requires_action');
  const challenge = asBrowser('POST', `/3ds/${sourceOf(pi)}/complete`);
  assert.equal(challenge.body.intent.status, 'requires_confirmation', 'nothing is declined before the server confirms');
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).latest_charge, null);
  const declined = await failure(stripe.paymentIntents.confirm(pi.id));
  assert.deepEqual([declined.statusCode, declined.code, declined.decline_code], [402, 'card_declined', 'insufficient_funds']);
  assert.equal(declined.payment_intent?.status, 'requires_payment_method');
  const charge = await stripe.charges.retrieve(declined.charge!);
  assert.equal(charge.payment_method_details?.card?.three_d_secure?.result, 'authenticated', 'declined after a completed challenge');
  assert.deepEqual(types, ['payment_intent.created', 'payment_intent.requires_action', 'charge.failed', 'payment_intent.payment_failed']);
});

test('capture_method=manual: requires_capture, amount_capturable, then capture (partial allowed)', async () => {
  const { stripe, emulator } = sdkHarness();
  const types: string[] = [];
  emulator.onEvent((e) => types.push(e.type));
  const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'usd', capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
  assert.equal(pi.status, 'requires_capture');
  assert.equal(pi.amount_capturable, 5000);
  const tooMuch = await failure(stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 }));
  assert.deepEqual([tooMuch.statusCode, tooMuch.param], [400, 'amount_to_capture']);
  const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });
  assert.deepEqual([captured.status, captured.amount_received, captured.amount_capturable], ['succeeded', 4000, 0]);
  assert.deepEqual(types, ['payment_intent.created', 'charge.succeeded', 'payment_intent.amount_capturable_updated', 'charge.captured', 'payment_intent.succeeded']);
});

test('cancel: requires_payment_method and requires_capture intents can be canceled, with a reason', async () => {
  const { stripe } = sdkHarness();
  const open = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'requested_by_customer' });
  assert.deepEqual([canceled.status, canceled.cancellation_reason], ['canceled', 'requested_by_customer']);
  assert.equal(typeof canceled.canceled_at, 'number');
  const held = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
  assert.equal((await stripe.paymentIntents.cancel(held.id)).amount_capturable, 0);
  const si = await stripe.setupIntents.create();
  assert.equal((await stripe.setupIntents.cancel(si.id)).status, 'canceled');
  assert.equal((await failure(stripe.paymentIntents.confirm(open.id, { payment_method: 'pm_card_visa' }))).code, 'payment_intent_unexpected_state');
});

test('update: payment_method moves to requires_confirmation; metadata merges and unsets', async () => {
  const { stripe } = sdkHarness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', metadata: { order: 'o1', note: 'x' }, allowed_payment_method_types: ['card'] });
  const updated = await stripe.paymentIntents.update(pi.id, { amount: 1500, payment_method: 'pm_card_visa', metadata: { note: '', gift: 'yes' } });
  assert.deepEqual([updated.amount, updated.status, updated.metadata], [1500, 'requires_confirmation', { order: 'o1', gift: 'yes' }]);
  assert.equal((await stripe.paymentIntents.confirm(pi.id)).status, 'succeeded');
  const late = await failure(stripe.paymentIntents.update(pi.id, { amount: 99 }));
  assert.equal(late.code, 'payment_intent_unexpected_state');
  assert.equal((await stripe.paymentIntents.update(pi.id, { description: 'thanks' })).description, 'thanks');
});

test('detach is permanent: a detached card cannot pay or be attached again', async () => {
  const { stripe, emulator } = sdkHarness();
  const types: string[] = [];
  emulator.onEvent((e) => types.push(e.type));
  const customer = await stripe.customers.create();
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  assert.equal(pm.customer, customer.id);
  const detached = await stripe.paymentMethods.detach(pm.id);
  assert.equal(detached.customer, null);
  assert.equal((await stripe.customers.listPaymentMethods(customer.id)).data.length, 0);
  const reattach = await failure(stripe.paymentMethods.attach(pm.id, { customer: customer.id }));
  assert.equal(reattach.statusCode, 400);
  const reuse = await failure(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, allowed_payment_method_types: ['card'] }));
  assert.deepEqual([reuse.statusCode, reuse.param], [400, 'payment_method']);
  assert.equal((await failure(stripe.paymentMethods.detach(pm.id))).statusCode, 400);
  assert.deepEqual(types, ['customer.created', 'payment_method.attached', 'payment_method.detached']);
});

test("a card used once without a customer can't be reused; another customer's card is refused", async () => {
  const { stripe } = sdkHarness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
  const pm = pi.payment_method as string;
  assert.equal((await failure(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: pm, confirm: true, allowed_payment_method_types: ['card'] }))).statusCode, 400);
  const alice = await stripe.customers.create();
  const bob = await stripe.customers.create();
  const alicesCard = await stripe.paymentMethods.attach('pm_card_visa', { customer: alice.id });
  const stolen = await failure(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: bob.id, payment_method: alicesCard.id, confirm: true, allowed_payment_method_types: ['card'] }));
  assert.deepEqual([stolen.statusCode, stolen.param], [400, 'payment_method']);
  assert.equal((await failure(stripe.paymentMethods.attach(alicesCard.id, { customer: bob.id }))).statusCode, 400);
});

test('idempotency: same key and params replay the stored answer; other params or another endpoint are a 400 idempotency_error', async () => {
  const { stripe, emulator } = sdkHarness();
  const first = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'order-1' });
  const replay = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'order-1' });
  assert.equal(replay.id, first.id);
  // The SDK hides response headers; ask the core directly with the same key, path and params.
  const raw = emulator.handle({
    method: 'POST', path: '/v1/payment_intents', body: 'amount=1000&currency=usd',
    headers: { authorization: `Bearer ${emulator.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'order-1' },
  });
  assert.equal(raw.headers['idempotent-replayed'], 'true');
  assert.equal(JSON.parse(raw.body).id, first.id);
  assert.equal((await stripe.paymentIntents.list()).data.length, 1, 'nothing created twice');
  const conflict = await failure(stripe.paymentIntents.create({ amount: 2000, currency: 'usd' }, { idempotencyKey: 'order-1' }));
  assert.ok(conflict instanceof Stripe.errors.StripeIdempotencyError);
  assert.equal(conflict.statusCode, 400);
  assert.equal(conflict.type, 'StripeIdempotencyError');
  // Bound to the endpoint it was first used on: another endpoint is a 400 naming both paths, and creates nothing.
  const elsewhere = await failure(stripe.customers.create({}, { idempotencyKey: 'order-1' }));
  assert.ok(elsewhere instanceof Stripe.errors.StripeIdempotencyError);
  assert.equal(elsewhere.statusCode, 400);
  assert.equal(
    sdkMessage(elsewhere),
    "Keys for idempotent requests can only be used for the same endpoint they were first used for ('/v1/customers' vs '/v1/payment_intents'). Try using a key other than 'order-1' if you meant to execute a different request.",
  );
  const sameKeyOnConfirm = await failure(stripe.paymentIntents.confirm(first.id, { payment_method: 'pm_card_visa' }, { idempotencyKey: 'order-1' }));
  assert.equal(sameKeyOnConfirm.type, 'StripeIdempotencyError');
  assert.equal((await stripe.customers.list()).data.length, 0, 'no customer was created');
  assert.equal((await stripe.paymentIntents.retrieve(first.id)).status, 'requires_payment_method', 'the confirm did not run');
  // A declined confirm is stored too: replaying returns the same 402 without a second attempt.
  const declineArgs = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa_chargeDeclined', confirm: true, allowed_payment_method_types: ['card'] };
  const d1 = await failure(stripe.paymentIntents.create(declineArgs, { idempotencyKey: 'declined' }));
  const eventsBefore = (await stripe.events.list({ limit: 100 })).data.length;
  const d2 = await failure(stripe.paymentIntents.create(declineArgs, { idempotencyKey: 'declined' }));
  assert.equal(d2.payment_intent?.id, d1.payment_intent?.id);
  assert.equal((await stripe.events.list({ limit: 100 })).data.length, eventsBefore);
  // GET ignores the header.
  const got = emulator.handle({ method: 'GET', path: `/v1/payment_intents/${first.id}`, headers: { authorization: `Bearer ${emulator.secretKey}`, 'idempotency-key': 'order-1' }, body: '' });
  assert.equal(got.headers['idempotent-replayed'], undefined);
});

test('events: one per state change, in order, retrievable by id and listable by type, with request info', async () => {
  const { stripe, emulator, asBrowser } = sdkHarness();
  const heard: Stripe.Event[] = [];
  const stop = emulator.onEvent((e) => heard.push(e));
  const customer = await stripe.customers.create({ email: 'ev@example.com' }, { idempotencyKey: 'make-customer' });
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_authenticationRequiredOnSetup', confirm: true, allowed_payment_method_types: ['card'] });
  asBrowser('POST', `/3ds/${sourceOf(si)}/complete`);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: si.payment_method as string, confirm: true, off_session: true });
  await stripe.paymentMethods.detach(si.payment_method as string);
  stop();
  await stripe.customers.create();
  assert.deepEqual(heard.map((e) => e.type), [
    'customer.created', 'setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded', 'payment_method.attached',
    'payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'payment_method.detached',
  ]);
  const first = heard[0]!;
  assert.match(first.id, /^evt_/);
  assert.equal(first.request?.idempotency_key, 'make-customer');
  assert.match(first.request!.id!, /^req_/);
  assert.match(first.api_version!, /^\d{4}-\d{2}-\d{2}/, 'the API version the SDK asked for');
  // data.object is a snapshot: the SetupIntent event still says requires_action.
  const action = heard.find((e) => e.type === 'setup_intent.requires_action')!;
  assert.equal((action.data.object as Stripe.SetupIntent).status, 'requires_action');
  const listed = await stripe.events.list({ type: 'payment_intent.succeeded' });
  assert.deepEqual(listed.data.map((e) => (e.data.object as Stripe.PaymentIntent).id), [pi.id]);
  const all = await stripe.events.list({ limit: 3 });
  assert.equal(all.data.length, 3);
  assert.equal(all.has_more, true);
  assert.equal(all.data[0]!.type, 'customer.created', 'newest first');
  assert.equal((await stripe.events.retrieve(first.id)).type, 'customer.created');
  assert.equal((await failure(stripe.events.retrieve('evt_nope'))).statusCode, 404);
});

test('reset() forgets everything', async () => {
  const { stripe, emulator } = sdkHarness();
  const customer = await stripe.customers.create();
  emulator.reset();
  assert.equal((await failure(stripe.customers.retrieve(customer.id))).statusCode, 404);
  assert.equal((await stripe.events.list()).data.length, 0);
});

test('off_session on the confirm route, error_on_requires_action, and a re-confirm abandons the old challenge', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const pm = await stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customer.id });
  const pi = await stripe.paymentIntents.create({ amount: 800, currency: 'usd', customer: customer.id, allowed_payment_method_types: ['card'] });
  const offSession = await failure(stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id, off_session: true }));
  assert.equal(offSession.code, 'authentication_required');
  const strict = await failure(stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id, error_on_requires_action: true }));
  assert.equal(strict.code, 'authentication_required');
  const first = await stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id });
  const second = await stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id });
  assert.notEqual(sourceOf(first), sourceOf(second));
  assert.equal(asBrowser('GET', `/3ds/${sourceOf(first)}`).body.state, 'abandoned');
  assert.equal(asBrowser('POST', `/3ds/${sourceOf(first)}/complete`).status, 400);
  assert.equal(asBrowser('POST', `/3ds/${sourceOf(second)}/complete`).body.intent.status, 'succeeded');
});

test('the server can create a PaymentMethod inline with payment_method_data and confirm at once', async () => {
  const { stripe } = sdkHarness();
  const pi = await stripe.paymentIntents.create({
    amount: 1000, currency: 'usd', confirm: true, allowed_payment_method_types: ['card'],
    payment_method_data: { type: 'card', card: { number: '4242424242424242', exp_month: 6, exp_year: 2040, cvc: '123' } } as unknown as Stripe.PaymentIntentCreateParams.PaymentMethodData,
  });
  assert.equal(pi.status, 'succeeded');
  const pm = await stripe.paymentMethods.retrieve(pi.payment_method as string);
  assert.equal(pm.card?.last4, '4242');
});
