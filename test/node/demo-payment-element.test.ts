// The reference server's routes for <stripe-save-payment> (/payment-element/intent and /confirm) follow the same rules
// as the card tag's: the catalog's price (in euros here), setup_future_usage only for a method that can be saved,
// one order and intent per (session, checkoutId) even for requests that arrive together, another shopper's intent
// answered like a missing one, cross-site posts refused, malformed ids named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call, newShopper, type Jar } from './helpers/demo-http.js';

let demo: RunningDemo;

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0, graceMs: 0 }, rateLimits: { perAddress: 10_000 } });
});
after(async () => {
  await demo.close();
});

const shopper = (): Promise<Jar> => newShopper(demo.url);

describe('POST /payment-element/intent', () => {
  it('creates the intent with automatic payment methods for the catalog price in euros, whatever amount the page names', async () => {
    const jar = await shopper();
    const res = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'tshirt', quantity: 2 }], amount: 1, mode: 'payment', paymentMethodType: 'card', checkoutId: 'pe-price-check-1' }, {}, jar);
    assert.equal(res.status, 200, res.text);
    const intent = await demo.stripe.paymentIntents.retrieve(res.data.intentId);
    assert.equal(intent.amount, 2 * 1999);
    assert.equal(intent.currency, 'eur');
    assert.equal(intent.automatic_payment_methods?.enabled, true);
    assert.deepEqual([...intent.payment_method_types].sort(), ['bancontact', 'card', 'ideal', 'sepa_debit']);
    assert.equal(intent.setup_future_usage, null);
  });

  it('mirrors save as setup_future_usage only for a method type that can be saved', async () => {
    const jar = await shopper();
    const card = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'mug' }], save: true, paymentMethodType: 'card', checkoutId: 'pe-save-card-1' }, {}, jar);
    const ideal = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'mug' }], save: true, paymentMethodType: 'ideal', checkoutId: 'pe-save-ideal-1' }, {}, jar);
    assert.equal((await demo.stripe.paymentIntents.retrieve(card.data.intentId)).setup_future_usage, 'off_session');
    assert.equal((await demo.stripe.paymentIntents.retrieve(ideal.data.intentId)).setup_future_usage, null);
  });

  it('answers requests of one checkout that arrive together with one order and one intent', async () => {
    const jar = await shopper();
    const body = { items: [{ sku: 'stickers' }], checkoutId: 'pe-together-1' };
    const answers = await Promise.all([1, 2, 3].map(() => call(demo.url, 'POST', '/payment-element/intent', body, {}, jar)));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.equal(new Set(answers.map((a) => a.data.intentId)).size, 1);
    assert.equal(new Set(answers.map((a) => a.data.orderId)).size, 1);
  });

  it("answers another shopper's intentId like one that doesn't exist, and refuses a cross-site post", async () => {
    const owner = await shopper();
    const made = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'mug' }] }, {}, owner);
    const stranger = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'mug' }], intentId: made.data.intentId }, {}, await shopper());
    assert.equal(stranger.status, 404);
    assert.equal(stranger.data.error.field, 'intentId');
    assert.ok(!stranger.text.includes('_secret_'), 'no client secret of another shopper');
    const crossSite = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'mug' }] }, { Origin: 'https://evil.example' }, owner);
    assert.equal(crossSite.status, 403);
  });

  it('names the field of a malformed request', async () => {
    const jar = await shopper();
    const type = await call(demo.url, 'POST', '/payment-element/intent', { items: [{ sku: 'mug' }], paymentMethodType: 'Cash!' }, {}, jar);
    assert.equal(type.status, 400);
    assert.equal(type.data.error.field, 'paymentMethodType');
    const token = await call(demo.url, 'POST', '/payment-element/confirm', { items: [{ sku: 'mug' }], confirmationTokenId: 'pm_123' }, {}, jar);
    assert.equal(token.status, 400);
    assert.equal(token.data.error.field, 'confirmationTokenId');
  });
});
