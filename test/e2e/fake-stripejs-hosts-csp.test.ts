// The fake Stripe.js where real pages put Stripe.js: loaded from Stripe's own script URL (the test intercepts
// Stripe's hosts, as a Playwright suite does, instead of editing the script tag), it calls Stripe's API host, like
// real Stripe.js; loaded from the emulator, it calls the emulator. Both under a strict Content-Security-Policy with
// no 'unsafe-inline' (Stripe's documented directives: script-src and frame-src for its script and hooks hosts,
// connect-src for its API host), with a card payment through 3D Secure and no securitypolicyviolation anywhere:
// page, card frame or challenge overlay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, stripeFor, waitFor } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/strict-csp/${name}`, import.meta.url), 'utf8');
const STRIPE_SCRIPT = 'https://js.stripe.com/v3/';

let emulator: RunningEmulator;
let browser: Browser;
let stripe: Stripe;
let fakeScript: string;
const reports: unknown[] = [];

/** The page's CSP: Stripe's documented directives for Stripe.js (hosts given), everything else 'self' only. */
const csp = (script: string, frames: string, connect: string) =>
  `default-src 'self'; script-src 'self' ${script}; frame-src ${frames}; connect-src 'self' ${connect}; style-src 'self'; img-src 'self'; report-uri /csp-report`;

async function shopServer(stripeJsUrl: string, policy: string): Promise<PageServer> {
  const send = (type: string, body: string, headers: Record<string, string> = {}) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': type, ...headers });
    res.end(body);
  };
  return startPageServer({
    '/': send('text/html; charset=utf-8', fixture('index.html').replaceAll('STRIPE_JS_URL', stripeJsUrl), { 'content-security-policy': policy }),
    '/app.js': send('text/javascript', fixture('app.js')),
    '/app.css': send('text/css', fixture('app.css')),
    '/config': send('application/json', JSON.stringify({ publishableKey: emulator.publishableKey })),
    '/create-payment-intent': async (_req, res) => {
      const intent = await stripe.paymentIntents.create({ amount: 1400, currency: 'usd', automatic_payment_methods: { enabled: true } });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clientSecret: intent.client_secret }));
    },
    '/csp-report': (_req, res, body) => {
      reports.push(body);
      res.writeHead(204);
      res.end();
    },
  });
}

before(async () => {
  [emulator, browser] = await Promise.all([startEmulator({ port: 0, quiet: true }), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
  stripe = stripeFor(emulator);
  fakeScript = await (await fetch(`${emulator.url}/v3/`)).text();
});
after(async () => {
  await browser?.close();
  await emulator?.close();
});

interface Violation { directive: string; blocked: string; frame: string }

/** A context whose every frame (srcdoc frames included) reports CSP violations to the top window. */
async function watchedContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const top = window.top as unknown as { __violations?: unknown[] };
      (top.__violations ??= []).push({ directive: event.violatedDirective, blocked: event.blockedURI, frame: location.href });
    });
  });
  return context;
}

const violations = (page: Page): Promise<Violation[]> => page.evaluate(() => (window as unknown as { __violations?: Violation[] }).__violations ?? []);

function cardFrame(page: Page): Promise<Frame> {
  return waitFor('the card frame', () => page.frames().find((f) => f.name().startsWith('__privateStripeFrame')), 10_000);
}

/** Pays with 4000 0025 0000 3155 through the 3DS overlay and returns the intent id the page shows. */
async function payThrough3ds(page: Page): Promise<string> {
  const card = page.frameLocator('#card-element iframe');
  await card.locator('input[name=cardnumber]').pressSequentially('4000002500003155');
  await card.locator('input[name=exp-date]').pressSequentially('1234');
  await card.locator('input[name=cvc]').pressSequentially('123');
  await card.locator('input[name=postal]').pressSequentially('42424');
  await page.click('#submit');
  const challenge = await waitFor('the 3DS overlay', () => page.frames().find((f) => f.name() === 'stripe-challenge-frame'), 10_000);
  await challenge.locator('#test-source-authorize-3ds').click();
  const result = page.locator('#result', { hasText: 'succeeded' });
  await result.waitFor({ timeout: 10_000 });
  return (await result.textContent())!.match(/pi_\w+/)![0];
}

/** Proves the watch works where it matters: a style attribute set in the page and in the card frame is reported. */
async function assertWatchCatches(page: Page): Promise<void> {
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  await (await cardFrame(page)).evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  const seen = await waitFor('the two planted violations', async () => {
    const list = await violations(page);
    return list.length >= 2 ? list : undefined;
  });
  assert.deepEqual(seen.map((v) => v.directive.replace(/-attr$/, '')), ['style-src', 'style-src']);
  assert.equal(seen.filter((v) => v.frame === 'about:srcdoc').length, 1, 'the card frame\'s violation reaches the watch');
}

test('loaded from Stripe\'s script URL, the fake calls Stripe\'s API host only, and runs under Stripe\'s documented CSP', async () => {
  reports.length = 0;
  const shop = await shopServer(STRIPE_SCRIPT, csp('https://js.stripe.com', 'https://js.stripe.com https://hooks.stripe.com', 'https://api.stripe.com'));
  const context = await watchedContext();
  const seen: string[] = [];
  const unexpected: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === shop.url) return route.continue();
    if (url.href === STRIPE_SCRIPT) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeScript });
    if (url.hostname === 'api.stripe.com' || url.hostname === 'hooks.stripe.com') {
      seen.push(`${url.hostname} ${route.request().method()} ${url.pathname}`);
      // Stripe's hosts answered by the emulator: same path, same body, same headers.
      return route.fulfill({ response: await route.fetch({ url: `${emulator.url}${url.pathname}${url.search}` }) });
    }
    unexpected.push(url.href);
    return route.abort();
  });
  try {
    const page = await context.newPage();
    await page.goto(shop.url);
    const id = await payThrough3ds(page);
    assert.equal((await stripe.paymentIntents.retrieve(id)).status, 'succeeded');
    assert.deepEqual(unexpected, []);
    const source = seen.find((s) => s.startsWith('api.stripe.com POST /3ds/'))?.split('/')[2];
    assert.match(source ?? '', /^src_/);
    assert.deepEqual(seen, [
      `api.stripe.com POST /v1/payment_intents/${id}/confirm`,
      `api.stripe.com POST /3ds/${source}/complete`,
      `api.stripe.com GET /v1/payment_intents/${id}`,
    ]);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(reports, []);
    await assertWatchCatches(page);
  } finally {
    await context.close();
    await shop.close();
  }
});

test('loaded from the emulator\'s /v3/, the fake calls the emulator, under the same CSP naming the emulator\'s origin', async () => {
  reports.length = 0;
  const origin = emulator.url;
  const shop = await shopServer(`${origin}/v3/`, csp(origin, origin, origin));
  const context = await watchedContext();
  const hosts = new Set<string>();
  context.on('request', (request) => hosts.add(new URL(request.url()).origin));
  try {
    const page = await context.newPage();
    await page.goto(shop.url);
    const id = await payThrough3ds(page);
    assert.equal((await stripe.paymentIntents.retrieve(id)).status, 'succeeded');
    assert.deepEqual([...hosts].sort(), [shop.url, origin].sort());
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(reports, []);
    await assertWatchCatches(page);
  } finally {
    await context.close();
    await shop.close();
  }
});
