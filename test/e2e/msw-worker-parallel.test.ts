// startEmulatorWorker (stripe-save-card/testing/msw) in pages that start together, as a test runner opens its files:
// msw reloads a page that a registered service worker does not control yet, which aborts the page's tests. Two
// faults are injected into msw's own worker script, each as a loaded machine produces it: its claim of the open
// pages delayed by 6 s (the other pages find the registration before it controls them), and its claim missing the
// page altogether (the page loaded just as the worker activated). The worker served is the one docs/emulator.md
// gives merchants (msw's script and a claim listener), as the browser tests serve it. Each page must load once and
// then be answered by the emulator through the worker.
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

const CLAIM = 'event.waitUntil(self.clients.claim())';
const mswWorker = readFileSync(new URL('../../node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');
const docs = readFileSync(new URL('../../docs/emulator.md', import.meta.url), 'utf8');
// The code block that starts with importScripts (indented in its list item).
const docsWorker = /```js\n *(importScripts\([^]*?)\n *```/.exec(docs)?.[1]?.replace(/\n {2}/g, '\n');

let browser: Browser;
let site: PageServer;
/** msw's worker script as the next test serves it: the fault goes in its activation. */
let mswWorkerServed = mswWorker;

before(async () => {
  assert.ok(mswWorker.includes(CLAIM), 'msw\'s worker claims the open pages when it activates');
  assert.ok(docsWorker, 'docs/emulator.md gives the worker to serve');
  const bundle = new TextDecoder().decode(await bundleLikeAConsumer(PAGE_SCRIPT));
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
      res.end(docsWorker);
    },
    '/node_modules/msw/lib/mockServiceWorker.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(mswWorkerServed);
    },
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens `count` pages at once in a fresh browser context (no worker registered yet); their results once answered. */
async function openPages(count: number): Promise<Array<{ loads: number; status: number; id: string }>> {
  const context = await browser.newContext();
  try {
    const pages = await Promise.all(Array.from({ length: count }, () => context.newPage()));
    await Promise.all(pages.map((page) => page.goto(site.url)));
    return await Promise.all(pages.map(async (page) => {
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, undefined, { timeout: 40_000 });
      return page.evaluate(() => (window as unknown as { result: { loads: number; status: number; id: string } }).result);
    }));
  } finally {
    await context.close();
  }
}

function assertLoadedOnceAndAnswered(results: Array<{ loads: number; status: number; id: string }>): void {
  for (const result of results) {
    assert.equal(result.loads, 1, 'the page was loaded once, not reloaded by msw');
    assert.equal(result.status, 200);
    assert.match(result.id, /^cus_/);
  }
}

test('three pages start the msw worker at once, its activation slow: none is reloaded, each is answered by the emulator', async () => {
  mswWorkerServed = mswWorker.replace(CLAIM, 'event.waitUntil(new Promise((resolve) => setTimeout(resolve, 6000)).then(() => self.clients.claim()))');
  assertLoadedOnceAndAnswered(await openPages(3));
});

test('the worker\'s activation claims no page (the page loaded too late for it): the page asks, is claimed, and is not reloaded', async () => {
  mswWorkerServed = mswWorker.replace(CLAIM, '');
  assertLoadedOnceAndAnswered(await openPages(1));
});
