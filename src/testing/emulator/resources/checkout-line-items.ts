// Checkout line items: `line_items[n][price_data]` (with `product_data`) become Stripe's `item` objects, each
// carrying the inline Price Stripe makes for it. Listed by `GET /v1/checkout/sessions/:id/line_items` and included
// on the session only when `expand[]=line_items` asks for them, as Stripe does.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { arrayListing, page } from '../list.js';
import { readCurrency } from '../money.js';
import type { Params } from '../params.js';
import type { Route } from '../router.js';

/** Stripe takes at most 100 line items per session. */
const MAX_LINE_ITEMS = 100;

export function readLineItems(ctx: Context, params: Params): Stripe.LineItem[] | undefined {
  const items = params.objList('line_items', { max: MAX_LINE_ITEMS });
  if (!items) return undefined;
  return items.map((item, i) => {
    const priceId = item.str('price');
    if (priceId) throw resourceMissing('price', priceId, `line_items[${i}][price]`);
    const priceData = item.obj('price_data', { required: true })!;
    const currency = readCurrency(priceData.str('currency', { required: true })!, `line_items[${i}][price_data][currency]`);
    const unitAmount = priceData.int('unit_amount', { required: true, min: 0 })!;
    const product = priceData.obj('product_data', { required: true })!;
    const name = product.str('name', { required: true, max: 250 })!;
    // Stripe's item shows the product's name as its description; the product's own description stays on the product.
    product.ignore('description', 'images', 'metadata', 'tax_code', 'unit_label');
    const taxBehavior = priceData.oneOf('tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const) ?? 'unspecified';
    priceData.ignore('product', 'recurring');
    const quantity = item.int('quantity', { required: true, min: 1, max: 999_999 })!;
    item.ignore('adjustable_quantity', 'tax_rates', 'dynamic_tax_rates');
    const amount = unitAmount * quantity;
    const price = {
      id: newId('price'), object: 'price', active: false, billing_scheme: 'per_unit', created: ctx.now(), currency,
      custom_unit_amount: null, livemode: false, lookup_key: null, metadata: {}, nickname: null, product: newId('product'),
      recurring: null, tax_behavior: taxBehavior, tiers_mode: null, transform_quantity: null, type: 'one_time',
      unit_amount: unitAmount, unit_amount_decimal: String(unitAmount),
    };
    return {
      id: newId('line_item'), object: 'item', adjustable_quantity: null, amount_discount: 0, amount_subtotal: amount, amount_tax: 0,
      amount_total: amount, currency, description: name, metadata: null, price, quantity,
    } as unknown as Stripe.LineItem;
  });
}

export const lineItemRoutes: Route[] = [
  {
    method: 'GET', pattern: '/v1/checkout/sessions/:id/line_items', access: 'secret',
    handle: ({ ctx, params, path }) => {
      const record = ctx.state.checkoutSessions.get(path.id!);
      if (!record) throw resourceMissing('checkout.session', path.id!, 'id');
      const list = page(arrayListing(record.lineItems ?? []), params, `/v1/checkout/sessions/${record.object.id}/line_items`, (item) => item);
      params.done();
      return list;
    },
  },
];
