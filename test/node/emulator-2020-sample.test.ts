// Stripe's 2020 sample "saving card after payment" runs unmodified against the emulator when the emulated account
// has the version accounts had then: its server (the same calls with the same params, see
// helpers/saving-card-sample.ts) on the stripe-node its package.json asks for (^7.1.0, installed now), which sends
// no Stripe-Version. Its server-side confirm needs no return_url there; at today's version it would.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/testing/server/index.js';
import { stripeSdk, type NewestSdk } from './helpers/newest-stripe-sdk.js';
import { startSampleServer, type SampleServer } from './helpers/saving-card-sample.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- stripe-node 7 ships no types */
const WEBHOOK_SECRET = 'whsec_sample_2020';
let sdk: NewestSdk;
before(async () => {
  sdk = await stripeSdk('^7.1.0');
});

interface Running {
  emulator: RunningEmulator;
  sample: SampleServer;
  /** The sample's client: POSTs JSON to its server. */
  post(path: string, body: unknown): Promise<any>;
  /** Stripe.js on the sample's page: a publishable-key call to the emulator. */
  browser(method: string, path: string, params?: Record<string, string>): Promise<any>;
  close(): Promise<void>;
}

async function run(apiVersion: string | undefined): Promise<Running> {
  assert.ok(sdk.ok);
  const emulator = await startEmulator({ port: 0, quiet: true, ...(apiVersion ? { apiVersion } : {}) });
  // The 2020 SDK: `require('stripe')(key)`, pointed at the emulator with its own setHost.
  const stripe = (sdk.Stripe as unknown as (key: string) => any)(emulator.secretKey);
  stripe.setHost(emulator.stripeConfig.host, emulator.stripeConfig.port, 'http');
  const versions: Array<string | null> = [];
  stripe.on('request', (request: { api_version?: string }) => versions.push(request.api_version ?? null));
  const sample = await startSampleServer(stripe, WEBHOOK_SECRET);
  emulator.addWebhook({ url: `${sample.url}/webhook`, secret: WEBHOOK_SECRET });
  return {
    emulator,
    sample,
    post: async (path, body) => {
      const answer = await (await fetch(`${sample.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
      assert.ok(versions.every((v) => v === null), 'the 2020 SDK sends no Stripe-Version: the account\'s applies');
      return answer;
    },
    browser: async (method, path, params = {}) => {
      const response = await fetch(`${emulator.url}${path}${method === 'GET' ? `?${new URLSearchParams(params)}` : ''}`, {
        method,
        headers: { authorization: `Bearer ${emulator.publishableKey}`, 'content-type': 'application/x-www-form-urlencoded' },
        ...(method === 'GET' ? {} : { body: new URLSearchParams(params).toString() }),
      });
      return response.json();
    },
    close: async () => {
      await emulator.close();
      await sample.close();
    },
  };
}

for (const accountVersion of ['2019-12-03', '2020-08-27']) {
  test(`without webhooks, account at ${accountVersion}: pay, save with 3D Secure (handleCardAction, then the server confirms), decline`, async (t) => {
    if (!sdk.ok) return t.skip(sdk.reason);
    const { post, browser, emulator, close } = await run(accountVersion);
    try {
      const plain = await post('/pay', { paymentMethodId: 'pm_card_visa', items: [{ id: 'photo' }], currency: 'usd', isSavingCard: false });
      assert.match(plain.clientSecret, /^pi_.*_secret_/, JSON.stringify(plain));

      // 4000 0000 0000 3220, the card the sample's README names for 3D Secure, with "save my card" ticked.
      const started = await post('/pay', { paymentMethodId: 'pm_card_threeDSecure2Required', items: [], currency: 'usd', isSavingCard: true });
      assert.equal(started.requiresAction, true, JSON.stringify(started));
      // stripe.handleCardAction(clientSecret): Stripe.js reads the intent and runs the challenge the cardholder passes.
      const waiting = await browser('GET', `/v1/payment_intents/${started.paymentIntentId}`, { client_secret: started.clientSecret });
      assert.equal(waiting.status, 'requires_action');
      const passed = await browser('POST', `/3ds/${waiting.next_action.use_stripe_sdk.source}/complete`);
      assert.equal(passed.intent.status, 'requires_confirmation', 'manual confirmation: the server confirms next');
      const done = await post('/pay', { paymentIntentId: started.paymentIntentId });
      assert.deepEqual(done, { clientSecret: started.clientSecret });
      const intent = emulator.emulator.request('GET', `/v1/payment_intents/${started.paymentIntentId}`).body;
      assert.deepEqual([intent.status, intent.setup_future_usage, intent.charges.data.length, 'latest_charge' in intent], ['succeeded', 'off_session', 1, false]);
      const saved = emulator.emulator.request('GET', '/v1/payment_methods', { customer: intent.customer, type: 'card' }).body;
      assert.deepEqual(saved.data.map((pm: { id: string }) => pm.id), [intent.payment_method], 'the card is saved to the customer');

      const declined = await post('/pay', { paymentMethodId: 'pm_card_chargeDeclined', items: [], currency: 'usd' });
      assert.deepEqual(declined, { error: 'Your card was declined.' });
    } finally {
      await close();
    }
  });
}

test('with webhooks, account at 2019-12-03: Stripe.js confirms, payment_intent.succeeded saves the card on a new customer', async (t) => {
  if (!sdk.ok) return t.skip(sdk.reason);
  const { post, browser, emulator, sample, close } = await run('2019-12-03');
  try {
    const { clientSecret, id } = await post('/create-payment-intent', { items: [{ id: 'photo' }], currency: 'usd' });
    // stripe.confirmCardPayment(clientSecret, { payment_method: { card }, setup_future_usage: 'off_session' })
    const confirmed = await browser('POST', `/v1/payment_intents/${id}/confirm`, { client_secret: clientSecret, payment_method: 'pm_card_visa', setup_future_usage: 'off_session' });
    assert.equal(confirmed.status, 'succeeded', JSON.stringify(confirmed));
    await emulator.webhooksIdle();
    assert.ok(emulator.webhookDeliveries().every((d) => d.state === 'delivered'), 'the sample verified every signature');
    assert.ok(sample.logs.includes('💰 Payment captured!'), sample.logs.join(' | '));
    assert.equal(sample.customers.length, 1);
    const saved = emulator.emulator.request('GET', '/v1/payment_methods', { customer: sample.customers[0].id, type: 'card' }).body;
    assert.equal(saved.data.length, 1, 'the paid card is on the customer the webhook created');
  } finally {
    await close();
  }
});

test('the same sample against an account at today\'s version is refused: its server-side confirm has no return_url', async (t) => {
  if (!sdk.ok) return t.skip(sdk.reason);
  const { post, close } = await run(undefined);
  try {
    const refused = await post('/pay', { paymentMethodId: 'pm_card_visa', items: [], currency: 'usd' });
    assert.match(refused.error, /you must provide a `return_url`/, 'why the account version matters');
  } finally {
    await close();
  }
});
