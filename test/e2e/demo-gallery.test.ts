// The designers' side of the demo: every state in the gallery (without touching the merchant's records), live
// theming (card iframe included) from the custom properties the element documents, Copy CSS / Copy HTML,
// click-to-copy test cards, and a clear message when the element has not been built. Screenshots go to test-results/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemo } from '../../demo/server/demo.js';
import { loggedEvent, resultsDir, startHarness, type Harness, type Json } from './demo-harness.js';

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

async function waitStatus(state: string, status: string, timeout = 15_000) {
  await page.locator(`[data-tile="${state}"] [data-testid="tile-status"]`, { hasText: status }).waitFor({ timeout });
}

/** Stripe's (fake) Payment Element iframe in a <stripe-save-payment> tile. */
const paymentFrame = (state: string) => tile(state).frameLocator('iframe[title="Secure payment input frame"]');
/** Something a designer can see in a tile: it waits until it is visible. */
const seen = (locator: ReturnType<Page['locator']>) => locator.first().waitFor({ state: 'visible', timeout: 30_000 });

/** Every shopper's orders (as the merchant), or the page's shopper's saved cards. */
async function api(path: string): Promise<Json> {
  if (path === '/orders') return (await fetch(`${h.demo.url}/orders`, { headers: { Authorization: `Bearer ${h.demo.merchantToken}` } })).json();
  return h.asShopper(path);
}

/** The custom properties the element documents (its build's custom-elements.json). */
function documentedProperties(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
  const element = manifest.modules.flatMap((m: Json) => m.declarations ?? []).find((d: Json) => d.tagName === 'stripe-save-card');
  return element.cssProperties.map((p: Json) => p.name);
}

const rgb = (locator: ReturnType<Page['locator']>, property: 'backgroundColor' | 'color') =>
  locator.evaluate((node, p) => getComputedStyle(node)[p], property);

describe('demo gallery', () => {
  it('shows every state of the element side by side, and never touches the merchant\'s orders or cards', async () => {
    await page.goto(`${h.demo.url}/?gallery=1#gallery`);
    // The page's shopper (the page starts the session): their cards before the tiles pay.
    const cardsBefore = (await api('/saved-cards')).cards.map((c: Json) => c.id);
    await waitStatus('ready', 'ssc-ready');
    await waitStatus('invalid', 'ssc-change');
    await tile('invalid').locator('[part="error"]', { hasText: 'Your card number is invalid.' }).waitFor();
    await waitStatus('processing', 'ssc-submit');
    await tile('processing').locator('[part="message"]', { hasText: /Processing/ }).waitFor();
    await waitStatus('3ds', 'ssc-action-required');
    // The Payment Element section above the gallery grows when its element mounts, after the page scrolled to
    // #gallery; Playwright scrolls the tile's own frame but not the page around it, so bring the tile into view first.
    await page.locator('iframe[data-state="3ds"]').scrollIntoViewIfNeeded();
    await tile('3ds').frameLocator('iframe[name="stripe-challenge-frame"]').locator('#test-source-authorize-3ds').click();
    await waitStatus('3ds', 'ssc-succeeded');
    await waitStatus('declined', 'ssc-declined');
    await tile('declined').locator('[part="error"]', { hasText: 'Your card has insufficient funds.' }).waitFor();
    await waitStatus('succeeded', 'ssc-succeeded');
    await waitStatus('saved', 'ssc-ready');
    await tile('saved').locator('[part="saved-cards"]', { hasText: /Visa ending in 4242/ }).waitFor();
    await waitStatus('setup', 'ssc-ready');
    await tile('setup').locator('[part="button"]', { hasText: 'Save card' }).waitFor();
    await waitStatus('load-failure', 'ssc-error');
    await tile('load-failure').locator('[part="error"]', { hasText: /\S/ }).waitFor();
    // Loading stays loading: Stripe.js never arrives in that tile.
    assert.equal(await tileStatus('loading').textContent(), 'mounting');

    // Two payments succeeded and one was declined in the tiles, and every webhook has arrived: still no order.
    await h.demo.emulator!.webhooksIdle();
    assert.deepEqual((await api('/orders')).orders, []);
    assert.deepEqual((await api('/saved-cards')).cards.map((c: Json) => c.id), cardsBefore);
    await page.locator('#refresh-orders').click();
    await page.locator('#orders td.empty', { hasText: 'No orders yet' }).waitFor();
    await page.addStyleTag({ content: '.topbar { position: static !important; }' });
    await page.locator('#gallery').screenshot({ path: join(resultsDir, 'demo-gallery.png') });
  });

  it('shows every state of <stripe-save-payment> beside the card\'s, each a real Payment Element driven on the emulator', async () => {
    await page.goto(`${h.demo.url}/?gallery=1#gallery`);
    const cardsBefore = (await api('/saved-cards')).cards.map((c: Json) => c.id);
    await page.locator('.gallery-group', { hasText: '<stripe-save-payment>' }).waitFor();
    // Ready, tabs: Stripe's tabs, the card's fields, and our save toggle (a card can be saved), Pay with the amount.
    // (The Payment Element's first `change`, with the method shown, follows its `ready`: that is the last event.)
    await waitStatus('pe-ready', 'ssc-change', 30_000);
    await seen(paymentFrame('pe-ready').locator('[role="tab"][aria-selected="true"]', { hasText: 'Card' }));
    await seen(paymentFrame('pe-ready').locator('[role="tab"]', { hasText: 'SEPA Debit' }));
    await seen(paymentFrame('pe-ready').locator('label', { hasText: 'Card number' }));
    await seen(tile('pe-ready').locator('[part="save"]', { hasText: 'Save payment details for future purchases' }));
    await seen(tile('pe-ready').locator('[part="button"]', { hasText: /^Pay €19\.99$/ }));
    // Accordion: one radio per method, no tabs.
    await waitStatus('pe-accordion', 'ssc-change', 30_000);
    await seen(paymentFrame('pe-accordion').getByRole('radio', { name: 'iDEAL' }));
    assert.equal(await paymentFrame('pe-accordion').getByRole('radio', { name: 'Card' }).isChecked(), true);
    assert.equal(await paymentFrame('pe-accordion').locator('[role="tab"]').count(), 0);
    // iDEAL chosen: its bank list and redirect notice, and no save toggle (an iDEAL payment can't be saved).
    await waitStatus('pe-not-savable', 'ssc-change', 30_000);
    await seen(paymentFrame('pe-not-savable').locator('#redirect-notice', { hasText: 'redirected' }));
    await seen(paymentFrame('pe-not-savable').locator('label', { hasText: 'iDEAL Bank' }));
    assert.equal(await tile('pe-not-savable').locator('[part="save"]').isHidden(), true);
    assert.equal(await tile('pe-ready').locator('[part="save"]').isVisible(), true);
    // Filled in, not submitted: the number as Stripe formats it, no error, nothing in flight.
    await waitStatus('pe-complete', 'ssc-change', 30_000);
    const typed = async () => [await paymentFrame('pe-complete').locator('input[name="number"]').inputValue(), await paymentFrame('pe-complete').locator('input[name="cvc"]').inputValue()];
    for (const until = Date.now() + 15_000; (await typed())[1] !== '123' && Date.now() < until;) await page.waitForTimeout(100);
    assert.deepEqual(await typed(), ['4242 4242 4242 4242', '123']);
    assert.equal((await tile('pe-complete').locator('[part="error"]').textContent())?.trim(), '');
    assert.equal(await tile('pe-complete').locator('[part="button"]').getAttribute('aria-disabled'), 'false');
    // Processing: the backend holds the intent request.
    await waitStatus('pe-processing', 'ssc-submit', 30_000);
    await seen(tile('pe-processing').locator('[part="message"]', { hasText: 'Processing your payment' }));
    await waitStatus('pe-succeeded', 'ssc-succeeded', 30_000);
    await seen(tile('pe-succeeded').locator('[part="message"]', { hasText: 'Payment succeeded.' }));
    // Declined: Stripe's own message.
    await waitStatus('pe-declined', 'ssc-declined', 30_000);
    await seen(tile('pe-declined').locator('[part="error"]', { hasText: 'Your card has insufficient funds.' }));
    // 3D Secure: the challenge is open over the tile (the client flow tells the element nothing before it); answered, paid.
    await page.locator('iframe[data-state="pe-3ds"]').scrollIntoViewIfNeeded();
    const challenge = tile('pe-3ds').frameLocator('iframe[name="stripe-challenge-frame"]').locator('#test-source-authorize-3ds');
    await seen(challenge);
    await challenge.click();
    await waitStatus('pe-3ds', 'ssc-succeeded', 30_000);
    // iDEAL leaving for the bank: the element says so (ssc-action-required), then the bank's test page shows.
    await waitStatus('pe-redirect', 'ssc-action-required', 30_000);
    await seen(tile('pe-redirect').locator('[part="message"]', { hasText: 'Waiting for your bank' }));
    await seen(tile('pe-redirect').frameLocator('iframe[name="stripe-redirect-frame"]').getByRole('heading', { name: 'iDEAL test payment page' }));
    // A designer who answers the bank sees the return: the tile comes back to its page and the element reports once.
    await tile('pe-redirect').frameLocator('iframe[name="stripe-redirect-frame"]').getByRole('button', { name: 'Authorize Test Payment' }).click();
    // (The footer then shows the Payment Element's first ssc-change, which follows the element's report.)
    await seen(tile('pe-redirect').locator('[part="message"]', { hasText: 'Payment succeeded.' }));
    assert.equal(new URL(await page.locator('iframe[data-state="pe-redirect"]').evaluate((f: HTMLIFrameElement) => f.contentWindow!.location.href)).searchParams.has('payment_intent'), false);
    // SEPA Debit: accepted, paid later.
    await waitStatus('pe-sepa', 'ssc-succeeded', 30_000);
    await seen(tile('pe-sepa').locator('[part="message"]', { hasText: 'Payment received: your bank is processing it.' }));
    await seen(paymentFrame('pe-sepa').locator('#sepa-mandate', { hasText: 'to debit your account' }));
    await waitStatus('pe-setup', 'ssc-change', 30_000);
    await seen(tile('pe-setup').locator('[part="button"]', { hasText: /^Save payment details$/ }));
    // A backend that fails: our words, not the backend's.
    await waitStatus('pe-backend-error', 'ssc-error', 30_000);
    await seen(tile('pe-backend-error').locator('[part="error"]', { hasText: 'Something went wrong on our side. Please try again later.' }));
    // Pay with nothing typed: elements.submit()'s message, in the element and under Stripe's field.
    await waitStatus('pe-validation', 'ssc-error', 30_000);
    await seen(tile('pe-validation').locator('[part="error"]', { hasText: 'Your card number is incomplete.' }));
    await seen(paymentFrame('pe-validation').locator('.p-FieldError', { hasText: 'Your card number is incomplete.' }));

    await h.demo.emulator!.webhooksIdle();
    assert.deepEqual((await api('/orders')).orders, []);
    assert.deepEqual((await api('/saved-cards')).cards.map((c: Json) => c.id), cardsBefore);
    await page.addStyleTag({ content: '.topbar { position: static !important; }' });
    await page.locator('#gallery').screenshot({ path: join(resultsDir, 'demo-gallery-payment.png') });
  });

  it('shows the states in the language picked: German words, Arabic right to left (the language script tags are served)', async () => {
    await page.goto(`${h.demo.url}/?gallery=1#gallery`);
    await page.selectOption('#gallery-language', 'de');
    await waitStatus('ready', 'ssc-ready');
    await tile('ready').locator('[part="button"]', { hasText: 'bezahlen' }).waitFor({ timeout: 15_000 });
    assert.equal(await tile('ready').locator('[part="form"]').getAttribute('lang'), 'de');
    await page.selectOption('#gallery-language', 'ar');
    await waitStatus('ready', 'ssc-ready');
    const form = tile('ready').locator('[part="form"][dir="rtl"]');
    await form.waitFor({ timeout: 15_000 });
    assert.equal(await form.getAttribute('lang'), 'ar');
    // The Payment Element tiles too: the tag's words and Stripe's (the fake's) tabs, labels and validation text.
    await page.selectOption('#gallery-language', 'de');
    await waitStatus('pe-ready', 'ssc-change', 30_000);
    await seen(tile('pe-ready').locator('[part="button"]', { hasText: '€ bezahlen' }));
    await seen(paymentFrame('pe-ready').locator('[role="tab"]', { hasText: 'SEPA-Lastschrift' }));
    await seen(paymentFrame('pe-ready').locator('label', { hasText: 'Kartennummer' }));
    await waitStatus('pe-validation', 'ssc-error', 30_000);
    await seen(tile('pe-validation').locator('[part="error"]', { hasText: 'Ihre Kartennummer ist unvollständig.' }));
    await seen(paymentFrame('pe-validation').locator('.p-FieldError', { hasText: 'Ihre Kartennummer ist unvollständig.' }));
    await page.selectOption('#gallery-language', 'en');
  });

  it('never pulls the page\'s focus or scroll to a tile', async () => {
    await page.goto(`${h.demo.url}/`);
    await loggedEvent(page, 'ssc-ready');
    // A person opens the States section from the nav (the tiles start as it comes into view), then tabs on in the nav.
    await page.locator('.topbar nav a[href="#gallery"]').click();
    const scrolled = await page.evaluate(() => scrollY);
    await page.locator('.topbar nav a[href="#theme"]').focus();
    // The card field moves focus as it is typed into and the challenge focuses its button: neither may reach the page.
    await waitStatus('3ds', 'ssc-action-required');
    await tile('3ds').frameLocator('iframe[name="stripe-challenge-frame"]').locator('#test-source-authorize-3ds').waitFor();
    await waitStatus('declined', 'ssc-declined');
    assert.equal(await page.evaluate(() => scrollY), scrolled);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#theme');
  });

  it('tiles that cannot load (the server is down) throw nothing on the page, and Replay brings them back', async () => {
    await page.goto(`${h.demo.url}/`);
    await loggedEvent(page, 'ssc-ready');
    await h.demo.stopHttp();
    try {
      await page.evaluate(() => document.getElementById('gallery')!.scrollIntoView());
      // Every tile ends on the browser's error page (another origin than the demo's).
      const failed = () => page.frames().filter((f) => f.url().startsWith('chrome-error://')).length;
      const tiles = await page.locator('#gallery-grid iframe').count();
      assert.ok(tiles >= 23, `${tiles} tiles`);
      for (const until = Date.now() + 15_000; failed() < tiles && Date.now() < until;) await page.waitForTimeout(100);
      assert.equal(failed(), tiles);
      assert.equal(await tileStatus('ready').textContent(), 'not started');
    } finally {
      await h.demo.startHttp();
    }
    await page.locator('[data-tile="ready"] button', { hasText: 'Replay' }).click();
    await waitStatus('ready', 'ssc-ready');
    assert.deepEqual(h.takePageErrors(), []);
  });
});

describe('demo theming', () => {
  it('wears the page\'s one brand accent: the element is themed like a merchant would', async () => {
    await page.goto(`${h.demo.url}/`);
    await loggedEvent(page, 'ssc-ready');
    const brand = await page.locator('.button#copy-css').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(await rgb(page.locator('#checkout-element [part="button"]'), 'backgroundColor'), brand);
    assert.equal(await rgb(page.locator('#theme-preview [part="button"]'), 'backgroundColor'), brand);
    assert.match((await page.locator('#theme-css').textContent()) ?? '', /--ssc-accent: #4f46e5;/);
  });

  it('has a control for every custom property the element documents, and shows slider values', async () => {
    await page.goto(`${h.demo.url}/#theme`);
    await loggedEvent(page, 'ssc-ready');
    const documented = documentedProperties();
    assert.ok(documented.length >= 14, documented.join(', '));
    for (const name of documented) {
      assert.equal(await page.locator(`#theme-form [name="${name}"]`).count(), 1, `no control for ${name}`);
    }
    const radius = page.locator('#theme-form input[name="--ssc-radius"]');
    const shown = radius.locator('xpath=following-sibling::output');
    assert.equal(await shown.textContent(), '8px');
    await radius.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await shown.textContent(), '12px');
    const card = page.locator('#checkout-element [part="card"]');
    assert.equal(await card.evaluate((c) => getComputedStyle(c).borderTopLeftRadius), '12px');
    assert.match((await page.locator('#theme-css').textContent()) ?? '', /--ssc-radius: 12px;/);
    // Every other slider says its value too.
    for (const output of await page.locator('#theme-form input[type="range"] ~ output').all()) {
      assert.match((await output.textContent()) ?? '', /^\d+px$/);
    }
  });

  it('applies the theme live to every element, the card iframe included; Copy CSS and Copy HTML', async () => {
    await page.goto(`${h.demo.url}/?gallery=1`);
    await loggedEvent(page, 'ssc-ready');
    await waitStatus('ready', 'ssc-ready');
    await page.locator('#theme-form input[name="--ssc-accent"]').fill('#ff0000');
    await page.locator('#theme-form input[name="--ssc-color"]').fill('#00aa00');
    await page.locator('#theme-form input[name="--ssc-icon-color"]').fill('#0000ff');
    const button = page.locator('#checkout-element [part="button"]');
    assert.equal(await rgb(button, 'backgroundColor'), 'rgb(255, 0, 0)');
    assert.equal(await rgb(tile('ready').locator('[part="button"]'), 'backgroundColor'), 'rgb(255, 0, 0)');
    // The card field is in an iframe page CSS can't reach: the element passes the theme into it.
    const cardFrame = tile('ready').frameLocator('stripe-save-card iframe');
    assert.equal(await rgb(cardFrame.locator('input[name="cardnumber"]'), 'color'), 'rgb(0, 170, 0)');
    assert.equal(await rgb(cardFrame.locator('.CardBrandIcon'), 'color'), 'rgb(0, 0, 255)');
    // The payment tag's own parts follow at once; Stripe's Payment Element takes the theme as its `appearance` when
    // it mounts, so its tiles play again once the designer pauses: the chosen tab then wears the accent.
    assert.equal(await rgb(tile('pe-ready').locator('[part="button"]'), 'backgroundColor'), 'rgb(255, 0, 0)');
    const chosenTab = paymentFrame('pe-ready').locator('[role="tab"][aria-selected="true"]');
    let tabColor = '';
    for (const until = Date.now() + 30_000; tabColor !== 'rgb(255, 0, 0)' && Date.now() < until;) {
      tabColor = await rgb(chosenTab, 'color').catch(() => '');
      if (tabColor !== 'rgb(255, 0, 0)') await page.waitForTimeout(200);
    }
    assert.equal(tabColor, 'rgb(255, 0, 0)');
    assert.match((await page.locator('#theme-css').textContent()) ?? '', /--ssc-accent: #ff0000;/);

    await page.locator('#copy-css').click();
    await page.locator('#copy-note', { hasText: 'Copied' }).waitFor();
    const css = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(css, /^stripe-save-card \{\n/);
    assert.match(css, /\n {2}--ssc-accent: #ff0000;\n/);
    await page.evaluate(() => { document.getElementById('copy-note')!.textContent = ''; });
    await page.locator('#copy-html').click();
    await page.locator('#copy-note', { hasText: 'Copied' }).waitFor();
    const html = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(html, /<script src="[^"]*stripe-save-card\.min\.js"><\/script>/);
    assert.ok(html.includes(css), html);
    assert.match(html, /<stripe-save-card publishable-key="pk_test_\.\.\." intent-url="[^"]+"/);

    await page.locator('#theme-form label', { hasText: 'Dark page' }).click();
    assert.equal(await rgb(button, 'backgroundColor'), 'rgb(129, 140, 248)');
    await page.locator('#gallery').scrollIntoViewIfNeeded();
    await waitStatus('declined', 'ssc-declined');
    await waitStatus('load-failure', 'ssc-error');
    await page.addStyleTag({ content: '.topbar { position: static !important; }' });
    await page.locator('#gallery').screenshot({ path: join(resultsDir, 'demo-gallery-dark.png') });
    await page.locator('#reset-theme').click();
    assert.equal(await rgb(button, 'backgroundColor'), 'rgb(79, 70, 229)');
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
      await page.locator('#theme-form', { hasText: 'npm run build' }).waitFor();
      page.off('console', listener);
      assert.ok(messages.some((m) => m.includes('npm run build')), messages.join('\n'));
    } finally {
      await demo.close();
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });
});
