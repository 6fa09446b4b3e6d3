// The demo page's checkout, driven like a customer: test cards typed into the card iframe, 3D Secure answered in
// the challenge frame, and the order status read back from the reference server (paid only on Stripe's word).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { challenge, eventCount, loggedEvent, startHarness, typeCard, type Harness, type Json } from './demo-harness.js';

let h: Harness;
let page: Page;
const EL = '#checkout-element';

before(async () => {
  h = await startHarness();
  page = h.page;
});
after(async () => {
  await h?.close();
});

async function openCheckout({ mode = 'payment', confirm = 'client', save = false }: { mode?: string; confirm?: string; save?: boolean } = {}) {
  await page.goto(`${h.demo.url}/`);
  await loggedEvent(page, 'ssc-ready');
  if (mode !== 'payment') await page.locator(`input[name="mode"][value="${mode}"]`).check();
  if (confirm !== 'client') await page.locator(`input[name="confirm"][value="${confirm}"]`).check();
  if (save) {
    await page.locator(`${EL} input[name="ssc-card-choice"][value="new"]`).check();
    await page.locator(`${EL} [part="save"] input`).check();
  }
}

async function pay() {
  await page.locator(`${EL} [part="button"]`).click();
}

async function savedCardIds(): Promise<string[]> {
  return ((await h.asShopper('/saved-cards')) as { cards: { id: string }[] }).cards.map((c) => c.id);
}

async function orderFor(intentId: string) {
  // Read as the merchant: the shopper's session cookie is the browser's, not this process's.
  const res = await fetch(`${h.demo.url}/orders/${intentId}`, { headers: { Authorization: `Bearer ${h.demo.merchantToken}` } });
  return ((await res.json()) as { order: Json }).order;
}

async function waitForOrderWhere(intentId: string, done: (order: Json) => boolean): Promise<Json> {
  const until = Date.now() + 10_000;
  for (;;) {
    const order = await orderFor(intentId);
    if (done(order) || Date.now() > until) return order;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const failedEntries = (order: Json): number => order.history.filter((entry: Json) => entry.status === 'failed').length;

async function waitForOrderStatus(status: string) {
  await page.locator('[data-testid="order-status-value"]', { hasText: status }).waitFor({ timeout: 10_000 });
}

describe('demo checkout', () => {
  it('pays with 4242 without saving: order paid by the webhook, no new saved card', async () => {
    await openCheckout();
    // The page's shopper (the page starts the session) and their cards before paying.
    const before = await savedCardIds();
    await typeCard(page, EL, '4242 4242 4242 4242');
    await pay();
    const detail = await loggedEvent(page, 'ssc-succeeded');
    assert.equal(detail.status, 'succeeded');
    assert.equal(detail.saved, false);
    await waitForOrderStatus('paid');
    const order = await orderFor(detail.intentId);
    assert.equal(order.amount, 1999);
    assert.deepEqual(order.history.map((entry: Json) => `${entry.status}/${entry.source}`), ['pending/server', 'paid/webhook']);
    assert.deepEqual(await savedCardIds(), before);
  });

  it('pays with 4242 and saves it: the card shows up in the saved cards', async () => {
    const before = await savedCardIds();
    await openCheckout({ save: true });
    await typeCard(page, EL, '4242424242424242');
    await pay();
    const detail = await loggedEvent(page, 'ssc-succeeded');
    assert.equal(detail.saved, true);
    await waitForOrderStatus('paid');
    const after = await savedCardIds();
    assert.equal(after.length, before.length + 1);
    assert.ok(after.includes(detail.paymentMethodId));
    await page.locator(`#saved-cards li[data-pm="${detail.paymentMethodId}"]`).waitFor();
  });

  it('3155 and 3184: 3D Secure completed succeeds', async () => {
    for (const number of ['4000002500003155', '4000002760003184']) {
      await openCheckout();
      await typeCard(page, EL, number);
      await pay();
      const action = await loggedEvent(page, 'ssc-action-required');
      await challenge(page).locator('#test-source-authorize-3ds').click();
      const authenticated = await loggedEvent(page, 'ssc-authenticated');
      assert.equal(authenticated.intentId, action.intentId);
      const done = await loggedEvent(page, 'ssc-succeeded');
      assert.equal(done.intentId, action.intentId);
      await waitForOrderStatus('paid');
    }
  });

  it('3155 and 3184: 3D Secure failed is reported and nothing is paid', async () => {
    for (const number of ['4000002500003155', '4000002760003184']) {
      await openCheckout();
      await typeCard(page, EL, number);
      await pay();
      const action = await loggedEvent(page, 'ssc-action-required');
      await challenge(page).locator('#test-source-fail-3ds').click();
      const failed = await loggedEvent(page, 'ssc-authentication-failed');
      assert.equal(failed.intentId, action.intentId);
      assert.equal(failed.code, 'payment_intent_authentication_failure');
      await page.locator(`${EL} [part="error"]`).filter({ hasText: /authenticat/i }).waitFor();
      assert.equal(await eventCount(page, 'ssc-succeeded'), 0);
      const order = await orderFor(action.intentId);
      assert.notEqual(order.status, 'paid');
    }
  });

  it('declines show the right message and code', async () => {
    const cases = [
      { number: '4000000000009995', code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
      { number: '4000000000000002', code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
      { number: '4000000000000069', code: 'expired_card', message: 'Your card has expired.' },
      { number: '4000000000000127', code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
      { number: '4000000000000119', code: 'processing_error', message: 'An error occurred while processing your card.' },
    ];
    // One page for all five: after a decline the form stays usable, the customer just types another card, and
    // every attempt confirms the same PaymentIntent (one per checkout).
    await openCheckout();
    const intents = new Set<string>();
    for (const [i, c] of cases.entries()) {
      await typeCard(page, EL, c.number);
      await pay();
      const declined = await loggedEvent(page, 'ssc-declined', i + 1);
      assert.equal(declined.code, c.code, c.number);
      if (c.declineCode) assert.equal(declined.declineCode, c.declineCode, c.number);
      const shown = await page.locator(`${EL} [part="error"]`).textContent();
      assert.ok(shown?.includes(c.message), `${c.number}: "${shown}" should include "${c.message}"`);
      intents.add(declined.intentId);
      // The server learns of each failure from Stripe (webhook), not from the browser: every attempt on the one
      // intent is a history entry of its own, and the order shows the latest.
      const order = await waitForOrderWhere(declined.intentId, (o) => failedEntries(o) === i + 1);
      assert.equal(failedEntries(order), i + 1, `${c.number}: ${JSON.stringify(order.history)}`);
      assert.equal(order.status, 'failed');
      assert.equal(order.failure.code, c.code, c.number);
      assert.ok(order.failure.message.includes(c.message), `${c.number}: ${order.failure.message}`);
    }
    assert.equal(intents.size, 1);
  });

  it('setup mode saves a card without paying (3155 with 3D Secure)', async () => {
    const before = await savedCardIds();
    await openCheckout({ mode: 'setup' });
    await typeCard(page, EL, '4000002500003155');
    await pay();
    await challenge(page).locator('#test-source-authorize-3ds').click();
    const done = await loggedEvent(page, 'ssc-succeeded');
    assert.equal(done.mode, 'setup');
    assert.match(done.intentId, /^seti_/);
    await waitForOrderStatus('saved');
    const after = await savedCardIds();
    assert.deepEqual(after.filter((id) => !before.includes(id)), [done.paymentMethodId]);
  });

  it('reuses a saved card', async () => {
    // The seeded Visa 4242 (a 3155 card saved by another test would ask for 3D Secure again on-session).
    const cards = ((await h.asShopper('/saved-cards')) as { cards: { id: string; last4: string }[] }).cards;
    const seeded = cards.find((c) => c.last4 === '4242')!.id;
    await openCheckout();
    const choice = page.locator(`${EL} input[name="ssc-card-choice"][value="${seeded}"]`);
    await choice.check();
    await pay();
    const done = await loggedEvent(page, 'ssc-succeeded');
    assert.equal(done.paymentMethodId, seeded);
    await waitForOrderStatus('paid');
  });

  it('server confirm flow: 3D Secure, then the server confirms and marks the order paid itself', async () => {
    await openCheckout({ confirm: 'server' });
    await typeCard(page, EL, '4000002760003184');
    await pay();
    await loggedEvent(page, 'ssc-action-required');
    await challenge(page).locator('#test-source-authorize-3ds').click();
    const done = await loggedEvent(page, 'ssc-succeeded');
    await waitForOrderStatus('paid');
    const order = await orderFor(done.intentId);
    const paid = order.history.filter((entry: Json) => entry.status === 'paid');
    assert.equal(paid.length, 1);
    assert.equal(paid[0].source, 'server');
  });

  it('backend outage: an error the customer can read, then it works again', async () => {
    await openCheckout();
    await typeCard(page, EL, '4242424242424242');
    await h.demo.stopHttp();
    try {
      await pay();
      const error = await loggedEvent(page, 'ssc-error');
      assert.equal(error.stage, 'backend');
      assert.ok((await page.locator(`${EL} [part="error"]`).textContent())?.trim());
      // The outage is a message in the element; nothing on the page throws (gallery tiles failing to load included).
      assert.deepEqual(h.takePageErrors(), []);
    } finally {
      await h.demo.startHttp();
    }
    await pay();
    const done = await loggedEvent(page, 'ssc-succeeded');
    assert.equal(done.status, 'succeeded');
    await waitForOrderStatus('paid');
  });
});
