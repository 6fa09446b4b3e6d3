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
import { attemptOf, settle } from '../fulfilment.js';
import { captureAuthorized } from '../after-payment.js';
import { checkoutState, creationFailed, creationKey, oneAtATime, optionalCheckoutId } from '../checkouts.js';

type Usage = 'off_session' | 'on_session';

export async function createPaymentIntent(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  // The element posts its `mode`; a setup-mode element pointed at this URL still gets a SetupIntent.
  const mode = optionalEnum(body, 'mode', ['payment', 'setup'] as const, 'payment');
  if (mode === 'setup') return createSetupIntent(app, ctx, body);
  const save = optionalBoolean(body, 'save', false);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const items = parseItems(body.items);
  const checkoutId = optionalCheckoutId(body);
  const customer = await ctx.shopper().customerId();
  const savedCard = body.paymentMethodId === undefined ? null : await ownedPaymentMethod(app, customer, body.paymentMethodId, 'paymentMethodId');
  // `body.amount`, if any, is deliberately ignored: the price comes from the catalog.
  const amount = priceLines(items);
  const attempt = { amount, items, save, usage, paymentMethodId: savedCard?.id ?? null, savedCard: savedCard !== null };
  await oneAtATime(customer, checkoutId, async () => {
    const found = checkoutId ? await checkoutState(app, customer, checkoutId, 'payment') : await previousAttempt(app, body.intentId, 'payment', customer);
    if (found?.intent) {
      // A checkout that went through already answers as it stands (its first answer was lost): nothing to update.
      const intent = DONE.has(found.intent.status) ? found.intent : await updatePaymentAttempt(app, { order: found.order, intent: found.intent }, attempt);
      sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: found.order.id, intentId: intent.id, reused: true, status: intent.status });
      return;
    }
    const order = found ? refreshed(app, found.order, attempt) : app.db.createOrder({ kind: 'payment', amount, currency: CURRENCY, items, customerId: customer, save, paymentMethodId: savedCard?.id ?? null, checkoutId: checkoutId ?? null });
    let intent: Stripe.PaymentIntent;
    try {
      intent = await app.stripe.paymentIntents.create(
        {
          amount: order.amount,
          currency: order.currency,
          customer,
          // Paid means captured: our checkouts capture at once (a browser asking for manual capture is handled in fulfilment).
          capture_method: 'automatic',
          metadata: { order_id: order.id },
          ...(savedCard ? { payment_method: savedCard.id } : {}),
          // A card already saved needs no new setup; a new one is set up only when the customer asked.
          ...(save && !savedCard ? { setup_future_usage: usage } : {}),
        },
        { idempotencyKey: creationKey(app, 'pi-create', order) },
      );
    } catch (error) {
      throw creationFailed(app, order, error);
    }
    app.db.setOrderIntent(order.id, intent.id);
    sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id, reused: false });
  });
}

/** Intent states after which a checkout is done: it answers as it stands and is never confirmed or updated again. */
const DONE = new Set(['succeeded', 'processing', 'requires_capture']);

/** An order whose intent was never created takes this attempt's cart before the creation is tried again. */
function refreshed(app: AppContext, order: Order, attempt: { amount: number; items: Order['items']; save: boolean; paymentMethodId: string | null }): Order {
  app.db.updateOrderAttempt(order.id, attempt, 'retried: creating the intent again');
  return app.db.getOrder(order.id) ?? order;
}

export async function createSetupIntent(app: AppContext, ctx: RequestContext, parsed?: Record<string, unknown>): Promise<void> {
  const body = parsed ?? bodyObject(ctx);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const checkoutId = optionalCheckoutId(body);
  const customer = await ctx.shopper().customerId();
  await oneAtATime(customer, checkoutId, async () => {
    const found = checkoutId ? await checkoutState(app, customer, checkoutId, 'setup') : await previousAttempt(app, body.intentId, 'setup', customer);
    // A SetupIntent's usage is fixed at creation: the same one serves another attempt only for the same usage.
    if (found?.intent && (found.intent.usage === usage || found.intent.status === 'succeeded')) {
      app.db.note(found.order.id, 'server', `another attempt on ${found.intent.id}`);
      sendJson(ctx.res, 200, { clientSecret: found.intent.client_secret, orderId: found.order.id, intentId: found.intent.id, reused: true, status: found.intent.status });
      return;
    }
    if (found?.intent) {
      app.db.note(found.order.id, 'server', `replaced by a new SetupIntent (usage ${usage})`);
      app.db.releaseCheckout(found.order.id);
    }
    const order = found && !found.intent ? found.order : app.db.createOrder({ kind: 'setup', amount: 0, currency: CURRENCY, items: [], customerId: customer, save: true, checkoutId: checkoutId ?? null });
    let intent: Stripe.SetupIntent;
    try {
      intent = await app.stripe.setupIntents.create(
        { customer, usage, metadata: { order_id: order.id } },
        { idempotencyKey: creationKey(app, 'seti-create', order) },
      );
    } catch (error) {
      throw creationFailed(app, order, error);
    }
    app.db.setOrderIntent(order.id, intent.id);
    sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id, reused: false });
  });
}

export async function pay(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  if (body.paymentIntentId !== undefined) return confirmAfterAction(app, ctx, body.paymentIntentId);
  const paymentMethodId = requireId(body.paymentMethodId, 'paymentMethodId', ['pm'], 'a PaymentMethod id from stripe.createPaymentMethod (or paymentIntentId after 3D Secure)');
  const save = optionalBoolean(body, 'save', false);
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const items = parseItems(body.items);
  const checkoutId = optionalCheckoutId(body);
  const customer = await ctx.shopper().customerId();
  const amount = priceLines(items);
  const attempt = { amount, items, save, usage, paymentMethodId, savedCard: false };
  await oneAtATime(customer, checkoutId, async () => {
    const found = checkoutId ? await checkoutState(app, customer, checkoutId, 'payment') : await previousAttempt(app, body.intentId, 'payment', customer);
    let order: Order;
    let intentId: string;
    if (found?.intent) {
      const { status } = found.intent;
      // The answer to an earlier /pay of this checkout was lost: answer how it stands (no second confirm, no second charge).
      if (DONE.has(status) || status === 'requires_action') {
        answerConfirm(app, ctx, found.order, found.intent);
        return;
      }
      if (status !== 'requires_confirmation') await updatePaymentAttempt(app, { order: found.order, intent: found.intent }, attempt);
      order = found.order;
      intentId = found.intent.id;
    } else {
      order = found ? refreshed(app, found.order, attempt) : app.db.createOrder({ kind: 'payment', amount, currency: CURRENCY, items, customerId: customer, save, paymentMethodId, checkoutId: checkoutId ?? null });
      let intent: Stripe.PaymentIntent;
      try {
        // Created, stored, then confirmed: once money can move, the order already knows its intent (nothing to lose).
        intent = await app.stripe.paymentIntents.create(
          {
            amount: order.amount,
            currency: order.currency,
            customer,
            payment_method: paymentMethodId,
            capture_method: 'automatic',
            // No redirect-based methods, so no return_url is needed.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            confirmation_method: 'manual',
            metadata: { order_id: order.id },
            ...(save ? { setup_future_usage: usage } : {}),
          },
          { idempotencyKey: creationKey(app, 'pay', order) },
        );
      } catch (error) {
        throw creationFailed(app, order, error);
      }
      app.db.setOrderIntent(order.id, intent.id);
      intentId = intent.id;
    }
    try {
      answerConfirm(app, ctx, order, await app.stripe.paymentIntents.confirm(intentId));
    } catch (error) {
      failConfirm(app, ctx, order, intentId, error);
    }
  });
}

async function confirmAfterAction(app: AppContext, ctx: RequestContext, value: unknown): Promise<void> {
  const id = requireId(value, 'paymentIntentId', ['pi'], 'a PaymentIntent id');
  // Only intents this server created for this shopper can be confirmed here.
  const order = app.db.findOrderByIntent(id);
  if (!order || order.customerId !== ctx.shopper().knownCustomer()) throw new ApiError(404, { message: `paymentIntentId: no order of ours uses ${id}`, field: 'paymentIntentId', code: 'resource_missing' });
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
  if (DONE.has(intent.status)) {
    // Our own confirm call got Stripe's answer: that is Stripe's word, no webhook needed in this flow. Fulfilment
    // decides what it makes the order (only `succeeded` is paid; requires_capture is authorized).
    recordLater(app, order.id, () => settle(app.db, app.db.getOrder(order.id) ?? order, intent, 'server', 'confirmed by this server'));
    if (intent.status === 'requires_capture') void captureAuthorized(app, order.id);
    if (app.faults.cutPayAnswers && app.faults.cutPayAnswers > 0) {
      app.faults.cutPayAnswers -= 1;
      ctx.res.destroy();
      return;
    }
    sendJson(ctx.res, 200, { status: intent.status, intentId: intent.id, orderId: order.id });
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
