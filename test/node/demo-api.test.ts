// The reference server's API against the embedded emulator: validation, pricing, webhooks, off-session charges.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signWebhookPayload } from '../../src/testing/server/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call as callAt, customerOf, merchant } from './helpers/demo-http.js';

let demo: RunningDemo;
/** JSON answers, asserted field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose by design: an assertion failure names the field
type Json = any;

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  // The merchant's route: these tests act as the merchant (demo-sessions.test.ts proves a shopper can't).
  callAt(demo.url, method, path, body, path === '/charge-saved-card' ? { ...merchant(demo), ...headers } : headers);

/** Attaches a test card (pm_card_*) to the demo customer, as a saved card. */
async function savedCard(testPm: string): Promise<string> {
  const customer = await customerOf(demo);
  const pm = await demo.stripe.paymentMethods.attach(testPm, { customer });
  return pm.id;
}

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [50, 100] } });
});
after(async () => {
  await demo.close();
});

describe('demo API: input validation', () => {
  it('names the missing items field', async () => {
    const res = await call('POST', '/create-payment-intent', { save: false });
    assert.equal(res.status, 400);
    assert.equal(res.data.error.field, 'items');
    assert.match(res.data.error.message, /items: expected a non-empty array .* got nothing/);
  });
  it('names an unknown sku with the allowed ones', async () => {
    const res = await call('POST', '/create-payment-intent', { items: [{ sku: 'yacht', quantity: 1 }] });
    assert.equal(res.status, 400);
    assert.equal(res.data.error.field, 'items[0].sku');
    assert.match(res.data.error.message, /one of tshirt, mug, stickers, got "yacht"/);
  });
  it('rejects a bad quantity, a non-boolean save and an unknown mode', async () => {
    const qty = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug', quantity: 0 }] });
    assert.equal(qty.data.error.field, 'items[0].quantity');
    const save = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], save: 'yes' });
    assert.equal(save.data.error.field, 'save');
    assert.match(save.data.error.message, /expected true or false, got "yes"/);
    const mode = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], mode: 'subscription' });
    assert.equal(mode.data.error.field, 'mode');
  });
  it('answers invalid JSON, unknown routes and wrong methods with JSON errors', async () => {
    const bad = await call('POST', '/create-payment-intent', '{nope', { 'Content-Type': 'application/json' });
    assert.equal(bad.status, 400);
    assert.equal(bad.data.error.code, 'invalid_json');
    const missing = await call('POST', '/nope', {});
    assert.equal(missing.status, 404);
    const method = await call('GET', '/create-payment-intent');
    assert.equal(method.status, 405);
    assert.match(method.data.error.message, /expected POST/);
  });
  it('refuses a card that is not the customer\'s', async () => {
    const stranger = await demo.stripe.customers.create({ name: 'Someone else' });
    const theirs = await demo.stripe.paymentMethods.attach('pm_card_visa', { customer: stranger.id });
    const res = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }], paymentMethodId: theirs.id });
    assert.equal(res.status, 404);
    assert.equal(res.data.error.field, 'paymentMethodId');
    const del = await call('DELETE', `/saved-cards/${theirs.id}`);
    assert.equal(del.status, 404);
    const charge = await call('POST', '/charge-saved-card', { plan: 'monthly', paymentMethodId: theirs.id });
    assert.equal(charge.status, 404);
  });
  it('validates off-session charge amounts and plans', async () => {
    const plan = await call('POST', '/charge-saved-card', { plan: 'weekly', paymentMethodId: 'pm_x' });
    assert.equal(plan.data.error.field, 'plan');
    // The amount is the server's (the plan's price): a request naming one is refused, whatever it is.
    const amount = await call('POST', '/charge-saved-card', { amount: 10, plan: 'monthly', paymentMethodId: 'pm_x' });
    assert.equal(amount.status, 400);
    assert.equal(amount.data.error.field, 'amount');
    assert.match(amount.data.error.message, /amount: expected nothing \(the amount comes from the plan's price on the server\), got number 10/);
  });
});

describe('demo API: pricing and orders', () => {
  it('prices the order from the catalog and ignores an amount from the browser', async () => {
    const res = await call('POST', '/create-payment-intent', { items: [{ sku: 'tshirt', quantity: 2 }, { sku: 'stickers', quantity: 1 }], amount: 1, save: true });
    assert.equal(res.status, 200);
    assert.match(res.data.clientSecret, /^pi_.+_secret_/);
    const intent = await demo.stripe.paymentIntents.retrieve(res.data.intentId);
    assert.equal(intent.amount, 2 * 1999 + 500);
    assert.equal(intent.setup_future_usage, 'off_session');
    assert.equal(intent.metadata.order_id, res.data.orderId);
    const order = await call('GET', `/orders/${res.data.intentId}`);
    assert.equal(order.data.order.status, 'pending');
    assert.equal(order.data.order.amount, 4498);
  });
  it('creates a SetupIntent for mode=setup', async () => {
    const res = await call('POST', '/create-setup-intent', {});
    assert.equal(res.status, 200);
    assert.match(res.data.clientSecret, /^seti_.+_secret_/);
    const viaPaymentUrl = await call('POST', '/create-payment-intent', { mode: 'setup' });
    assert.match(viaPaymentUrl.data.clientSecret, /^seti_/);
  });
  it('lists saved cards in the element\'s shape and detaches one', async () => {
    const id = await savedCard('pm_card_mastercard');
    const list = await call('GET', '/saved-cards');
    const card = list.data.cards.find((c: Json) => c.id === id);
    assert.deepEqual(Object.keys(card).sort(), ['brand', 'created', 'expMonth', 'expYear', 'id', 'last4']);
    // The PaymentMethod's own `created` (unix seconds), just now.
    assert.ok(Math.abs(card.created - Date.now() / 1000) < 600, `created ${card.created} is not about now`);
    assert.equal(card.brand, 'mastercard');
    const del = await call('DELETE', `/saved-cards/${id}`);
    assert.equal(del.status, 200);
    const again = await call('GET', '/saved-cards');
    assert.equal(again.data.cards.some((c: Json) => c.id === id), false);
  });
  it('serves the page config for the emulator mode', async () => {
    const res = await call('GET', '/config');
    assert.equal(res.data.mode, 'emulator');
    assert.equal(res.data.publishableKey, demo.emulator!.publishableKey);
    assert.equal(res.data.stripeJsUrl, '/v3/');
  });
  it('serves the emulator through its own origin: /v3/ Stripe.js, the API it calls, and 404s of its own', async () => {
    const script = await call('GET', '/v3/');
    assert.equal(script.status, 200);
    assert.match(String(script.headers.get('content-type')), /javascript/);
    assert.match(String(script.data), /Stripe/);
    // What the page's Stripe.js sends: a PaymentMethod from card data with the publishable key, answered by the emulator.
    const pm = await call('POST', '/v1/payment_methods', 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123&key=pk_test_emulator', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(pm.status, 200, JSON.stringify(pm.data));
    assert.match(pm.data.id, /^pm_/);
    assert.equal(pm.data.card.last4, '4242');
    const missing = await call('GET', '/v1/payment_intents/pi_nope?key=pk_test_emulator&client_secret=pi_nope_secret_x');
    assert.equal(missing.data.error.type, 'invalid_request_error');
  });
});

describe('demo API: server confirm (/pay)', () => {
  it('marks the order paid from its own confirm answer', async () => {
    const res = await call('POST', '/pay', { paymentMethodId: 'pm_card_visa', items: [{ sku: 'mug' }] });
    assert.equal(res.status, 200);
    assert.equal(res.data.status, 'succeeded');
    const order = await call('GET', `/orders/${res.data.orderId}`);
    assert.equal(order.data.order.status, 'paid');
    assert.equal(order.data.order.history.at(-1).source, 'server');
  });
  it('answers requires_action for 3D Secure, and a decline as 402 with its code', async () => {
    const action = await call('POST', '/pay', { paymentMethodId: 'pm_card_authenticationRequired', items: [{ sku: 'mug' }] });
    assert.equal(action.data.status, 'requires_action');
    assert.match(action.data.clientSecret, /^pi_/);
    const declined = await call('POST', '/pay', { paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds', items: [{ sku: 'mug' }] });
    assert.equal(declined.status, 402);
    assert.equal(declined.data.error.declineCode, 'insufficient_funds');
    assert.equal(declined.data.error.message, 'Your card has insufficient funds.', 'Stripe\'s words for the shopper, without the SDK\'s [req_...] prefix');
    const unknown = await call('POST', '/pay', { paymentIntentId: 'pi_notours' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.data.error.field, 'paymentIntentId');
  });
});

describe('demo API: webhooks', () => {
  const secret = () => demo.handler.context.webhookSecret!;

  it('rejects a bad signature with 400 and processes nothing', async () => {
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_x' } } });
    const wrong = await call('POST', '/webhook', payload, { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, 'whsec_wrong') });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.data.error.code, 'bad_signature');
    const none = await call('POST', '/webhook', payload, { 'Content-Type': 'application/json' });
    assert.equal(none.status, 400);
    // A valid signature over a different body fails too: the check is over the raw bytes.
    const tampered = await call('POST', '/webhook', payload.replace('pi_x', 'pi_y'), { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, secret()) });
    assert.equal(tampered.status, 400);
    assert.equal(demo.db.processedEvents().some((e) => e.id === 'evt_forged'), false);
  });

  it('processes an event id once: a replay changes nothing', async () => {
    const created = await call('POST', '/create-payment-intent', { items: [{ sku: 'stickers' }] });
    const event = {
      id: 'evt_demo_replay_1', object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), livemode: false,
      pending_webhooks: 1, request: { id: null, idempotency_key: null }, type: 'payment_intent.succeeded',
      data: { object: { id: created.data.intentId, object: 'payment_intent', status: 'succeeded', amount: 500, currency: 'usd', metadata: { order_id: created.data.orderId }, payment_method: 'pm_1' } },
    };
    const payload = JSON.stringify(event);
    const first = await call('POST', '/webhook', payload, { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, secret()) });
    assert.equal(first.status, 200);
    assert.equal(first.data.duplicate, false);
    const second = await call('POST', '/webhook', payload, { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(payload, secret()) });
    assert.equal(second.status, 200);
    assert.equal(second.data.duplicate, true);
    assert.equal(demo.db.processedEvents().filter((e) => e.id === event.id).length, 1);
    const order = await call('GET', `/orders/${created.data.orderId}`);
    assert.equal(order.data.order.status, 'paid');
    assert.equal(order.data.order.history.filter((h: Json) => h.status === 'paid').length, 1);
  });
});

describe('demo API: charging a saved card off-session', () => {
  it('charges a working card and marks the order paid once, webhook included', async () => {
    const pm = await savedCard('pm_card_visa');
    const res = await call('POST', '/charge-saved-card', { plan: 'monthly', paymentMethodId: pm });
    assert.equal(res.status, 200);
    assert.equal(res.data.status, 'succeeded');
    await demo.emulator!.webhooksIdle();
    const order = await call('GET', `/orders/${res.data.orderId}`);
    assert.equal(order.data.order.status, 'paid');
    assert.equal(order.data.order.history.filter((h: Json) => h.status === 'paid').length, 1);
  });
  it('turns authentication_required into a recovery link for the same PaymentIntent', async () => {
    const pm = await savedCard('pm_card_authenticationRequired');
    const res = await call('POST', '/charge-saved-card', { plan: 'deposit', paymentMethodId: pm });
    assert.equal(res.status, 402);
    assert.equal(res.data.status, 'requires_customer_action');
    assert.equal(res.data.error.code, 'authentication_required');
    assert.equal(res.data.recoveryUrl, `/pay/recover?order=${res.data.orderId}`);
    const page = await call('GET', res.data.recoveryUrl);
    assert.equal(page.status, 200);
    const intent = await demo.stripe.paymentIntents.retrieve(res.data.intentId);
    assert.ok(String(page.data).includes(`client-secret="${intent.client_secret}"`));
    assert.ok(String(page.data).includes(`payment-method="${pm}"`));
  });
  it('records other declines with their code and offers a new card', async () => {
    const pm = await savedCard('pm_card_chargeCustomerFail');
    const res = await call('POST', '/charge-saved-card', { plan: 'monthly', paymentMethodId: pm });
    assert.equal(res.status, 402);
    assert.equal(res.data.status, 'failed');
    assert.equal(res.data.error.code, 'card_declined');
    assert.equal(res.data.addCard.checkout, '/checkout/setup-session');
    const order = await call('GET', `/orders/${res.data.orderId}`);
    assert.equal(order.data.order.status, 'failed');
    assert.equal(order.data.order.failure.code, 'card_declined');
  });
  it('redirects to a Checkout Session in setup mode', async () => {
    // A form post from the demo page: browsers send the page's Origin with it.
    const res = await call('POST', '/checkout/setup-session', '', { 'Content-Type': 'application/x-www-form-urlencoded', Origin: demo.url });
    assert.equal(res.status, 303, JSON.stringify(res.data));
    const location = res.headers.get('location')!;
    // The hosted page is the emulator's, reached through this server's origin (one port for the whole demo).
    assert.ok(location.startsWith(`${demo.url}/checkout/cs_`), location);
    const page = await fetch(location, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /name="cardnumber"/);
    const id = /cs_[A-Za-z0-9_]+/.exec(location)?.[0];
    assert.ok(id, location);
    const session = await demo.stripe.checkout.sessions.retrieve(id!);
    assert.equal(session.mode, 'setup');
    assert.equal(session.customer, await customerOf(demo));
  });
});

describe('demo API: the page and its files', () => {
  it('serves the page with Stripe.js (the emulator\'s fake) before the element build', async () => {
    const res = await call('GET', '/');
    assert.equal(res.status, 200);
    const html = String(res.data);
    const stripeJs = html.indexOf('<script src="/v3/"></script>');
    const element = html.indexOf('<script src="/stripe-save-card.min.js"></script>');
    assert.ok(stripeJs > 0 && element > stripeJs, 'Stripe.js must load before the element');
    assert.match(html, /<script type="application\/json" id="demo-config">\{"publishableKey":"pk_test_emulator"/);
  });
  it('serves assets and nothing outside demo/public', async () => {
    assert.equal((await call('GET', '/app.js')).headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await call('GET', '/..%2Fserver%2Fdb.ts')).status, 404);
    assert.equal((await call('GET', '/%2e%2e/%2e%2e/package.json')).status, 404);
  });
});
