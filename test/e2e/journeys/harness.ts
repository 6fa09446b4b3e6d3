// The engine-neutral journeys' setup: the real demo server (embedded emulator, temp SQLite file), the real
// script-tag build, one browser of the chosen engine behind the small driver, and what a customer's page shows.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo, type RunningDemo } from '../../../demo/server/demo.js';
import { ensureBuild, type Json } from '../demo-harness.js';
import { Driver } from '../driver/driver.js';
import type { EngineName } from '../../browser/helpers/engines/engines.mjs';

const NESTED_SHADOW_PAGE = readFileSync(new URL('../../fixtures/nested-shadow/index.html', import.meta.url), 'utf8');
export const NESTED_SHADOW_PATH = '/__fixtures/nested-shadow';

export interface Journey {
  demo: RunningDemo;
  driver: Driver;
  close(): Promise<void>;
}

/**
 * The demo's request handler behind a server that also answers the test fixtures, so a fixture page is on the
 * demo's origin (its /config, /create-payment-intent, /v3/ and the script-tag build).
 */
async function serveWithFixtures(demo: RunningDemo): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === NESTED_SHADOW_PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NESTED_SHADOW_PAGE);
      return;
    }
    demo.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startJourney(engine: EngineName): Promise<Journey & { fixturesUrl: string }> {
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'ssc-journey-'));
  // Every browser of the suite comes from 127.0.0.1: one address, so its per-address budget is raised.
  const demo = await startDemo({ port: 0, dbPath: join(dir, 'demo.sqlite'), webhookRetry: { delays: [100, 300, 1000] }, rateLimits: { perAddress: 100_000, perSession: 100_000 } });
  const fixtures = await serveWithFixtures(demo);
  let driver: Driver;
  try {
    driver = await Driver.launch(engine);
  } catch (error) {
    fixtures.server.close();
    await demo.close();
    throw error;
  }
  return {
    demo, driver, fixturesUrl: fixtures.url,
    async close() {
      await driver.close();
      fixtures.server.closeAllConnections();
      fixtures.server.close();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for the n-th (1-based) ssc-* event in the page's event log and returns its detail. */
export async function loggedEvent(driver: Driver, name: string, nth = 1, timeout?: number): Promise<Json> {
  const selector = `#event-log li[data-event="${name}"]`;
  const text = await driver.until(`event ${name} #${nth}`, () => driver.run<string | null>(
    'const item = findAll(selector)[nth - 1]; return item ? (item.querySelector("pre") ?? item).textContent : null;', { selector, nth },
  ).then((found) => found ?? undefined), timeout);
  return JSON.parse(text);
}

export function eventCount(driver: Driver, name: string): Promise<number> {
  return driver.count(`#event-log li[data-event="${name}"]`);
}

/** Types a card into the card iframe matched by `frame`, field by field, with real clicks and key presses. */
export async function typeCard(driver: Driver, frame: string, number: string, { exp = '1234', cvc = '123', postal = '42424' } = {}): Promise<void> {
  const field = (name: string) => `${frame} >> input[name="${name}"]`;
  await driver.type(field('cardnumber'), number.replace(/ /g, ''));
  await driver.type(field('exp-date'), exp);
  await driver.type(field('cvc'), cvc);
  await driver.type(field('postal'), postal);
}

/** Answers the 3D Secure challenge overlay: `complete` or `fail`. */
export function answerChallenge(driver: Driver, outcome: 'complete' | 'fail'): Promise<void> {
  return driver.click(`iframe[name="stripe-challenge-frame"] >> #test-source-${outcome === 'complete' ? 'authorize' : 'fail'}-3ds`);
}

/** GET as the merchant (`token`): orders belong to the browser's session, which this process doesn't have. */
export async function getJson(url: string, token?: string): Promise<Json> {
  const res = await fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json();
}

/** Polls the demo's API until the order reaches `status` (the webhook may still be on its way); returns it. */
export async function waitForOrder(demo: RunningDemo, id: string, status: string, timeout = 15_000): Promise<Json> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const { order } = await getJson(`${demo.url}/orders/${id}`, demo.merchantToken);
    if (order.status === status) return order;
    if (Date.now() > deadline) throw new Error(`order ${id} is ${order.status}, expected ${status} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
