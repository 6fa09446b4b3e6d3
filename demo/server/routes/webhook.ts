// POST /webhook: verify Stripe's signature over the raw body, then process each event id exactly once.
// Stripe retries a delivery that got no 2xx with the same event id, so dedupe is by id, inside the same
// SQLite transaction as the work (a crash mid-way records nothing and the retry does the work). When the work could
// not be committed (the database is locked by another process), the answer is a 503: Stripe retries it later.
import type Stripe from 'stripe';
import { sendJson, type RequestContext } from '../http.js';
import type { AppContext } from '../context.js';
import { ApiError, isDatabaseBusy } from '../errors.js';
import { orderForIntent, settle, type Intent } from '../fulfilment.js';
import { recordCheckoutCompletion, resolveCheckoutPaymentMethod } from './checkout.js';
import { applyCharge, applyDispute, captureAuthorized, orderForCharge } from '../after-payment.js';
import { stripeFailure } from '../context.js';

export async function receiveWebhook(app: AppContext, ctx: RequestContext): Promise<void> {
  if (!app.webhookSecret) {
    recordDelivery(app, null, null, 'no_secret');
    sendJson(ctx.res, 503, { error: { message: 'Webhooks are not configured: set STRIPE_WEBHOOK_SECRET (whsec_...) and restart.', code: 'webhook_secret_missing' } });
    return;
  }
  const signature = ctx.req.headers['stripe-signature'];
  let event: Stripe.Event;
  try {
    if (typeof signature !== 'string') throw new Error('Stripe-Signature header: expected "t=...,v1=...", got nothing');
    event = app.stripe.webhooks.constructEvent(ctx.rawBody, signature, app.webhookSecret);
  } catch (error) {
    recordDelivery(app, null, null, 'bad_signature');
    sendJson(ctx.res, 400, { error: { message: `Webhook signature verification failed: ${(error as Error).message}`, code: 'bad_signature', field: 'Stripe-Signature' } });
    return;
  }
  const object = checkShape(event);
  if (app.faults.failWebhooks > 0 && (!app.faults.failWebhookType || app.faults.failWebhookType === event.type)) {
    app.faults.failWebhooks -= 1;
    recordDelivery(app, event.id, event.type, 'fault');
    sendJson(ctx.res, 500, { error: { message: 'Injected fault (test hook): Stripe will retry this event.', code: 'injected_fault' } });
    return;
  }
  // Anything that needs Stripe is fetched before the transaction (SQLite transactions here are synchronous).
  const prepared = await prepare(app, event);
  let processed: boolean;
  try {
    processed = app.db.processEventOnce({ id: event.id, type: event.type, objectId: object.id ?? null }, () => apply(app, event, prepared));
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
    // Nothing was committed, the event id included: answer non-2xx so Stripe delivers it again.
    app.log(`webhook ${event.type} ${event.id}: database locked, asking Stripe to retry`);
    sendJson(ctx.res, 503, { error: { message: 'The order database is busy; nothing was recorded. Retry later.', code: 'database_busy' } }, { 'Retry-After': '5' });
    return;
  }
  recordDelivery(app, event.id, event.type, processed ? 'processed' : 'duplicate');
  // An intent left in requires_capture is captured by rule (after-payment.ts), outside the event's transaction.
  if (processed && event.type.startsWith('payment_intent.')) {
    const order = app.db.findOrderByIntent(object.id ?? '');
    if (order?.status === 'authorized') void captureAuthorized(app, order.id);
  }
  app.log(`webhook ${event.type} ${event.id}${processed ? '' : ' (duplicate, ignored)'}`);
  sendJson(ctx.res, 200, { received: true, duplicate: !processed });
}

/** A correctly signed event can still be malformed (a hand-made test payload): name what is missing. */
function checkShape(event: Stripe.Event): { id?: string } {
  // `null`, a number, an array: signed correctly, but not an event. A 500 here would make Stripe retry it for days.
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw shapeError('event', 'a JSON object (a Stripe event)', event === null ? null : event);
  const candidate = event as unknown as { id?: unknown; type?: unknown; data?: { object?: unknown } | null };
  if (typeof candidate.id !== 'string' || candidate.id === '') throw shapeError('id', 'the event id (evt_...)', candidate.id);
  if (typeof candidate.type !== 'string') throw shapeError('type', 'the event type', candidate.type);
  const object = candidate.data?.object;
  if (typeof object !== 'object' || object === null || Array.isArray(object)) throw shapeError('data.object', 'the object the event is about', object);
  const id = (object as { id?: unknown }).id;
  if (id !== undefined && typeof id !== 'string') throw shapeError('data.object.id', 'a string id', id);
  return object as { id?: string };
}

function shapeError(field: string, expected: string, got: unknown): ApiError {
  const what = got === undefined ? 'nothing' : got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
  return new ApiError(400, { message: `${field}: expected ${expected}, got ${what}`, field, code: 'invalid_event' });
}

/** The delivery log is for people reading it; a locked database must not turn a delivery into an error. */
function recordDelivery(app: AppContext, eventId: string | null, type: string | null, result: string): void {
  try {
    app.db.recordDelivery(eventId, type, result);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
  }
}

interface Prepared {
  checkoutPaymentMethod?: { setupIntentId: string | null; paymentMethodId: string | null };
  /** A refund event's charge as Stripe has it now (its refunded total), or a dispute's charge when it names no intent. */
  charge?: Stripe.Charge;
}

async function prepare(app: AppContext, event: Stripe.Event): Promise<Prepared> {
  if (app.db.raw.prepare('SELECT 1 FROM webhook_events WHERE id = ?').get(event.id)) return {};
  if (event.type === 'checkout.session.completed') {
    return { checkoutPaymentMethod: await resolveCheckoutPaymentMethod(app, event.data.object, null) };
  }
  const object = event.data.object as { object?: string; charge?: unknown; payment_intent?: unknown };
  const needsCharge = (object.object === 'refund' && event.type.startsWith('refund.')) || (object.object === 'dispute' && !object.payment_intent);
  if (needsCharge && typeof object.charge === 'string') {
    try {
      return { charge: await app.stripe.charges.retrieve(object.charge) };
    } catch (error) {
      throw stripeFailure(error);
    }
  }
  return {};
}

const INTENT_EVENTS = new Set([
  'payment_intent.succeeded', 'payment_intent.amount_capturable_updated', 'payment_intent.payment_failed', 'payment_intent.canceled', 'setup_intent.succeeded', 'setup_intent.setup_failed', 'setup_intent.canceled',
]);

/** Applies one event to our records; returns a short outcome kept with the event id. Runs inside the dedupe transaction. */
function apply(app: AppContext, event: Stripe.Event, prepared: Prepared): string {
  if (INTENT_EVENTS.has(event.type)) {
    const intent = event.data.object as Intent;
    const order = orderForIntent(app.db, intent);
    if (!order) return intent.object === 'setup_intent' ? 'no matching order (Checkout or seed)' : 'no matching order';
    return settle(app.db, order, intent, 'webhook', event.type);
  }
  switch (event.type) {
    case 'charge.refunded': {
      const charge = event.data.object;
      const order = orderForCharge(app.db, charge.payment_intent);
      return order ? applyCharge(app.db, order, charge, 'webhook', event.type) : 'no matching order';
    }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed': {
      const order = orderForCharge(app.db, event.data.object.payment_intent);
      if (!order || !prepared.charge) return 'no matching order';
      return applyCharge(app.db, order, prepared.charge, 'webhook', event.type);
    }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      const order = orderForCharge(app.db, dispute.payment_intent ?? prepared.charge?.payment_intent);
      return order ? applyDispute(app.db, order, dispute, 'webhook', event.type) : 'no matching order';
    }
    case 'payment_method.attached':
    case 'payment_method.detached': {
      const pm = event.data.object;
      app.db.recordCardEvent(pm.id, event.type === 'payment_method.attached' ? 'attached' : 'detached', pm.card?.brand ?? null, pm.card?.last4 ?? null);
      return `${pm.id} ${event.type.split('.')[1]}`;
    }
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode !== 'setup') return `ignored ${session.mode} session`;
      const found = prepared.checkoutPaymentMethod ?? { setupIntentId: null, paymentMethodId: null };
      const first = recordCheckoutCompletion(app, session.id, found.setupIntentId, found.paymentMethodId, 'webhook');
      return `session ${session.id} recorded by ${first}`;
    }
    default:
      return 'ignored';
  }
}
