// The language script tags (dist/translations/<lang>.min.js) with <stripe-save-payment>'s script-tag file, in
// Chromium: loaded before the payment tag, or after it rendered, each registers with it (the payment tag alone on
// the page, or beside the card tag: each script-tag file has its own registry, and both get the language). A
// publishable key the element refuses keeps Stripe.js out: the failed state is all in the page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';
import { de } from '../../src/translations/de.js';
import { ar } from '../../src/translations/ar.js';

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
const script = (body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/javascript' });
  res.end(body);
};

let browser: Browser;
let site: PageServer;

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = (lang: string, headScripts: string, tags: string) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="${lang}"><head><title>languages</title>${headScripts}</head><body>${tags}</body></html>`);
  };
  const payment = '<stripe-save-payment publishable-key="pk_refused" amount="1999" currency="eur"></stripe-save-payment>';
  site = await startPageServer({
    '/ssc.js': script(dist('stripe-save-card.min.js')),
    '/ssp.js': script(dist('stripe-save-payment.min.js')),
    '/de.js': script(dist('translations/de.min.js')),
    '/ar.js': script(dist('translations/ar.min.js')),
    '/before': page('de-AT', '<script src="/de.js"></script><script src="/ssp.js"></script>', payment),
    '/after-both': page('ar', '<script src="/ssc.js"></script><script src="/ssp.js"></script>',
      `<stripe-save-card publishable-key="pk_refused"></stripe-save-card>${payment}`),
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** One element's error line, button text, group label and form lang/dir once its load has failed. */
const failedForm = (tag: string) => {
  const root = document.querySelector(tag)!.shadowRoot!;
  const form = root.querySelector('form')!;
  return { error: root.querySelector('[part=error]')!.textContent, button: root.querySelector('[part=button]')!.textContent, lang: form.lang, direction: getComputedStyle(form).direction };
};
const buttonIs = ([tag, text]: string[]) => document.querySelector(tag!)?.shadowRoot?.querySelector('[part=button]')?.textContent === text;

test('payment tag: a language loaded before it: the first render is in it, the group label too, no global added', async () => {
  const page = await browser.newPage();
  page.on('console', () => {});
  await page.goto(`${site.url}/before`);
  await page.waitForFunction(buttonIs, ['stripe-save-payment', de.retry]);
  assert.deepEqual(await page.evaluate(failedForm, 'stripe-save-payment'), { error: de.failed, button: de.retry, lang: 'de', direction: 'ltr' });
  const label = await page.evaluate(() => document.querySelector('stripe-save-payment')!.shadowRoot!.querySelector('[role=group]')!.getAttribute('aria-label'));
  assert.equal(label, de.paymentDetails);
  const globals = await page.evaluate(() => Object.keys(window).filter((key) => /translation|stripe/i.test(key)));
  assert.deepEqual(globals, []);
  await page.close();
});

test('both tags on the page, a language loaded after they rendered: each re-renders in it, right to left', async () => {
  const page = await browser.newPage();
  page.on('console', () => {});
  await page.goto(`${site.url}/after-both`);
  await page.waitForFunction(buttonIs, ['stripe-save-payment', 'Retry']);
  await page.waitForFunction(buttonIs, ['stripe-save-card', 'Retry']);
  await page.addScriptTag({ url: '/ar.js' });
  await page.waitForFunction(buttonIs, ['stripe-save-payment', ar.retry]);
  await page.waitForFunction(buttonIs, ['stripe-save-card', ar.retry]);
  assert.deepEqual(await page.evaluate(failedForm, 'stripe-save-payment'), { error: ar.failed, button: ar.retry, lang: 'ar', direction: 'rtl' });
  assert.deepEqual(await page.evaluate(failedForm, 'stripe-save-card'), { error: ar.loadFailed, button: ar.retry, lang: 'ar', direction: 'rtl' });
  await page.close();
});
