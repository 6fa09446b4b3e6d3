// The demo page as a designer or a customer meets it: on a 360 px phone (no sideways scroll, a compact top bar,
// headings clear of the bar after a nav click) and through axe-core's accessibility rules, with every section live
// (events logged, gallery tiles running, orders listed). Screenshots go to test-results/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loggedEvent, resultsDir, startHarness, type Harness, type Json } from './demo-harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const SECTIONS = ['checkout', 'gallery', 'theme', 'cards', 'merchant'];

let h: Harness;

before(async () => {
  h = await startHarness();
  // Two orders for the merchant table (its rows are the widest content on a phone).
  for (const path of ['/create-payment-intent', '/create-setup-intent']) {
    const res = await fetch(`${h.demo.url}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: [{ sku: 'tshirt', quantity: 2 }] }),
    });
    assert.equal(res.status, 200, await res.text());
  }
});
after(async () => {
  await h?.close();
});

/** The page with every section live: events in the log, gallery tiles in their states, the orders listed. */
async function openLivePage(page: Page): Promise<void> {
  // With the merchant token, so the orders table lists every shopper's orders (the two above were made by this process).
  await page.goto(`${h.demo.url}/?gallery=1#token=${h.demo.merchantToken}`);
  await loggedEvent(page, 'ssc-ready');
  await page.locator('[data-tile="declined"] [data-testid="tile-status"]', { hasText: 'ssc-declined' }).waitFor({ timeout: 15_000 });
  await page.locator('[data-tile="load-failure"] [data-testid="tile-status"]', { hasText: 'ssc-error' }).waitFor({ timeout: 15_000 });
  await page.locator('#orders tbody tr[data-order]').nth(1).waitFor();
}

async function headingClearsTopBar(page: Page, section: string): Promise<{ heading: number; bar: number }> {
  await page.locator(`.topbar nav a[href="#${section}"]`).click();
  return page.evaluate((id) => ({
    heading: document.querySelector(`#${id} h2`)!.getBoundingClientRect().top,
    bar: document.querySelector('.topbar')!.getBoundingClientRect().bottom,
  }), section);
}

describe('demo on a phone (360 px)', () => {
  it('has no sideways scroll anywhere, with every section live', async () => {
    const page = await h.openPage(PHONE);
    await openLivePage(page);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: innerWidth }));
    assert.equal(widths.viewport, 360);
    assert.ok(widths.page <= widths.viewport, `the page is ${widths.page} px wide in a ${widths.viewport} px viewport`);
    await page.screenshot({ path: join(resultsDir, 'demo-360.png') });
  });

  it('has a compact top bar: the logo on one line, every nav link in view, only the nav left once scrolled', async () => {
    const page = await h.openPage(PHONE);
    await page.goto(`${h.demo.url}/`);
    const logo = (await page.locator('.topbar .logo').boundingBox())!;
    assert.ok(logo.height < 30, `the logo is ${logo.height} px tall (wrapped)`);
    for (const link of await page.locator('.topbar nav a').all()) {
      const box = (await link.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `${await link.textContent()} is off screen (${box.x}..${box.x + box.width})`);
    }
    await page.evaluate(() => window.scrollTo(0, 2000));
    const bar = await page.locator('.topbar').evaluate((bar) => bar.getBoundingClientRect().bottom);
    assert.ok(bar <= 48, `the top bar covers ${bar} px of a scrolled phone screen`);
  });

  it('puts every section heading below the top bar after a nav click', async () => {
    const page = await h.openPage(PHONE);
    await page.goto(`${h.demo.url}/`);
    await loggedEvent(page, 'ssc-ready');
    for (const section of SECTIONS) {
      const { heading, bar } = await headingClearsTopBar(page, section);
      assert.ok(heading >= bar, `#${section}: heading at ${heading} px, under the bar ending at ${bar} px`);
    }
  });
});

describe('demo on a desktop (1280 px)', () => {
  it('puts every section heading below the top bar after a nav click', async () => {
    await h.page.goto(`${h.demo.url}/`);
    await loggedEvent(h.page, 'ssc-ready');
    for (const section of SECTIONS) {
      const { heading, bar } = await headingClearsTopBar(h.page, section);
      assert.ok(heading >= bar, `#${section}: heading at ${heading} px, under the bar ending at ${bar} px`);
    }
  });
});

describe('demo accessibility (axe-core)', () => {
  for (const [name, open] of [['1280 px', async () => h.page], ['360 px', () => h.openPage(PHONE)]] as const) {
    it(`finds nothing serious or critical on the demo page at ${name}`, async () => {
      const page = await open();
      await openLivePage(page);
      await page.addScriptTag({ path: axePath });
      // The page and the elements on it (shadow roots included); tiles and Stripe's iframes are other documents.
      const violations: Json[] = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Json[] }> } }).axe;
        const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: Json) => n.target.join(' ')) }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
    });
  }
});
