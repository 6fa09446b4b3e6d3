// The npm ESM build as a consumer gets it: `import 'stripe-save-card'` bundled by esbuild through package.json
// "exports" (as scripts/bench-size.mjs measures it), on a page with Stripe.js from the emulator. The build rewrites
// tsc's output (scripts/collapse-templates.mjs), so this checks that what it ships still renders and mounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';
import { bundleLikeAConsumer } from '../../scripts/consumer-bundle.mjs';

let emulator: RunningEmulator;
let browser: Browser;
let site: PageServer;

before(async () => {
  const bundle = new TextDecoder().decode(await bundleLikeAConsumer());
  [emulator, browser] = await Promise.all([startEmulator({ port: 0, quiet: true }), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
  site = await startPageServer({
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>esm</title><script src="${emulator.url}/v3/"></script>
<script type="module" src="/app.js"></script></head><body>
<stripe-save-card publishable-key="${emulator.publishableKey}" intent-url="/intent" amount="1999" currency="usd" save></stripe-save-card></body></html>`);
    },
    '/app.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle);
    },
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

test('the ESM entry, bundled like a consumer does, renders the whole form and mounts the card', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url);
    const el = page.locator('stripe-save-card');
    await el.locator('[part=button]', { hasText: 'Pay $19.99' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('stripe-save-card iframe[name^="__privateStripeFrame"]'));
    // The collapsed templates keep every text and control: the save toggle and its disclosure.
    assert.equal(await el.locator('[part=save]').innerText(), 'Save this card for future payments');
    assert.match(await el.locator('[part=disclosure]').innerText(), /allow us to charge it for future payments/);
    // Ready: the button is no longer a loading skeleton.
    await el.locator('[part=button]:not(.skeleton)').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
