// GET /v1/customers/search, /v1/payment_intents/search and /v1/charges/search: Stripe's query language over
// the stored objects (newest first), answered as a `search_result` paged with `page` / `next_page`.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest } from '../errors.js';
import { fingerprint } from '../ids.js';
import type { Route } from '../router.js';
import { compileQuery, parseQuery, type SearchSchema } from '../search-query.js';

const customers: SearchSchema<Stripe.Customer> = {
  resource: 'customers',
  fields: {
    created: { type: 'numeric', value: (c) => c.created },
    email: { type: 'string', value: (c) => c.email },
    name: { type: 'string', value: (c) => c.name },
    phone: { type: 'string', value: (c) => c.phone },
  },
  metadata: (c) => c.metadata,
};

const paymentIntents: SearchSchema<Stripe.PaymentIntent> = {
  resource: 'payment_intents',
  fields: {
    amount: { type: 'numeric', value: (pi) => pi.amount },
    created: { type: 'numeric', value: (pi) => pi.created },
    currency: { type: 'token', value: (pi) => pi.currency },
    customer: { type: 'token', value: (pi) => pi.customer as string | null },
    status: { type: 'token', value: (pi) => pi.status },
  },
  metadata: (pi) => pi.metadata,
};

const card = (c: Stripe.Charge) => c.payment_method_details?.card;
const charges: SearchSchema<Stripe.Charge> = {
  resource: 'charges',
  fields: {
    amount: { type: 'numeric', value: (c) => c.amount },
    'billing_details.address.postal_code': { type: 'token', value: (c) => c.billing_details.address?.postal_code },
    created: { type: 'numeric', value: (c) => c.created },
    currency: { type: 'token', value: (c) => c.currency },
    customer: { type: 'token', value: (c) => c.customer as string | null },
    disputed: { type: 'token', value: (c) => c.disputed },
    'payment_method_details.card.last4': { type: 'token', value: (c) => card(c)?.last4 },
    'payment_method_details.card.exp_month': { type: 'token', value: (c) => card(c)?.exp_month },
    'payment_method_details.card.exp_year': { type: 'token', value: (c) => card(c)?.exp_year },
    'payment_method_details.card.brand': { type: 'token', value: (c) => card(c)?.brand },
    'payment_method_details.card.fingerprint': { type: 'token', value: (c) => card(c)?.fingerprint },
    // "true": fully refunded, "false": partially refunded, null: not refunded at all.
    refunded: { type: 'token', value: (c) => (c.refunded ? 'true' : c.amount_refunded > 0 ? 'false' : null) },
    status: { type: 'token', value: (c) => c.status },
  },
  metadata: (c) => c.metadata,
};

/** Opaque page cursors: the offset of the next page, tied to the query they came from. */
function pageToken(offset: number, query: string): string {
  return btoa(JSON.stringify({ o: offset, q: fingerprint(query) })).replace(/=+$/, '');
}

function readPageToken(token: string, query: string): number {
  try {
    const { o, q } = JSON.parse(atob(token)) as { o: unknown; q: unknown };
    if (Number.isInteger(o) && (o as number) > 0 && q === fingerprint(query)) return o as number;
  } catch {
    // Falls through to the 400 below.
  }
  throw invalidRequest(`Invalid page: '${token.slice(0, 100)}' is not a next_page value of this query. Pass the next_page of the previous answer with the same query.`, 'page');
}

/** `items`: the resource's objects, newest first (a store listing touches nothing, so a search changes no eviction order). */
function searchRoute<T extends { id: string }>(resource: string, schema: SearchSchema<T>, items: (ctx: Context) => Iterable<T>, expand: readonly string[]): Route {
  const url = `/v1/${resource}/search`;
  return {
    method: 'GET', pattern: url, access: 'secret', expand: ['total_count', ...expand.map((p) => `data.${p}`)],
    handle: ({ ctx, params, expand: asked }) => {
      const text = params.str('query', { required: true, max: 10_000 })!;
      const page = params.str('page', { max: 1000 });
      const limit = params.int('limit', { min: 1, max: 100 }) ?? 10;
      params.done();
      const matches = compileQuery(parseQuery(text), schema);
      const results = [...items(ctx)].filter(matches);
      const offset = page ? readPageToken(page, text) : 0;
      const hasMore = offset + limit < results.length;
      return {
        object: 'search_result',
        data: results.slice(offset, offset + limit),
        has_more: hasMore,
        next_page: hasMore ? pageToken(offset + limit, text) : null,
        url,
        ...(asked.includes('total_count') ? { total_count: results.length } : {}),
      };
    },
  };
}

// Registered before `/v1/<resource>/:id`, which would otherwise take `search` for an id.
export const searchRoutes: Route[] = [
  searchRoute('customers', customers, (ctx) => ctx.state.customers.listing().newestFirst()!, ['invoice_settings.default_payment_method']),
  searchRoute('payment_intents', paymentIntents, (ctx) => [...ctx.state.paymentIntents.listing().newestFirst()!].map((r) => r.object), ['customer', 'payment_method', 'latest_charge']),
  searchRoute('charges', charges, (ctx) => ctx.state.charges.listing().newestFirst()!, ['customer', 'payment_intent']),
];
