// The routes <stripe-save-payment> (Stripe's Payment Element) needs, under the same rules as the card tag's:
// - POST /payment-element/intent: the deferred intent. The element has already collected and validated the method
//   (elements.submit()); we create the PaymentIntent (or SetupIntent) with automatic payment methods for the cart's
//   price from the catalog, `setup_future_usage` mirrored from the element's save toggle (only for a method type that
//   can be saved: Stripe.js was told the same by elements.update), keyed on the session's customer and the checkoutId;
// - POST /payment-element/confirm: confirm="server", Stripe's "finalize payments on the server" with the
//   ConfirmationToken the browser made; answers `{ status, clientSecret, intentId, orderId }` or a 402 decline.
// Orders are paid the way every client-confirmed order is: the webhook (or reconciliation) settles them; a SEPA debit
// stays `processing` until Stripe's later `payment_intent.succeeded`. The return page of a redirect method is the
// demo page itself: the element reads the intent there (docs/payment.md "Redirects").
import type Stripe from 'stripe';
import { ApiError, describe, requireId } from '../errors.js';
import { bodyObject, sendJson, type RequestContext } from '../http.js';
import { parseItems, priceLines } from '../pricing.js';
import { cardErrorBody, isCardError, optionalBoolean, optionalEnum, stripeFailure, type AppContext } from '../context.js';
import type { Order } from '../db.js';
import { previousAttempt, updatePaymentAttempt } from '../attempts.js';
import { checkoutState, creationFailed, creationKey, oneAtATime, optionalCheckoutId } from '../checkouts.js';
import { recordLater } from '../reconcile.js';
import { attemptOf, settle } from '../fulfilment.js';

type Usage = 'off_session' | 'on_session';

/**
 * The Payment Element checkout is the shop's European one: the catalog's prices in euros, the currency iDEAL,
 * Bancontact and SEPA Debit take (Stripe offers a method only for its currencies). The server decides it, as it
 * decides the amount.
 */
export const PAYMENT_ELEMENT_CURRENCY = 'eur';

/** Types whose PaymentMethod Stripe can save for later (the element shows its toggle only for these). */
const SAVABLE = new Set(['card', 'sepa_debit', 'us_bank_account', 'link']);
/** Intent states after which a checkout is done: it answers as it stands and is never updated or confirmed again. */
const DONE = new Set(['succeeded', 'processing', 'requires_capture']);

interface Request {
  items: Order['items'];
  amount: number;
  save: boolean;
  usage: Usage;
  checkoutId: string | undefined;
  customer: string;
}

async function readRequest(ctx: RequestContext, body: Record<string, unknown>): Promise<Request> {
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const type = paymentMethodType(body.paymentMethodType);
  // The element sends save only for savable types; a request saying otherwise would make Stripe refuse the confirm.
  const save = optionalBoolean(body, 'save', false) && SAVABLE.has(type);
  const items = parseItems(body.items);
  return { items, amount: priceLines(items), save, usage, checkoutId: optionalCheckoutId(body), customer: await ctx.shopper().customerId() };
}

/** The type the shopper chose in the element (any the account offers: real Stripe may offer more than the emulator). */
function paymentMethodType(value: unknown): string {
  if (value === undefined || value === null) return 'card';
  if (typeof value !== 'string' || !/^[a-z_]{1,40}$/.test(value)) {
    throw new ApiError(400, { message: `paymentMethodType: expected a Stripe payment method type such as "card" or "ideal", got ${describe(value)}`, field: 'paymentMethodType', code: 'invalid_request' });
  }
  return value;
}

export async function paymentElementIntent(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  const mode = optionalEnum(body, 'mode', ['payment', 'setup'] as const, 'payment');
  if (mode === 'setup') return setupIntent(app, ctx, body);
  const request = await readRequest(ctx, body);
  await oneAtATime(request.customer, request.checkoutId, async () => {
    const { order, intent, reused } = await checkoutIntent(app, request, body.intentId);
    sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id, reused, status: intent.status });
  });
}

/** The checkout's PaymentIntent: its open one brought up to date, the one already done as it stands, or a new one. */
async function checkoutIntent(app: AppContext, r: Request, intentId: unknown): Promise<{ order: Order; intent: Stripe.PaymentIntent; reused: boolean }> {
  const found = r.checkoutId ? await checkoutState(app, r.customer, r.checkoutId, 'payment') : await previousAttempt(app, intentId, 'payment', r.customer);
  const attempt = { amount: r.amount, items: r.items, save: r.save, usage: r.usage, paymentMethodId: null, savedCard: false };
  if (found?.intent) {
    const intent = DONE.has(found.intent.status) ? found.intent : await updatePaymentAttempt(app, { order: found.order, intent: found.intent }, attempt);
    return { order: found.order, intent, reused: true };
  }
  let order: Order;
  if (found) {
    app.db.updateOrderAttempt(found.order.id, attempt, 'retried: creating the intent again');
    order = app.db.getOrder(found.order.id) ?? found.order;
  } else {
    order = app.db.createOrder({ kind: 'payment', amount: r.amount, currency: PAYMENT_ELEMENT_CURRENCY, items: r.items, customerId: r.customer, save: r.save, paymentMethodId: null, checkoutId: r.checkoutId ?? null });
  }
  let intent: Stripe.PaymentIntent;
  try {
    intent = await app.stripe.paymentIntents.create(
      {
        amount: order.amount,
        currency: order.currency,
        customer: r.customer,
        capture_method: 'automatic',
        // The methods the account turned on (the Dashboard's list); redirect methods come back to the page.
        automatic_payment_methods: { enabled: true },
        metadata: { order_id: order.id },
        ...(r.save ? { setup_future_usage: r.usage } : {}),
      },
      { idempotencyKey: creationKey(app, 'pe-create', order) },
    );
  } catch (error) {
    throw creationFailed(app, order, error);
  }
  app.db.setOrderIntent(order.id, intent.id);
  return { order, intent, reused: false };
}

async function setupIntent(app: AppContext, ctx: RequestContext, body: Record<string, unknown>): Promise<void> {
  const usage = optionalEnum<Usage>(body, 'usage', ['off_session', 'on_session'], 'off_session');
  const checkoutId = optionalCheckoutId(body);
  const customer = await ctx.shopper().customerId();
  await oneAtATime(customer, checkoutId, async () => {
    const found = checkoutId ? await checkoutState(app, customer, checkoutId, 'setup') : await previousAttempt(app, body.intentId, 'setup', customer);
    if (found?.intent) {
      sendJson(ctx.res, 200, { clientSecret: found.intent.client_secret, orderId: found.order.id, intentId: found.intent.id, reused: true, status: found.intent.status });
      return;
    }
    const order = found?.order ?? app.db.createOrder({ kind: 'setup', amount: 0, currency: PAYMENT_ELEMENT_CURRENCY, items: [], customerId: customer, save: true, checkoutId: checkoutId ?? null });
    let intent: Stripe.SetupIntent;
    try {
      intent = await app.stripe.setupIntents.create(
        { customer, usage, automatic_payment_methods: { enabled: true }, metadata: { order_id: order.id } },
        { idempotencyKey: creationKey(app, 'pe-seti-create', order) },
      );
    } catch (error) {
      throw creationFailed(app, order, error);
    }
    app.db.setOrderIntent(order.id, intent.id);
    sendJson(ctx.res, 200, { clientSecret: intent.client_secret, orderId: order.id, intentId: intent.id, reused: false });
  });
}

/** confirm="server": the intent of this checkout confirmed here with the browser's ConfirmationToken. */
export async function paymentElementConfirm(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  optionalEnum(body, 'mode', ['payment'] as const, 'payment');
  const token = requireId(body.confirmationTokenId, 'confirmationTokenId', ['ctoken'], 'a ConfirmationToken id from stripe.createConfirmationToken');
  const request = await readRequest(ctx, body);
  await oneAtATime(request.customer, request.checkoutId, async () => {
    const { order, intent } = await checkoutIntent(app, request, body.intentId);
    // A repeated post whose answer was lost, or a checkout mid-redirect: answer how it stands, no second confirm.
    if (DONE.has(intent.status) || intent.status === 'requires_action') {
      answer(app, ctx, order, intent);
      return;
    }
    try {
      // The token carries the return_url the page gave it (createConfirmationToken's params).
      const confirmed = await app.stripe.paymentIntents.confirm(intent.id, { confirmation_token: token });
      answer(app, ctx, order, confirmed);
    } catch (error) {
      if (!isCardError(error)) throw stripeFailure(error);
      const failure = cardErrorBody(error);
      recordLater(app, order.id, () => app.db.transition(order.id, 'failed', 'server', failure.code, { code: failure.code, declineCode: failure.declineCode ?? null, message: failure.message, attempt: attemptOf(error) }));
      sendJson(ctx.res, 402, { error: { ...failure, intentId: intent.id }, intentId: intent.id, orderId: order.id });
    }
  });
}

function answer(app: AppContext, ctx: RequestContext, order: Order, intent: Stripe.PaymentIntent): void {
  const base = { clientSecret: intent.client_secret, intentId: intent.id, orderId: order.id };
  if (intent.status === 'requires_action' || DONE.has(intent.status)) {
    if (DONE.has(intent.status)) recordLater(app, order.id, () => settle(app.db, app.db.getOrder(order.id) ?? order, intent, 'server', 'confirmed by this server'));
    const pm = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
    sendJson(ctx.res, 200, { status: intent.status, ...base, ...(pm ? { paymentMethodId: pm } : {}) });
    return;
  }
  const error = intent.last_payment_error;
  const failure = { code: error?.code ?? 'payment_failed', declineCode: error?.decline_code ?? null, message: error?.message ?? `The payment is ${intent.status}.` };
  recordLater(app, order.id, () => app.db.transition(order.id, 'failed', 'server', failure.code, { ...failure, attempt: error ? attemptOf(error) : null }));
  sendJson(ctx.res, 402, { error: { ...failure, intentId: intent.id }, intentId: intent.id, orderId: order.id });
}
