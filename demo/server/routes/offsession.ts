// "Charge for next month": the merchant charges a saved card while the customer is away (off_session, confirm now).
// When the bank insists on authentication (402 authentication_required) the order waits for the customer, who gets a
// recovery link; the recovery page confirms that SAME PaymentIntent on-session with the same card, so there is never
// a second charge. Any other decline is final for that card: the customer is asked to add a new one.
import Stripe from 'stripe';
import { ApiError, describe, invalid, requireId } from '../errors.js';
import { bodyObject, escapeHtml, sendHtml, sendJson, type RequestContext } from '../http.js';
import { CURRENCY, PLANS } from '../pricing.js';
import { cardErrorBody, isCardError, ownedPaymentMethod, stripeFailure, type AppContext } from '../context.js';
import { page } from '../pages.js';
import { reconcileOrder, recordLater } from '../reconcile.js';
import { attemptOf } from '../fulfilment.js';

/** The amount is the server's: a plan's price. A request naming its own amount is refused, not trusted. */
function chargeAmount(body: Record<string, unknown>): { amount: number; plan: string } {
  if (body.amount !== undefined) {
    throw new ApiError(400, { message: `amount: expected nothing (the amount comes from the plan's price on the server), got ${describe(body.amount)}`, field: 'amount', code: 'invalid_request' });
  }
  // Own keys only: `plan: "toString"` or `"__proto__"` must not find Object.prototype's members.
  if (typeof body.plan !== 'string' || !Object.hasOwn(PLANS, body.plan)) throw invalid('plan', `one of ${Object.keys(PLANS).join(', ')}`, body.plan);
  return { amount: PLANS[body.plan]!.amount, plan: body.plan };
}

/** POST /charge-saved-card (merchant token required, app.ts): charge one of our shoppers' saved cards now. */
export async function chargeSavedCard(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  const { amount, plan } = chargeAmount(body);
  const id = requireId(body.paymentMethodId, 'paymentMethodId', ['pm'], 'a PaymentMethod id');
  // Whose card it is decides the customer; it must be one of our shoppers' (not any card on the Stripe account).
  let owner: string | null = null;
  try {
    const found = await app.stripe.paymentMethods.retrieve(id);
    owner = typeof found.customer === 'string' ? found.customer : found.customer?.id ?? null;
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw stripeFailure(error);
  }
  const customer = owner && app.db.isShopperCustomer(owner) ? owner : null;
  const pm = await ownedPaymentMethod(app, customer, id, 'paymentMethodId');
  const order = app.db.createOrder({ kind: 'off_session', amount, currency: CURRENCY, items: [{ sku: plan, quantity: 1 }], customerId: customer!, save: false, paymentMethodId: pm.id });
  let intent: Stripe.PaymentIntent;
  try {
    // Created, stored, then confirmed: once money can move, the order already knows its intent, so whatever happens
    // to this process or this database afterwards, reconciliation can find out how it ended.
    intent = await app.stripe.paymentIntents.create(
      {
        amount,
        currency: CURRENCY,
        customer: order.customerId,
        payment_method: pm.id,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        description: PLANS[plan]!.name,
        metadata: { order_id: order.id },
      },
      { idempotencyKey: `off-session-${order.id}` },
    );
  } catch (error) {
    throw stripeFailure(error);
  }
  app.db.setOrderIntent(order.id, intent.id, pm.id);
  try {
    intent = await app.stripe.paymentIntents.confirm(intent.id, { off_session: true }, { idempotencyKey: `off-session-confirm-${order.id}` });
  } catch (error) {
    if (!isCardError(error)) throw stripeFailure(error);
    declined(app, ctx, order.id, intent.id, cardErrorBody(error), attemptOf(error));
    return;
  }
  if (intent.status === 'succeeded') {
    recordLater(app, order.id, () => app.db.transition(order.id, 'paid', 'server', 'off-session charge confirmed by this server'));
    sendJson(ctx.res, 200, { status: 'succeeded', orderId: order.id, intentId: intent.id, amount });
    return;
  }
  // Cards don't go to processing; anything else is unexpected and left for the webhook or reconciliation to settle.
  sendJson(ctx.res, 202, { status: intent.status, orderId: order.id, intentId: intent.id, amount });
}

function declined(app: AppContext, ctx: RequestContext, orderId: string, intentId: string, failure: ReturnType<typeof cardErrorBody>, attempt: string | null): void {
  const record = { code: failure.code, declineCode: failure.declineCode ?? null, message: failure.message, attempt };
  if (failure.code === 'authentication_required') {
    recordLater(app, orderId, () => app.db.transition(orderId, 'requires_customer_action', 'server', 'bank asked for authentication (402)', record));
    const recoveryUrl = `/pay/recover?order=${encodeURIComponent(orderId)}`;
    sendJson(ctx.res, 402, { status: 'requires_customer_action', orderId, intentId, recoveryUrl, error: failure });
    return;
  }
  recordLater(app, orderId, () => app.db.transition(orderId, 'failed', 'server', `declined off-session: ${failure.declineCode ?? failure.code}`, record));
  // This card won't do: the customer adds another (Checkout setup mode or the element in setup mode).
  sendJson(ctx.res, 402, { status: 'failed', orderId, intentId, error: failure, addCard: { checkout: '/checkout/setup-session', element: '/?mode=setup#checkout' } });
}

export async function recoverPage(app: AppContext, ctx: RequestContext): Promise<void> {
  const orderId = requireId(ctx.url.searchParams.get('order') ?? undefined, 'order', ['ord'], 'an order id');
  const stored = app.db.getOrder(orderId);
  // The shopper's own order only: the page hands out the intent's client secret.
  if (!stored || stored.kind !== 'off_session' || stored.customerId !== ctx.shopper().knownCustomer()) throw new ApiError(404, { message: `order: no off-session order ${orderId}`, field: 'order', code: 'resource_missing' });
  // The customer may have completed it already (on this page, or elsewhere) and the webhook be late or lost.
  const order = await reconcileOrder(app, stored);
  const amount = `$${(order.amount / 100).toFixed(2)}`;
  if (order.status === 'paid') {
    sendHtml(ctx.res, 200, page('Already paid', `<section class="panel"><h1>Nothing to do</h1>
      <p data-testid="recover-status">The ${amount} payment for order <code>${escapeHtml(order.id)}</code> is paid.</p></section>`));
    return;
  }
  if (order.status !== 'requires_customer_action' || !order.intentId) {
    sendHtml(ctx.res, 200, page('Add a new card', `<section class="panel"><h1>This card can't be used</h1>
      <p data-testid="recover-status">The ${amount} payment was declined (${escapeHtml(order.declineCode ?? order.failureCode ?? order.status)}). Please add a new card.</p>
      <form method="post" action="/checkout/setup-session"><button class="button" type="submit">Add a new card</button></form></section>`));
    return;
  }
  let intent: Stripe.PaymentIntent;
  try {
    intent = await app.stripe.paymentIntents.retrieve(order.intentId);
  } catch (error) {
    throw stripeFailure(error);
  }
  // Confirm with the card that failed off-session: the one on last_payment_error, else the one we charged.
  const failedPm = intent.last_payment_error?.payment_method;
  const paymentMethod = (typeof failedPm === 'string' ? failedPm : failedPm?.id) ?? order.paymentMethodId ?? '';
  const brand = failedPm && typeof failedPm !== 'string' && failedPm.card ? failedPm.card.brand : null;
  const card = brand && typeof failedPm !== 'string' ? `${brand[0]!.toUpperCase()}${brand.slice(1)} •••• ${failedPm!.card!.last4}` : 'your saved card';
  const config = { orderId: order.id, intentId: intent.id };
  sendHtml(ctx.res, 200, page('Confirm your payment', `<section class="panel recover">
    <h1>Confirm your ${amount} payment</h1>
    <p>Your bank asked you to confirm this payment with ${escapeHtml(card)}. Nothing new will be charged: this completes
       the same payment (<code>${escapeHtml(intent.id)}</code>).</p>
    <stripe-save-card id="recover" publishable-key="${escapeHtml(app.publishableKey)}" client-secret="${escapeHtml(intent.client_secret ?? '')}"
      payment-method="${escapeHtml(paymentMethod)}" amount="${order.amount}" currency="${escapeHtml(order.currency)}" hide-save>
      <span slot="submit-label">Confirm ${amount}</span>
    </stripe-save-card>
    <p class="order-status" data-testid="order-status" aria-live="polite">Order status: <strong>${escapeHtml(order.status)}</strong></p>
    <pre class="log" id="recover-log" aria-label="Events"></pre>
  </section>
  <script type="application/json" id="recover-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
  <script type="module" src="/recover.js"></script>`, scriptTags(app)));
}

/** Stripe.js (real or the emulator's fake) first, then the element's script-tag build: the fake must exist before loadStripe. */
export function scriptTags(app: AppContext): string {
  return `<script src="${escapeHtml(app.stripeJsUrl)}"></script>\n<script src="/stripe-save-card.min.js"></script>`;
}
