// Checkout in setup mode ("Set up future payments"): create a session for the demo customer, send the browser to
// Stripe's hosted page (the emulator's in emulator mode), and on return show the saved card. The success page and the
// checkout.session.completed webhook do the same work; whichever arrives first records it, the other finds it done.
import type Stripe from 'stripe';
import { ApiError, requireId } from '../errors.js';
import { escapeHtml, redirect, sendHtml, sendJson, type RequestContext } from '../http.js';
import { CURRENCY } from '../pricing.js';
import { cardSummary, stripeFailure, type AppContext } from '../context.js';
import { page } from '../pages.js';

export async function createSetupSession(app: AppContext, ctx: RequestContext): Promise<void> {
  const customer = await ctx.shopper().customerId();
  // From configuration, never from the Host header: Stripe sends the shopper back to exactly these URLs.
  const origin = app.publicUrl;
  let session: Stripe.Checkout.Session;
  try {
    session = await app.stripe.checkout.sessions.create({
      mode: 'setup',
      currency: CURRENCY,
      customer,
      success_url: `${origin}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${origin}/?checkout=cancelled#merchant`,
      setup_intent_data: { metadata: { source: 'demo-checkout' } },
    });
  } catch (error) {
    throw stripeFailure(error);
  }
  if (!session.url) throw new ApiError(502, { message: 'Stripe returned a Checkout Session without a url', code: 'no_session_url' });
  // A plain form post gets the 303 the docs describe; fetch callers can ask for JSON instead.
  if ((ctx.req.headers.accept ?? '').includes('application/json')) sendJson(ctx.res, 200, { id: session.id, url: session.url });
  else redirect(ctx.res, session.url, 303);
}

/** Finds the PaymentMethod a completed setup session produced and makes sure it is attached to our customer. */
export async function resolveCheckoutPaymentMethod(app: AppContext, session: Stripe.Checkout.Session, customer: string | null): Promise<{ setupIntentId: string | null; paymentMethodId: string | null }> {
  const ref = session.setup_intent;
  if (!ref) return { setupIntentId: null, paymentMethodId: null };
  try {
    const intent = typeof ref === 'string' ? await app.stripe.setupIntents.retrieve(ref) : ref;
    const pmId = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id ?? null;
    if (pmId) {
      const pm = await app.stripe.paymentMethods.retrieve(pmId);
      // With `customer` on the session Stripe attaches it already; a session without one needs the explicit attach.
      if (!pm.customer && customer) await app.stripe.paymentMethods.attach(pmId, { customer });
    }
    return { setupIntentId: intent.id, paymentMethodId: pmId };
  } catch (error) {
    throw stripeFailure(error);
  }
}

export function recordCheckoutCompletion(app: AppContext, sessionId: string, setupIntentId: string | null, paymentMethodId: string | null, source: string): string {
  return app.db.completeCheckoutSession(sessionId, setupIntentId, paymentMethodId, source);
}

export async function checkoutSuccess(app: AppContext, ctx: RequestContext): Promise<void> {
  const sessionId = requireId(ctx.url.searchParams.get('session_id') ?? undefined, 'session_id', ['cs'], 'a Checkout Session id');
  let session: Stripe.Checkout.Session;
  try {
    session = await app.stripe.checkout.sessions.retrieve(sessionId, { expand: ['setup_intent'] });
  } catch (error) {
    throw stripeFailure(error);
  }
  const customer = ctx.shopper().knownCustomer();
  const owner = typeof session.customer === 'string' ? session.customer : session.customer?.id;
  if (!owner || owner !== customer) throw new ApiError(404, { message: `session_id: ${sessionId} is not a session of this customer`, field: 'session_id', code: 'resource_missing' });
  if (session.status !== 'complete') {
    sendHtml(ctx.res, 200, page('Card not saved yet', `<section class="panel"><h1>Not finished</h1>
      <p>This Checkout Session is <code>${escapeHtml(String(session.status))}</code>: no card was saved.</p>
      <p><a class="button" href="/#merchant">Back to the demo</a></p></section>`));
    return;
  }
  const found = await resolveCheckoutPaymentMethod(app, session, customer);
  const first = recordCheckoutCompletion(app, session.id, found.setupIntentId, found.paymentMethodId, 'success_page');
  let cardLine = 'No card on this session.';
  if (found.paymentMethodId) {
    const card = cardSummary(await app.stripe.paymentMethods.retrieve(found.paymentMethodId));
    cardLine = `<span class="card-chip" data-testid="saved-card" data-pm="${escapeHtml(card.id)}">${escapeHtml(card.brand)} •••• ${escapeHtml(card.last4)}
      <small>exp ${String(card.expMonth).padStart(2, '0')}/${card.expYear}</small></span>`;
  }
  sendHtml(ctx.res, 200, page('Card saved', `<section class="panel success-page">
    <h1>Card saved for later</h1>
    <p>${cardLine}</p>
    <p class="muted">Checkout Session <code>${escapeHtml(session.id)}</code>, SetupIntent <code>${escapeHtml(found.setupIntentId ?? '—')}</code>.
       Recorded first by: <strong data-testid="recorded-by">${escapeHtml(first === 'webhook' ? 'the webhook' : 'this page')}</strong>.</p>
    <p><a class="button" href="/#merchant">Back to the merchant panel</a></p>
  </section>`));
}
