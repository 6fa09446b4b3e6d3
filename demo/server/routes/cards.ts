// The customer's saved cards: listed for reuse by the element, detached on request.
import { sendJson, type RequestContext } from '../http.js';
import { cardSummary, ownedPaymentMethod, stripeFailure, type AppContext } from '../context.js';

export async function listSavedCards(app: AppContext, ctx: RequestContext): Promise<void> {
  const customer = await app.customerId();
  try {
    const list = await app.stripe.customers.listPaymentMethods(customer, { type: 'card', limit: 100 });
    sendJson(ctx.res, 200, { cards: list.data.map(cardSummary) });
  } catch (error) {
    throw stripeFailure(error);
  }
}

export async function detachSavedCard(app: AppContext, ctx: RequestContext): Promise<void> {
  const pm = await ownedPaymentMethod(app, ctx.params.id, 'id');
  try {
    await app.stripe.paymentMethods.detach(pm.id);
  } catch (error) {
    throw stripeFailure(error);
  }
  sendJson(ctx.res, 200, { deleted: true, id: pm.id });
}
