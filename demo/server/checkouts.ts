// One checkout, one charge. The element gives each checkout an id (`checkoutId`, random, kept across every retry
// until success or reset()) and sends it with every request. The server keys the order on (customer of the session,
// kind, checkoutId) — a unique index — and Stripe's idempotency keys on the order, so a request repeated because its
// answer was lost (the connection cut after Stripe confirmed) finds the same order and the same intent, and answers
// with how it stands, instead of creating and charging a second one.
// Requests of one checkout run one at a time (an in-process lock), so two concurrent retries can't both create.
import type Stripe from 'stripe';
import { stripeFailure, type AppContext } from './context.js';
import type { Order, OrderKind } from './db.js';
import { ApiError, describe } from './errors.js';
import type { Intent } from './fulfilment.js';

const CHECKOUT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** `body.checkoutId`, checked: 8-64 characters of [A-Za-z0-9_-]; undefined when absent (then every request is new). */
export function optionalCheckoutId(body: Record<string, unknown>): string | undefined {
  const value = body.checkoutId;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !CHECKOUT_ID.test(value)) {
    throw new ApiError(400, { message: `checkoutId: expected 8 to 64 letters, digits, "-" or "_" (the element makes one per checkout), got ${describe(value)}`, field: 'checkoutId', code: 'invalid_request' });
  }
  return value;
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `work` after any earlier request of the same checkout has finished (no lock without a checkout id). */
export async function oneAtATime<T>(customer: string, checkoutId: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!checkoutId) return work();
  const key = `${customer}:${checkoutId}`;
  const before = locks.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  const tail = mine.catch(() => undefined);
  locks.set(key, tail);
  try {
    return await mine;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}

export interface CheckoutState<T extends Intent> {
  order: Order;
  /** Null when the order exists but its intent was never created (Stripe unreachable then): create it now. */
  intent: T | null;
}

/**
 * The order this checkout made before, with its intent as Stripe has it now; null when the checkout has none yet, or
 * its intent was canceled (the order is released from the checkout, which goes on with a new one).
 */
export async function checkoutState(app: AppContext, customer: string, checkoutId: string, kind: 'payment'): Promise<CheckoutState<Stripe.PaymentIntent> | null>;
export async function checkoutState(app: AppContext, customer: string, checkoutId: string, kind: 'setup'): Promise<CheckoutState<Stripe.SetupIntent> | null>;
export async function checkoutState(app: AppContext, customer: string, checkoutId: string, kind: OrderKind): Promise<CheckoutState<Intent> | null> {
  const order = app.db.findCheckoutOrder(customer, kind, checkoutId);
  if (!order) return null;
  if (!order.intentId) return { order, intent: null };
  let intent: Intent;
  try {
    intent = kind === 'setup' ? await app.stripe.setupIntents.retrieve(order.intentId) : await app.stripe.paymentIntents.retrieve(order.intentId);
  } catch (error) {
    throw stripeFailure(error);
  }
  if (intent.status === 'canceled') {
    app.db.releaseCheckout(order.id);
    app.db.note(order.id, 'server', `${intent.id} was canceled; the checkout continues with a new order`);
    return null;
  }
  return { order, intent };
}

/**
 * Idempotency key for creating the order's intent: the same while nothing about the order changed (a retried request
 * whose answer was lost gets the same intent back), a new one after a recorded failure (Stripe replays a key's
 * error, so retrying an outage with the same key would fail forever). A stray intent that way is never confirmed.
 */
export function creationKey(app: AppContext, prefix: string, order: Order): string {
  return `${prefix}-${order.id}-${app.db.history(order.id).length}`;
}

/** Stripe did not create the intent: the order fails now (history says why) rather than staying pending forever. */
export function creationFailed(app: AppContext, order: Order, error: unknown): ApiError {
  const failure = stripeFailure(error);
  try {
    app.db.transition(order.id, 'failed', 'server', `intent not created: ${failure.body.message}`, { code: failure.body.code ?? 'stripe_error', declineCode: null, message: failure.body.message });
  } catch {
    // The database may be locked too; the sweep (db.failIntentless) fails it later.
  }
  return failure;
}
