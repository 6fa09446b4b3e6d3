// Reconciliation: webhooks can be lost (the server was down longer than Stripe kept retrying, an endpoint was
// misconfigured), so an open order is also re-read from Stripe: when someone looks at it (GET /orders/:id, the
// recovery page) and by a sweep at start and every minute. The intent's real status goes through the same rules
// as a webhook (fulfilment.ts), with history source `reconcile`. A failure here never fails the request that
// triggered it: the stored status is answered and the next sweep tries again.
// An order is left to its webhook for a few seconds after it last changed, and read back at most once per that
// grace period: a page polling its order every 400 ms must not become 2.5 Stripe API calls a second (Stripe rate
// limits), and the webhook, which normally arrives within a second, stays the usual path.
import type Stripe from 'stripe';
import type { AppContext } from './context.js';
import { OPEN_STATUSES, type Order, type OrderStatus } from './db.js';
import { isDatabaseBusy } from './errors.js';
import { settle, type Intent } from './fulfilment.js';
import { captureAuthorized, reconcilePaid } from './after-payment.js';

/** How long a read from Stripe may take when a person is waiting for the answer. */
const READ_TIMEOUT_MS = 3000;
/** Paid orders are re-read for refunds and disputes at most this often, this many per sweep. */
const PAID_RECHECK_MS = 60 * 60_000;
const PAID_BATCH = 20;
const SETTLED_PAYMENTS: readonly OrderStatus[] = ['paid', 'partially_refunded', 'disputed'];
/** An order with no intent this long after its last change will never get one by itself (creation takes seconds). */
const INTENTLESS_AFTER_MS = 60_000;

export interface ReconcileOptions {
  /** Time between sweeps; 0 = only the one at start. Default 60,000 ms. */
  intervalMs?: number;
  /** An order changed or read back less than this long ago is not read again yet. Default 5,000 ms. */
  graceMs?: number;
  /** Orders older than this are left alone (Stripe retries webhooks for up to 3 days). Default 7 days. */
  windowMs?: number;
  /** Orders re-read per sweep, least recently checked first. Default 100. */
  batch?: number;
}

export const DEFAULT_RECONCILE = { intervalMs: 60_000, graceMs: 5_000, windowMs: 7 * 24 * 3600_000, batch: 100 } as const;

/**
 * Runs a write that records what Stripe already did. If another process holds the database lock, the answer must
 * still tell the truth (a 503 would invite a retry, and a retry a second charge): the intent id is stored already,
 * so reconciliation records the outcome later.
 */
export function recordLater(app: AppContext, orderId: string, write: () => unknown): void {
  try {
    write();
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
    app.log(`${orderId}: database locked while recording Stripe's answer; reconciliation will record it`);
  }
}

function markChecked(app: AppContext, orderId: string): void {
  try {
    app.db.markChecked(orderId);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
  }
}

/** Re-reads an open order's intent, unless it is in its grace period, and applies it; returns the order as stored afterwards. */
export async function reconcileOrder(app: AppContext, order: Order): Promise<Order> {
  if (!order.intentId || !OPEN_STATUSES.includes(order.status)) return order;
  const graceMs = app.reconcile.graceMs ?? DEFAULT_RECONCILE.graceMs;
  if (Date.now() - Math.max(order.updatedAt, order.checkedAt ?? 0) < graceMs) return order;
  let intent: Intent;
  try {
    const options: Stripe.RequestOptions = { timeout: READ_TIMEOUT_MS };
    intent = order.kind === 'setup'
      ? await app.stripe.setupIntents.retrieve(order.intentId, {}, options)
      : await app.stripe.paymentIntents.retrieve(order.intentId, {}, options);
  } catch (error) {
    app.log(`reconcile ${order.id}: could not read ${order.intentId} from Stripe: ${(error as Error)?.message ?? String(error)}`);
    // Gone for good (an emulator restart): checked, so the next sweeps read the others first.
    if ((error as { statusCode?: number }).statusCode === 404) markChecked(app, order.id);
    return order;
  }
  try {
    const outcome = settle(app.db, order, intent, 'reconcile', 'read back from Stripe');
    app.db.markChecked(order.id);
    if (!outcome.includes('unchanged') && !outcome.includes('already')) app.log(`reconcile: ${outcome}`);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
    app.log(`reconcile ${order.id}: database locked, will retry`);
  }
  const now = app.db.getOrder(order.id) ?? order;
  // Held, not taken: the capture rule (after-payment.ts) makes it paid.
  if (now.status === 'authorized') await captureAuthorized(app, now.id);
  return app.db.getOrder(order.id) ?? now;
}

/**
 * Sweeps the demo customer's open orders now and every `intervalMs`. `sweep()` runs one now (or joins the one
 * running) and resolves to the number of orders whose status changed; `stop()` ends the timer and waits for a sweep
 * in flight, so the database can be closed after it.
 */
export function startReconciler(app: AppContext, options: ReconcileOptions = app.reconcile): { stop(): Promise<void>; sweep(): Promise<number> } {
  const { intervalMs, windowMs, batch } = { ...DEFAULT_RECONCILE, ...options };
  let running: Promise<number> | null = null;
  let stopped = false;
  const sweep = (): Promise<number> => {
    if (stopped) return Promise.resolve(0);
    running ??= sweepOnce(app, windowMs, batch).finally(() => { running = null; });
    return running;
  };
  const report = (): void => {
    sweep().catch((error: unknown) => app.log(`reconcile sweep failed: ${(error as Error)?.stack ?? String(error)}`));
  };
  report();
  const timer = intervalMs > 0 ? setInterval(report, intervalMs) : null;
  return {
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}

async function sweepOnce(app: AppContext, windowMs: number, batch: number): Promise<number> {
  // Every shopper's open orders. An emulator restart forgets its intents: those reads fail and the order is marked
  // checked, so it goes to the back of the queue instead of blocking the sweep.
  let orders: Order[];
  try {
    // An order whose intent Stripe never created (an outage, a crash in between) fails instead of staying pending.
    app.db.failIntentless(Math.max(app.reconcile.graceMs ?? DEFAULT_RECONCILE.graceMs, INTENTLESS_AFTER_MS));
    orders = app.db.ordersToReconcile(Date.now() - windowMs, batch);
  } catch (error) {
    if (isDatabaseBusy(error)) return 0;
    throw error;
  }
  let moved = 0;
  for (const order of orders) {
    const after = await reconcileOrder(app, order);
    if (after.status !== order.status) moved++;
  }
  // Paid orders too, less often: a refund or dispute whose webhook was lost still reaches the order.
  let paid: Order[] = [];
  try {
    paid = app.db.ordersToReconcile(Date.now() - windowMs, PAID_BATCH, SETTLED_PAYMENTS, Date.now() - PAID_RECHECK_MS);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
  }
  for (const order of paid) {
    await reconcilePaid(app, order);
    if (app.db.getOrder(order.id)?.status !== order.status) moved++;
  }
  return moved;
}
