// How the element gets Stripe.js (src/element/stripe-loader.ts), from its script-tag build in Chromium, with
// Stripe's script host intercepted and answered with the fake Stripe.js (as the strict-CSP test does) and its API
// host answered by the emulator. The rules are `@stripe/stripe-js`'s own: `window.Stripe` if present (no request
// at all), else reuse a Stripe.js <script> already on the page, else add one; one retry; after a final failure a
// later attempt loads again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, waitFor } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';
import { RELEASE_TRAIN } from '../../src/element/stripe-loader.js';

const BUNDLE = readFileSync(new URL('../../dist/stripe-save-card.min.js', import.meta.url), 'utf8');
const TRAIN_URL = `https://js.stripe.com/${RELEASE_TRAIN}/stripe.js`;

let emulator: RunningEmulator;
let browser: Browser;
let site: PageServer;
let fakeScript: string;
/** The page's <head> for the next test (after the element's bundle). */
let head = '';

before(async () => {
  [emulator, browser] = await Promise.all([startEmulator({ port: 0, quiet: true }), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
  fakeScript = await (await fetch(`${emulator.url}/v3/`)).text();
  site = await startPageServer({
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>loading</title><script src="/ssc.js"></script>${head}</head><body></body></html>`);
    },
    '/ssc.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(BUNDLE);
    },
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

interface Shop {
  page: Page;
  context: BrowserContext;
  /** Every request the page made to Stripe's script host, in order. */
  scriptRequests: string[];
  /** How the next requests to Stripe's script host are answered: true serves the fake, false fails the request. */
  answers: boolean[];
}

async function openShop(pageHead = ''): Promise<Shop> {
  head = pageHead;
  const context = await browser.newContext();
  const shop: Shop = { page: undefined!, context, scriptRequests: [], answers: [] };
  await context.route('https://js.stripe.com/**', (route: Route) => {
    shop.scriptRequests.push(route.request().url());
    return shop.answers.shift() ?? true ? route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeScript }) : route.abort('connectionfailed');
  });
  // The fake loaded from Stripe's host talks to Stripe's API host: the emulator answers it.
  await context.route('https://api.stripe.com/**', async (route) => {
    const url = new URL(route.request().url());
    return route.fulfill({ response: await route.fetch({ url: `${emulator.url}${url.pathname}${url.search}` }) });
  });
  shop.page = await context.newPage();
  await shop.page.goto(site.url);
  return shop;
}

/** Adds `count` elements and resolves with the events each fired first (ssc-ready or ssc-error) and its detail. */
function addElements(page: Page, key: string, count = 1): Promise<Array<{ type: string; stage?: string }>> {
  return page.evaluate(([key, count]) => Promise.all(Array.from({ length: count }, () => new Promise<{ type: string; stage?: string }>((resolve) => {
    const el = document.createElement('stripe-save-card');
    el.setAttribute('publishable-key', key);
    el.setAttribute('intent-url', '/intent');
    el.addEventListener('ssc-ready', () => resolve({ type: 'ssc-ready' }), { once: true });
    el.addEventListener('ssc-error', (e) => resolve({ type: 'ssc-error', stage: e.detail.stage }), { once: true });
    document.body.append(el);
  }))), [key, count] as const);
}

test('the release train is the one @stripe/stripe-js loads', () => {
  const loader = readFileSync(createRequire(import.meta.url).resolve('@stripe/stripe-js/dist/pure.mjs'), 'utf8');
  assert.equal(RELEASE_TRAIN, /RELEASE_TRAIN = '(\w+)'/.exec(loader)?.[1]);
});

const stripeScriptTags = (page: Page) => page.evaluate(() => [...document.querySelectorAll('script')].map((s) => s.src).filter((src) => src.includes('stripe.com')));

test('no Stripe.js on the page: one <script> for the release train, shared by two elements', async () => {
  const { page, context, scriptRequests } = await openShop();
  try {
    assert.deepEqual(scriptRequests, [], 'nothing loads before an element connects');
    assert.deepEqual(await addElements(page, emulator.publishableKey, 2), [{ type: 'ssc-ready' }, { type: 'ssc-ready' }]);
    assert.deepEqual(scriptRequests, [TRAIN_URL]);
    assert.deepEqual(await stripeScriptTags(page), [TRAIN_URL]);
  } finally {
    await context.close();
  }
});

test('a Stripe.js <script> the page already has (still loading) is reused, not added again', async () => {
  const { page, context, scriptRequests } = await openShop('<script src="https://js.stripe.com/v3/" async></script>');
  try {
    assert.deepEqual(await addElements(page, emulator.publishableKey), [{ type: 'ssc-ready' }]);
    assert.deepEqual(scriptRequests, ['https://js.stripe.com/v3/']);
    assert.deepEqual(await stripeScriptTags(page), ['https://js.stripe.com/v3/']);
  } finally {
    await context.close();
  }
});

test('window.Stripe already there (Stripe.js from the emulator): no request to Stripe\'s script host at all', async () => {
  const { page, context, scriptRequests } = await openShop(`<script src="${emulator.url}/v3/"></script>`);
  try {
    assert.deepEqual(await addElements(page, emulator.publishableKey), [{ type: 'ssc-ready' }]);
    assert.deepEqual(scriptRequests, []);
  } finally {
    await context.close();
  }
});

test('the first load fails: one retry with a fresh <script> mounts the card', async () => {
  const shop = await openShop();
  shop.answers.push(false, true);
  try {
    assert.deepEqual(await addElements(shop.page, emulator.publishableKey), [{ type: 'ssc-ready' }]);
    assert.deepEqual(shop.scriptRequests, [TRAIN_URL, TRAIN_URL]);
    assert.deepEqual(await stripeScriptTags(shop.page), [TRAIN_URL], 'the failed tag is replaced, not kept beside the new one');
  } finally {
    await shop.context.close();
  }
});

test('both tries fail: ssc-error {stage:"load"}; once Stripe.js is reachable, reset() loads it again', async () => {
  const shop = await openShop();
  shop.answers.push(false, false);
  try {
    assert.deepEqual(await addElements(shop.page, emulator.publishableKey), [{ type: 'ssc-error', stage: 'load' }]);
    assert.equal(shop.scriptRequests.length, 2);
    const ready = shop.page.evaluate(() => new Promise<boolean>((resolve) => {
      const el = document.querySelector('stripe-save-card')!;
      el.addEventListener('ssc-ready', () => resolve(true), { once: true });
      el.reset();
    }));
    assert.equal(await ready, true);
    assert.equal(shop.scriptRequests.length, 3, 'a fresh load, not the failed promise');
    await waitFor('the card iframe', () => shop.page.frames().find((f) => f.name().startsWith('__privateStripeFrame')));
  } finally {
    await shop.context.close();
  }
});
