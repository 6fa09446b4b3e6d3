// The state gallery's own routes on the real demo server (embedded emulator, real `stripe` SDK, SQLite): intents
// with no customer and no order, test cards for the "saved cards" tile, and clear errors for bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';

let demo: RunningDemo;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose by design: an assertion failure names the field
type Json = any;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; data: Json }> {
  const res = await fetch(demo.url + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, data: await res.json() };
}

before(async () => {
  demo = await startDemo({ port: 0, dbPath: ':memory:', webhookRetry: { delays: [50, 100] } });
});
after(async () => {
  await demo.close();
});

describe('gallery routes', () => {
  it('pays a PaymentIntent with no customer and no order, even after Stripe says it succeeded', async () => {
    const res = await call('POST', '/gallery/intent', { mode: 'payment', save: true, paymentMethodId: 'pm_card_visa' });
    assert.equal(res.status, 200);
    const intent = await demo.stripe.paymentIntents.retrieve(res.data.intentId);
    assert.equal(intent.customer, null);
    assert.equal(intent.setup_future_usage, null); // `save` is ignored: a tile never saves a card
    assert.equal(intent.metadata.demo, 'gallery');
    const confirmed = await demo.stripe.paymentIntents.confirm(intent.id, { return_url: 'https://shop.test/return' });
    assert.equal(confirmed.status, 'succeeded');
    await demo.emulator!.webhooksIdle();
    assert.deepEqual((await call('GET', '/orders')).data.orders, []);
  });

  it('makes a SetupIntent with no customer in setup mode', async () => {
    const res = await call('POST', '/gallery/intent', { mode: 'setup' });
    assert.equal(res.status, 200);
    assert.match(res.data.clientSecret, /^seti_/);
    assert.equal((await demo.stripe.setupIntents.retrieve(res.data.intentId)).customer, null);
    assert.deepEqual((await call('GET', '/orders')).data.orders, []);
  });

  it('prices a euro PaymentIntent for the Payment Element tiles, offering the account\'s methods (automatic payment methods)', async () => {
    const res = await call('POST', '/gallery/intent', { mode: 'payment', currency: 'eur', paymentMethodType: 'ideal' });
    assert.equal(res.status, 200);
    const intent = await demo.stripe.paymentIntents.retrieve(res.data.intentId);
    assert.equal(intent.currency, 'eur');
    assert.equal(intent.customer, null);
    assert.equal(intent.automatic_payment_methods?.enabled, true);
    assert.ok(intent.payment_method_types.includes('ideal') && intent.payment_method_types.includes('sepa_debit'), intent.payment_method_types.join(', '));
    const currency = await call('POST', '/gallery/intent', { currency: 'gbp' });
    assert.equal(currency.status, 400);
    assert.equal(currency.data.error.field, 'currency');
  });

  it('has a backend that fails on purpose for the "backend error" tile: 503 with a message', async () => {
    const res = await call('POST', '/gallery/broken', { mode: 'payment' });
    assert.equal(res.status, 503);
    assert.equal(res.data.error.code, 'gallery_broken');
    assert.match(res.data.error.message, /intent-url fails/);
  });

  it('lists Stripe test cards, not the merchant customer\'s', async () => {
    const res = await call('GET', '/gallery/saved-cards');
    assert.equal(res.status, 200);
    assert.deepEqual(res.data.cards.map((c: Json) => [c.id, c.brand, c.last4]), [['pm_card_visa', 'visa', '4242'], ['pm_card_mastercard', 'mastercard', '4444']]);
    const merchant = (await call('GET', '/saved-cards')).data.cards.map((c: Json) => c.id);
    assert.ok(merchant.length > 0 && merchant.every((id: string) => !id.startsWith('pm_card_')), merchant.join(', '));
  });

  it('refuses any card but the gallery\'s test cards, naming the field', async () => {
    const merchantCard = (await call('GET', '/saved-cards')).data.cards[0].id;
    const res = await call('POST', '/gallery/intent', { paymentMethodId: merchantCard });
    assert.equal(res.status, 400);
    assert.equal(res.data.error.field, 'paymentMethodId');
    assert.match(res.data.error.message, /paymentMethodId: expected one of the gallery's test cards \(pm_card_\.\.\.\), got "pm_/);
    const mode = await call('POST', '/gallery/intent', { mode: 'subscription' });
    assert.equal(mode.status, 400);
    assert.equal(mode.data.error.field, 'mode');
  });
});
