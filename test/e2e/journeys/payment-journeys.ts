// The Payment Element journeys (<stripe-save-payment> from its script tag, on the demo page, through the reference
// server's /payment-element/* routes and the embedded emulator), written once and run on each engine: a card paid,
// 3D Secure completed and failed, a decline then a success on the same intent, saving with the toggle, saving with
// Stripe's checkbox then paying with the saved card and removing it (save-ui="stripe"), an iDEAL
// round trip that is reported once and survives a reload, and a SEPA debit that ends paid by webhook.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_LABELS, type EngineName } from '../../browser/helpers/engines/engines.mjs';
import type { Json } from '../demo-harness.js';
import type { Driver } from '../driver/driver.js';
import { answerChallenge, startJourney, waitForOrder } from './harness.js';

const EL = '#payment-element-checkout';
const PAY = `${EL} >> [part="button"]`;
const FRAME = `${EL} >> iframe[title="Secure payment input frame"]`;
const LOG = '#pe-event-log';

export function paymentJourneys(engine: EngineName): void {
  describe(`Payment Element journeys on ${ENGINE_LABELS[engine]}`, () => {
    let j: Awaited<ReturnType<typeof startJourney>>;
    let d: Driver;

    before(async () => {
      j = await startJourney(engine);
      d = j.driver;
    });
    after(async () => {
      await j?.close();
    });

    /** The n-th (1-based) ssc-* event in the Payment Element checkout's own log. */
    async function event(name: string, nth = 1, timeout?: number): Promise<Json> {
      const selector = `${LOG} li[data-event="${name}"]`;
      const text = await d.until(`event ${name} #${nth}`, () => d.run<string | null>(
        'const item = findAll(selector)[nth - 1]; return item ? item.querySelector("pre").textContent : null;', { selector, nth },
      ).then((found) => found ?? undefined), timeout);
      return JSON.parse(text);
    }
    const count = (name: string) => d.count(`${LOG} li[data-event="${name}"]`);

    let visits = 0;
    async function open(): Promise<void> {
      // A fresh page load each time (a hash-only change would keep the finished checkout on screen).
      await d.goto(`${j.demo.url}/?visit=${++visits}#payment-element`);
      await event('ssc-ready');
    }

    async function typeCard(number: string): Promise<void> {
      const field = (name: string) => `${FRAME} >> input[name="${name}"]`;
      await d.type(field('number'), number);
      await d.type(field('expiry'), '1234');
      await d.type(field('cvc'), '123');
      if (await d.count(field('postalCode'))) await d.type(field('postalCode'), '94107');
    }

    it(`card 4242: succeeded, the order paid in euros by the webhook (${engine})`, async () => {
      await open();
      await typeCard('4242424242424242');
      await d.click(PAY);
      const done = await event('ssc-succeeded');
      assert.equal(done.status, 'succeeded');
      const order = await waitForOrder(j.demo, done.intentId, 'paid');
      assert.equal(order.currency, 'eur');
      assert.equal(order.amount, 1999);
      assert.deepEqual(order.history.map((entry: Json) => `${entry.status}/${entry.source}`), ['pending/server', 'paid/webhook']);
      await d.waitFor('#pe-order-status [data-testid="order-status-value"]', { text: /^paid$/ });
    });

    it(`9995 declined, then 4242 pays the same intent: one order, paid once (${engine})`, async () => {
      await open();
      await typeCard('4000000000009995');
      await d.click(PAY);
      const declined = await event('ssc-declined');
      assert.equal(declined.declineCode, 'insufficient_funds');
      await d.waitFor(`${EL} >> [part="error"]`, { text: /insufficient funds/i });
      // The shopper corrects the number: select it all and type the new one.
      await clearAndType('number', '4242424242424242');
      await d.click(PAY);
      const done = await event('ssc-succeeded');
      assert.equal(done.intentId, declined.intentId);
      const order = await waitForOrder(j.demo, done.intentId, 'paid');
      assert.deepEqual(order.history.map((entry: Json) => entry.status), ['pending', 'failed', 'paid']);
    });

    async function clearAndType(name: string, text: string): Promise<void> {
      const selector = `${FRAME} >> input[name="${name}"]`;
      // What select-all and delete does to the field (the driver has no key chords), then real typing.
      await d.run('const input = findAll(selector)[0]; input.value = ""; input.dispatchEvent(new Event("input", { bubbles: true })); return true;', { selector });
      await d.type(selector, text);
    }

    it(`3155 with 3D Secure completed, then failed: paid once, and the failure is shown (${engine})`, async () => {
      await open();
      await typeCard('4000002500003155');
      await d.click(PAY);
      await answerChallenge(d, 'complete');
      const done = await event('ssc-succeeded');
      await waitForOrder(j.demo, done.intentId, 'paid');

      await open();
      await typeCard('4000002500003155');
      await d.click(PAY);
      await answerChallenge(d, 'fail');
      const failed = await event('ssc-authentication-failed');
      assert.match(failed.code, /authentication_failure$/);
      assert.equal(await count('ssc-succeeded'), 0);
    });

    it(`save with the toggle: the card paid with is the shopper's saved card afterwards (${engine})`, async () => {
      await open();
      const saved = async (): Promise<string[]> =>
        (await d.run<{ cards: { id: string }[] }>("return fetch('/saved-cards').then((res) => res.json());")).cards.map((c) => c.id);
      const before = await saved();
      await typeCard('5555555555554444');
      await d.check(`${EL} >> [part="save"] input`);
      await d.click(PAY);
      const done = await event('ssc-succeeded');
      assert.equal(done.saved, true);
      await waitForOrder(j.demo, done.intentId, 'paid');
      const intent = await j.demo.stripe.paymentIntents.retrieve(done.intentId);
      assert.equal(intent.setup_future_usage, 'off_session');
      const added = (await saved()).filter((id) => !before.includes(id));
      assert.deepEqual(added, [done.paymentMethodId]);
    });

    it(`save with Stripe's checkbox, then reuse and remove (save-ui="stripe") (${engine})`, async () => {
      /** A fresh page with the Saving switch on Stripe's checkbox: the element rebuilt with the shopper's CustomerSession. */
      async function openWithStripeSaving(): Promise<void> {
        await open();
        await d.check('input[name="pe-save-ui"][value="stripe"]');
        await event('ssc-ready', 2);
      }
      const customer = async (pm: string) => (await j.demo.stripe.paymentMethods.retrieve(pm)).customer;

      await openWithStripeSaving();
      // No method saved for redisplay yet: the new-method form, with Stripe's checkbox instead of our toggle.
      assert.equal(await d.count(`${FRAME} >> .p-SavedPaymentMethod`), 0);
      assert.equal(await d.run<boolean>('return document.querySelector("#payment-element-checkout").shadowRoot.querySelector("[part=save]").hidden;'), true);
      await typeCard('5555555555554444');
      await d.click(`${FRAME} >> #save-payment-method`);
      await d.click(PAY);
      const paid = await event('ssc-succeeded');
      assert.equal(paid.saved, true);
      await waitForOrder(j.demo, paid.intentId, 'paid');
      const intent = await j.demo.stripe.paymentIntents.retrieve(paid.intentId);
      assert.equal(intent.setup_future_usage, 'off_session');
      const saved = await j.demo.stripe.paymentMethods.retrieve(paid.paymentMethodId);
      assert.equal(saved.allow_redisplay, 'always');
      assert.equal(saved.customer, intent.customer);

      // The next checkout: Stripe's list shows the card, chosen; paying uses it without typing anything.
      await openWithStripeSaving();
      const row = `${FRAME} >> [data-payment-method="${saved.id}"]`;
      await d.waitFor(row, { text: /Mastercard •••• 4444/ });
      assert.equal(await d.isChecked(`${FRAME} >> input[name="saved-payment-method"][value="${saved.id}"]`), true);
      await d.click(PAY);
      const reused = await event('ssc-succeeded');
      assert.equal(reused.paymentMethodId, saved.id);
      assert.equal(reused.saved, false);
      assert.notEqual(reused.intentId, paid.intentId);
      await waitForOrder(j.demo, reused.intentId, 'paid');

      // And the shopper removes it from Stripe's list: detached from their customer, gone from the list.
      await openWithStripeSaving();
      await d.waitFor(row);
      await d.click(`${FRAME} >> [data-remove="${saved.id}"]`);
      await d.until('the card gone from the list', async () => ((await d.count(row)) === 0 ? true : undefined));
      await d.until('the card detached', async () => ((await customer(saved.id)) === null ? true : undefined));
    });

    it(`iDEAL: the bank page, back on the demo page reported once, and not again after a reload (${engine})`, async () => {
      await open();
      await d.click(`${FRAME} >> #ideal-tab`);
      await d.click(PAY);
      const required = await event('ssc-action-required');
      assert.equal(required.type, 'redirect_to_url');
      await d.click('iframe[name="stripe-redirect-frame"] >> #authorize-test-payment');
      const done = await event('ssc-succeeded', 1, 15_000);
      assert.equal(done.intentId, required.intentId);
      // The element removed Stripe's parameters from the address.
      const url = new URL(await d.url());
      assert.equal(url.searchParams.get('payment_intent_client_secret'), null);
      await waitForOrder(j.demo, done.intentId, 'paid');
      // A real reload of the page the bank sent the shopper back to (goto to the same URL would only move to its hash).
      await d.run('setTimeout(() => location.reload(), 0); return true;');
      await d.until('the reloaded page, its log empty', async () => ((await count('ssc-succeeded')) === 0 ? true : undefined));
      await event('ssc-ready');
      // Give a second report the time it would take to arrive (the first came within the page's load).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(await count('ssc-succeeded'), 0);
    });

    it(`confirm="server": the server confirms with the ConfirmationToken and its own answer marks the order paid (${engine})`, async () => {
      await open();
      await d.check('input[name="pe-confirm"][value="server"]');
      await typeCard('4242424242424242');
      await d.click(PAY);
      const done = await event('ssc-succeeded');
      const order = await waitForOrder(j.demo, done.intentId, 'paid');
      assert.deepEqual(order.history.map((entry: Json) => `${entry.status}/${entry.source}`).slice(0, 2), ['pending/server', 'paid/server']);
    });

    it(`SEPA Debit: processing at once, paid later by Stripe's webhook (${engine})`, async () => {
      await open();
      await d.click(`${FRAME} >> #sepa_debit-tab`);
      await d.type(`${FRAME} >> input[name="name"]`, 'Jenny Rosen');
      await d.type(`${FRAME} >> input[name="email"]`, 'jenny@example.com');
      await d.type(`${FRAME} >> input[name="iban"]`, 'DE89370400440532013000');
      await d.click(PAY);
      const done = await event('ssc-succeeded');
      assert.equal(done.status, 'processing');
      const { order: pending } = await (await fetch(`${j.demo.url}/orders/${done.intentId}`, { headers: { Authorization: `Bearer ${j.demo.merchantToken}` } })).json() as Json;
      assert.equal(pending.status, 'pending');
      const order = await waitForOrder(j.demo, done.intentId, 'paid', 20_000);
      assert.equal(order.history.at(-1).source, 'webhook');
    });
  });
}
