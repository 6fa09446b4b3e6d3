// The key customer journeys, written once and run on each engine (journeys-<engine>.test.ts): paying with and
// without 3D Secure, a decline, saving a card (setup), reusing a saved card, recovering an off-session payment that
// needs the customer, Checkout's hosted page, and the element inside another component's shadow root in a
// scrolling panel.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_LABELS, type EngineName } from '../../browser/helpers/engines/engines.mjs';
import type { Json } from '../demo-harness.js';
import type { Driver } from '../driver/driver.js';
import { answerChallenge, eventCount, getJson, loggedEvent, NESTED_SHADOW_PATH, startJourney, typeCard, waitForOrder } from './harness.js';

const EL = '#checkout-element';
const PAY = `${EL} >> [part="button"]`;

export function journeys(engine: EngineName): void {
  describe(`customer journeys on ${ENGINE_LABELS[engine]}`, () => {
    let j: Awaited<ReturnType<typeof startJourney>>;
    let d: Driver;

    before(async () => {
      j = await startJourney(engine);
      d = j.driver;
    });
    after(async () => {
      await j?.close();
    });

    // Read from the page, with its session cookie: saved cards belong to the browser's shopper.
    const savedCards = async (): Promise<{ id: string; last4: string }[]> =>
      (await d.run<{ cards: { id: string; last4: string }[] }>("return fetch('/saved-cards').then((res) => res.json());")).cards;

    async function openCheckout({ mode = 'payment', save = false }: { mode?: 'payment' | 'setup'; save?: boolean } = {}): Promise<void> {
      await d.goto(`${j.demo.url}/`);
      await loggedEvent(d, 'ssc-ready');
      if (mode !== 'payment') await d.check(`input[name="mode"][value="${mode}"]`);
      if (save) {
        // The toggle belongs to a new card (the element preselects the saved one).
        await d.check(`${EL} >> input[name="ssc-card-choice"][value="new"]`);
        await d.check(`${EL} >> [part="save"] input`);
      }
    }

    /** Picks "Use a new card" (the element preselects a saved card when there is one), types the card, pays. */
    async function payWithNewCard(number: string): Promise<void> {
      await d.check(`${EL} >> input[name="ssc-card-choice"][value="new"]`);
      await typeCard(d, `${EL} >> iframe`, number);
      await d.click(PAY);
    }

    it(`4242 saved while paying: the webhook marks the order paid and the card is listed (${engine})`, async () => {
      await openCheckout({ save: true });
      // The page's shopper (the page starts the session): their cards before paying.
      const before = (await savedCards()).map((c) => c.id);
      await payWithNewCard('4242 4242 4242 4242');
      const done = await loggedEvent(d, 'ssc-succeeded');
      assert.equal(done.status, 'succeeded');
      assert.equal(done.saved, true);
      await d.waitFor('[data-testid="order-status-value"]', { text: /^paid$/ });
      const order = await waitForOrder(j.demo, done.intentId, 'paid');
      assert.deepEqual(order.history.map((entry: Json) => `${entry.status}/${entry.source}`), ['pending/server', 'paid/webhook']);
      const after = (await savedCards()).map((c) => c.id);
      assert.deepEqual(after.filter((id) => !before.includes(id)), [done.paymentMethodId]);
    });

    it(`3155 with 3D Secure completed: authenticated, succeeded, paid (${engine})`, async () => {
      await openCheckout();
      await payWithNewCard('4000 0025 0000 3155');
      const action = await loggedEvent(d, 'ssc-action-required');
      await answerChallenge(d, 'complete');
      assert.equal((await loggedEvent(d, 'ssc-authenticated')).intentId, action.intentId);
      assert.equal((await loggedEvent(d, 'ssc-succeeded')).intentId, action.intentId);
      await waitForOrder(j.demo, action.intentId, 'paid');
    });

    it(`3184 with 3D Secure failed: the customer reads why, nothing is paid (${engine})`, async () => {
      await openCheckout();
      await payWithNewCard('4000 0027 6000 3184');
      const action = await loggedEvent(d, 'ssc-action-required');
      await answerChallenge(d, 'fail');
      const failed = await loggedEvent(d, 'ssc-authentication-failed');
      assert.equal(failed.intentId, action.intentId);
      assert.equal(failed.code, 'payment_intent_authentication_failure');
      await d.waitFor(`${EL} >> [part="error"]`, { text: /authenticat/i });
      assert.equal(await eventCount(d, 'ssc-succeeded'), 0);
      const { order } = await getJson(`${j.demo.url}/orders/${action.intentId}`, j.demo.merchantToken);
      assert.notEqual(order.status, 'paid');
    });

    it(`9995 declined for insufficient funds: message shown, order failed by the webhook (${engine})`, async () => {
      await openCheckout();
      await payWithNewCard('4000 0000 0000 9995');
      const declined = await loggedEvent(d, 'ssc-declined');
      assert.equal(declined.code, 'card_declined');
      assert.equal(declined.declineCode, 'insufficient_funds');
      await d.waitFor(`${EL} >> [part="error"]`, { text: /Your card has insufficient funds\./ });
      const order = await waitForOrder(j.demo, declined.intentId, 'failed');
      assert.equal(order.failure.code, 'card_declined');
    });

    it(`setup mode saves 3155 after 3D Secure without paying (${engine})`, async () => {
      const before = (await savedCards()).map((c) => c.id);
      await openCheckout({ mode: 'setup' });
      await payWithNewCard('4000 0025 0000 3155');
      await answerChallenge(d, 'complete');
      const done = await loggedEvent(d, 'ssc-succeeded');
      assert.equal(done.mode, 'setup');
      assert.match(done.intentId, /^seti_/);
      await d.waitFor('[data-testid="order-status-value"]', { text: /^saved$/ });
      const after = (await savedCards()).map((c) => c.id);
      assert.deepEqual(after.filter((id) => !before.includes(id)), [done.paymentMethodId]);
    });

    it(`a saved card is reused: picked from the list, paid without typing a card (${engine})`, async () => {
      const seeded = (await savedCards()).find((c) => c.last4 === '4242')!.id;
      await openCheckout();
      await d.check(`${EL} >> input[name="ssc-card-choice"][value="${seeded}"]`);
      await d.click(PAY);
      const done = await loggedEvent(d, 'ssc-succeeded');
      assert.equal(done.paymentMethodId, seeded);
      await waitForOrder(j.demo, done.intentId, 'paid');
    });

    it(`off-session 3184 needs the customer: the recovery page confirms the same PaymentIntent after 3D Secure (${engine})`, async () => {
      await openCheckout({ mode: 'setup' });
      await payWithNewCard('4000 0027 6000 3184');
      await answerChallenge(d, 'complete');
      const pm = (await loggedEvent(d, 'ssc-succeeded')).paymentMethodId;

      // The Merchant panel's URL as `npm start` prints it: the token in the fragment.
      await d.goto(`${j.demo.url}/#token=${j.demo.merchantToken}`);
      await d.click(`#saved-cards li[data-pm="${pm}"] [data-action="charge"]`);
      const result = await d.waitFor('#charge-result.warn, #charge-result.ok, #charge-result.bad');
      assert.match(result, /requires authentication/);
      const order = j.demo.db.listOrders(50).find((o) => o.kind === 'off_session' && o.paymentMethodId === pm)!;
      assert.equal(order.status, 'requires_customer_action');

      await d.click('[data-testid="recovery-link"]');
      await d.waitForUrl((url) => url.pathname === '/pay/recover');
      // Until the card is ready the button is aria-disabled and a click on it does nothing: a click that beat the
      // load (WebKit loads slowest) left the journey waiting for a challenge that never came.
      await d.waitFor('#recover >> [part="button"][aria-disabled="false"]');
      // The webhook that marks the order paid comes late (its first two deliveries fail and are retried), as it may
      // on a busy machine: the page must keep polling past "requires_customer_action", the state it started from
      // (it stopped there, which was the flake).
      j.demo.faults.failWebhooks = 2;
      j.demo.faults.failWebhookType = 'payment_intent.succeeded';
      await d.click('#recover >> [part="button"]');
      await answerChallenge(d, 'complete');
      await d.waitFor('[data-testid="order-status"][data-status="paid"]');
      assert.equal(j.demo.faults.failWebhooks, 0, 'both late deliveries were answered 500 and retried');
      j.demo.faults.failWebhookType = undefined;
      assert.match((await d.text('#recover-log')) ?? '', new RegExp(`ssc-succeeded .*"intentId":"${order.intentId}"`));
      const intent = await j.demo.stripe.paymentIntents.retrieve(order.intentId!);
      assert.equal(intent.status, 'succeeded');
      assert.equal(intent.amount, 1500);
    });

    it(`Checkout's hosted page in setup mode saves a card and returns to the shop (${engine})`, async () => {
      await d.goto(`${j.demo.url}/#merchant`);
      await d.click('#checkout-setup');
      await d.waitForUrl((url) => url.pathname.startsWith('/checkout/cs_'));
      await d.type('#cardnumber', '4242424242424242');
      await d.type('#exp-date', '1234');
      await d.type('#cvc', '123');
      await d.type('#postal', '42424');
      await d.click('#submit');
      await d.waitForUrl((url) => url.pathname === '/checkout/success');
      assert.match(await d.waitFor('[data-testid="saved-card"]'), /visa •••• 4242/);
      const pm = (await d.attribute('[data-testid="saved-card"]', 'data-pm'))!;
      assert.ok((await savedCards()).some((c) => c.id === pm), `${pm} is not among the saved cards`);
    });

    it(`inside another component's shadow root in a scrolling panel: the card stays over its box and pays (${engine})`, async () => {
      await d.goto(`${j.fixturesUrl}${NESTED_SHADOW_PATH}`);
      await loggedEvent(d, 'ssc-ready');
      const FRAME = 'iframe[name^="__privateStripeFrame"]';
      const CARD = '#shop >> stripe-save-card >> [part="card"]';
      // The card iframe's box relative to the card part's box, and whether it lies within it.
      const placement = () => d.run<{ dx: number; dy: number; inside: boolean; top: number }>(`
        const frame = findAll(frameSelector)[0].getBoundingClientRect();
        const card = findAll(cardSelector)[0].getBoundingClientRect();
        const inside = frame.left >= card.left - 1 && frame.right <= card.right + 1 && frame.top >= card.top - 1 && frame.bottom <= card.bottom + 1;
        return { dx: Math.round(frame.left - card.left), dy: Math.round(frame.top - card.top), inside, top: Math.round(card.top) };`,
      { frameSelector: FRAME, cardSelector: CARD });
      await d.run('document.getElementById("panel").scrollTop = 420; return true;');
      const start = await d.until('the card iframe over the card box', async () => ((await placement()).inside ? placement() : undefined), 5_000);
      await d.run('document.getElementById("panel").scrollTop -= 150; return true;');
      // Scroll events arrive on the next frame: the iframe must follow within a moment, to the same spot.
      const moved = await d.until('the card iframe back over the card box after scrolling', async () => {
        const now = await placement();
        return now.top !== start.top && now.inside && now.dx === start.dx && now.dy === start.dy ? now : undefined;
      }, 2_000);
      assert.equal(moved.top - start.top, 150);
      await typeCard(d, FRAME, '4242 4242 4242 4242');
      await d.click('#shop >> stripe-save-card >> [part="button"]');
      const done = await loggedEvent(d, 'ssc-succeeded');
      await waitForOrder(j.demo, done.intentId, 'paid');
    });
  });
}
