// After the payment: Checkout in setup mode, charging saved cards off-session from the merchant panel, the
// authentication_required recovery link, and webhook delivery (signed, verified, retried, processed once).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type Stripe from 'stripe';
import { challenge, loggedEvent, startHarness, typeCard, type Harness, type Json } from './demo-harness.js';

let h: Harness;
let page: Page;
const events: Stripe.Event[] = [];
const EL = '#checkout-element';

before(async () => {
  h = await startHarness();
  page = h.page;
  h.demo.emulator!.emulator.onEvent((event) => events.push(event));
});
after(async () => {
  await h?.close();
});

async function orderById(id: string) {
  // The test reads any order as the merchant does (a shopper's cookie is the browser's, not this process's).
  const res = await fetch(`${h.demo.url}/orders/${id}`, { headers: { Authorization: `Bearer ${h.demo.merchantToken}` } });
  return ((await res.json()) as { order: Json }).order;
}

/** The Stripe customer of the browser's shopper session. */
async function browserCustomer(): Promise<string> {
  const cookie = (await h.context.cookies()).find((c) => c.name === 'ssc_session');
  assert.ok(cookie, 'the browser has a session cookie');
  return h.demo.customerOf(cookie.value);
}

/** Saves a card with the element in setup mode, answering 3D Secure when asked; returns the PaymentMethod id. */
async function saveCardWithElement(number: string, threeDS: boolean): Promise<string> {
  await page.goto(`${h.demo.url}/?mode=setup`);
  await loggedEvent(page, 'ssc-ready');
  await typeCard(page, EL, number);
  await page.locator(`${EL} [part="button"]`).click();
  if (threeDS) await challenge(page).locator('#test-source-authorize-3ds').click();
  const done = await loggedEvent(page, 'ssc-succeeded');
  assert.equal(done.mode, 'setup');
  return done.paymentMethodId;
}

/** Clicks "Charge for next month" on a saved card in the merchant panel; returns the result box's kind and text. */
async function chargeFromMerchantPanel(pm: string): Promise<{ kind: string; text: string }> {
  // The merchant panel's URL from the banner: the token in the fragment (the page keeps it, then shows #merchant).
  await page.goto(`${h.demo.url}/#token=${h.demo.merchantToken}`);
  const row = page.locator(`#saved-cards li[data-pm="${pm}"]`);
  await row.locator('[data-action="charge"]').click();
  const box = page.locator('#charge-result.ok, #charge-result.warn, #charge-result.bad');
  await box.waitFor({ timeout: 10_000 });
  const kind = (await box.getAttribute('class'))!.replace('charge-result', '').trim();
  return { kind, text: (await box.textContent()) ?? '' };
}

function latestOffSessionOrder(pm: string) {
  return h.demo.db.listOrders(50).find((o) => o.kind === 'off_session' && o.paymentMethodId === pm)!;
}

describe('demo after the payment', () => {
  it('a webhook that fails once is retried by the emulator and pays the order exactly once', async () => {
    h.demo.faults.failWebhooks = 1;
    h.demo.faults.failWebhookType = 'payment_intent.succeeded';
    await page.goto(`${h.demo.url}/`);
    await loggedEvent(page, 'ssc-ready');
    await typeCard(page, EL, '4242424242424242');
    await page.locator(`${EL} [part="button"]`).click();
    const done = await loggedEvent(page, 'ssc-succeeded');
    await page.locator('[data-testid="order-status-value"]', { hasText: 'paid' }).waitFor({ timeout: 10_000 });
    await h.demo.emulator!.webhooksIdle();
    const event = events.find((e) => e.type === 'payment_intent.succeeded' && (e.data.object as { id: string }).id === done.intentId)!;
    const delivery = h.demo.emulator!.webhookDeliveries().find((d) => d.eventId === event.id)!;
    assert.equal(delivery.state, 'delivered');
    assert.equal(delivery.attempts, 2);
    assert.deepEqual(h.demo.db.deliveries().filter((d) => d.eventId === event.id).map((d) => d.result), ['fault', 'processed']);
    assert.equal(h.demo.db.processedEvents().filter((e) => e.id === event.id).length, 1);
    const order = await orderById(done.intentId);
    assert.equal(order.history.filter((entry: Json) => entry.status === 'paid').length, 1);
  });

  it('Checkout setup mode with 4242, then an off-session charge that succeeds', async () => {
    await page.goto(`${h.demo.url}/#merchant`);
    await page.locator('#checkout-setup').click();
    // The emulator's hosted Checkout page, reached through the demo's own origin.
    await page.waitForURL((url) => url.href.startsWith(`${h.demo.url}/checkout/cs_`));
    await page.locator('#cardnumber').fill('4242424242424242');
    await page.locator('#exp-date').fill('12 / 34');
    await page.locator('#cvc').fill('123');
    await page.locator('#postal').fill('42424');
    await page.locator('#submit').click();
    await page.waitForURL((url) => url.pathname === '/checkout/success');
    const chip = page.locator('[data-testid="saved-card"]');
    await chip.waitFor();
    assert.match((await chip.textContent()) ?? '', /visa •••• 4242/);
    const pm = (await chip.getAttribute('data-pm'))!;
    const sessionId = new URL(page.url()).searchParams.get('session_id')!;
    // The success page and the checkout.session.completed webhook do the same work; one record either way.
    await h.demo.emulator!.webhooksIdle();
    const rows = h.demo.db.raw.prepare('SELECT completed_by FROM checkout_sessions WHERE id = ?').all(sessionId);
    assert.equal(rows.length, 1);
    const pmObject = await h.demo.stripe.paymentMethods.retrieve(pm);
    assert.equal(pmObject.customer, await browserCustomer());

    const result = await chargeFromMerchantPanel(pm);
    assert.equal(result.kind, 'ok', result.text);
    assert.match(result.text, /Charged \$15\.00 off-session/);
    await h.demo.emulator!.webhooksIdle();
    const order = latestOffSessionOrder(pm);
    assert.equal(order.status, 'paid');
    assert.equal(h.demo.db.history(order.id).filter((entry) => entry.status === 'paid').length, 1);
  });

  it('3155 set up with 3D Secure is then charged off-session without the customer', async () => {
    const pm = await saveCardWithElement('4000002500003155', true);
    const result = await chargeFromMerchantPanel(pm);
    assert.equal(result.kind, 'ok', result.text);
    assert.equal(latestOffSessionOrder(pm).status, 'paid');
  });

  it('3184 charged off-session: 402, recovery link, 3D Secure, the SAME PaymentIntent succeeds', async () => {
    const pm = await saveCardWithElement('4000002760003184', true);
    const customer = await browserCustomer();
    const from = events.length;
    const result = await chargeFromMerchantPanel(pm);
    assert.equal(result.kind, 'warn', result.text);
    assert.match(result.text, /requires authentication/);
    const order = latestOffSessionOrder(pm);
    assert.equal(order.status, 'requires_customer_action');
    assert.equal(order.failureCode, 'authentication_required');
    const intentId = order.intentId!;

    await page.locator('[data-testid="recovery-link"]').click();
    await page.waitForURL((url) => url.pathname === '/pay/recover');
    await page.locator('#recover [part="button"]').click();
    await challenge(page).locator('#test-source-authorize-3ds').click();
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 10_000 });
    assert.match((await page.locator('#recover-log').textContent()) ?? '', new RegExp(`ssc-succeeded .*"intentId":"${intentId}"`));

    await h.demo.emulator!.webhooksIdle();
    const mine = events.slice(from).filter((e) => (e.data.object as { customer?: string }).customer === customer);
    // One PaymentIntent for the whole story: created once off-session, failed once, succeeded once on-session.
    assert.deepEqual(mine.filter((e) => e.type === 'payment_intent.created').map((e) => (e.data.object as { id: string }).id), [intentId]);
    assert.equal(mine.filter((e) => e.type === 'payment_intent.succeeded').length, 1);
    const intent = await h.demo.stripe.paymentIntents.retrieve(intentId);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount, 1500);
    assert.equal((await orderById(order.id)).history.filter((entry: Json) => entry.status === 'paid').length, 1);
  });

  it('0341 attaches, is declined off-session, and the customer is asked for a new card', async () => {
    const pm = await saveCardWithElement('4000000000000341', false);
    const result = await chargeFromMerchantPanel(pm);
    assert.equal(result.kind, 'bad', result.text);
    assert.match(result.text, /Declined off-session/);
    await page.locator('[data-testid="add-card-element"]').waitFor();
    const order = latestOffSessionOrder(pm);
    assert.equal(order.status, 'failed');
    assert.equal(order.failureCode, 'card_declined');
    await page.locator('[data-testid="add-card-element"]').click();
    await loggedEvent(page, 'ssc-ready');
    assert.equal(await page.locator('input[name="mode"][value="setup"]').isChecked(), true);
  });

  it('every webhook arrived signed, was verified and processed exactly once', async () => {
    await h.demo.emulator!.webhooksIdle();
    const deliveries = h.demo.emulator!.webhookDeliveries();
    assert.ok(deliveries.length > 20, `only ${deliveries.length} deliveries`);
    assert.deepEqual(deliveries.filter((d) => d.state !== 'delivered'), []);
    const results = h.demo.db.deliveries();
    assert.equal(results.filter((r) => r.result === 'bad_signature').length, 0);
    const processed = h.demo.db.processedEvents();
    const ids = new Set(deliveries.map((d) => d.eventId));
    assert.equal(processed.length, ids.size);
    for (const id of ids) assert.equal(results.filter((r) => r.eventId === id && r.result === 'processed').length, 1, id);
    const types = new Set(processed.map((e) => e.type));
    for (const type of ['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_method.attached', 'setup_intent.succeeded', 'checkout.session.completed']) {
      assert.ok(types.has(type), `no ${type} processed`);
    }
  });
});
