// The payment journeys a merchant backend runs (create, confirm, 3D Secure, decline, save, off-session), through the
// real stripe SDK at the API versions integrations are pinned to: the newest published stripe 23.x with its own
// pinned version (installed now, so a release made after ours is tried too), and pinned to 2020-08-27, 2022-08-01,
// 2023-10-16 and the newest endive; the same with the SDK package.json pins.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../../src/testing/server/index.js';
import { NEWEST_API_VERSION } from '../../src/testing/emulator/api-versions.js';
import { newestStripeSdk, type NewestSdk, type StripeConstructor } from './helpers/newest-stripe-sdk.js';

const PINNED = ['2020-08-27', '2022-08-01', '2023-10-16', NEWEST_API_VERSION];

let server: RunningEmulator;
let newest: NewestSdk;
before(async () => {
  server = await startEmulator({ port: 0, quiet: true });
  newest = await newestStripeSdk(23);
});
after(() => server.close());

type Legacy = Stripe.PaymentIntent & { charges?: { data: Stripe.Charge[] } };

/** The intent's newest charge, read the way its version offers it: `charges` before 2022-11-15, `latest_charge` after. */
async function newestCharge(stripe: Stripe, version: string, intent: Legacy): Promise<Stripe.Charge> {
  if (version < '2022-11-15') {
    assert.equal('latest_charge' in intent, false, `${version}: no latest_charge yet`);
    return intent.charges!.data[0]!;
  }
  assert.equal('charges' in intent, false, `${version}: charges was removed in 2022-11-15`);
  return stripe.charges.retrieve(intent.latest_charge as string);
}

async function cardError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError & { raw: { payment_intent?: Legacy } }> {
  const error = await promise.then(() => undefined, (e: unknown) => e) as Stripe.errors.StripeError | undefined;
  assert.ok(error && error.type === 'StripeCardError', `expected a card error, got ${String(error)}`);
  return error as Stripe.errors.StripeError & { raw: { payment_intent?: Legacy } };
}

const browserCall = async (path: string) => {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.publishableKey}` } });
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
};

/** Every journey, asserting what a merchant at `version` reads. */
async function journeys(stripe: Stripe, version: string): Promise<void> {
  const automatic = version >= '2023-08-16';
  // Create and confirm on the server. Before automatic payment methods no return_url is needed; from then on it is.
  const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa' });
  assert.deepEqual(intent.payment_method_types, ['card']);
  assert.deepEqual(intent.automatic_payment_methods, automatic ? { enabled: true } : null, version);
  if (automatic) {
    const refused = await stripe.paymentIntents.confirm(intent.id).then(() => undefined, (e: Stripe.errors.StripeError) => e);
    assert.match(String(refused?.message), /you must provide a `return_url`/, version);
  }
  const paid = await stripe.paymentIntents.confirm(intent.id, automatic ? { return_url: 'https://shop.test/back' } : {}) as Legacy;
  assert.equal(paid.status, 'succeeded', version);
  const charge = await newestCharge(stripe, version, paid);
  assert.deepEqual([charge.status, charge.amount, charge.paid], ['succeeded', 2000, true]);

  // 3D Secure: the intent waits for the challenge, the cardholder passes it, the payment goes through.
  const challenged = await stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: 'https://shop.test/back' });
  assert.equal(challenged.status, 'requires_action', version);
  const nextAction = challenged.next_action as { redirect_to_url?: { url: string } };
  const source = /\/3ds\/(src_[A-Za-z0-9]+)/.exec(nextAction.redirect_to_url?.url ?? '')?.[1];
  assert.ok(source, `${version}: a 3DS page to send the cardholder to, got ${JSON.stringify(challenged.next_action)}`);
  await browserCall(`/3ds/${source}/complete`);
  assert.equal((await stripe.paymentIntents.retrieve(challenged.id)).status, 'succeeded', `${version}: paid after the challenge`);

  // Decline: a card error naming the decline, and the intent back to requires_payment_method with the failed charge.
  const declined = await cardError(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true, return_url: 'https://shop.test/back' }));
  assert.deepEqual([declined.code, declined.decline_code], ['card_declined', 'generic_decline'], version);
  const failedIntent = declined.raw.payment_intent!;
  assert.equal(failedIntent.status, 'requires_payment_method');
  assert.equal((await newestCharge(stripe, version, failedIntent)).status, 'failed');

  // Save: pay once with setup_future_usage, the card ends up on the customer.
  const customer = await stripe.customers.create({ email: 'saver@example.com' });
  const saving = await stripe.paymentIntents.create({
    amount: 1500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', setup_future_usage: 'off_session', confirm: true, return_url: 'https://shop.test/back',
  });
  assert.equal(saving.status, 'succeeded', version);
  const saved = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  assert.deepEqual(saved.data.map((pm) => pm.id), [saving.payment_method], `${version}: the card is saved`);

  // Off-session: the saved card is charged without the customer; a card that wants authentication is refused.
  const later = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', customer: customer.id, payment_method: saving.payment_method as string, off_session: true, confirm: true });
  assert.equal(later.status, 'succeeded', version);
  const picky = await stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customer.id });
  const refused = await cardError(stripe.paymentIntents.create({ amount: 900, currency: 'usd', customer: customer.id, payment_method: picky.id, off_session: true, confirm: true }));
  assert.equal(refused.code, 'authentication_required', version);
  assert.equal(refused.raw.payment_intent?.status, 'requires_payment_method');
}

const make = (Sdk: StripeConstructor, apiVersion?: string) =>
  new Sdk(server.secretKey, { ...server.stripeConfig, maxNetworkRetries: 0, telemetry: false, ...(apiVersion ? { apiVersion } : {}) });

test('the newest published stripe 23.x, with no apiVersion option (its own pinned version), runs every journey', async (t) => {
  if (!newest.ok) {
    t.skip(newest.reason);
    return;
  }
  assert.ok(newest.pinnedApiVersion, `stripe@${newest.version} names the version it pins (Stripe.API_VERSION)`);
  t.diagnostic(`stripe@${newest.version}, pinned to ${newest.pinnedApiVersion}`);
  const stripe = make(newest.Stripe);
  const probe = await stripe.customers.create();
  const served = (probe as unknown as { lastResponse: { headers: Record<string, string> } }).lastResponse.headers['stripe-emulator-version-served'];
  // A release pinned to a version newer than the emulator knows is answered as the newest known, and says so.
  assert.equal(served, newest.pinnedApiVersion.slice(0, 10) > NEWEST_API_VERSION.slice(0, 10) ? NEWEST_API_VERSION : undefined);
  await journeys(stripe, newest.pinnedApiVersion);
});

for (const version of PINNED) {
  test(`the newest published stripe 23.x pinned to ${version} runs every journey`, async (t) => {
    if (!newest.ok) {
      t.skip(newest.reason);
      return;
    }
    await journeys(make(newest.Stripe, version), version);
  });
  test(`the stripe package.json pins (${Stripe.API_VERSION}), pinned to ${version}, runs every journey`, async () => {
    await journeys(make(Stripe as unknown as StripeConstructor, version), version);
  });
}
