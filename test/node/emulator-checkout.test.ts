import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { cardParams, sdkHarness } from './helpers/emulator-sdk.js';

const card = (number: string) => cardParams(number).card;

test('Checkout in setup mode: the hosted page completes it, the card is saved and events follow', async () => {
  const { emulator, stripe, asBrowser } = sdkHarness({ publicUrl: 'http://localhost:4242' });
  const customer = await stripe.customers.create({ email: 'saver@example.com' });
  const types: string[] = [];
  emulator.onEvent((event) => types.push(event.type));
  const session = await stripe.checkout.sessions.create({
    mode: 'setup', currency: 'usd', customer: customer.id,
    success_url: 'http://localhost:4242/success?session_id={CHECKOUT_SESSION_ID}', cancel_url: 'http://localhost:4242/cancel',
  });
  assert.match(session.id, /^cs_test_/);
  assert.equal(session.url, `http://localhost:4242/checkout/${session.id}`);
  assert.equal(session.status, 'open');
  const page = asBrowser('GET', `/checkout/${session.id}`);
  assert.equal(page.body.mode, 'setup');

  const done = asBrowser('POST', `/checkout/${session.id}/complete`, { card: card('4242424242424242') });
  assert.equal(done.status, 200);
  assert.deepEqual({ status: done.body.status, redirect: done.body.redirect }, { status: 'complete', redirect: `http://localhost:4242/success?session_id=${session.id}` });

  const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
  assert.equal(completed.status, 'complete');
  const si = completed.setup_intent as Stripe.SetupIntent;
  assert.equal(si.status, 'succeeded');
  assert.equal(si.customer, customer.id);
  const saved = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  assert.deepEqual(saved.data.map((pm) => pm.id), [si.payment_method]);
  assert.deepEqual(types.filter((t) => t !== 'setup_intent.created'), ['setup_intent.succeeded', 'payment_method.attached', 'checkout.session.completed']);
});

test('Checkout with a 3DS card: complete answers requires_action; the challenge then completes the session', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const session = await stripe.checkout.sessions.create({ mode: 'setup', customer: customer.id, success_url: 'https://shop.test/ok?id={CHECKOUT_SESSION_ID}' });
  const first = asBrowser('POST', `/checkout/${session.id}/complete`, { card: card('4000002500003155') });
  assert.equal(first.body.status, 'requires_action');
  assert.match(first.body.source, /^src_/);
  const challenge = asBrowser('POST', `/3ds/${first.body.source}/complete`);
  assert.equal(challenge.body.intent.status, 'succeeded');
  assert.equal(challenge.body.redirect, `https://shop.test/ok?id=${session.id}`);
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'complete');
});

test('Checkout in payment mode charges the line items; a declined card answers 402 and leaves the session open', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const session = await stripe.checkout.sessions.create({
    mode: 'payment', success_url: 'https://shop.test/ok',
    line_items: [{ quantity: 2, price_data: { currency: 'eur', unit_amount: 1250, product_data: { name: 'Mug' } } }],
  });
  assert.equal(session.amount_total, 2500);
  const declined = asBrowser('POST', `/checkout/${session.id}/complete`, { card: card('4000000000009995') });
  assert.equal(declined.status, 402);
  assert.equal(declined.body.error.type, 'card_error');
  assert.equal(declined.body.error.decline_code, 'insufficient_funds');
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'open');
  const paid = asBrowser('POST', `/checkout/${session.id}/complete`, { card: card('4242424242424242') });
  assert.equal(paid.body.status, 'complete');
  const after = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
  assert.equal(after.payment_status, 'paid');
  const pi = after.payment_intent as Stripe.PaymentIntent;
  assert.deepEqual([pi.status, pi.amount, pi.currency], ['succeeded', 2500, 'eur']);
});
