// Conformance (#19): the package as a merchant gets it. `npm pack` of the built package, installed from the tarball
// (not linked) next to React 19, Vue 3 and Svelte 5 with Vite 7, Next.js 16 and Angular 21; each app is the README's
// example for its framework (test/e2e/consumer-apps/), built by `vite build` (Next.js 16: `next build`, served by
// `next start`; Angular: `ng build` with strictTemplates), served with a small intent-url backend using the stripe SDK
// against the emulator, and paid and declined in Chromium. The framework install is cached under
// node_modules/.cache/ssc-consumers/<versions>; only the tarball is reinstalled per run. Without the npm registry
// (cold cache) the tests are skipped with the reason. Needs `npm run build` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, stripeFor, waitFor } from '../node/server-helpers.js';
import type { PageServer } from '../node/server-helpers.js';
import { typeCard } from './demo-harness.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const appsDir = new URL('./consumer-apps/', import.meta.url).pathname;
const FRAMEWORKS = ['react', 'vue', 'svelte'] as const;
type Framework = (typeof FRAMEWORKS)[number];

// Versions whose engines accept Node 20.19+ (Vite 8 wants Node 22). The cache is keyed on this list.
const DEV_DEPENDENCIES = {
  vite: '^7.3.0',
  react: '^19.0.0',
  'react-dom': '^19.0.0',
  '@vitejs/plugin-react': '^5.0.0',
  vue: '^3.5.0',
  '@vitejs/plugin-vue': '^6.0.0',
  svelte: '^5.0.0',
  '@sveltejs/vite-plugin-svelte': '^6.0.0',
  next: '^16.0.0',
  // Angular 21: the esbuild-based application builder (@angular/build), run by `ng build`; no test runner.
  '@angular/build': '^21.0.0',
  '@angular/cli': '^21.0.0',
  '@angular/common': '^21.0.0',
  '@angular/compiler': '^21.0.0',
  '@angular/compiler-cli': '^21.0.0',
  '@angular/core': '^21.0.0',
  '@angular/platform-browser': '^21.0.0',
  rxjs: '^7.8.0',
  tslib: '^2.3.0',
  typescript: '~5.9.0',
};
const workspace = join(root, 'node_modules/.cache/ssc-consumers',
  createHash('sha256').update(JSON.stringify(DEV_DEPENDENCIES)).digest('hex').slice(0, 12));
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network/i;

let skipReason: string | undefined;
let emulator: RunningEmulator;
let browser: Browser;
let site: PageServer;
let stripe: Stripe;
let builtDir: string;
let nextServer: ChildProcess | undefined;
let nextUrl: string;
let angularMistakes = '';
const intentBodies: Array<Record<string, unknown>> = [];

/** Installs the frameworks once (cached) and this build's tarball every run, into the consumer workspace. */
async function installConsumer(tarball: string): Promise<void> {
  mkdirSync(workspace, { recursive: true });
  cpSync(tarball, join(workspace, 'stripe-save-card.tgz'));
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({
    name: 'ssc-consumers', private: true, type: 'module',
    dependencies: { 'stripe-save-card': 'file:./stripe-save-card.tgz' }, devDependencies: DEV_DEPENDENCIES,
  }, null, 2));
  // A rebuilt tarball has a new checksum: forget the recorded one so npm installs it instead of refusing it.
  rmSync(join(workspace, 'node_modules/stripe-save-card'), { recursive: true, force: true });
  rmSync(join(workspace, 'node_modules/.package-lock.json'), { force: true });
  rmSync(join(workspace, 'package-lock.json'), { force: true });
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: workspace, timeout: 600_000 });
  } catch (error) {
    const output = `${(error as { stderr?: string }).stderr ?? ''}${(error as Error).message}`;
    if (NETWORK_ERROR.test(output)) {
      skipReason = `the npm registry can't be reached to install the consumer apps' frameworks: ${output.split('\n').find((l) => NETWORK_ERROR.test(l))}`;
      return;
    }
    throw error;
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

before(async () => {
  const packDir = mkdtempSync(join(tmpdir(), 'ssc-pack-'));
  builtDir = mkdtempSync(join(tmpdir(), 'ssc-consumer-builds-'));
  const { stdout } = await run('npm', ['pack', '--pack-destination', packDir, '--json', '--loglevel=error'], { cwd: root });
  const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
  await installConsumer(join(packDir, filename));
  rmSync(packDir, { recursive: true, force: true });
  if (skipReason) return;
  const vite = join(workspace, 'node_modules/vite/bin/vite.js');
  // Built one after the other: the machine has 2 shared cores and three parallel builds only contend.
  for (const framework of FRAMEWORKS) {
    const appDir = join(workspace, framework);
    rmSync(appDir, { recursive: true, force: true });
    cpSync(join(appsDir, framework), appDir, { recursive: true });
    await run(process.execPath, [vite, 'build', '--outDir', join(builtDir, framework), '--emptyOutDir', '--base', `/${framework}/`], { cwd: appDir });
  }
  await buildAngular();
  const next = join(workspace, 'node_modules/next/dist/bin/next');
  // Next compiles no app code under a node_modules path: the app lives in a temp folder linked to the install.
  const nextDir = join(builtDir, 'next-app');
  cpSync(join(appsDir, 'next'), nextDir, { recursive: true });
  symlinkSync(join(workspace, 'node_modules'), join(nextDir, 'node_modules'), 'dir');
  const nextEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  await run(process.execPath, [next, 'build'], { cwd: nextDir, env: nextEnv, timeout: 300_000 });
  [emulator, browser] = await Promise.all([
    startEmulator({ port: 0, quiet: true }),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
  stripe = stripeFor(emulator);
  const routes: Parameters<typeof startPageServer>[0] = {
    '/create-payment-intent': async (_req, res, body) => {
      const request = JSON.parse(body) as Record<string, unknown>;
      intentBodies.push(request);
      const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', metadata: { cartId: String(request.cartId) } });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clientSecret: intent.client_secret }));
    },
  };
  // Every built file, as a static host would serve it; the page's head gets the emulator's key and its Stripe.js, as
  // a merchant's template puts their key and Stripe's script there.
  const head = `<script>window.sscConfig = ${JSON.stringify({ publishableKey: emulator.publishableKey })};</script>
<script src="${emulator.url}/v3/"></script>`;
  const serveTree = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) { serveTree(path, `${prefix}${entry.name}/`); continue; }
      const isIndex = entry.name === 'index.html';
      const content = isIndex ? readFileSync(path, 'utf8').replace('<head>', `<head>${head}`) : readFileSync(path);
      routes[isIndex ? prefix : `${prefix}${entry.name}`] = (_req, res) => {
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        res.end(content);
      };
    }
  };
  for (const framework of FRAMEWORKS) serveTree(join(builtDir, framework), `/${framework}/`);
  serveTree(join(builtDir, 'angular-app/dist'), '/angular/');
  site = await startPageServer(routes);
  // `next start`: the production server, told at run time where the emulator and the test's backend are.
  const port = await freePort();
  nextUrl = `http://127.0.0.1:${port}`;
  nextServer = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: nextDir, stdio: 'ignore',
    env: { ...nextEnv, SSC_EMULATOR_URL: emulator.url, SSC_PUBLISHABLE_KEY: emulator.publishableKey, SSC_BACKEND_URL: site.url },
  });
  await waitFor('next start', async () => (await fetch(nextUrl).then((r) => r.ok, () => false)) || undefined, 30_000);
});
after(async () => {
  nextServer?.kill();
  await browser?.close();
  await site?.close();
  await emulator?.close();
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
});

/**
 * `ng build` of the Angular app (strictTemplates: the ssc-* listeners' `$event.detail` is type-checked), then `ngc` on
 * its twin with two template mistakes, which must fail: proof that the clean build really checked the event types.
 */
async function buildAngular(): Promise<void> {
  // Like Next, built from a temp folder linked to the install. Angular's build cache (the linker's and esbuild's
  // work on node_modules, keyed by file content) lives in the workspace so a rerun skips it; CI=true would turn it off
  // unless angular.json says `environment: "all"`.
  const appDir = join(builtDir, 'angular-app');
  cpSync(join(appsDir, 'angular'), appDir, { recursive: true });
  symlinkSync(join(workspace, 'node_modules'), join(appDir, 'node_modules'), 'dir');
  mkdirSync(join(workspace, 'angular-cache'), { recursive: true });
  symlinkSync(join(workspace, 'angular-cache'), join(appDir, '.angular'), 'dir');
  const env = { ...process.env, NG_CLI_ANALYTICS: 'false', CI: 'true' };
  const ng = join(workspace, 'node_modules/@angular/cli/bin/ng.js');
  const ngc = join(workspace, 'node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js');
  // Side by side: ngc is one single-threaded type-check, so it takes the second core while ng build runs.
  [, angularMistakes] = await Promise.all([
    // Into angular-app/dist (angular.json: no browser/ subfolder), served at /angular/.
    run(process.execPath, [ng, 'build', '--base-href', '/angular/'], { cwd: appDir, env, timeout: 300_000 }),
    run(process.execPath, [ngc, '-p', 'tsconfig.mistakes.json'], { cwd: appDir, env, timeout: 300_000 }).then(
      () => 'ngc accepted the mistakes',
      (error: { stdout?: string; stderr?: string }) => stripVTControlCharacters(`${error.stdout ?? ''}${error.stderr ?? ''}`),
    ),
  ]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function payAndDecline(framework: Framework | 'next' | 'angular', url: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // React reports a hydration mismatch (#418) as a console error, not a page error. The browser's own lines for a
    // 4xx answer (the decline's 402, a missing favicon) are not the app's errors.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    await page.goto(url);
    const el = page.locator('stripe-save-card');
    await el.locator('[part=button]:not(.skeleton)', { hasText: 'Pay $19.99' }).waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('stripe-save-card iframe[name^="__privateStripeFrame"]'));
    const before = intentBodies.length;

    await typeCard(page, 'stripe-save-card', '4000000000009995');
    await el.locator('[part=button]').click();
    const declined = page.locator('#outcome', { hasText: /^declined/ });
    await declined.waitFor({ timeout: 15_000 });
    assert.equal(await declined.textContent(), 'declined insufficient_funds: Your card has insufficient funds.');
    assert.match((await el.locator('[part=error]').textContent()) ?? '', /Your card has insufficient funds\./);

    // After a decline the customer types another card on the same form; the same intent is confirmed.
    await typeCard(page, 'stripe-save-card', '4242424242424242');
    await el.locator('[part=button]').click();
    const succeeded = page.locator('#outcome', { hasText: /^succeeded/ });
    await succeeded.waitFor({ timeout: 15_000 });
    const intentId = (await succeeded.textContent())!.replace('succeeded ', '');
    const intent = await stripe.paymentIntents.retrieve(intentId);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount, 1999);
    // intentBody, set as an object property by the framework, reached the backend.
    assert.equal(intent.metadata.cartId, `cart-${framework}`);
    assert.ok(intentBodies.length > before);
    for (const body of intentBodies.slice(before)) assert.equal(body.cartId, `cart-${framework}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

for (const framework of FRAMEWORKS) {
  test(`${framework} + Vite app from the packed tarball: a decline shows Stripe's message, then a payment succeeds`, async (t) => {
    if (skipReason) return t.skip(skipReason);
    await payAndDecline(framework, `${site.url}/${framework}/`);
  });
}

test('Next.js App Router production build (next build, next start) from the packed tarball: server-rendered, hydrates without errors, declines then pays', async (t) => {
  if (skipReason) return t.skip(skipReason);
  // The server renders the element (README: no next/dynamic); hydration must then keep it without error.
  assert.match(await (await fetch(nextUrl)).text(), /<stripe-save-card[\s>]/);
  await payAndDecline('next', nextUrl);
});

test('Angular 21 standalone component (CUSTOM_ELEMENTS_SCHEMA, ng build with strictTemplates) from the packed tarball: declines then pays', async (t) => {
  if (skipReason) return t.skip(skipReason);
  await payAndDecline('angular', `${site.url}/angular/`);
});

test("Angular strictTemplates types the ssc-* listeners' $event from the package: a wrong detail field and the wrong event's detail fail ngc", (t) => {
  if (skipReason) return t.skip(skipReason);
  assert.match(angularMistakes, /TS2339: Property 'declineCode' does not exist on type 'SscSucceededDetail'/);
  assert.match(angularMistakes, /TS2345: Argument of type 'SscDeclinedDetail' is not assignable to parameter of type 'SscSucceededDetail'/);
  // Those two and nothing else: any other error would mean the twin failed for a reason of its own.
  assert.equal(angularMistakes.match(/error TS\d+/g)?.length, 2, angularMistakes);
});
