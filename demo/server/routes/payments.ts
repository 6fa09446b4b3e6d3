// The "save a card during payment" sample, both flows:
// - client confirm: POST /create-payment-intent (or /create-setup-intent) returns a client secret, the browser
//   confirms, and the webhook fulfils the order;
// - server confirm ("without webhooks"): POST /pay creates and confirms with the browser's PaymentMethod, the browser
//   only runs 3D Secure, then calls /pay again; our own confirm answer from Stripe marks the order paid.
import type Stripe from 'stripe';
import { ApiError, invalid } from '../errors.js';
import { bodyObject, sendJson, type RequestContext } from '../http.js';
import { CURRENCY, parseItems, priceLines } from '../pricing.js';
import { cardErrorBody, isCardError, optionalBoolean, optionalEnum, ownedPaymentMethod, stripeFailure, type AppContext } from '../context.js';
import type { Order } from '../db.js';

type Usage = 'off_session' | 'on_session';

export async function createPaymentIntent(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  // The element posts its `mode`; a setup-mode element pointed at this URL still gets a SetupIntent.
  const mode = optionalEnum(body, 'mode', ['payment', 'setup'] as const, 'payment');
  if (mode === 'setup') return createSetupIntent(app, ctx, body);
  const save = optionalBoolean(body, 'save', false);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const items = parseItems(body.items);
  const customer = await app.customerId();
  const savedCard = body.paymentMethodId === undefined ? null : await ownedPaymentMethod(app, body.paymentMethodId, 'paymentMethodId');
  // `body.amount`, if any, is deliberately ignored: the price comes from the catalog.
  const order = app.db.createOrder({ kind: 'payment', amount: priceLines(items), currency: CURRENCY, items, customerId: customer, save, paymentMethodId: savedCard?.id ?? null });
  let intent: Stripe.PaymentIntent;
  try {
    intent = await app.stripe.paymentIntents.create(
      {
        amount: order.amount,
        currency: order.currency,
        customer,
        metadata: { order_id: order.id },
        ...(savedCard ? { payment_method: savedCard.id } : {}),
        // A card already saved needs no new setup; a new one is set up only when the customer asked.
        ...(save && !savedCard ? { setup_future_usage: usage } : {}),
      },
      { idempotencyKey: `pi-create-${order.id}` },
    );
  } catch (error) {
    throw stripeFailure(error);
  }
  app.db.setOrderIntent(order.id, intent.id);
  sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id });
}

export async function createSetupIntent(app: AppContext, ctx: RequestContext, parsed?: Record<string, unknown>): Promise<void> {
  const body = parsed ?? bodyObject(ctx);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const customer = await app.customerId();
  const order = app.db.createOrder({ kind: 'setup', amount: 0, currency: CURRENCY, items: [], customerId: customer, save: true });
  let intent: Stripe.SetupIntent;
  try {
    intent = await app.stripe.setupIntents.create(
      { customer, usage, metadata: { order_id: order.id } },
      { idempotencyKey: `seti-create-${order.id}` },
    );
  } catch (error) {
    throw stripeFailure(error);
  }
  app.db.setOrderIntent(order.id, intent.id);
  sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id });
}

export async function pay(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  if (body.paymentIntentId !== undefined) return confirmAfterAction(app, ctx, body.paymentIntentId);
  if (typeof body.paymentMethodId !== 'string' || !/^pm_[A-Za-z0-9_]+$/.test(body.paymentMethodId)) {
    throw invalid('paymentMethodId', 'a PaymentMethod id (pm_...) from stripe.createPaymentMethod, or paymentIntentId after 3D Secure', body.paymentMethodId);
  }
  const save = optionalBoolean(body, 'save', false);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const items = parseItems(body.items);
  const customer = await app.customerId();
  const order = app.db.createOrder({ kind: 'payment', amount: priceLines(items), currency: CURRENCY, items, customerId: customer, save, paymentMethodId: body.paymentMethodId });
  try {
    const intent = await app.stripe.paymentIntents.create(
      {
        amount: order.amount,
        currency: order.currency,
        customer,
        payment_method: body.paymentMethodId,
        // Confirming on create: no redirect-based methods, so no return_url is needed.
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        confirmation_method: 'manual',
        confirm: true,
        metadata: { order_id: order.id },
        ...(save ? { setup_future_usage: usage } : {}),
      },
      { idempotencyKey: `pay-${order.id}` },
    );
    app.db.setOrderIntent(order.id, intent.id);
    answerConfirm(app, ctx, order, intent);
  } catch (error) {
    failConfirm(app, ctx, order, error);
  }
}

async function confirmAfterAction(app: AppContext, ctx: RequestContext, value: unknown): Promise<void> {
  if (typeof value !== 'string' || !/^pi_[A-Za-z0-9_]+$/.test(value)) throw invalid('paymentIntentId', 'a PaymentIntent id (pi_...)', value);
  // Only intents this server created can be confirmed here.
  const order = app.db.findOrderByIntent(value);
  if (!order) throw new ApiError(404, { message: `paymentIntentId: no order of ours uses ${value}`, field: 'paymentIntentId', code: 'resource_missing' });
  try {
    const intent = await app.stripe.paymentIntents.confirm(value);
    answerConfirm(app, ctx, order, intent);
  } catch (error) {
    failConfirm(app, ctx, order, error);
  }
}

function answerConfirm(app: AppContext, ctx: RequestContext, order: Order, intent: Stripe.PaymentIntent): void {
  if (intent.status === 'requires_action') {
    app.db.transition(order.id, 'requires_action', 'server', '3D Secure required');
    sendJson(ctx.res, 200, { status: 'requires_action', clientSecret: intent.client_secret, intentId: intent.id, orderId: order.id });
    return;
  }
  if (intent.status === 'succeeded' || intent.status === 'requires_capture') {
    // Our own confirm call got Stripe's answer: that is Stripe's word, no webhook needed in this flow.
    app.db.transition(order.id, 'paid', 'server', `confirmed by this server (${intent.status})`);
    sendJson(ctx.res, 200, { status: 'succeeded', intentId: intent.id, orderId: order.id });
    return;
  }
  const error = intent.last_payment_error;
  const failure = { code: error?.code ?? 'payment_failed', declineCode: error?.decline_code ?? null, message: error?.message ?? `The payment is ${intent.status}.` };
  app.db.transition(order.id, 'failed', 'server', failure.code, failure);
  sendJson(ctx.res, 402, { error: { code: failure.code, ...(failure.declineCode ? { declineCode: failure.declineCode } : {}), message: failure.message }, intentId: intent.id, orderId: order.id });
}

function failConfirm(app: AppContext, ctx: RequestContext, order: Order, error: unknown): void {
  if (!isCardError(error)) throw stripeFailure(error);
  const body = cardErrorBody(error);
  if (error.payment_intent?.id) app.db.setOrderIntent(order.id, error.payment_intent.id);
  app.db.transition(order.id, 'failed', 'server', body.code, { code: body.code, declineCode: body.declineCode ?? null, message: body.message });
  sendJson(ctx.res, 402, { error: body, orderId: order.id });
}
