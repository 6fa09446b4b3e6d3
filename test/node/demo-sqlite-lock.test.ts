// Another process holding the SQLite write lock (issue #9 case 7): a second real better-sqlite3 connection on the
// demo's database file holds BEGIN IMMEDIATE / EXCLUSIVE while real HTTP requests and webhooks arrive.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call as callAt } from './helpers/demo-http.js';
import { waitFor } from './server-helpers.js';

let demo: RunningDemo;
let dir: string;
let other: Database.Database;
const call = (method: string, path: string, body?: unknown) => callAt(demo.url, method, path, body);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ssc-lock-'));
  demo = await startDemo({ port: 0, dbPath: join(dir, 'demo.sqlite'), webhookRetry: { delays: [200, 400, 800, 1600] }, reconcile: { intervalMs: 0 } });
  other = new Database(join(dir, 'demo.sqlite'), { timeout: 0 });
});
after(async () => {
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` while the other connection holds the write lock (`mode`), releasing it whatever happens. */
async function whileLocked<T>(mode: 'IMMEDIATE' | 'EXCLUSIVE', fn: () => Promise<T>): Promise<T> {
  other.exec(`BEGIN ${mode}`);
  try {
    return await fn();
  } finally {
    if (other.inTransaction) other.exec('COMMIT');
  }
}

describe('a write lock held by another connection', () => {
  for (const mode of ['IMMEDIATE', 'EXCLUSIVE'] as const) {
    it(`BEGIN ${mode}: a write answers a JSON 503 with Retry-After, quickly, while reads keep answering`, async () => {
      const ordersBefore = demo.db.listOrders(500).length;
      await whileLocked(mode, async () => {
        const started = Date.now();
        const [create, config, orders] = await Promise.all([
          call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] }),
          call('GET', '/config'),
          call('GET', '/orders'),
        ]);
        // Behaviour, not speed: before, the driver waited 5 s and answered a raw 500; now the wait is a short busy timeout.
        assert.ok(Date.now() - started < 2000, `answered after ${Date.now() - started} ms`);
        assert.equal(create.status, 503, create.text);
        assert.equal(create.headers.get('retry-after'), '1');
        assert.match(String(create.headers.get('content-type')), /application\/json/);
        assert.equal(create.data.error.code, 'database_busy');
        assert.doesNotMatch(create.text, /SQLITE|database is locked|SqliteError/i, 'no driver message in the answer');
        assert.equal(config.status, 200);
        assert.equal(orders.status, 200, 'reads are not blocked by a writer (WAL)');
      });
      assert.equal(demo.db.listOrders(500).length, ordersBefore, 'nothing half-written');
      const after = await call('POST', '/create-payment-intent', { items: [{ sku: 'mug' }] });
      assert.equal(after.status, 200, 'once the lock is gone, the same request succeeds');
    });
  }

  it('a webhook arriving during the lock is answered non-2xx, then processed on the retry', async () => {
    const created = await call('POST', '/create-payment-intent', { items: [{ sku: 'tshirt' }] });
    const { intentId, orderId } = created.data;
    await whileLocked('EXCLUSIVE', async () => {
      await demo.stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa', return_url: 'https://shop.test/return' });
      const refused = await waitFor('the succeeded event answered while locked', () =>
        demo.emulator!.webhookDeliveries().find((d) => d.type === 'payment_intent.succeeded' && d.lastStatus !== null));
      assert.equal(refused.lastStatus, 503);
      assert.equal(refused.state, 'pending', 'Stripe (the emulator) will retry it');
      assert.equal(demo.db.getOrder(orderId)!.status, 'pending');
    });
    await demo.emulator!.webhooksIdle();
    const delivery = demo.emulator!.webhookDeliveries().find((d) => d.type === 'payment_intent.succeeded')!;
    assert.equal(delivery.state, 'delivered');
    assert.ok(delivery.attempts >= 2, `attempts: ${delivery.attempts}`);
    assert.equal(demo.db.processedEvents().filter((e) => e.id === delivery.eventId).length, 1);
    const history = demo.db.history(orderId);
    assert.equal(history.at(-1)!.status, 'paid');
    assert.equal(history.at(-1)!.source, 'webhook');
  });
});
