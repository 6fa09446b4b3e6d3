// Completing a Checkout Session once its intent succeeded, whichever route got it there
// (the hosted page's card form, or the 3DS challenge that followed it).
import type Stripe from 'stripe';
import type { Context } from '../context.js';

export function successRedirect(template: string, sessionId: string): string {
  return template.split('{CHECKOUT_SESSION_ID}').join(sessionId);
}

export function completeCheckoutSession(ctx: Context, sessionId: string, paymentStatus: Stripe.Checkout.Session.PaymentStatus): void {
  const record = ctx.state.checkoutSessions.get(sessionId);
  if (!record || record.object.status !== 'open') return;
  record.object.status = 'complete';
  record.object.payment_status = paymentStatus;
  ctx.emit('checkout.session.completed', record.object);
}
