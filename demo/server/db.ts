// The demo merchant's own records: the customer it charges, orders and their status history, webhook events
// it has processed (dedupe by event id), saved-card events and completed Checkout sessions.
// better-sqlite3 is synchronous, so each "check then write" below runs inside one short transaction with no await.
// It also blocks the event loop while it waits for a lock, so the busy timeout is short: when another process holds
// the write lock, a write fails fast with SQLITE_BUSY (the routes answer 503 + Retry-After) instead of stalling
// every request for seconds.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

export type OrderKind = 'payment' | 'setup' | 'off_session';
export type OrderStatus = 'pending' | 'requires_action' | 'paid' | 'saved' | 'failed' | 'requires_customer_action';

export interface Order {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  amount: number;
  currency: string;
  items: { sku: string; quantity: number }[];
  customerId: string;
  intentId: string | null;
  paymentMethodId: string | null;
  save: boolean;
  failureCode: string | null;
  declineCode: string | null;
  failureMessage: string | null;
  createdAt: number;
  updatedAt: number;
  /** When reconciliation last read its intent back from Stripe, if ever. */
  checkedAt: number | null;
}

export interface OrderHistoryEntry {
  status: OrderStatus;
  /**
   * Who moved the order: `server` (our own call to Stripe answered), `webhook` (a verified event), `reconcile` (the
   * intent read back from Stripe), `success_page`. An entry whose status did not change is a note, e.g. a mismatch.
   */
  source: string;
  note: string | null;
  at: number;
}

interface OrderRow {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  amount: number;
  currency: string;
  items: string;
  customer_id: string;
  intent_id: string | null;
  payment_method_id: string | null;
  save: number;
  failure_code: string | null;
  decline_code: string | null;
  failure_message: string | null;
  created_at: number;
  updated_at: number;
  checked_at: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS customers (
  account TEXT PRIMARY KEY,          -- 'emulator' or 'stripe:<key suffix>': one demo customer per Stripe account
  stripe_customer_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  items TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  intent_id TEXT,
  payment_method_id TEXT,
  save INTEGER NOT NULL DEFAULT 0,
  failure_code TEXT,
  decline_code TEXT,
  failure_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_intent ON orders(intent_id);
CREATE TABLE IF NOT EXISTS order_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id TEXT NOT NULL REFERENCES orders(id),
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  note TEXT,
  at INTEGER NOT NULL,
  attempt TEXT                       -- a failure's attempt (Failure.attempt), so each failed attempt is recorded once
);
CREATE TABLE IF NOT EXISTS webhook_events (
  id TEXT PRIMARY KEY,               -- Stripe's event id: a retried delivery carries the same id
  type TEXT NOT NULL,
  object_id TEXT,
  outcome TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT,
  type TEXT,
  result TEXT NOT NULL,              -- processed | duplicate | fault | bad_signature | error
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS card_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  payment_method_id TEXT NOT NULL,
  type TEXT NOT NULL,
  brand TEXT,
  last4 TEXT,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS checkout_sessions (
  id TEXT PRIMARY KEY,
  setup_intent_id TEXT,
  payment_method_id TEXT,
  completed_by TEXT NOT NULL,        -- success_page | webhook: whichever got there first
  at INTEGER NOT NULL
);
`;

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    items: JSON.parse(row.items) as Order['items'],
    customerId: row.customer_id,
    intentId: row.intent_id,
    paymentMethodId: row.payment_method_id,
    save: row.save === 1,
    failureCode: row.failure_code,
    declineCode: row.decline_code,
    failureMessage: row.failure_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    checkedAt: row.checked_at ?? null,
  };
}

export interface NewOrder {
  kind: OrderKind;
  amount: number;
  currency: string;
  items: Order['items'];
  customerId: string;
  save: boolean;
  paymentMethodId?: string | null;
}

export interface Failure {
  code: string | null;
  declineCode: string | null;
  message: string | null;
  /**
   * Which attempt failed (the failed charge's id, else the PaymentMethod and code): a second decline on the same
   * intent is a new entry, while the same failure reported again (its webhook after our own confirm's answer, a
   * retried event, a read-back) is recorded once. Null when Stripe gave nothing to tell attempts apart.
   */
  attempt?: string | null;
}

export type DemoDb = ReturnType<typeof openDb>;

export interface DbOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. Default 100 ms. */
  busyTimeoutMs?: number;
}

/** Statuses an intent can still move: reconciliation re-reads these from Stripe. `paid` and `saved` are final. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'requires_action', 'requires_customer_action', 'failed'];

/** Opens (and creates on first use) the demo database. `':memory:'` is fine for tests. */
export function openDb(path: string, options: DbOptions = {}) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 100 });
  // WAL: readers (GET /orders, the page) never wait for a writer, and a writer never waits for readers.
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  // Added after the first release: databases created before it get the column here.
  const hasColumn = (table: string, name: string) => db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().some((column) => column.name === name);
  if (!hasColumn('orders', 'checked_at')) db.exec('ALTER TABLE orders ADD COLUMN checked_at INTEGER');
  if (!hasColumn('order_history', 'attempt')) db.exec('ALTER TABLE order_history ADD COLUMN attempt TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS order_history_order ON order_history(order_id)');
  const now = () => Date.now();

  const getOrderRow = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');
  const getOrderByIntent = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE intent_id = ? ORDER BY created_at DESC LIMIT 1');
  const insertHistory = db.prepare<[string, OrderStatus, string, string | null, number, string | null]>(
    'INSERT INTO order_history (order_id, status, source, note, at, attempt) VALUES (?, ?, ?, ?, ?, ?)');
  const addHistory = { run: (orderId: string, status: OrderStatus, source: string, note: string | null, at: number, attempt: string | null = null) => insertHistory.run(orderId, status, source, note, at, attempt) };
  const attemptRecorded = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM order_history WHERE order_id = ? AND attempt = ? LIMIT 1');

  /**
   * Moves an order to `status` unless it already is there (or is final); returns true when it actually moved.
   * A failure with an `attempt` is recorded once per attempt: another declined attempt on a failed order is a new
   * entry (with its failure), the same attempt reported again is not.
   */
  const transition = db.transaction((orderId: string, status: OrderStatus, source: string, note: string | null, failure?: Failure): boolean => {
    const row = getOrderRow.get(orderId);
    if (!row) return false;
    // A paid or saved order is final: a late payment_failed event for an earlier attempt must not undo it.
    if (row.status === 'paid' || row.status === 'saved') return false;
    const attempt = failure?.attempt ?? null;
    if (attempt !== null ? attemptRecorded.get(orderId, attempt) !== undefined : row.status === status) return false;
    db.prepare(
      `UPDATE orders SET status = ?, updated_at = ?, failure_code = ?, decline_code = ?, failure_message = ? WHERE id = ?`,
    ).run(status, now(), failure?.code ?? null, failure?.declineCode ?? null, failure?.message ?? null, orderId);
    addHistory.run(orderId, status, source, note, now(), attempt);
    return true;
  });

  /** Adds a history entry that changes nothing (e.g. a mismatch), unless the latest entry already says the same. */
  const note = db.transaction((orderId: string, source: string, text: string): boolean => {
    const row = getOrderRow.get(orderId);
    if (!row) return false;
    const last = db.prepare<[string], { source: string; note: string | null }>('SELECT source, note FROM order_history WHERE order_id = ? ORDER BY id DESC LIMIT 1').get(orderId);
    if (last?.note === text && last.source === source) return false;
    addHistory.run(orderId, row.status, source, text, now());
    return true;
  });

  return {
    raw: db,
    close: () => db.close(),

    getCustomer(account: string): string | undefined {
      const row = db.prepare<[string], { stripe_customer_id: string }>('SELECT stripe_customer_id FROM customers WHERE account = ?').get(account);
      return row?.stripe_customer_id;
    },
    setCustomer(account: string, customerId: string): void {
      db.prepare('INSERT INTO customers (account, stripe_customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT(account) DO UPDATE SET stripe_customer_id = excluded.stripe_customer_id')
        .run(account, customerId, now());
    },

    createOrder(input: NewOrder): Order {
      const id = `ord_${randomBytes(9).toString('base64url')}`;
      const t = now();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO orders (id, kind, status, amount, currency, items, customer_id, payment_method_id, save, created_at, updated_at)
           VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, input.kind, input.amount, input.currency, JSON.stringify(input.items), input.customerId, input.paymentMethodId ?? null, input.save ? 1 : 0, t, t);
        addHistory.run(id, 'pending', 'server', 'order created', t);
      })();
      return this.getOrder(id)!;
    },
    getOrder(id: string): Order | undefined {
      const row = getOrderRow.get(id);
      return row ? toOrder(row) : undefined;
    },
    findOrderByIntent(intentId: string): Order | undefined {
      const row = getOrderByIntent.get(intentId);
      return row ? toOrder(row) : undefined;
    },
    setOrderIntent(orderId: string, intentId: string, paymentMethodId?: string | null): void {
      db.prepare('UPDATE orders SET intent_id = ?, payment_method_id = COALESCE(?, payment_method_id), updated_at = ? WHERE id = ?')
        .run(intentId, paymentMethodId ?? null, now(), orderId);
    },
    setOrderPaymentMethod(orderId: string, paymentMethodId: string): void {
      db.prepare('UPDATE orders SET payment_method_id = ?, updated_at = ? WHERE id = ?').run(paymentMethodId, now(), orderId);
    },
    /**
     * A new attempt on the order's own intent (updated at Stripe first): the cart may have changed, and an earlier
     * decline no longer describes the order, which is pending again. A paid or saved order is never touched.
     */
    updateOrderAttempt(orderId: string, change: { amount: number; items: Order['items']; save: boolean; paymentMethodId: string | null }, text: string): void {
      db.transaction(() => {
        const row = getOrderRow.get(orderId);
        if (!row || row.status === 'paid' || row.status === 'saved') return;
        db.prepare(
          `UPDATE orders SET amount = ?, items = ?, save = ?, payment_method_id = ?, status = 'pending',
             failure_code = NULL, decline_code = NULL, failure_message = NULL, updated_at = ? WHERE id = ?`,
        ).run(change.amount, JSON.stringify(change.items), change.save ? 1 : 0, change.paymentMethodId, now(), orderId);
        addHistory.run(orderId, 'pending', 'server', text, now());
      })();
    },
    transition,
    note,
    /**
     * Open orders of `customerId` with an intent, created since `since` (ms), least recently checked first: what a
     * reconciliation sweep re-reads from Stripe.
     */
    ordersToReconcile(customerId: string, since: number, limit: number): Order[] {
      const open = OPEN_STATUSES.map(() => '?').join(', ');
      return db.prepare<unknown[], OrderRow>(
        `SELECT * FROM orders WHERE customer_id = ? AND intent_id IS NOT NULL AND created_at >= ? AND status IN (${open})
         ORDER BY COALESCE(checked_at, 0), created_at LIMIT ?`,
      ).all(customerId, since, ...OPEN_STATUSES, limit).map(toOrder);
    },
    markChecked(orderId: string): void {
      db.prepare('UPDATE orders SET checked_at = ? WHERE id = ?').run(now(), orderId);
    },
    history(orderId: string): OrderHistoryEntry[] {
      return db.prepare<[string], OrderHistoryEntry>('SELECT status, source, note, at FROM order_history WHERE order_id = ? ORDER BY id').all(orderId);
    },
    /** Latest orders, of one customer when given (an emulator restart makes a new customer; old orders stay behind). */
    listOrders(limit = 20, customerId?: string): Order[] {
      if (customerId) {
        return db.prepare<[string, number], OrderRow>('SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
          .all(customerId, limit).map(toOrder);
      }
      return db.prepare<[number], OrderRow>('SELECT * FROM orders ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit).map(toOrder);
    },

    /**
     * Runs `process` for a webhook event exactly once per event id: the id is recorded in the same transaction as the
     * work, so a crash mid-way leaves nothing recorded and Stripe's retry processes it again; a replay changes nothing.
     * Returns false when the event had already been processed.
     */
    processEventOnce(event: { id: string; type: string; objectId: string | null }, process: () => string): boolean {
      return db.transaction(() => {
        const seen = db.prepare('SELECT 1 FROM webhook_events WHERE id = ?').get(event.id);
        if (seen) return false;
        const outcome = process();
        db.prepare('INSERT INTO webhook_events (id, type, object_id, outcome, processed_at) VALUES (?, ?, ?, ?, ?)')
          .run(event.id, event.type, event.objectId, outcome, now());
        return true;
      })();
    },
    recordDelivery(eventId: string | null, type: string | null, result: string): void {
      db.prepare('INSERT INTO webhook_deliveries (event_id, type, result, at) VALUES (?, ?, ?, ?)').run(eventId, type, result, now());
    },
    processedEvents(): { id: string; type: string; objectId: string | null; outcome: string }[] {
      return db.prepare<[], { id: string; type: string; objectId: string | null; outcome: string }>(
        'SELECT id, type, object_id AS objectId, outcome FROM webhook_events ORDER BY processed_at, rowid').all();
    },
    deliveries(): { eventId: string | null; type: string | null; result: string }[] {
      return db.prepare<[], { eventId: string | null; type: string | null; result: string }>(
        'SELECT event_id AS eventId, type, result FROM webhook_deliveries ORDER BY id').all();
    },

    recordCardEvent(paymentMethodId: string, type: string, brand: string | null, last4: string | null): void {
      db.prepare('INSERT INTO card_events (payment_method_id, type, brand, last4, at) VALUES (?, ?, ?, ?, ?)').run(paymentMethodId, type, brand, last4, now());
    },
    cardEvents(): { paymentMethodId: string; type: string; brand: string | null; last4: string | null }[] {
      return db.prepare<[], { paymentMethodId: string; type: string; brand: string | null; last4: string | null }>(
        'SELECT payment_method_id AS paymentMethodId, type, brand, last4 FROM card_events ORDER BY id').all();
    },

    /** Records a completed Checkout session once; returns the source that recorded it first. */
    completeCheckoutSession(sessionId: string, setupIntentId: string | null, paymentMethodId: string | null, source: string): string {
      return db.transaction(() => {
        const row = db.prepare<[string], { completed_by: string }>('SELECT completed_by FROM checkout_sessions WHERE id = ?').get(sessionId);
        if (row) return row.completed_by;
        db.prepare('INSERT INTO checkout_sessions (id, setup_intent_id, payment_method_id, completed_by, at) VALUES (?, ?, ?, ?, ?)')
          .run(sessionId, setupIntentId, paymentMethodId, source, now());
        return source;
      })();
    },
  };
}
