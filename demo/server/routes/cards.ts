// The shopper's saved cards: listed for reuse by the element, detached on request. Only the session's own customer.
import { sendJson, type RequestContext } from '../http.js';
import { cardSummary, ownedPaymentMethod, stripeFailure, type AppContext } from '../context.js';

export async function listSavedCards(app: AppContext, ctx: RequestContext): Promise<void> {
  const shopper = ctx.shopper();
  // A new shopper has no cards (and needs no Stripe customer yet), unless the demo seeds one for every shopper.
  const customer = app.seedCard ? await shopper.customerId() : shopper.knownCustomer();
  if (!customer) {
    sendJson(ctx.res, 200, { cards: [] });
    return;
  }
  try {
    const list = await app.stripe.customers.listPaymentMethods(customer, { type: 'card', limit: 100 });
    sendJson(ctx.res, 200, { cards: list.data.map(cardSummary) });
  } catch (error) {
    throw stripeFailure(error);
  }
}

export async function detachSavedCard(app: AppContext, ctx: RequestContext): Promise<void> {
  const pm = await ownedPaymentMethod(app, ctx.shopper().knownCustomer(), ctx.params.id, 'id');
  try {
    await app.stripe.paymentMethods.detach(pm.id);
  } catch (error) {
    throw stripeFailure(error);
  }
  sendJson(ctx.res, 200, { deleted: true, id: pm.id });
}
