// Completing a Checkout Session once its intent succeeded, whichever route got it there
// (the hosted page's card form, or the 3DS challenge that followed it).
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import type { CheckoutRecord } from '../state.js';

/**
 * Where the customer goes once the session completed: success_url (hosted) or return_url (embedded, unless
 * redirect_on_completion keeps them on the page: `never`, or `if_required` since a card never needs a redirect),
 * with `{CHECKOUT_SESSION_ID}` filled in. The session object keeps the template as given.
 */
export function completionRedirect(record: CheckoutRecord): string | null {
  const session = record.object;
  const template = record.embedded ? (session.redirect_on_completion === 'always' ? session.return_url : null) : session.success_url;
  return template ? template.split('{CHECKOUT_SESSION_ID}').join(session.id) : null;
}

export function completeCheckoutSession(ctx: Context, sessionId: string, paymentStatus: Stripe.Checkout.Session.PaymentStatus): void {
  const record = ctx.state.checkoutSessions.get(sessionId);
  if (!record || record.object.status !== 'open') return;
  record.object.status = 'complete';
  record.object.payment_status = paymentStatus;
  ctx.emit('checkout.session.completed', record.object);
}
