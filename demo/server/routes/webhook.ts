// POST /webhook: verify Stripe's signature over the raw body, then process each event id exactly once.
// Stripe retries a delivery that got no 2xx with the same event id, so dedupe is by id, inside the same
// SQLite transaction as the work (a crash mid-way records nothing and the retry does the work).
import type Stripe from 'stripe';
import { sendJson, type RequestContext } from '../http.js';
import type { AppContext } from '../context.js';
import { recordCheckoutCompletion, resolveCheckoutPaymentMethod } from './checkout.js';

export async function receiveWebhook(app: AppContext, ctx: RequestContext): Promise<void> {
  if (!app.webhookSecret) {
    app.db.recordDelivery(null, null, 'no_secret');
    sendJson(ctx.res, 503, { error: { message: 'Webhooks are not configured: set STRIPE_WEBHOOK_SECRET (whsec_...) and restart.', code: 'webhook_secret_missing' } });
    return;
  }
  const signature = ctx.req.headers['stripe-signature'];
  let event: Stripe.Event;
  try {
    if (typeof signature !== 'string') throw new Error('Stripe-Signature header: expected "t=...,v1=...", got nothing');
    event = app.stripe.webhooks.constructEvent(ctx.rawBody, signature, app.webhookSecret);
  } catch (error) {
    app.db.recordDelivery(null, null, 'bad_signature');
    sendJson(ctx.res, 400, { error: { message: `Webhook signature verification failed: ${(error as Error).message}`, code: 'bad_signature', field: 'Stripe-Signature' } });
    return;
  }
  if (app.faults.failWebhooks > 0 && (!app.faults.failWebhookType || app.faults.failWebhookType === event.type)) {
    app.faults.failWebhooks -= 1;
    app.db.recordDelivery(event.id, event.type, 'fault');
    sendJson(ctx.res, 500, { error: { message: 'Injected fault (test hook): Stripe will retry this event.', code: 'injected_fault' } });
    return;
  }
  // Anything that needs Stripe is fetched before the transaction (SQLite transactions here are synchronous).
  const prepared = await prepare(app, event);
  const object = event.data.object as { id?: string };
  const processed = app.db.processEventOnce({ id: event.id, type: event.type, objectId: object.id ?? null }, () => apply(app, event, prepared));
  app.db.recordDelivery(event.id, event.type, processed ? 'processed' : 'duplicate');
  app.log(`webhook ${event.type} ${event.id}${processed ? '' : ' (duplicate, ignored)'}`);
  sendJson(ctx.res, 200, { received: true, duplicate: !processed });
}

interface Prepared {
  checkoutPaymentMethod?: { setupIntentId: string | null; paymentMethodId: string | null };
}

async function prepare(app: AppContext, event: Stripe.Event): Promise<Prepared> {
  if (event.type === 'checkout.session.completed' && !app.db.raw.prepare('SELECT 1 FROM webhook_events WHERE id = ?').get(event.id)) {
    return { checkoutPaymentMethod: await resolveCheckoutPaymentMethod(app, event.data.object) };
  }
  return {};
}

function orderFor(app: AppContext, intent: { id: string; metadata?: Stripe.Metadata | null }) {
  return app.db.findOrderByIntent(intent.id) ?? (intent.metadata?.order_id ? app.db.getOrder(intent.metadata.order_id) : undefined);
}

/** Applies one event to our records; returns a short outcome kept with the event id. Runs inside the dedupe transaction. */
function apply(app: AppContext, event: Stripe.Event, prepared: Prepared): string {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      const order = orderFor(app, intent);
      if (!order) return 'no matching order';
      if (!order.intentId) app.db.setOrderIntent(order.id, intent.id);
      const pm = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
      if (pm) app.db.setOrderPaymentMethod(order.id, pm);
      return app.db.transition(order.id, 'paid', 'webhook', 'payment_intent.succeeded') ? `order ${order.id} paid` : `order ${order.id} already ${order.status}`;
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const order = orderFor(app, intent);
      if (!order) return 'no matching order';
      const error = intent.last_payment_error;
      const failure = { code: error?.code ?? 'payment_failed', declineCode: error?.decline_code ?? null, message: error?.message ?? null };
      // An off-session charge the bank wants authenticated waits for the customer; other failures are final.
      const needsCustomer = order.kind === 'off_session' && (failure.code === 'authentication_required' || failure.code === 'payment_intent_authentication_failure');
      const status = needsCustomer ? 'requires_customer_action' : 'failed';
      app.db.transition(order.id, status, 'webhook', `payment_intent.payment_failed: ${failure.declineCode ?? failure.code}`, failure);
      return `order ${order.id} ${status} (${failure.declineCode ?? failure.code})`;
    }
    case 'setup_intent.succeeded': {
      const intent = event.data.object;
      const order = orderFor(app, intent);
      if (!order) return 'no matching order (Checkout or seed)';
      const pm = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
      if (pm) app.db.setOrderPaymentMethod(order.id, pm);
      return app.db.transition(order.id, 'saved', 'webhook', 'setup_intent.succeeded') ? `order ${order.id} saved` : `order ${order.id} already ${order.status}`;
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
