// POST /payment-element/customer-session (save-ui="stripe") against the real reference server and its embedded
// emulator: the session is for the signed-in shopper's own customer with save, redisplay and remove on; what the
// Payment Element then shows (read the way Stripe.js reads it, through the demo origin with the publishable key) is
// that shopper's methods only; a body naming another shopper's customer is refused; a remove through one shopper's
// session can't detach another shopper's method; cross-site posts are refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call, customerOf, newShopper, type Jar, type Json } from './helpers/demo-http.js';

let demo: RunningDemo;
let publishableKey: string;

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0, graceMs: 0 }, rateLimits: { perAddress: 10_000 } });
  publishableKey = (await call(demo.url, 'GET', '/config', undefined, {}, null)).data.publishableKey;
});
after(async () => {
  await demo.close();
});

const shopper = (): Promise<Jar> => newShopper(demo.url);

async function sessionOf(jar: Jar): Promise<string> {
  const res = await call(demo.url, 'POST', '/payment-element/customer-session', { mode: 'payment', checkoutId: 'cs-check-1' }, {}, jar);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.data), ['customerSessionClientSecret']);
  assert.match(res.data.customerSessionClientSecret, /^cuss_secret_/);
  return res.data.customerSessionClientSecret;
}

/** What the Payment Element is told about the session's customer, asked as Stripe.js asks (publishable key, demo origin). */
async function elementsSession(secret: string): Promise<Json> {
  const query = new URLSearchParams({
    key: publishableKey, type: 'deferred_intent', 'deferred_intent[mode]': 'payment', 'deferred_intent[amount]': '1999',
    'deferred_intent[currency]': 'eur', customer_session_client_secret: secret,
  });
  const res = await call(demo.url, 'GET', `/v1/elements/sessions?${query}`, undefined, {}, null);
  assert.equal(res.status, 200, res.text);
  return res.data.customer;
}

/** A card saved the way Stripe's checkbox saves it: attached, allow_redisplay=always. */
async function savedCard(customer: string, token = 'tok_mastercard'): Promise<Stripe.PaymentMethod> {
  const pm = await demo.stripe.paymentMethods.create({ type: 'card', card: { token }, allow_redisplay: 'always' } as Stripe.PaymentMethodCreateParams);
  return demo.stripe.paymentMethods.attach(pm.id, { customer });
}

describe('POST /payment-element/customer-session', () => {
  it("creates a CustomerSession for the shopper's own customer with save, redisplay and remove enabled", async () => {
    const jar = await shopper();
    const customer = await customerOf(demo, jar);
    const seen = await elementsSession(await sessionOf(jar));
    assert.equal(seen.customer, customer);
    assert.deepEqual(seen.features, {
      payment_method_allow_redisplay_filters: ['always'], payment_method_redisplay: 'enabled', payment_method_redisplay_limit: 3,
      payment_method_remove: 'enabled', payment_method_save: 'enabled', payment_method_save_usage: 'off_session',
    });
  });

  it("shows a shopper's methods saved for redisplay to that shopper only", async () => {
    const owner = await shopper();
    const saved = await savedCard(await customerOf(demo, owner));
    const mine = await elementsSession(await sessionOf(owner));
    assert.deepEqual(mine.payment_methods.map((pm: Json) => pm.id), [saved.id]);
    const stranger = await elementsSession(await sessionOf(await shopper()));
    assert.deepEqual(stranger.payment_methods, []);
  });

  it("refuses a body that names a customer, even the shopper's own: no session for someone else's customer", async () => {
    const owner = await shopper();
    const victim = await customerOf(demo, owner);
    const attacker = await shopper();
    const res = await call(demo.url, 'POST', '/payment-element/customer-session', { customer: victim }, {}, attacker);
    assert.equal(res.status, 400);
    assert.equal(res.data.error.field, 'customer');
    assert.ok(!res.text.includes('cuss_secret_'), 'no session secret');
    const own = await call(demo.url, 'POST', '/payment-element/customer-session', { customer: victim }, {}, owner);
    assert.equal(own.status, 400);
  });

  it("removes through the session only the session customer's own methods", async () => {
    const owner = await shopper();
    const saved = await savedCard(await customerOf(demo, owner), 'tok_visa');
    const strangerSecret = await sessionOf(await shopper());
    const detach = (secret: string) => call(demo.url, 'POST', `/customer_sessions/payment_methods/${saved.id}/detach`,
      new URLSearchParams({ key: publishableKey, customer_session_client_secret: secret }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' }, null);
    const refused = await detach(strangerSecret);
    assert.equal(refused.status, 404, refused.text);
    assert.equal((await demo.stripe.paymentMethods.retrieve(saved.id)).customer, await customerOf(demo, owner));
    const removed = await detach(await sessionOf(owner));
    assert.equal(removed.status, 200, removed.text);
    assert.equal((await demo.stripe.paymentMethods.retrieve(saved.id)).customer, null);
  });

  it('names a malformed field and refuses cross-site and non-JSON posts', async () => {
    const jar = await shopper();
    const usage = await call(demo.url, 'POST', '/payment-element/customer-session', { usage: 'forever' }, {}, jar);
    assert.equal(usage.status, 400);
    assert.equal(usage.data.error.field, 'usage');
    const crossSite = await call(demo.url, 'POST', '/payment-element/customer-session', {}, { Origin: 'https://evil.example' }, jar);
    assert.equal(crossSite.status, 403);
    const form = await call(demo.url, 'POST', '/payment-element/customer-session', 'mode=payment', { 'Content-Type': 'application/x-www-form-urlencoded' }, jar);
    assert.equal(form.status, 415);
  });
});
