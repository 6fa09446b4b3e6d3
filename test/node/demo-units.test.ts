// The demo server's small pieces on their own: mode selection from the environment, pricing, and the
// exactly-once webhook bookkeeping in SQLite.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keysFromEnv } from '../../demo/server/demo.js';
import { parseItems, priceLines } from '../../demo/server/pricing.js';
import { openDb } from '../../demo/server/db.js';
import { ApiError } from '../../demo/server/errors.js';
import { checkRequest, isOwnOrigin } from '../../demo/server/guards.js';
import type { IncomingMessage } from 'node:http';
import { BROWSER_ROUTES } from '../../demo/server/emulator-proxy.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Route } from '../../src/testing/emulator/router.js';

describe('demo mode from the environment', () => {
  it('uses the emulator without keys and real Stripe with both keys', () => {
    assert.equal(keysFromEnv({}), null);
    assert.deepEqual(keysFromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' }),
      { secretKey: 'sk_test_abc', publishableKey: 'pk_test_abc', webhookSecret: 'whsec_x' });
  });
  it('refuses half a configuration or swapped keys, naming the variable', () => {
    assert.throws(() => keysFromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc' }), /STRIPE_PUBLISHABLE_KEY: expected pk_test_/);
    assert.throws(() => keysFromEnv({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }), /STRIPE_SECRET_KEY: expected sk_test_/);
    assert.throws(() => keysFromEnv({ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_PUBLISHABLE_KEY: 'sk_test_abc' }), /STRIPE_SECRET_KEY/);
  });
});

describe('demo pricing', () => {
  it('sums catalog prices, quantity defaulting to 1', () => {
    assert.equal(priceLines(parseItems([{ sku: 'tshirt', quantity: 3 }, { sku: 'mug' }])), 3 * 1999 + 1200);
  });
  it('rejects malformed carts with the field path', () => {
    const field = (value: unknown) => {
      try { parseItems(value); } catch (error) { return (error as ApiError).body.field; }
      return 'no error';
    };
    assert.equal(field('tshirt'), 'items');
    assert.equal(field([]), 'items');
    assert.equal(field([null]), 'items[0]');
    assert.equal(field([{ sku: 'mug', quantity: 1.5 }]), 'items[0].quantity');
    assert.equal(field([{ sku: 'mug' }, { sku: 'MUG' }]), 'items[1].sku');
  });
});

describe('demo webhook bookkeeping', () => {
  it('records an event id only when its work committed: a crash mid-way lets the retry do it', () => {
    const db = openDb(':memory:');
    const order = db.createOrder({ kind: 'payment', amount: 500, currency: 'usd', items: [], customerId: 'cus_1', save: false });
    const event = { id: 'evt_1', type: 'payment_intent.succeeded', objectId: 'pi_1' };
    assert.throws(() => db.processEventOnce(event, () => {
      db.transition(order.id, 'paid', 'webhook', null);
      throw new Error('crash after the update');
    }), /crash/);
    assert.equal(db.getOrder(order.id)!.status, 'pending', 'the half-done work rolled back');
    assert.equal(db.processEventOnce(event, () => (db.transition(order.id, 'paid', 'webhook', null) ? 'paid' : 'noop')), true);
    assert.equal(db.processEventOnce(event, () => 'should not run'), false);
    assert.deepEqual(db.processedEvents(), [{ id: 'evt_1', type: 'payment_intent.succeeded', objectId: 'pi_1', outcome: 'paid' }]);
    assert.deepEqual(db.history(order.id).map((h) => h.status), ['pending', 'paid']);
    db.close();
  });
  it('opens a database made before reconciliation existed (no checked_at column) and keeps its orders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-old-db-'));
    try {
      const path = join(dir, 'demo.sqlite');
      const old = new Database(path);
      old.exec(`CREATE TABLE orders (id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
        items TEXT NOT NULL, customer_id TEXT NOT NULL, intent_id TEXT, payment_method_id TEXT, save INTEGER NOT NULL DEFAULT 0, failure_code TEXT,
        decline_code TEXT, failure_message TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        INSERT INTO orders VALUES ('ord_old', 'payment', 'pending', 500, 'usd', '[]', 'cus_1', 'pi_old', NULL, 0, NULL, NULL, NULL, ${Date.now()}, ${Date.now()});
        CREATE TABLE order_history (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL REFERENCES orders(id), status TEXT NOT NULL,
          source TEXT NOT NULL, note TEXT, at INTEGER NOT NULL);
        INSERT INTO order_history (order_id, status, source, note, at) VALUES ('ord_old', 'pending', 'server', 'order created', ${Date.now()});`);
      old.close();
      const db = openDb(path);
      assert.deepEqual(db.ordersToReconcile(0, 10).map((o) => [o.id, o.checkedAt]), [['ord_old', null]]);
      db.markChecked('ord_old');
      assert.equal(typeof db.getOrder('ord_old')!.checkedAt, 'number');
      // order_history gained its attempt column in place: declines are recorded per attempt on old orders too.
      const decline = (attempt: string, code: string) => db.transition('ord_old', 'failed', 'webhook', code, { code, declineCode: null, message: null, attempt });
      assert.deepEqual([decline('ch_1', 'card_declined'), decline('ch_1', 'card_declined'), decline('ch_2', 'expired_card')], [true, false, true]);
      assert.deepEqual(db.history('ord_old').map((h) => `${h.status} ${h.note}`), ['pending order created', 'failed card_declined', 'failed expired_card']);
      assert.equal(db.getOrder('ord_old')!.failureCode, 'expired_card');
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('never moves a paid order back', () => {
    const db = openDb(':memory:');
    const order = db.createOrder({ kind: 'payment', amount: 500, currency: 'usd', items: [], customerId: 'cus_1', save: false });
    assert.equal(db.transition(order.id, 'paid', 'server', null), true);
    assert.equal(db.transition(order.id, 'failed', 'webhook', 'late failure event'), false);
    assert.equal(db.transition(order.id, 'paid', 'webhook', null), false);
    assert.equal(db.getOrder(order.id)!.status, 'paid');
    db.close();
  });
});

describe('demo same-origin rule', () => {
  it('accepts the host the request was sent to, whatever the scheme, and configured origins only', () => {
    assert.equal(isOwnOrigin('http://localhost:4242', 'localhost:4242', []), true);
    assert.equal(isOwnOrigin('https://shop.example', 'shop.example', []), true, 'behind a TLS proxy');
    assert.equal(isOwnOrigin('https://evil.example', 'shop.example', []), false);
    assert.equal(isOwnOrigin('http://localhost:4243', 'localhost:4242', []), false, 'another port is another origin');
    assert.equal(isOwnOrigin('null', 'localhost:4242', []), false);
    assert.equal(isOwnOrigin('https://abc.tunnel.example', 'localhost:4242', ['https://abc.tunnel.example']), true);
    assert.equal(isOwnOrigin('https://abc.tunnel.example/', 'localhost:4242', ['https://abc.tunnel.example']), true);
    assert.equal(isOwnOrigin('not a url', 'localhost:4242', []), false);
  });
  it('lets a configured origin on another host of the same site through, and nothing else from there', () => {
    const req = (headers: Record<string, string>) => ({ method: 'POST', headers: { host: 'api.shop.example', 'content-type': 'application/json', ...headers } }) as unknown as IncomingMessage;
    const fromApp = req({ origin: 'https://app.shop.example', 'sec-fetch-site': 'same-site' });
    assert.doesNotThrow(() => checkRequest(fromApp, 'json', ['https://app.shop.example']));
    assert.throws(() => checkRequest(fromApp, 'json', []), (error: ApiError) => error.status === 403 && error.body.field === 'Sec-Fetch-Site');
    assert.throws(() => checkRequest(req({ origin: 'https://app.shop.example', 'content-type': 'text/plain' }), 'json', ['https://app.shop.example']),
      (error: ApiError) => error.status === 415, 'the JSON rule still applies');
  });
});

describe('demo origin allow-list', () => {
  /** Every route of the emulator's table, from its resource modules. */
  async function emulatorRoutes(): Promise<Route[]> {
    const dir = new URL('../../src/testing/emulator/resources/', import.meta.url);
    const routes: Route[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const module = (await import(new URL(file, dir).href)) as Record<string, unknown>;
      for (const value of Object.values(module)) {
        if (Array.isArray(value) && value.every((r) => typeof r?.pattern === 'string' && typeof r?.access === 'string')) routes.push(...(value as Route[]));
      }
    }
    return routes;
  }
  // A plausible id for each `:param`, by the collection it follows (the list's patterns check prefixes).
  const SAMPLE: Record<string, string> = { payment_intents: 'pi_1', setup_intents: 'seti_1', sources: 'src_1', tokens: 'tok_1', checkout: 'cs_1', '3ds': 'src_1', customers: 'cus_1', payment_methods: 'pm_1', events: 'evt_1', charges: 'ch_1', refunds: 're_1', sessions: 'cs_1' };
  const samplePath = (pattern: string) => pattern.split('/').map((part, i, all) => (part.startsWith(':') ? SAMPLE[all[i - 1]!] ?? 'x_1' : part)).join('/');
  const forwarded = (method: string, path: string) => BROWSER_ROUTES.some((r) => r.method === method && r.path.test(path));

  it('forwards every route the emulator opens to the publishable key, and no secret-key route', async () => {
    const routes = await emulatorRoutes();
    assert.ok(routes.length > 30, `found ${routes.length} routes`);
    const browser = routes.filter((r) => r.access !== 'secret' && r.method !== 'DELETE');
    assert.deepEqual(browser.filter((r) => !forwarded(r.method, samplePath(r.pattern))).map((r) => `${r.method} ${r.pattern}`), [],
      'Stripe.js routes the demo origin does not forward: add them to BROWSER_ROUTES');
    assert.deepEqual(routes.filter((r) => r.access === 'secret' && forwarded(r.method, samplePath(r.pattern))).map((r) => `${r.method} ${r.pattern}`), [],
      'secret-key routes the demo origin forwards');
  });
});
