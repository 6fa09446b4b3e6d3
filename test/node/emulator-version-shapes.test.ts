// What older API versions see: a PaymentIntent's `charges` list before 2022-11-15 (no `latest_charge`), a Charge's
// `refunds`; the account's version (requests without Stripe-Version), and webhook events at each endpoint's version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { createEmulator } from '../../src/testing/emulator/index.js';
import { startEmulator } from '../../src/testing/server/index.js';
import { httpHarness, stripeFailure } from './helpers/emulator-http.js';
import { startReceiver, stripeFor } from './server-helpers.js';

const h = httpHarness();
const stripeAt = (version: string) => new Stripe(h.server.secretKey, { ...h.server.stripeConfig, apiVersion: version as Stripe.LatestApiVersion, maxNetworkRetries: 0, telemetry: false });
type OldList<T> = Stripe.ApiList<T> & { total_count: number };
type Legacy = Stripe.PaymentIntent & { charges: OldList<Stripe.Charge & { refunds: OldList<Stripe.Refund> }> };

test('before 2022-11-15 a PaymentIntent lists its charges (newest first) and has no latest_charge; a Charge lists its refunds', async () => {
  const old = stripeAt('2020-08-27');
  const created = (await old.paymentIntents.create({ amount: 1500, currency: 'usd' })) as unknown as Legacy;
  assert.equal('latest_charge' in created, false);
  assert.deepEqual(created.charges, { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges?payment_intent=${created.id}` });
  assert.deepEqual(created.payment_method_types, ['card'], 'cards only by default, before 2023-08-16');

  const declined = await stripeFailure(old.paymentIntents.confirm(created.id, { payment_method: 'pm_card_chargeDeclined' }));
  const failedIntent = declined.payment_intent as unknown as Legacy;
  assert.equal(failedIntent.charges.data.length, 1, 'the error\'s intent is in the old shape too');
  assert.equal(failedIntent.charges.data[0]!.status, 'failed');

  const paid = (await old.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' })) as unknown as Legacy;
  assert.equal(paid.status, 'succeeded');
  assert.deepEqual(paid.charges.data.map((c) => c.status), ['succeeded', 'failed'], 'every attempt, newest first');
  assert.equal(paid.charges.total_count, 2);
  const [charge] = paid.charges.data;
  await h.stripe.refunds.create({ charge: charge!.id, amount: 500 });
  const refunded = (await old.paymentIntents.retrieve(created.id)) as unknown as Legacy;
  assert.deepEqual(refunded.charges.data[0]!.refunds.data.map((r) => r.amount), [500]);
  assert.equal(refunded.charges.data[0]!.refunds.url, `/v1/charges/${charge!.id}/refunds`);
  const oldCharge = (await old.charges.retrieve(charge!.id)) as unknown as Stripe.Charge & { refunds: OldList<Stripe.Refund> };
  assert.equal(oldCharge.refunds.total_count, 1);

  // 2022-11-15 and later: latest_charge, no lists, as before.
  const current = await stripeAt('2022-11-15').paymentIntents.retrieve(created.id);
  assert.equal(current.latest_charge, charge!.id);
  assert.equal('charges' in current, false);
  assert.equal('refunds' in (await h.stripe.charges.retrieve(charge!.id)), false);
  // What Stripe.js reads with the publishable key never carried either.
  const browser = await h.asBrowser('GET', `/v1/payment_intents/${created.id}?client_secret=${created.client_secret}`);
  assert.equal('charges' in browser.body || 'latest_charge' in browser.body, false);
});

test('/v1/events shows each event in the shape of the version it was created at', async () => {
  const old = stripeAt('2020-08-27');
  const intent = await old.paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  await h.stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, return_url: 'https://shop.test/back' });
  const list = await h.stripe.events.list({ type: 'payment_intent.succeeded' });
  const [newest, oldest] = list.data;
  assert.equal(newest!.api_version, '2026-11-18.endive');
  assert.equal('charges' in (newest!.data.object as object), false);
  assert.equal(oldest!.api_version, '2020-08-27');
  const legacy = oldest!.data.object as unknown as Legacy;
  assert.equal(legacy.id, intent.id);
  assert.deepEqual(legacy.charges.data.map((c) => c.status), ['succeeded']);
  assert.equal('latest_charge' in legacy, false);
  const one = await h.stripe.events.retrieve(oldest!.id);
  assert.deepEqual(one.data.object, oldest!.data.object);
});

test('the account\'s version answers requests without Stripe-Version; a malformed one is refused when the emulator is made', () => {
  const emulator = createEmulator({ apiVersion: '2020-08-27' });
  assert.equal(emulator.apiVersion, '2020-08-27');
  const bare = emulator.handle({ method: 'POST', path: '/v1/payment_intents', headers: { authorization: `Bearer ${emulator.secretKey}` }, body: 'amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true' });
  assert.equal(bare.headers['stripe-version'], '2020-08-27');
  const intent = JSON.parse(bare.body) as Legacy;
  assert.deepEqual([intent.status, intent.charges.data.length, intent.automatic_payment_methods, intent.capture_method], ['succeeded', 1, null, 'automatic']);
  assert.equal(createEmulator().apiVersion, '2026-11-18.endive', 'default: the newest known');
  assert.equal(createEmulator({ apiVersion: '2024-09-30' }).apiVersion, '2024-09-30.acacia');
  assert.throws(() => createEmulator({ apiVersion: 'banana' }), { name: 'TypeError', message: /^createEmulator: apiVersion: Invalid Stripe API version: banana\./ });
  assert.throws(() => createEmulator({ apiVersion: '2021-01-01' }), /Stripe released no version on 2021-01-01/);
});

test('webhook events are rendered at the endpoint\'s version, by default the account\'s, and the SDK verifies each', async () => {
  const secret = 'whsec_versions';
  const [accountDefault, pinnedOld, pinnedNew] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
  const server = await startEmulator({
    port: 0, quiet: true, apiVersion: '2022-08-01',
    webhooks: [{ url: accountDefault.url, secret }, { url: pinnedOld.url, secret, apiVersion: '2019-12-03' }, { url: pinnedNew.url, secret, apiVersion: '2026-11-18.endive' }],
  });
  try {
    assert.equal(server.apiVersion, '2022-08-01');
    await assert.rejects(async () => server.addWebhook({ url: accountDefault.url, secret, apiVersion: 'banana' }), { name: 'TypeError', message: /^webhook: apiVersion: Invalid Stripe API version: banana\./ });
    // The SDK sends its own pinned version; the events still go out at each endpoint's.
    const intent = await stripeFor(server).paymentIntents.create({ amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, return_url: 'https://shop.test/back' });
    await server.webhooksIdle();
    const verifier = new Stripe('sk_test_unused', { telemetry: false });
    const succeeded = (receiver: { received: Array<{ rawBody: string; headers: Record<string, unknown> }> }) => receiver.received
      .map((hit) => verifier.webhooks.constructEvent(hit.rawBody, String(hit.headers['stripe-signature']), secret))
      .find((event) => event.type === 'payment_intent.succeeded')!;
    const [atAccount, atOld, atNew] = [succeeded(accountDefault), succeeded(pinnedOld), succeeded(pinnedNew)];
    assert.deepEqual([atAccount.api_version, atOld.api_version, atNew.api_version], ['2022-08-01', '2019-12-03', '2026-11-18.endive']);
    assert.equal(atAccount.id, atNew.id, 'one event, three renderings');
    for (const legacy of [atAccount, atOld]) {
      const object = legacy.data.object as unknown as Legacy;
      assert.deepEqual([object.id, object.charges.data.length, 'latest_charge' in object], [intent.id, 1, false]);
    }
    assert.equal((atNew.data.object as Stripe.PaymentIntent).latest_charge, intent.latest_charge);
    assert.equal('charges' in (atNew.data.object as object), false);
  } finally {
    await server.close();
    await Promise.all([accountDefault.close(), pinnedOld.close(), pinnedNew.close()]);
  }
});
