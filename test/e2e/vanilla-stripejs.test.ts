// A plain vanilla-JS page written for real Stripe.js (test/fixtures/vanilla/index.html) runs offline against the
// emulator's /v3/ script with only its script URL changed. Its own tiny server creates the PaymentIntent with the
// real stripe SDK, like Stripe's sample server does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Frame, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, stripeFor, waitFor } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';

const PAGE = readFileSync(new URL('../fixtures/vanilla/index.html', import.meta.url), 'utf8');

let emulator: RunningEmulator;
let shop: PageServer;
let browser: Browser;
let stripe: Stripe;
const createdIntents: string[] = [];

before(async () => {
  [emulator, browser] = await Promise.all([startEmulator({ port: 0, quiet: true }), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
  stripe = stripeFor(emulator);
  shop = await startPageServer({
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE.replaceAll('STRIPE_JS_URL', `${emulator.url}/v3/`));
    },
    '/config': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ publishableKey: emulator.publishableKey }));
    },
    '/create-payment-intent': async (_req, res) => {
      const intent = await stripe.paymentIntents.create({ amount: 1400, currency: 'usd', automatic_payment_methods: { enabled: true } });
      createdIntents.push(intent.id);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clientSecret: intent.client_secret }));
    },
  });
});
after(async () => {
  await browser?.close();
  await shop?.close();
  await emulator?.close();
});

async function openShop(): Promise<{ page: Page; close: () => Promise<void>; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(shop.url);
  return { page, errors, close: () => context.close() };
}

async function typeCard(page: Page, number: string): Promise<void> {
  const card = page.frameLocator('#card-element iframe');
  await card.locator('input[name=cardnumber]').pressSequentially(number);
  await card.locator('input[name=exp-date]').pressSequentially('1234');
  await card.locator('input[name=cvc]').pressSequentially('123');
  await card.locator('input[name=postal]').pressSequentially('42424');
}

/** The frame (any depth) showing Stripe's 3DS test buttons. */
function challengeFrame(page: Page): Promise<Frame> {
  return waitFor(
    'the 3D Secure challenge frame',
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        if ((await frame.locator('#test-source-authorize-3ds').count().catch(() => 0)) > 0) return frame;
      }
      return undefined;
    },
    10_000,
  );
}

test('the /v3/ script is one standalone script that defines window.Stripe', async () => {
  const res = await fetch(`${emulator.url}/v3/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /javascript/);
  const script = await res.text();
  assert.doesNotMatch(script, /^\s*(import|export)\s/m, 'no ES module syntax: it must run from a classic <script>');
  assert.equal((await fetch(`${emulator.url}/v3`)).status, 200);

  // Loaded by a classic <script> tag into a page of another origin, it defines Stripe with the release train.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(shop.url + '/blank');
    await page.addScriptTag({ url: `${emulator.url}/v3/` });
    assert.deepEqual(await page.evaluate(() => {
      const S = (window as unknown as { Stripe?: { version?: string } }).Stripe;
      return [typeof S, S?.version];
    }), ['function', 'endive']);
  } finally {
    await context.close();
  }
});

test('the vanilla page pays with 4242 4242 4242 4242 and shows "succeeded"', async () => {
  const { page, close, errors } = await openShop();
  try {
    await typeCard(page, '4242424242424242');
    await page.click('#submit');
    const result = page.locator('#result');
    await result.filter({ hasText: 'succeeded' }).waitFor({ timeout: 10_000 });
    const id = (await result.textContent())!.match(/pi_\w+/)![0];
    assert.equal(id, createdIntents.at(-1));
    // The server side sees the same thing through the stripe SDK.
    const intent = await stripe.paymentIntents.retrieve(id);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount, 1400);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the vanilla page shows a decline message from a declined card', async () => {
  const { page, close } = await openShop();
  try {
    await typeCard(page, '4000000000009995');
    await page.click('#submit');
    await page.locator('#card-error', { hasText: 'Your card has insufficient funds.' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.isVisible('#result'), false);
    assert.equal((await stripe.paymentIntents.retrieve(createdIntents.at(-1)!)).status, 'requires_payment_method');
  } finally {
    await close();
  }
});

test('a 3D Secure card completes through the challenge overlay', async () => {
  const { page, close } = await openShop();
  try {
    await typeCard(page, '4000002500003155');
    await page.click('#submit');
    const frame = await challengeFrame(page);
    assert.equal(await frame.locator('#test-source-fail-3ds').textContent(), 'Fail');
    await frame.locator('#test-source-authorize-3ds').click();
    await page.locator('#result', { hasText: 'succeeded' }).waitFor({ timeout: 10_000 });
    assert.equal((await stripe.paymentIntents.retrieve(createdIntents.at(-1)!)).status, 'succeeded');
  } finally {
    await close();
  }
});
