// Order status for the page. Only the server moves an order (from Stripe's answers, verified webhooks, or the intent
// read back from Stripe); the browser can read it, never write it.
import { ApiError, requireId } from '../errors.js';
import { sendJson, type RequestContext } from '../http.js';
import type { AppContext } from '../context.js';
import { reconcileOrder } from '../reconcile.js';
import { isMerchant, requireMerchant } from '../sessions.js';
import type { Order } from '../db.js';

export function orderView(app: AppContext, order: Order) {
  return {
    id: order.id,
    kind: order.kind,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    items: order.items,
    intentId: order.intentId,
    paymentMethodId: order.paymentMethodId,
    save: order.save,
    failure: order.failureCode ? { code: order.failureCode, declineCode: order.declineCode, message: order.failureMessage } : null,
    recoveryUrl: order.status === 'requires_customer_action' ? `/pay/recover?order=${encodeURIComponent(order.id)}` : null,
    history: app.db.history(order.id),
  };
}

/**
 * `:id` is an order id (`ord_...`) or the id of its intent (`pi_...`/`seti_...`), which is what the element reports.
 * An open order is read back from Stripe first, so a lost webhook doesn't leave a paid order looking pending.
 */
export async function getOrder(app: AppContext, ctx: RequestContext): Promise<void> {
  const id = requireId(ctx.params.id, 'id', ['ord', 'pi', 'seti'], 'an order id or the id of its intent');
  const order = id.startsWith('ord_') ? app.db.getOrder(id) : app.db.findOrderByIntent(id);
  // Someone else's order is "not found", exactly like one that doesn't exist: nothing tells the two apart.
  const visible = order && (order.customerId === ctx.shopper().knownCustomer() || isMerchant(ctx.req, app.merchantToken));
  if (!order || !visible) throw new ApiError(404, { message: `id: no order ${id}`, field: 'id', code: 'resource_missing' });
  sendJson(ctx.res, 200, { order: orderView(app, await reconcileOrder(app, order)) });
}

/** The shopper's own latest orders; with the merchant token, everyone's (`scope` says which the answer is). */
export function listOrders(app: AppContext, ctx: RequestContext): void {
  if (ctx.req.headers.authorization !== undefined) {
    // A wrong token is a 403, not a silent fall back to the shopper's own list.
    requireMerchant(ctx.req, app.merchantToken);
    sendJson(ctx.res, 200, { scope: 'all', orders: app.db.listOrders(20).map((order) => orderView(app, order)) });
    return;
  }
  const customer = ctx.shopper().knownCustomer();
  sendJson(ctx.res, 200, { scope: 'session', orders: customer ? app.db.listOrders(20, customer).map((order) => orderView(app, order)) : [] });
}
