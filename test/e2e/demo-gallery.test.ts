// The designers' side of the demo: every state in the gallery, live theming (card iframe included), Copy CSS,
// click-to-copy test cards, and a clear message when the element has not been built. Screenshots go to test-results/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemo } from '../../demo/server/demo.js';
import { loggedEvent, resultsDir, startHarness, type Harness } from './demo-harness.js';

let h: Harness;
let page: Page;

before(async () => {
  h = await startHarness();
  page = h.page;
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.demo.url });
});
after(async () => {
  await h?.close();
});

const tileStatus = (state: string) => page.locator(`[data-tile="${state}"] [data-testid="tile-status"]`);
const tile = (state: string) => page.frameLocator(`iframe[data-state="${state}"]`);

async function waitStatus(state: string, status: string) {
  await page.locator(`[data-tile="${state}"] [data-testid="tile-status"]`, { hasText: status }).waitFor({ timeout: 15_000 });
}

describe('demo gallery and theming', () => {
  it('shows every state of the element side by side', async () => {
    await page.goto(`${h.demo.url}/?gallery=1#gallery`);
    await waitStatus('ready', 'ssc-ready');
    await waitStatus('invalid', 'ssc-change');
    await tile('invalid').locator('[part="error"]', { hasText: 'Your card number is invalid.' }).waitFor();
    await waitStatus('processing', 'ssc-submit');
    await tile('processing').locator('[part="message"]', { hasText: /Processing/ }).waitFor();
    await waitStatus('3ds', 'ssc-action-required');
    await tile('3ds').frameLocator('iframe[name="stripe-challenge-frame"]').locator('#test-source-authorize-3ds').waitFor();
    await waitStatus('declined', 'ssc-declined');
    await tile('declined').locator('[part="error"]', { hasText: 'Your card has insufficient funds.' }).waitFor();
    await waitStatus('succeeded', 'ssc-succeeded');
    await waitStatus('saved', 'ssc-ready');
    await tile('saved').locator('[part="saved-cards"]', { hasText: /Visa ending in 4242/ }).waitFor();
    await waitStatus('setup', 'ssc-ready');
    await tile('setup').locator('[part="button"]', { hasText: 'Save card' }).waitFor();
    await waitStatus('load-failure', 'ssc-error');
    await tile('load-failure').locator('[part="error"]', { hasText: /did not load/ }).waitFor();
    // Loading stays loading: Stripe.js never arrives in that tile.
    assert.equal(await tileStatus('loading').textContent(), 'mounting');
    await page.addStyleTag({ content: '.topbar { position: static !important; }' });
    await page.locator('#gallery').screenshot({ path: join(resultsDir, 'demo-gallery.png') });
  });

  it('applies the theme live to every element, the card iframe included', async () => {
    await page.goto(`${h.demo.url}/?gallery=1`);
    await loggedEvent(page, 'ssc-ready');
    await waitStatus('ready', 'ssc-ready');
    await page.locator('#theme-form input[name="--ssc-accent"]').fill('#ff0000');
    await page.locator('#theme-form input[name="--ssc-color"]').fill('#00aa00');
    const button = page.locator('#checkout-element [part="button"]');
    assert.equal(await button.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(255, 0, 0)');
    const tileButton = tile('ready').locator('[part="button"]');
    assert.equal(await tileButton.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(255, 0, 0)');
    // The card field is in an iframe page CSS can't reach: the element passes the theme into it.
    const cardInput = tile('ready').frameLocator('stripe-save-card iframe').locator('input[name="cardnumber"]');
    assert.equal(await cardInput.evaluate((i) => getComputedStyle(i).color), 'rgb(0, 170, 0)');
    assert.match((await page.locator('#theme-css').textContent()) ?? '', /--ssc-accent: #ff0000;/);
    await page.locator('#copy-css').click();
    await page.locator('#copy-note', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^stripe-save-card \{\n {2}--ssc-accent: #ff0000;/);

    await page.locator('#theme-form input[name="dark"]').check();
    assert.equal(await button.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(96, 165, 250)');
    await page.locator('#gallery').scrollIntoViewIfNeeded();
    await waitStatus('declined', 'ssc-declined');
    await waitStatus('load-failure', 'ssc-error');
    await page.addStyleTag({ content: '.topbar { position: static !important; }' });
    await page.locator('#gallery').screenshot({ path: join(resultsDir, 'demo-gallery-dark.png') });
  });

  it('copies a test card number on click', async () => {
    await page.goto(`${h.demo.url}/#cards`);
    const button = page.locator('#test-cards button[data-number="4000002760003184"]');
    await button.click();
    await page.locator('#test-cards button.copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '4000002760003184');
  });

  it('says how to fix a missing build instead of failing silently', async () => {
    const emptyDist = mkdtempSync(join(tmpdir(), 'ssc-nodist-'));
    const demo = await startDemo({ port: 0, dbPath: ':memory:', distDir: emptyDist, seedCard: false });
    try {
      const messages: string[] = [];
      const listener = (m: { text(): string }) => messages.push(m.text());
      page.on('console', listener);
      await page.goto(`${demo.url}/`);
      await page.locator('.build-missing', { hasText: 'npm run build' }).first().waitFor();
      page.off('console', listener);
      assert.ok(messages.some((m) => m.includes('npm run build')), messages.join('\n'));
    } finally {
      await demo.close();
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });
});
