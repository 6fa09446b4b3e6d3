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
import { migrate, toOrder, type Failure, type NewOrder, type Order, type OrderHistoryEntry, type OrderRow, type OrderStatus } from './db-schema.js';

export type { Failure, NewOrder, Order, OrderHistoryEntry, OrderKind, OrderStatus } from './db-schema.js';

export type DemoDb = ReturnType<typeof openDb>;

export interface DbOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. Default 100 ms. */
  busyTimeoutMs?: number;
}

/** Statuses an intent can still move: reconciliation re-reads these from Stripe. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'requires_action', 'requires_customer_action', 'failed', 'authorized'];
/** Money taken (or a card saved): no failure undoes these; only a refund or a dispute moves a paid order on. */
export const SETTLED_STATUSES: readonly OrderStatus[] = ['paid', 'saved', 'refunded', 'partially_refunded', 'disputed'];
/** Statuses a refund or dispute may move on from. */
const AFTER_PAYMENT_FROM: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded', 'disputed'];

/** Opens (and creates on first use) the demo database. `':memory:'` is fine for tests. */
export function openDb(path: string, options: DbOptions = {}) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 100 });
  // WAL: readers (GET /orders, the page) never wait for a writer, and a writer never waits for readers.
  db.pragma('journal_mode = WAL');
  migrate(db);
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
    if (SETTLED_STATUSES.includes(row.status)) return false;
    const attempt = failure?.attempt ?? null;
    if (attempt !== null ? attemptRecorded.get(orderId, attempt) !== undefined : row.status === status) return false;
    db.prepare(
      `UPDATE orders SET status = ?, updated_at = ?, failure_code = ?, decline_code = ?, failure_message = ? WHERE id = ?`,
    ).run(status, now(), failure?.code ?? null, failure?.declineCode ?? null, failure?.message ?? null, orderId);
    addHistory.run(orderId, status, source, note, now(), attempt);
    return true;
  });

  /**
   * A refund or dispute on a paid order: moves it to `status` once per `key` (the refund's or dispute's id and state),
   * so the same refund reported by its event, a retried event and a read-back is one history entry.
   */
  const afterPayment = db.transaction((orderId: string, status: OrderStatus, source: string, note: string, key: string): boolean => {
    const row = getOrderRow.get(orderId);
    if (!row || !AFTER_PAYMENT_FROM.includes(row.status)) return false;
    if (attemptRecorded.get(orderId, key) !== undefined) return false;
    db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ?').run(status, now(), orderId);
    addHistory.run(orderId, status, source, note, now(), key);
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

    getSessionCustomer(sessionId: string): string | undefined {
      return db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM sessions WHERE id = ?').get(sessionId)?.customer_id;
    },
    setSessionCustomer(sessionId: string, customerId: string): void {
      db.prepare('INSERT INTO sessions (id, customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING').run(sessionId, customerId, now());
    },
    /** Whether `customerId` is one of our shoppers' (the merchant charges only those). */
    isShopperCustomer(customerId: string): boolean {
      return db.prepare('SELECT 1 FROM sessions WHERE customer_id = ? LIMIT 1').get(customerId) !== undefined
        || db.prepare('SELECT 1 FROM customers WHERE stripe_customer_id = ? LIMIT 1').get(customerId) !== undefined;
    },

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
          `INSERT INTO orders (id, kind, status, amount, currency, items, customer_id, payment_method_id, save, created_at, updated_at, checkout_id)
           VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, input.kind, input.amount, input.currency, JSON.stringify(input.items), input.customerId, input.paymentMethodId ?? null, input.save ? 1 : 0, t, t, input.checkoutId ?? null);
        addHistory.run(id, 'pending', 'server', 'order created', t);
      })();
      return this.getOrder(id)!;
    },
    /** The order a checkout of this customer made for `kind`, if any (db index orders_checkout keeps it one). */
    findCheckoutOrder(customerId: string, kind: string, checkoutId: string): Order | undefined {
      const row = db.prepare<[string, string, string], OrderRow>('SELECT * FROM orders WHERE customer_id = ? AND kind = ? AND checkout_id = ?').get(customerId, kind, checkoutId);
      return row ? toOrder(row) : undefined;
    },
    /** The checkout goes on with a new order (its intent was canceled): this one no longer answers for it. */
    releaseCheckout(orderId: string): void {
      db.prepare('UPDATE orders SET checkout_id = NULL WHERE id = ?').run(orderId);
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
        if (!row || SETTLED_STATUSES.includes(row.status)) return;
        db.prepare(
          `UPDATE orders SET amount = ?, items = ?, save = ?, payment_method_id = ?, status = 'pending',
             failure_code = NULL, decline_code = NULL, failure_message = NULL, updated_at = ? WHERE id = ?`,
        ).run(change.amount, JSON.stringify(change.items), change.save ? 1 : 0, change.paymentMethodId, now(), orderId);
        addHistory.run(orderId, 'pending', 'server', text, now());
      })();
    },
    transition,
    afterPayment,
    note,
    /**
     * Open orders of `customerId` with an intent, created since `since` (ms), least recently checked first: what a
     * reconciliation sweep re-reads from Stripe.
     */
    ordersToReconcile(since: number, limit: number, statuses: readonly OrderStatus[] = OPEN_STATUSES, checkedBefore = Number.MAX_SAFE_INTEGER): Order[] {
      const open = statuses.map(() => '?').join(', ');
      return db.prepare<unknown[], OrderRow>(
        `SELECT * FROM orders WHERE intent_id IS NOT NULL AND created_at >= ? AND status IN (${open}) AND COALESCE(checked_at, 0) < ?
         ORDER BY COALESCE(checked_at, 0), created_at LIMIT ?`,
      ).all(since, ...statuses, checkedBefore, limit).map(toOrder);
    },
    /**
     * Orders still pending with no intent after `olderThan` ms: Stripe never answered their creation (an outage, a
     * crash in between), so no money can have moved. They fail, with a history entry saying why, instead of
     * staying pending forever; the same checkout retried later creates the intent on the same order.
     */
    failIntentless(olderThan: number): number {
      const rows = db.prepare<[number], { id: string }>("SELECT id FROM orders WHERE intent_id IS NULL AND status = 'pending' AND updated_at < ?").all(Date.now() - olderThan);
      for (const { id } of rows) {
        transition(id, 'failed', 'reconcile', 'no intent was ever created (Stripe unreachable)', { code: 'stripe_unreachable', declineCode: null, message: 'Stripe could not be reached to start this payment.' });
      }
      return rows.length;
    },
    /** Whether an order still waits on `intentId` (its checkout may come back to it). */
    isOpenIntent(intentId: string): boolean {
      const open = OPEN_STATUSES.map(() => '?').join(', ');
      return db.prepare(`SELECT 1 FROM orders WHERE intent_id = ? AND status IN (${open}) LIMIT 1`).get(intentId, ...OPEN_STATUSES) !== undefined;
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
