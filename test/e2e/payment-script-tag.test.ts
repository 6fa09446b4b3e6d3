// <stripe-save-payment> from its script-tag file (dist/stripe-save-payment.min.js: minified, private names mangled)
// on a real page in Chromium, with the fake Stripe.js from the emulator's /v3/ talking to the emulator over HTTP and
// a merchant backend using the stripe SDK. A card payment, and an iDEAL payment that really leaves the page (the
// fake navigates to return_url) and is reported once on the page it comes back to — not again after a reload.
// Needs `npm run build` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, stripeFor, waitFor } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';

const BUNDLE = readFileSync(new URL('../../dist/stripe-save-payment.min.js', import.meta.url), 'utf8');

let emulator: RunningEmulator;
let browser: Browser;
let site: PageServer;
let stripe: Stripe;

before(async () => {
  [emulator, browser] = await Promise.all([
    startEmulator({ port: 0, quiet: true, paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'] }),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
  stripe = stripeFor(emulator);
  site = await startPageServer({
    '/checkout': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>checkout</title>
<script src="${emulator.url}/v3/"></script><script src="/ssp.js"></script>
<script>window.events = []; for (const type of ['ssc-ready', 'ssc-action-required', 'ssc-declined', 'ssc-authentication-failed', 'ssc-error', 'ssc-succeeded'])
  document.addEventListener(type, (e) => window.events.push({ type, detail: e.detail }));</script></head>
<body><stripe-save-payment publishable-key="${emulator.publishableKey}" intent-url="/intent" amount="2500" currency="eur" style="width:460px"></stripe-save-payment></body></html>`);
    },
    '/ssp.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(BUNDLE);
    },
    '/intent': async (_req, res, body) => {
      const { save } = JSON.parse(body) as { save: boolean };
      const intent = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', ...(save ? { setup_future_usage: 'off_session' } : {}) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clientSecret: intent.client_secret }));
    },
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

type Seen = Array<{ type: string; detail: Record<string, unknown> }>;
const events = (page: Page) => page.evaluate(() => (window as unknown as { events: Seen }).events);
const outcomes = async (page: Page) => (await events(page)).filter((e) => e.type !== 'ssc-ready' && e.type !== 'ssc-action-required');

async function openCheckout(page: Page, url = `${site.url}/checkout`): Promise<void> {
  await page.goto(url);
  await waitFor('ssc-ready', async () => ((await events(page)).some((e) => e.type === 'ssc-ready') ? true : undefined), 10000);
}

test('script-tag file: a card payment through the deferred flow', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openCheckout(page);
    const frame = page.frameLocator('iframe[title="Secure payment input frame"]');
    await frame.locator('[name=number]').fill('4242424242424242');
    await frame.locator('[name=expiry]').fill('12 / 34');
    await frame.locator('[name=cvc]').fill('123');
    await frame.locator('[name=postalCode]').fill('94107');
    await page.locator('stripe-save-payment').locator('[part=button]').click();
    const [done] = await waitFor('an outcome', async () => ((await outcomes(page)).length ? outcomes(page) : undefined), 10000);
    assert.equal(done!.type, 'ssc-succeeded', JSON.stringify(done));
    assert.equal((await stripe.paymentIntents.retrieve(String(done!.detail.intentId))).status, 'succeeded');
    assert.equal(await page.locator('stripe-save-payment').locator('[part=message]').textContent(), 'Payment succeeded.');
  } finally {
    await context.close();
  }
});

test('script-tag file: iDEAL leaves for the bank and the page it returns to reports the payment once', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openCheckout(page, `${site.url}/checkout?order=12`);
    const frame = page.frameLocator('iframe[title="Secure payment input frame"]');
    await frame.locator('#ideal-tab').click();
    await page.locator('stripe-save-payment').locator('[part=button]').click();
    const required = await waitFor('ssc-action-required', async () => (await events(page)).find((e) => e.type === 'ssc-action-required'), 10000);
    await page.frameLocator('iframe[name="stripe-redirect-frame"]').locator('#authorize-test-payment').click();
    // A real navigation: the fake sends the page to return_url (this page) with Stripe's parameters.
    await page.waitForURL(/redirect_status=succeeded/);
    await waitFor('the returned outcome', async () => ((await outcomes(page)).length ? true : undefined), 10000);
    const back = await outcomes(page);
    assert.deepEqual(back.map((e) => [e.type, e.detail.intentId, e.detail.status]), [['ssc-succeeded', required.detail.intentId, 'succeeded']]);
    assert.equal(new URL(page.url()).search, '?order=12', 'Stripe\'s parameters are gone from the URL');
    await page.reload();
    await waitFor('ssc-ready', async () => ((await events(page)).some((e) => e.type === 'ssc-ready') ? true : undefined), 10000);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await outcomes(page), [], 'a reload reports nothing');
  } finally {
    await context.close();
  }
});
