// Every route through the stripe SDK: customers, payment methods, intents, checkout sessions, lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { cardParams, sdkHarness } from './helpers/emulator-sdk.js';

test('customers: create, retrieve, update, list with limit and email, delete', async () => {
  const { stripe } = sdkHarness();
  const a = await stripe.customers.create({ email: 'a@example.com', name: 'Ann', metadata: { tier: 'gold' } });
  assert.match(a.id, /^cus_[A-Za-z0-9]{14}$/);
  assert.deepEqual([a.email, a.name, a.metadata.tier, a.object], ['a@example.com', 'Ann', 'gold', 'customer']);
  const b = await stripe.customers.create({ email: 'b@example.com' });
  const c = await stripe.customers.create({ email: 'c@example.com', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_x' } });
  assert.equal((await stripe.customers.listPaymentMethods(c.id)).data.length, 1);
  assert.equal((await stripe.customers.retrieve(a.id) as Stripe.Customer).name, 'Ann');
  const updated = await stripe.customers.update(b.id, { name: 'Bea', metadata: { tier: 'silver' } });
  assert.deepEqual([updated.name, updated.metadata], ['Bea', { tier: 'silver' }]);
  const page = await stripe.customers.list({ limit: 2 });
  assert.deepEqual([page.object, page.url, page.has_more, page.data.map((x) => x.id)], ['list', '/v1/customers', true, [c.id, b.id]]);
  const next = await stripe.customers.list({ limit: 2, starting_after: b.id });
  assert.deepEqual([next.has_more, next.data.map((x) => x.id)], [false, [a.id]]);
  assert.deepEqual((await stripe.customers.list({ email: 'b@example.com' })).data.map((x) => x.id), [b.id]);
  let all = 0;
  for await (const customer of stripe.customers.list({ limit: 1 })) if (customer) all++;
  assert.equal(all, 3, 'the SDK auto-pagination walks the whole list');
  const ordered = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', customer: a.id });
  const deleted = await stripe.customers.del(a.id);
  assert.deepEqual([deleted.id, deleted.deleted], [a.id, true]);
  const expanded = await stripe.paymentIntents.retrieve(ordered.id, { expand: ['customer'] });
  assert.deepEqual(JSON.parse(JSON.stringify(expanded.customer)), { id: a.id, object: 'customer', deleted: true }, 'an expanded deleted customer is the stub');
  assert.equal((await stripe.customers.list()).data.length, 2);
  // Stripe still answers a retrieve of a deleted customer, with a stub; anything else is a 404.
  const ghost = await stripe.customers.retrieve(a.id);
  assert.deepEqual(JSON.parse(JSON.stringify(ghost)), { id: a.id, object: 'customer', deleted: true });
  assert.equal(ghost.lastResponse.statusCode, 200);
  for (const attempt of [stripe.customers.update(a.id, { name: 'x' }), stripe.customers.del(a.id), stripe.paymentIntents.create({ amount: 500, currency: 'usd', customer: a.id })]) {
    const error = await attempt.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
    assert.deepEqual([error.statusCode, error.code], [404, 'resource_missing']);
  }
  assert.equal((await stripe.customers.retrieve('cus_never').then(() => undefined, (e: Stripe.errors.StripeError) => e))?.statusCode, 404, 'an id that never existed is still a 404');
  const declined = await stripe.customers.create({ payment_method: 'pm_card_visa_chargeDeclined' }).catch((e: unknown) => e);
  assert.ok(declined instanceof Stripe.errors.StripeCardError, 'a decline card cannot be saved on a new customer');
  assert.equal((await stripe.customers.list()).data.length, 2, 'and no customer was left behind');
});

test('payment methods: create (sk and pk), retrieve, update, attach, list both ways, detach; pm_card_* are fresh each time', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const serverMade = await stripe.paymentMethods.create({ type: 'card', card: { number: '5555555555554444', exp_month: 3, exp_year: 2041, cvc: '314' } } as Stripe.PaymentMethodCreateParams);
  assert.deepEqual([serverMade.card?.brand, serverMade.card?.last4, serverMade.card?.exp_year, serverMade.card?.checks?.cvc_check], ['mastercard', '4444', 2041, 'pass']);
  const browserMade = asBrowser('POST', '/v1/payment_methods', { ...cardParams('378282246310005'), billing_details: { name: 'Ann', address: { postal_code: '94107' } } });
  assert.deepEqual([browserMade.body.card.brand, browserMade.body.card.display_brand, browserMade.body.billing_details.name], ['amex', 'american_express', 'Ann']);
  assert.equal(JSON.stringify(browserMade.body).includes('378282246310005'), false, 'the full number never comes back');
  const a = await stripe.paymentMethods.retrieve('pm_card_visa');
  const b = await stripe.paymentMethods.retrieve('pm_card_visa');
  assert.notEqual(a.id, b.id);
  assert.equal(a.card?.fingerprint, b.card?.fingerprint, 'same card, same fingerprint');
  const renamed = await stripe.paymentMethods.update(serverMade.id, { billing_details: { name: 'Renamed' }, metadata: { k: 'v' } });
  assert.deepEqual([renamed.billing_details.name, renamed.metadata], ['Renamed', { k: 'v' }]);
  await stripe.paymentMethods.attach(serverMade.id, { customer: customer.id });
  await stripe.paymentMethods.attach(browserMade.body.id, { customer: customer.id });
  const viaQuery = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  const viaCustomer = await stripe.customers.listPaymentMethods(customer.id, { type: 'card', limit: 1 });
  assert.deepEqual(viaQuery.data.map((p) => p.id), [browserMade.body.id, serverMade.id]);
  assert.deepEqual([viaCustomer.data.length, viaCustomer.has_more, viaCustomer.url], [1, true, `/v1/customers/${customer.id}/payment_methods`]);
  assert.equal((await stripe.customers.retrievePaymentMethod(customer.id, serverMade.id)).id, serverMade.id);
  await stripe.paymentMethods.detach(serverMade.id);
  assert.deepEqual((await stripe.paymentMethods.list({ customer: customer.id })).data.map((p) => p.id), [browserMade.body.id]);
  const attachToGhost = await stripe.paymentMethods.attach('pm_card_visa', { customer: 'cus_ghost' }).catch((e: unknown) => e);
  assert.ok(attachToGhost instanceof Stripe.errors.StripeInvalidRequestError);
  assert.equal(attachToGhost.statusCode, 404);
});

test('payment intents: retrieve with a publishable key shows the subset; expand works; list filters by customer', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const pi = await stripe.paymentIntents.create({ amount: 1234, currency: 'usd', customer: customer.id, metadata: { order: '7' }, description: 'Mug' });
  assert.match(pi.id, /^pi_3[A-Za-z0-9]{23}$/);
  assert.equal(pi.status, 'requires_payment_method');
  const pub = asBrowser('GET', `/v1/payment_intents/${pi.id}`, { client_secret: pi.client_secret });
  assert.equal(pub.status, 200);
  for (const hidden of ['customer', 'metadata', 'transfer_group', 'latest_charge']) assert.equal(hidden in pub.body, false, hidden);
  for (const shown of ['id', 'amount', 'currency', 'status', 'client_secret', 'next_action', 'last_payment_error', 'payment_method']) assert.ok(shown in pub.body, shown);
  const withPm = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa' });
  assert.equal(withPm.status, 'requires_confirmation');
  const expanded = await stripe.paymentIntents.retrieve(withPm.id, { expand: ['payment_method', 'customer'] });
  assert.equal((expanded.payment_method as Stripe.PaymentMethod).object, 'payment_method');
  assert.equal((expanded.customer as Stripe.Customer).id, customer.id);
  await stripe.paymentIntents.create({ amount: 900, currency: 'usd' });
  const mine = await stripe.paymentIntents.list({ customer: customer.id });
  assert.deepEqual(mine.data.map((p) => p.id), [withPm.id, pi.id]);
});

test('setup intents: create, retrieve (sk and pk), update, confirm, cancel, list', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const customer = await stripe.customers.create();
  const si = await stripe.setupIntents.create({ customer: customer.id, usage: 'on_session', metadata: { why: 'later' }, allowed_payment_method_types: ['card'] });
  assert.match(si.id, /^seti_1[A-Za-z0-9]{23}$/);
  assert.match(si.client_secret!, new RegExp(`^${si.id}_secret_[A-Za-z0-9]{24}$`));
  assert.deepEqual([si.status, si.usage], ['requires_payment_method', 'on_session']);
  const pub = asBrowser('GET', `/v1/setup_intents/${si.id}`, { client_secret: si.client_secret });
  assert.equal('customer' in pub.body, false);
  assert.equal(pub.body.usage, 'on_session');
  const updated = await stripe.setupIntents.update(si.id, { payment_method: 'pm_card_visa', description: 'card on file' });
  assert.equal(updated.status, 'requires_confirmation');
  const confirmed = await stripe.setupIntents.confirm(si.id);
  assert.equal(confirmed.status, 'succeeded');
  assert.equal((await stripe.paymentMethods.retrieve(confirmed.payment_method as string)).customer, customer.id);
  const viaBrowser = await stripe.setupIntents.create({ customer: customer.id });
  const browserConfirm = asBrowser('POST', `/v1/setup_intents/${viaBrowser.id}/confirm`, { client_secret: viaBrowser.client_secret, payment_method_data: cardParams('4242424242424242') });
  assert.equal(browserConfirm.body.status, 'succeeded');
  const other = await stripe.setupIntents.create();
  assert.equal((await stripe.setupIntents.cancel(other.id, { cancellation_reason: 'abandoned' })).cancellation_reason, 'abandoned');
  assert.deepEqual((await stripe.setupIntents.list({ customer: customer.id })).data.map((s) => s.id), [viaBrowser.id, si.id]);
  assert.equal((await stripe.customers.listPaymentMethods(customer.id)).data.length, 2);
});

test('checkout sessions: list, expire, expand nested, customer_creation=always', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const s1 = await stripe.checkout.sessions.create({ mode: 'setup', success_url: 'https://shop.test/ok', customer_creation: 'always', customer_email: 'new@example.com' });
  const s2 = await stripe.checkout.sessions.create({ mode: 'setup', success_url: 'https://shop.test/ok' });
  assert.deepEqual((await stripe.checkout.sessions.list()).data.map((s) => s.id), [s2.id, s1.id]);
  const expired = await stripe.checkout.sessions.expire(s2.id);
  assert.equal(expired.status, 'expired');
  const late = asBrowser('POST', `/checkout/${s2.id}/complete`, { card: cardParams('4242424242424242').card });
  assert.equal(late.status, 400);
  const done = asBrowser('POST', `/checkout/${s1.id}/complete`, { card: cardParams('4242424242424242').card });
  assert.equal(done.body.status, 'complete');
  const session = await stripe.checkout.sessions.retrieve(s1.id, { expand: ['setup_intent.payment_method', 'customer'] });
  const customer = session.customer as Stripe.Customer;
  assert.equal(customer.email, 'new@example.com');
  assert.equal(session.customer_details?.email, 'new@example.com');
  const pm = (session.setup_intent as Stripe.SetupIntent).payment_method as Stripe.PaymentMethod;
  assert.deepEqual([pm.object, pm.customer], ['payment_method', customer.id]);
  const twice = asBrowser('POST', `/checkout/${s1.id}/complete`, { card: cardParams('4242424242424242').card });
  assert.equal(twice.status, 400, 'a completed session stays completed');
});

test('ids look like Stripe ids and are unique', async () => {
  const { stripe } = sdkHarness();
  const ids = new Set<string>();
  for (let i = 0; i < 200; i++) ids.add((await stripe.paymentIntents.create({ amount: 100, currency: 'usd' })).id);
  assert.equal(ids.size, 200);
});
