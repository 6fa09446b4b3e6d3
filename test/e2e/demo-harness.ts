// Shared setup for the demo's end-to-end tests: the real demo server (embedded emulator, temp SQLite file),
// the real script-tag build from dist/, and Debian Chromium driven like a person.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type FrameLocator, type Page } from 'playwright-core';
import { startDemo, type RunningDemo, type StartDemoOptions } from '../../demo/server/demo.js';

/** JSON read back from the page or the API; tests assert on it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose by design: an assertion failure names the field
export type Json = any;

const root = new URL('../../', import.meta.url).pathname;
export const resultsDir = join(root, 'test-results');

/**
 * The e2e tests exercise the published script-tag build: the same check `npm start` runs (scripts/ensure-build.mjs)
 * builds it when it is missing or older than src/, so a local run never tests a stale bundle.
 */
export function ensureBuild(): void {
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { cwd: root, stdio: 'inherit' });
}

export interface Harness {
  demo: RunningDemo;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dbPath: string;
  /**
   * Uncaught errors of the page so far (and forgets them): a test that expects some asserts them. Any left when the
   * harness closes fail the file, so an unexpected page error can't scroll by as a printed line.
   */
  takePageErrors(): string[];
  /** Another page in its own context (e.g. a phone's viewport), its errors collected like the main page's. */
  openPage(options?: BrowserContextOptions): Promise<Page>;
  /** Starts the demo server again on the same port and database (after an outage). */
  restart(): Promise<void>;
  /** GET `path` as the main page's shopper (its session cookie): what the page itself would read. */
  asShopper(path: string): Promise<Json>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<StartDemoOptions> = {}): Promise<Harness> {
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'ssc-demo-'));
  const dbPath = join(dir, 'demo.sqlite');
  // Every browser of the suite comes from 127.0.0.1: one address, so its per-address budget is raised.
  const demo = await startDemo({ port: 0, dbPath, webhookRetry: { delays: [100, 300, 1000] }, rateLimits: { perAddress: 100_000, perSession: 100_000 }, ...options });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let pageErrors: string[] = [];
  const collectErrors = (target: BrowserContext) => target.on('weberror', (error) => pageErrors.push(error.error().message));
  collectErrors(context);
  mkdirSync(resultsDir, { recursive: true });
  const harness: Harness = {
    demo, browser, context, page, dbPath,
    async openPage(contextOptions = {}) {
      const other = await browser.newContext(contextOptions);
      collectErrors(other);
      return other.newPage();
    },
    async asShopper(path) {
      const cookie = (await context.cookies()).find((c) => c.name === 'ssc_session');
      const res = await fetch(`${demo.url}${path}`, { headers: cookie ? { Cookie: `ssc_session=${cookie.value}` } : {} });
      return res.json();
    },
    takePageErrors() {
      const taken = pageErrors;
      pageErrors = [];
      return taken;
    },
    async restart() {
      throw new Error('restart() is only available from startHarness callers that stopped the server');
    },
    async close() {
      await browser.close();
      await harness.demo.close();
      rmSync(dir, { recursive: true, force: true });
      const unexpected = harness.takePageErrors();
      if (unexpected.length) throw new Error(`Page errors no test expected:\n${unexpected.join('\n')}`);
    },
  };
  return harness;
}

/** Types a card into the fake Card Element's iframe inside `host` (a CSS selector of a <stripe-save-card>). */
export async function typeCard(page: Page, host: string, number: string, { exp = '12 / 34', cvc = '123', postal = '42424' } = {}): Promise<void> {
  // With saved cards listed the element preselects one; a person picks "Use a new card" first.
  const newCard = page.locator(`${host} input[name="ssc-card-choice"][value="new"]`);
  if (await newCard.count()) await newCard.check();
  const frame = page.frameLocator(`${host} iframe`).first();
  // fill() focuses the field and fires the input event a keystroke would (the fake formats and validates on it);
  // typing key by key tested nothing more and cost seconds on a busy machine.
  await frame.locator('input[name="cardnumber"]').fill(number.replace(/ /g, ''));
  await frame.locator('input[name="exp-date"]').fill(exp.replace(/\D/g, ''));
  await frame.locator('input[name="cvc"]').fill(cvc);
  await frame.locator('input[name="postal"]').fill(postal);
}

export function challenge(page: Page): FrameLocator {
  return page.frameLocator('iframe[name="stripe-challenge-frame"]');
}

/** Waits for the n-th (1-based) occurrence of an ssc-* event in the page's event log, and returns its detail. */
export async function loggedEvent(page: Page, name: string, nth = 1, timeout = 10_000): Promise<Json> {
  const item = page.locator(`#event-log li[data-event="${name}"]`).nth(nth - 1);
  await item.waitFor({ timeout });
  return JSON.parse((await item.locator('pre').textContent()) ?? '{}');
}

export async function eventCount(page: Page, name: string): Promise<number> {
  return page.locator(`#event-log li[data-event="${name}"]`).count();
}
