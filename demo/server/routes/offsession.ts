// "Charge for next month": the merchant charges a saved card while the customer is away (off_session, confirm now).
// When the bank insists on authentication (402 authentication_required) the order waits for the customer, who gets a
// recovery link; the recovery page confirms that SAME PaymentIntent on-session with the same card, so there is never
// a second charge. Any other decline is final for that card: the customer is asked to add a new one.
import type Stripe from 'stripe';
import { ApiError, invalid } from '../errors.js';
import { bodyObject, escapeHtml, sendHtml, sendJson, type RequestContext } from '../http.js';
import { CURRENCY, PLANS } from '../pricing.js';
import { cardErrorBody, isCardError, ownedPaymentMethod, stripeFailure, type AppContext } from '../context.js';
import { page } from '../pages.js';

const MIN_AMOUNT = 50;
const MAX_AMOUNT = 999_999;

function chargeAmount(body: Record<string, unknown>): { amount: number; plan: string | null } {
  if (body.plan !== undefined) {
    if (typeof body.plan !== 'string' || !(body.plan in PLANS)) throw invalid('plan', `one of ${Object.keys(PLANS).join(', ')}`, body.plan);
    return { amount: PLANS[body.plan]!.amount, plan: body.plan };
  }
  // The merchant panel may name an amount: this route is the merchant acting, not the customer's browser.
  const amount = body.amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < MIN_AMOUNT || amount > MAX_AMOUNT) {
    throw invalid('amount', `an integer number of cents from ${MIN_AMOUNT} to ${MAX_AMOUNT} (or a plan: ${Object.keys(PLANS).join(', ')})`, amount);
  }
  return { amount, plan: null };
}

export async function chargeSavedCard(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  const { amount, plan } = chargeAmount(body);
  const pm = await ownedPaymentMethod(app, body.paymentMethodId, 'paymentMethodId');
  const customer = await app.customerId();
  const order = app.db.createOrder({ kind: 'off_session', amount, currency: CURRENCY, items: plan ? [{ sku: plan, quantity: 1 }] : [], customerId: customer, save: false, paymentMethodId: pm.id });
  try {
    const intent = await app.stripe.paymentIntents.create(
      {
        amount,
        currency: CURRENCY,
        customer,
        payment_method: pm.id,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        off_session: true,
        confirm: true,
        description: plan ? PLANS[plan]!.name : 'Off-session charge',
        metadata: { order_id: order.id },
      },
      { idempotencyKey: `off-session-${order.id}` },
    );
    app.db.setOrderIntent(order.id, intent.id, pm.id);
    if (intent.status === 'succeeded' || intent.status === 'requires_capture') {
      app.db.transition(order.id, 'paid', 'server', 'off-session charge confirmed by this server');
      sendJson(ctx.res, 200, { status: 'succeeded', orderId: order.id, intentId: intent.id, amount });
      return;
    }
    // Cards don't go to processing; anything else is unexpected and left for the webhook to settle.
    sendJson(ctx.res, 202, { status: intent.status, orderId: order.id, intentId: intent.id, amount });
  } catch (error) {
    if (!isCardError(error)) throw stripeFailure(error);
    const failure = cardErrorBody(error);
    const intent = error.payment_intent as Stripe.PaymentIntent | undefined;
    if (intent?.id) app.db.setOrderIntent(order.id, intent.id, pm.id);
    const record = { code: failure.code, declineCode: failure.declineCode ?? null, message: failure.message };
    if (failure.code === 'authentication_required') {
      app.db.transition(order.id, 'requires_customer_action', 'server', 'bank asked for authentication (402)', record);
      const recoveryUrl = `/pay/recover?order=${encodeURIComponent(order.id)}`;
      sendJson(ctx.res, 402, { status: 'requires_customer_action', orderId: order.id, intentId: intent?.id ?? null, recoveryUrl, error: failure });
      return;
    }
    app.db.transition(order.id, 'failed', 'server', `declined off-session: ${failure.declineCode ?? failure.code}`, record);
    // This card won't do: the customer adds another (Checkout setup mode or the element in setup mode).
    sendJson(ctx.res, 402, { status: 'failed', orderId: order.id, intentId: intent?.id ?? null, error: failure, addCard: { checkout: '/checkout/setup-session', element: '/?mode=setup#checkout' } });
  }
}

export async function recoverPage(app: AppContext, ctx: RequestContext): Promise<void> {
  const orderId = ctx.url.searchParams.get('order');
  if (!orderId || !/^ord_[A-Za-z0-9_-]+$/.test(orderId)) throw invalid('order', 'an order id (ord_...)', orderId ?? undefined);
  const order = app.db.getOrder(orderId);
  if (!order || order.kind !== 'off_session') throw new ApiError(404, { message: `order: no off-session order ${orderId}`, field: 'order', code: 'resource_missing' });
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
