// POST /payment-element/customer-session: the CustomerSession <stripe-save-payment save-ui="stripe"> hands to
// `stripe.elements({ customerSessionClientSecret })`, so the Payment Element shows Stripe's own saved-method list,
// save checkbox and remove button (docs/payment.md "Saving"). The session is always for the signed-in shopper's
// own customer (rule 2: a body naming a customer is refused, never obeyed), with the features the page needs:
// redisplay (methods saved with allow_redisplay=always), save (the checkbox; a ticked box sets setup_future_usage to
// `usage` and allow_redisplay=always at confirm) and remove (a detach of that customer's own method). Because the
// session carries payment_method_save_usage, /payment-element/intent must not set setup_future_usage as well: the
// element sends `save: false` there (Stripe refuses the two together).
import { ApiError } from '../errors.js';
import { bodyObject, sendJson, type RequestContext } from '../http.js';
import { optionalEnum, stripeFailure, type AppContext } from '../context.js';
import { optionalCheckoutId } from '../checkouts.js';

export async function paymentElementCustomerSession(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  if (Object.hasOwn(body, 'customer')) {
    throw new ApiError(400, { message: 'customer: expected nothing (the session is always for the signed-in shopper\'s own customer), got a value', field: 'customer', code: 'invalid_request' });
  }
  optionalEnum(body, 'mode', ['payment', 'setup'] as const, 'payment');
  const usage = optionalEnum(body, 'usage', ['off_session', 'on_session'] as const, 'off_session');
  optionalCheckoutId(body);
  const customer = await ctx.shopper().customerId();
  try {
    const session = await app.stripe.customerSessions.create({
      customer,
      components: {
        payment_element: {
          enabled: true,
          features: { payment_method_redisplay: 'enabled', payment_method_save: 'enabled', payment_method_save_usage: usage, payment_method_remove: 'enabled' },
        },
      },
    });
    sendJson(ctx.res, 200, { customerSessionClientSecret: session.client_secret });
  } catch (error) {
    throw stripeFailure(error);
  }
}
