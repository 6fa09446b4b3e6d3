// The reference server is down for ~3 s while the customer's browser confirms a payment (issue #9 case 6): Stripe
// (the emulator) takes the payment, its webhook retries run out while the server is down, and the order must still
// end up paid, by reconciliation (history source `reconcile`), as the page shows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loggedEvent, startHarness, typeCard, type Harness, type Json } from './demo-harness.js';

let h: Harness;
let page: Page;
const EL = '#checkout-element';
const OUTAGE_MS = 3000;

before(async () => {
  // Retries that give up within 0.4 s: the webhook is lost for good during a 3 s outage. No periodic sweep, so
  // what pays the order is the page asking for it once the server is back.
  h = await startHarness({ webhookRetry: { delays: [100, 300] }, reconcile: { intervalMs: 0, graceMs: 1000 } });
  page = h.page;
});
after(async () => {
  await h?.close();
});

describe('demo under an outage of the reference server', () => {
  it('the server is down while the browser confirms: the webhook is lost, the order still ends up paid', async () => {
    await page.goto(`${h.demo.url}/`);
    await loggedEvent(page, 'ssc-ready');
    // In production Stripe.js talks to Stripe, not to the merchant: send its calls straight to the emulator, so
    // the browser can still pay while the demo origin (which normally proxies them) is down.
    const emulatorUrl = h.demo.emulator!.url;
    let restarted: Promise<void> | undefined;
    await page.route(/\/(v1|3ds)\//, async (route) => {
      const target = new URL(route.request().url());
      if (route.request().url().includes('/confirm') && !restarted) {
        await h.demo.stopHttp();
        restarted = new Promise((resolve) => setTimeout(resolve, OUTAGE_MS)).then(() => h.demo.startHttp());
      }
      const response = await route.fetch({ url: `${emulatorUrl}${target.pathname}${target.search}` });
      await route.fulfill({ response });
    });
    await typeCard(page, EL, '4242424242424242');
    await page.locator(`${EL} [part="button"]`).click();
    const done = await loggedEvent(page, 'ssc-succeeded');
    assert.ok(restarted, 'the confirm went through while the server was down');
    await h.demo.emulator!.webhooksIdle();
    const lost = h.demo.emulator!.webhookDeliveries().filter((d) => d.type === 'payment_intent.succeeded');
    assert.deepEqual(lost.map((d) => [d.state, d.lastStatus]), [['failed', null]], 'the succeeded webhook never arrived');

    await restarted;
    // The page keeps polling its order; once the server is back, the read goes to Stripe and finds it paid.
    await page.locator('[data-testid="order-status-value"]', { hasText: 'paid' }).waitFor({ timeout: 15_000 });
    const res = await fetch(`${h.demo.url}/orders/${done.intentId}`, { headers: { Authorization: `Bearer ${h.demo.merchantToken}` } });
    const order = ((await res.json()) as { order: Json }).order;
    assert.equal(order.status, 'paid');
    const paid = order.history.filter((entry: Json) => entry.status === 'paid');
    assert.deepEqual(paid.map((entry: Json) => entry.source), ['reconcile']);
    assert.equal(h.demo.db.processedEvents().some((e) => e.objectId === done.intentId && e.type === 'payment_intent.succeeded'), false);
  });
});
