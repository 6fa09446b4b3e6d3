// The emulator HTTP server's test bank page for iDEAL / Bancontact, driven in real Chromium, and SEPA Debit's
// processing → succeeded delivered to a webhook endpoint after the settle delay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, startReceiver, stripeFor, waitFor } from './server-helpers.js';
import type { PageServer, Receiver } from './server-helpers.js';

let server: RunningEmulator;
let shop: PageServer;
let stripe: Stripe;
let browser: Browser;
let receiver: Receiver;

before(async () => {
  receiver = await startReceiver();
  [server, shop, browser] = await Promise.all([
    startEmulator({ port: 0, quiet: true, paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'], settleDelayMs: 50, webhooks: [{ url: receiver.url, secret: 'whsec_test' }] }),
    startPageServer(),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
  stripe = stripeFor(server);
});
after(async () => {
  await browser?.close();
  await shop?.close();
  await server?.close();
  await receiver?.close();
});

async function redirectFor(type: 'ideal' | 'bancontact'): Promise<{ intent: Stripe.PaymentIntent; url: string }> {
  const intent = await stripe.paymentIntents.create({ amount: 1250, currency: 'eur' });
  const confirmed = await stripe.paymentIntents.confirm(intent.id, {
    return_url: `${shop.url}/return?order=7`, payment_method_data: { type, billing_details: { name: 'Jenny Rosen' } },
  });
  assert.equal(confirmed.status, 'requires_action');
  const url = confirmed.next_action?.redirect_to_url?.url;
  assert.ok(url?.startsWith(`${server.url}/bank/`), `the bank page lives on the emulator: ${url}`);
  return { intent, url: url! };
}

for (const [type, button, status, redirectStatus] of [
  ['ideal', '#authorize-test-payment', 'succeeded', 'succeeded'],
  ['bancontact', '#fail-test-payment', 'requires_payment_method', 'failed'],
] as const) {
  test(`bank page (${type}): ${button.slice(1)} returns to return_url with Stripe's params; the intent is ${status}`, async () => {
    const { intent, url } = await redirectFor(type);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url);
      assert.equal(await page.locator('#amount').textContent(), '€12.50');
      assert.deepEqual(await page.locator('button').allTextContents(), ['Fail Test Payment', 'Authorize Test Payment']);
      await page.click(button);
      await page.waitForURL(`${shop.url}/return?**`);
      const landed = new URL(page.url());
      assert.equal(landed.searchParams.get('order'), '7');
      assert.equal(landed.searchParams.get('payment_intent'), intent.id);
      assert.equal(landed.searchParams.get('payment_intent_client_secret'), intent.client_secret);
      assert.equal(landed.searchParams.get('redirect_status'), redirectStatus);
      await page.goto(url);
      assert.equal(await page.locator('button').count(), 0, 'a settled test payment offers no buttons');
    } finally {
      await context.close();
    }
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, status);
  });
}

test('SEPA Debit: processing at confirm, payment_intent.succeeded reaches the webhook endpoint after the delay', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 990, currency: 'eur' });
  const confirmed = await stripe.paymentIntents.confirm(intent.id, {
    return_url: `${shop.url}/return`,
    payment_method_data: { type: 'sepa_debit', sepa_debit: { iban: 'AT611904300234573201' }, billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' } },
    mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.9', user_agent: 'test' } } },
  });
  assert.equal(confirmed.status, 'processing');
  const types = () => receiver.received.map((r) => JSON.parse(r.rawBody) as Stripe.Event).filter((e) => (e.data.object as { id: string }).id === intent.id).map((e) => e.type);
  await waitFor('payment_intent.succeeded webhook', () => (types().includes('payment_intent.succeeded') ? true : undefined));
  assert.ok(types().indexOf('payment_intent.processing') < types().indexOf('payment_intent.succeeded'), types().join(', '));
});
