// startEmulatorWorker (stripe-save-card/testing/msw) in pages that start together, as a test runner opens its files:
// msw reloads a page that a registered service worker does not control yet, which aborts the page's tests. The
// fault injected here is a slow worker activation, as on a loaded machine: msw's own worker script, its claim of the
// open pages delayed by 6 s. The first page registers it, the others find that registration before it controls
// them. Each page must load once and then be answered by the emulator through the worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';
import { bundleLikeAConsumer } from '../../scripts/consumer-bundle.mjs';

const PAGE_SCRIPT = `
import { setupEmulatorWorker, startEmulatorWorker } from 'stripe-save-card/testing/msw';
import { createEmulator } from 'stripe-save-card/testing/emulator';
const loads = Number(sessionStorage.getItem('loads') ?? 0) + 1;
sessionStorage.setItem('loads', String(loads));
const emulator = createEmulator();
const worker = setupEmulatorWorker(emulator, { apiBase: '/stripe-emulator' });
await startEmulatorWorker(worker);
const answer = await fetch('/stripe-emulator/v1/customers', {
  method: 'POST', headers: { authorization: 'Bearer ' + emulator.secretKey, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40example.com',
});
window.result = { loads, status: answer.status, id: (await answer.json()).id };
`;

let browser: Browser;
let site: PageServer;

before(async () => {
  const bundle = new TextDecoder().decode(await bundleLikeAConsumer(PAGE_SCRIPT));
  const claim = 'event.waitUntil(self.clients.claim())';
  const original = readFileSync(new URL('../../node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');
  assert.ok(original.includes(claim), 'msw\'s worker claims the open pages when it activates');
  const workerScript = original.replace(claim, 'event.waitUntil(new Promise((resolve) => setTimeout(resolve, 6000)).then(() => self.clients.claim()))');
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  site = await startPageServer({
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="en"><head><title>msw</title><script type="module" src="/app.js"></script></head><body></body></html>');
    },
    '/app.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle);
    },
    '/mockServiceWorker.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(workerScript);
    },
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('three pages start the msw worker at once, its activation slow: none is reloaded, each is answered by the emulator', async () => {
  const context = await browser.newContext();
  try {
    const pages = await Promise.all([1, 2, 3].map(() => context.newPage()));
    await Promise.all(pages.map((page) => page.goto(site.url)));
    const results = await Promise.all(pages.map(async (page) => {
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, undefined, { timeout: 40_000 });
      return page.evaluate(() => (window as unknown as { result: { loads: number; status: number; id: string } }).result);
    }));
    for (const result of results) {
      assert.equal(result.loads, 1, 'the page was loaded once, not reloaded by msw');
      assert.equal(result.status, 200);
      assert.match(result.id, /^cus_/);
    }
  } finally {
    await context.close();
  }
});
