// What happens to a paid order afterwards, and what "paid" means in the first place.
// - Paid means captured. An order is `paid` only when its intent `succeeded`. An intent in `requires_capture` (the
//   browser confirmed with capture_method=manual; our checkouts are created with automatic capture) is `authorized`:
//   money held, not taken. The rule: this server captures it (the amount was checked against the order first), and
//   the order becomes paid from Stripe's answer. Nothing else captures, so without the rule it would stay held and
//   expire after 7 days.
// - Refunds and disputes reach the order: `charge.refunded` / `refund.*` (and the charge read back by
//   reconciliation) make it `refunded` or `partially_refunded`; `charge.dispute.created` makes it `disputed`; a
//   dispute closed as won makes it `paid` again. Each change is one history entry, keyed on what it is (the
//   charge's refunded total, the dispute), so an event, its retry and a read-back are recorded once.
import type Stripe from 'stripe';
import type { AppContext } from './context.js';
import type { DemoDb, Order, OrderStatus } from './db.js';
import { isDatabaseBusy } from './errors.js';
import { mismatch, settle } from './fulfilment.js';

/** The order a charge (or refund, dispute) belongs to: by its PaymentIntent, the only link we trust. */
export function orderForCharge(db: DemoDb, paymentIntent: string | { id: string } | null | undefined): Order | undefined {
  const id = typeof paymentIntent === 'string' ? paymentIntent : paymentIntent?.id;
  return id ? db.findOrderByIntent(id) : undefined;
}

/** Applies a charge's refunded total and dispute flag to its order; returns a short outcome. */
export function applyCharge(db: DemoDb, order: Order, charge: Pick<Stripe.Charge, 'id' | 'amount' | 'amount_refunded' | 'disputed'>, source: string, what: string): string {
  if (order.kind === 'setup') return `order ${order.id}: not a payment`;
  const refunded = charge.amount_refunded ?? 0;
  let status: OrderStatus | null = null;
  if (refunded >= charge.amount && charge.amount > 0) status = 'refunded';
  else if (refunded > 0) status = 'partially_refunded';
  if (status) {
    const moved = db.afterPayment(order.id, status, source, `${what}: ${refunded} of ${charge.amount} ${order.currency} refunded`, `refund:${charge.id}:${refunded}`);
    if (moved) return `order ${order.id} ${status}`;
  }
  if (charge.disputed && order.status !== 'disputed') {
    if (db.afterPayment(order.id, 'disputed', source, `${what}: the charge is disputed`, `disputed:${charge.id}`)) return `order ${order.id} disputed`;
  }
  return `order ${order.id} unchanged (${order.status})`;
}

/** A dispute event: opened (any open status) makes the order disputed; closed as won, paid again; lost stays disputed. */
export function applyDispute(db: DemoDb, order: Order, dispute: Pick<Stripe.Dispute, 'id' | 'charge' | 'status' | 'amount' | 'reason'>, source: string, what: string): string {
  const charge = typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;
  if (dispute.status === 'won') {
    return db.afterPayment(order.id, 'paid', source, `${what}: dispute ${dispute.id} won`, `dispute:${dispute.id}:won`) ? `order ${order.id} paid (dispute won)` : `order ${order.id} unchanged`;
  }
  if (dispute.status === 'lost') {
    return db.afterPayment(order.id, 'disputed', source, `${what}: dispute ${dispute.id} lost`, `dispute:${dispute.id}:lost`) ? `order ${order.id} disputed (lost)` : `order ${order.id} unchanged`;
  }
  const note = `${what}: ${dispute.amount} ${order.currency} disputed (${dispute.reason}, ${dispute.id})`;
  return db.afterPayment(order.id, 'disputed', source, note, `disputed:${charge}`) ? `order ${order.id} disputed` : `order ${order.id} already disputed`;
}

/**
 * Captures an authorized order's intent (the rule above), then records what Stripe answered. Safe to call from
 * anywhere and more than once: the idempotency key is the order's, and a failure is logged for the next sweep.
 */
export async function captureAuthorized(app: AppContext, orderId: string): Promise<void> {
  const order = app.db.getOrder(orderId);
  if (!order || order.status !== 'authorized' || !order.intentId || order.kind === 'setup') return;
  try {
    const held = await app.stripe.paymentIntents.retrieve(order.intentId);
    if (held.status !== 'requires_capture') return;
    const problem = mismatch(order, held, true);
    if (problem) {
      app.db.note(order.id, 'server', `not captured: ${problem}`);
      return;
    }
    const captured = await app.stripe.paymentIntents.capture(order.intentId, {}, { idempotencyKey: `capture-${order.id}` });
    settle(app.db, app.db.getOrder(order.id) ?? order, captured, 'server', 'captured by this server (checkouts capture at once)');
  } catch (error) {
    if (isDatabaseBusy(error)) return;
    app.log(`capture ${order.id}: ${(error as Error)?.message ?? String(error)}; the next sweep tries again`);
  }
}

/** Reads a paid (or refunded, disputed) order's charge back from Stripe and applies it: refunds and disputes reach it. */
export async function reconcilePaid(app: AppContext, order: Order): Promise<void> {
  if (!order.intentId || order.kind === 'setup') return;
  try {
    const intent = await app.stripe.paymentIntents.retrieve(order.intentId, { expand: ['latest_charge'] });
    const charge = intent.latest_charge;
    if (charge && typeof charge !== 'string') {
      const outcome = applyCharge(app.db, order, charge, 'reconcile', 'read back from Stripe');
      if (!outcome.includes('unchanged')) app.log(`reconcile: ${outcome}`);
    }
    app.db.markChecked(order.id);
  } catch (error) {
    if (isDatabaseBusy(error)) return;
    app.log(`reconcile ${order.id}: could not read its charge: ${(error as Error)?.message ?? String(error)}`);
    if ((error as { statusCode?: number }).statusCode === 404) app.db.markChecked(order.id);
  }
}
