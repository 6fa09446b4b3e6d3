// One PaymentIntent per checkout. After a decline, a failed 3D Secure or a lost answer, the element confirms the same
// intent again; it asks for a secret again only when it has nothing to reuse, and then sends the previous `intentId`.
// What the server does with it (README "Reference API"):
// - this customer's own checkout intent, still open (requires_payment_method / requires_confirmation /
//   requires_action): update it to the current cart (amount from the catalog, setup_future_usage per `save`, the
//   saved card) and hand back the same secret: same order, no second intent, nothing that could be charged twice;
// - already succeeded, processing or requires_capture: 409 — the checkout is paid; paying again is a new checkout;
// - canceled, or an intent of the other mode (payment ↔ setup): a new order and intent, the old order noting why;
// - unknown, malformed, or not this customer's: 404 / 400 naming `intentId` (never someone else's client secret).
import type Stripe from 'stripe';
import { stripeFailure, type AppContext } from './context.js';
import type { Order } from './db.js';
import type { OrderLine } from './pricing.js';
import { ApiError, isDatabaseBusy, requireId } from './errors.js';
import { settle, type Intent } from './fulfilment.js';

export type CheckoutKind = 'payment' | 'setup';

export interface PreviousAttempt<T extends Intent> {
  order: Order;
  intent: T;
}

/** The checkout's previous intent named by `value` (`body.intentId`), when it can take another attempt; null when a new one is due. */
export async function previousAttempt(app: AppContext, value: unknown, kind: 'payment', customer: string): Promise<PreviousAttempt<Stripe.PaymentIntent> | null>;
export async function previousAttempt(app: AppContext, value: unknown, kind: 'setup', customer: string): Promise<PreviousAttempt<Stripe.SetupIntent> | null>;
export async function previousAttempt(app: AppContext, value: unknown, kind: CheckoutKind, customer: string): Promise<PreviousAttempt<Intent> | null> {
  if (value === undefined || value === null) return null;
  const id = requireId(value, 'intentId', ['pi', 'seti'], "the previous attempt's intent id");
  const order = app.db.findOrderByIntent(id);
  if (!order || order.customerId !== customer || order.kind === 'off_session') {
    throw new ApiError(404, { message: `intentId: ${id} is not the intent of one of this customer's checkouts`, field: 'intentId', code: 'resource_missing' });
  }
  if (order.kind !== kind) {
    app.db.note(order.id, 'server', `replaced by a new ${kind} checkout (the page switched mode)`);
    return null;
  }
  let intent: Intent;
  try {
    intent = kind === 'setup' ? await app.stripe.setupIntents.retrieve(id) : await app.stripe.paymentIntents.retrieve(id);
  } catch (error) {
    throw stripeFailure(error);
  }
  if (intent.status === 'succeeded' || intent.status === 'processing' || intent.status === 'requires_capture') {
    recordTruth(app, order, intent);
    const done = kind === 'setup' ? 'the card is saved' : 'this checkout is paid';
    throw new ApiError(409, {
      message: `intentId: ${id} is already ${intent.status}: ${done} (order ${order.id}). A new ${kind === 'setup' ? 'card' : 'payment'} is a new checkout.`,
      field: 'intentId', code: 'intent_already_succeeded', status: intent.status, orderId: order.id,
    });
  }
  if (intent.status === 'canceled') {
    app.db.note(order.id, 'server', `${id} was canceled; the checkout continues with a new intent`);
    return null;
  }
  return { order, intent };
}

/** The browser is asking about an intent that already went through: make sure our records say so too. */
function recordTruth(app: AppContext, order: Order, intent: Intent): void {
  try {
    settle(app.db, order, intent, 'reconcile', 'read back when the browser asked for another attempt');
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
  }
}

export interface PaymentAttempt {
  amount: number;
  items: OrderLine[];
  save: boolean;
  usage: 'off_session' | 'on_session';
  /** The card to charge: a saved card (client confirm) or the browser's new PaymentMethod (server confirm). */
  paymentMethodId: string | null;
  /** Whether `paymentMethodId` is already saved (then it needs no new setup). */
  savedCard: boolean;
}

/**
 * Brings the order's own intent up to date with this attempt (Stripe first: if our write then fails, a retry of the
 * same request repeats the same update), then records the attempt on the order.
 */
export async function updatePaymentAttempt(app: AppContext, previous: PreviousAttempt<Stripe.PaymentIntent>, attempt: PaymentAttempt): Promise<Stripe.PaymentIntent> {
  const { order, intent } = previous;
  const usage = attempt.save && !attempt.savedCard ? attempt.usage : '';
  const change: Stripe.PaymentIntentUpdateParams = {
    ...(intent.amount !== attempt.amount ? { amount: attempt.amount } : {}),
    ...((intent.setup_future_usage ?? '') !== usage ? { setup_future_usage: usage } : {}),
    ...(attempt.paymentMethodId && pmId(intent) !== attempt.paymentMethodId ? { payment_method: attempt.paymentMethodId } : {}),
  };
  let updated = intent;
  if (Object.keys(change).length > 0) {
    try {
      updated = await app.stripe.paymentIntents.update(intent.id, change);
    } catch (error) {
      throw stripeFailure(error);
    }
  }
  const changed = Object.keys(change).join(', ') || 'nothing';
  app.db.updateOrderAttempt(order.id, { amount: attempt.amount, items: attempt.items, save: attempt.save, paymentMethodId: attempt.paymentMethodId }, `another attempt on ${intent.id} (updated: ${changed})`);
  return updated;
}

function pmId(intent: Stripe.PaymentIntent): string | null {
  return typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id ?? null;
}
