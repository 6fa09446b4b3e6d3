// The "save a card during payment" sample, both flows:
// - client confirm: POST /create-payment-intent (or /create-setup-intent) returns a client secret, the browser
//   confirms, and the webhook (or reconciliation) fulfils the order;
// - server confirm ("without webhooks"): POST /pay confirms with the browser's PaymentMethod, the browser only runs
//   3D Secure, then calls /pay again; our own confirm answer from Stripe marks the order paid.
// Both take the checkout's previous `intentId` and retry on that same intent (attempts.ts): one intent per checkout.
import type Stripe from 'stripe';
import { ApiError, requireId } from '../errors.js';
import { bodyObject, sendJson, type RequestContext } from '../http.js';
import { CURRENCY, parseItems, priceLines } from '../pricing.js';
import { cardErrorBody, isCardError, optionalBoolean, optionalEnum, ownedPaymentMethod, stripeFailure, type AppContext } from '../context.js';
import type { Order } from '../db.js';
import { previousAttempt, updatePaymentAttempt } from '../attempts.js';
import { recordLater } from '../reconcile.js';
import { attemptOf } from '../fulfilment.js';

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
  const amount = priceLines(items);
  const previous = await previousAttempt(app, body.intentId, 'payment', customer);
  if (previous) {
    const intent = await updatePaymentAttempt(app, previous, { amount, items, save, usage, paymentMethodId: savedCard?.id ?? null, savedCard: savedCard !== null });
    sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: previous.order.id, intentId: intent.id, reused: true });
    return;
  }
  const order = app.db.createOrder({ kind: 'payment', amount, currency: CURRENCY, items, customerId: customer, save, paymentMethodId: savedCard?.id ?? null });
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
  sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id, reused: false });
}

export async function createSetupIntent(app: AppContext, ctx: RequestContext, parsed?: Record<string, unknown>): Promise<void> {
  const body = parsed ?? bodyObject(ctx);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const customer = await app.customerId();
  const previous = await previousAttempt(app, body.intentId, 'setup', customer);
  // A SetupIntent's usage is fixed at creation: the same one serves another attempt only for the same usage.
  if (previous && previous.intent.usage === usage) {
    app.db.note(previous.order.id, 'server', `another attempt on ${previous.intent.id}`);
    sendJson(ctx.res, 200, { clientSecret: previous.intent.client_secret, orderId: previous.order.id, intentId: previous.intent.id, reused: true });
    return;
  }
  if (previous) app.db.note(previous.order.id, 'server', `replaced by a new SetupIntent (usage ${usage})`);
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
  sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id, reused: false });
}

export async function pay(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  if (body.paymentIntentId !== undefined) return confirmAfterAction(app, ctx, body.paymentIntentId);
  const paymentMethodId = requireId(body.paymentMethodId, 'paymentMethodId', ['pm'], 'a PaymentMethod id from stripe.createPaymentMethod (or paymentIntentId after 3D Secure)');
  const save = optionalBoolean(body, 'save', false);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const items = parseItems(body.items);
  const customer = await app.customerId();
  const amount = priceLines(items);
  const previous = await previousAttempt(app, body.intentId, 'payment', customer);
  let order: Order;
  let intentId: string;
  if (previous) {
    await updatePaymentAttempt(app, previous, { amount, items, save, usage, paymentMethodId, savedCard: false });
    order = previous.order;
    intentId = previous.intent.id;
  } else {
    order = app.db.createOrder({ kind: 'payment', amount, currency: CURRENCY, items, customerId: customer, save, paymentMethodId });
    let intent: Stripe.PaymentIntent;
    try {
      // Created, stored, then confirmed: once money can move, the order already knows its intent (nothing to lose).
      intent = await app.stripe.paymentIntents.create(
        {
          amount: order.amount,
          currency: order.currency,
          customer,
          payment_method: paymentMethodId,
          // No redirect-based methods, so no return_url is needed.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          confirmation_method: 'manual',
          metadata: { order_id: order.id },
          ...(save ? { setup_future_usage: usage } : {}),
        },
        { idempotencyKey: `pay-${order.id}` },
      );
    } catch (error) {
      failConfirm(app, ctx, order, null, error);
      return;
    }
    app.db.setOrderIntent(order.id, intent.id);
    intentId = intent.id;
  }
  try {
    answerConfirm(app, ctx, order, await app.stripe.paymentIntents.confirm(intentId));
  } catch (error) {
    failConfirm(app, ctx, order, intentId, error);
  }
}

async function confirmAfterAction(app: AppContext, ctx: RequestContext, value: unknown): Promise<void> {
  const id = requireId(value, 'paymentIntentId', ['pi'], 'a PaymentIntent id');
  // Only intents this server created can be confirmed here.
  const order = app.db.findOrderByIntent(id);
  if (!order) throw new ApiError(404, { message: `paymentIntentId: no order of ours uses ${id}`, field: 'paymentIntentId', code: 'resource_missing' });
  try {
    // Read first: only an intent waiting for our confirm is confirmed. After a failed challenge it is back in
    // requires_payment_method (a decline to report, not a confirm to attempt), and a repeated post after a lost
    // answer finds it succeeded already.
    const intent = await app.stripe.paymentIntents.retrieve(id);
    answerConfirm(app, ctx, order, intent.status === 'requires_confirmation' ? await app.stripe.paymentIntents.confirm(id) : intent);
  } catch (error) {
    failConfirm(app, ctx, order, id, error);
  }
}

function answerConfirm(app: AppContext, ctx: RequestContext, order: Order, intent: Stripe.PaymentIntent): void {
  if (intent.status === 'requires_action') {
    recordLater(app, order.id, () => app.db.transition(order.id, 'requires_action', 'server', '3D Secure required'));
    // nextActionType saves the browser a read of the intent before it runs the challenge.
    sendJson(ctx.res, 200, { status: 'requires_action', clientSecret: intent.client_secret, intentId: intent.id, orderId: order.id, ...(intent.next_action ? { nextActionType: intent.next_action.type } : {}) });
    return;
  }
  if (intent.status === 'succeeded' || intent.status === 'requires_capture') {
    // Our own confirm call got Stripe's answer: that is Stripe's word, no webhook needed in this flow.
    recordLater(app, order.id, () => app.db.transition(order.id, 'paid', 'server', `confirmed by this server (${intent.status})`));
    sendJson(ctx.res, 200, { status: 'succeeded', intentId: intent.id, orderId: order.id });
    return;
  }
  const error = intent.last_payment_error;
  const failure = { code: error?.code ?? 'payment_failed', declineCode: error?.decline_code ?? null, message: error?.message ?? `The payment is ${intent.status}.`, attempt: error ? attemptOf(error) : null };
  recordLater(app, order.id, () => app.db.transition(order.id, 'failed', 'server', failure.code, failure));
  const body = { code: failure.code, ...(failure.declineCode ? { declineCode: failure.declineCode } : {}), message: failure.message };
  sendJson(ctx.res, 402, { error: { ...body, intentId: intent.id }, intentId: intent.id, orderId: order.id });
}

function failConfirm(app: AppContext, ctx: RequestContext, order: Order, intentId: string | null, error: unknown): void {
  if (!isCardError(error)) throw stripeFailure(error);
  const body = cardErrorBody(error);
  recordLater(app, order.id, () => app.db.transition(order.id, 'failed', 'server', body.code, { code: body.code, declineCode: body.declineCode ?? null, message: body.message, attempt: attemptOf(error) }));
  // The intent stays with the order: the next attempt (with this intentId, which the element reads from
  // `error.intentId`) confirms it again.
  sendJson(ctx.res, 402, { error: { ...body, ...(intentId ? { intentId } : {}) }, orderId: order.id, intentId });
}
