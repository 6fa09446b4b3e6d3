// The languages as script tags (dist/translations/<lang>.min.js) with the element's script-tag build, in Chromium:
// loaded before the element or after it has rendered, each registers itself with the element on the page, adds no
// global, and the element follows the page's lang. A publishable key the element refuses keeps Stripe.js out of it:
// the load-failure state (its sentence and Retry) is all in the page's language.
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
  const page = (lang: string, headScripts: string) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="${lang}"><head><title>languages</title>${headScripts}</head><body>` +
      '<stripe-save-card publishable-key="pk_refused"></stripe-save-card></body></html>');
  };
  site = await startPageServer({
    '/ssc.js': script(dist('stripe-save-card.min.js')),
    '/de.js': script(dist('translations/de.min.js')),
    '/ar.js': script(dist('translations/ar.min.js')),
    '/before': page('de-AT', '<script src="/de.js"></script><script src="/ssc.js"></script>'),
    '/after': page('ar', '<script src="/ssc.js"></script>'),
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** The element's error line, button text and form lang/dir once the load has failed. */
const failedForm = () => {
  const root = document.querySelector('stripe-save-card')!.shadowRoot!;
  const form = root.querySelector('form')!;
  return { error: root.querySelector('[part=error]')!.textContent, button: root.querySelector('[part=button]')!.textContent, lang: form.lang, direction: getComputedStyle(form).direction };
};

test('a language loaded before the element: the first render is in it, and no global is added', async () => {
  const page = await browser.newPage();
  page.on('console', () => {});
  await page.goto(`${site.url}/before`);
  await page.waitForFunction((text) => document.querySelector('stripe-save-card')?.shadowRoot?.querySelector('[part=error]')?.textContent === text, de.loadFailed);
  assert.deepEqual(await page.evaluate(failedForm), { error: de.loadFailed, button: de.retry, lang: 'de', direction: 'ltr' });
  // Lit's own markers (litHtmlVersions, ...) and Symbol.metadata are cut from the sealed copy too (README).
  const globals = await page.evaluate(() => [...Object.keys(window).filter((key) => /translation|stripe|^lit|^reactiveElement/i.test(key)), ...((Symbol as { metadata?: symbol }).metadata?.description == 'metadata' ? ['Symbol.metadata (Lit\'s stand-in)'] : [])]);
  assert.deepEqual(globals, []);
  await page.close();
});

test('a language loaded after the element rendered: it re-renders in it, right to left for Arabic', async () => {
  const page = await browser.newPage();
  page.on('console', () => {});
  await page.goto(`${site.url}/after`);
  await page.waitForFunction(() => document.querySelector('stripe-save-card')?.shadowRoot?.querySelector('[part=button]')?.textContent === 'Retry');
  await page.addScriptTag({ url: '/ar.js' });
  await page.waitForFunction((text) => document.querySelector('stripe-save-card')?.shadowRoot?.querySelector('[part=button]')?.textContent === text, ar.retry);
  assert.deepEqual(await page.evaluate(failedForm), { error: ar.loadFailed, button: ar.retry, lang: 'ar', direction: 'rtl' });
  await page.close();
});
