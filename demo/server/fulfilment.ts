// Fulfilment: what an intent, as Stripe reports it, does to one of our orders. Verified webhooks and reconciliation
// (the intent read back from Stripe) both come through here, so the same rules hold whichever arrives first:
// - only the order's own intent (the id stored when this server created it) can settle it, and only for the order's
//   amount and currency. Metadata is a label, not proof: an intent that merely names the order in
//   `metadata.order_id` (say a 50-cent one for a $19.99 order) is recorded as a mismatch and never marks it paid;
// - `paid` and `saved` are final (db.transition), so a late failure for an earlier attempt never undoes them.
// Everything here is synchronous: a webhook runs it inside the transaction that records the event id.
import type Stripe from 'stripe';
import type { DemoDb, Order } from './db.js';
import { MAX_ID_LENGTH } from './errors.js';

export type Intent = Stripe.PaymentIntent | Stripe.SetupIntent;

/** The order an intent concerns: ours by intent id, else the one its metadata names (only to record the mismatch there). */
export function orderForIntent(db: DemoDb, intent: { id: string; metadata?: Stripe.Metadata | null }): Order | undefined {
  const own = db.findOrderByIntent(intent.id);
  if (own) return own;
  const named = intent.metadata?.order_id;
  return typeof named === 'string' && named.length <= MAX_ID_LENGTH ? db.getOrder(named) : undefined;
}

/** Why `intent` may not settle `order`, or null when it is the order's own intent (and, for a payment, for its amount). */
export function mismatch(order: Order, intent: Intent, checkAmount: boolean): string | null {
  if (intent.id !== order.intentId) return `${intent.id} is not this order's intent (${order.intentId ?? 'none recorded'})`;
  if (intent.object === 'setup_intent') return order.kind === 'setup' ? null : `a SetupIntent cannot pay a ${order.kind} order`;
  if (order.kind === 'setup') return 'a PaymentIntent cannot settle a card setup';
  if (checkAmount && (intent.amount !== order.amount || intent.currency !== order.currency)) {
    return `${intent.id} is for ${intent.amount} ${intent.currency}, the order for ${order.amount} ${order.currency}`;
  }
  return null;
}

/**
 * Moves `order` to what `intent`'s status says, from `source` (`webhook`, `reconcile`); `what` says which event or
 * read it was. Returns a short outcome for logs and the processed-events table.
 */
export function settle(db: DemoDb, order: Order, intent: Intent, source: string, what: string): string {
  // Paid means captured: requires_capture is money held, not taken (the order is `authorized`, see after-payment.ts).
  const succeeded = intent.status === 'succeeded' || intent.status === 'requires_capture';
  // The amount matters for fulfilment; a failure reported for an earlier amount of a reused intent changes nothing.
  const problem = mismatch(order, intent, succeeded);
  if (problem) {
    db.note(order.id, source, `mismatch, not fulfilled: ${problem} (${what})`);
    return `order ${order.id}: mismatch (${problem})`;
  }
  const pm = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
  if (succeeded) {
    if (pm) db.setOrderPaymentMethod(order.id, pm);
    const status = intent.object === 'setup_intent' ? 'saved' : intent.status === 'succeeded' ? 'paid' : 'authorized';
    return db.transition(order.id, status, source, `${what} (${intent.status})`) ? `order ${order.id} ${status}` : `order ${order.id} already ${order.status}`;
  }
  if (intent.status === 'canceled') {
    const reason = intent.cancellation_reason ?? 'no reason given';
    db.transition(order.id, 'failed', source, `${what}: canceled`, { code: 'canceled', declineCode: null, message: `The intent was canceled (${reason}).`, attempt: `${intent.id}:canceled` });
    return `order ${order.id} failed (canceled)`;
  }
  const error = intent.object === 'setup_intent' ? intent.last_setup_error : intent.last_payment_error;
  if (intent.status === 'requires_payment_method' && error) {
    const failure = { code: error.code ?? 'payment_failed', declineCode: error.decline_code ?? null, message: error.message ?? null, attempt: attemptOf(error) };
    // An off-session charge the bank wants authenticated waits for the customer; other failures wait for a new card.
    const needsCustomer = order.kind === 'off_session' && (failure.code === 'authentication_required' || failure.code === 'payment_intent_authentication_failure');
    const status = needsCustomer ? 'requires_customer_action' : 'failed';
    db.transition(order.id, status, source, `${what}: ${failure.declineCode ?? failure.code}`, failure);
    return `order ${order.id} ${status} (${failure.declineCode ?? failure.code})`;
  }
  // requires_payment_method without an error (nothing tried yet), requires_confirmation, requires_action, processing.
  return `order ${order.id} unchanged (${intent.status})`;
}

/**
 * Tells one failed attempt from another (db Failure.attempt): a declined charge has its own id; a failure without
 * a charge (3D Secure failed, a setup) is told apart by its PaymentMethod (each new card is a new one) and code.
 * Works on an intent's last_payment_error/last_setup_error and on stripe-node's card errors alike.
 */
export function attemptOf(error: object): string | null {
  const { charge, payment_method: pm, code } = error as { charge?: unknown; payment_method?: unknown; code?: unknown };
  if (typeof charge === 'string' && charge !== '') return charge;
  const pmId = typeof pm === 'string' ? pm : (pm as { id?: unknown } | null | undefined)?.id;
  return typeof pmId === 'string' ? `${pmId}:${typeof code === 'string' ? code : ''}` : null;
}
