// How objects leave the emulator: the publishable-key subset of intents (what Stripe.js sees) and `expand[]`.
import type { Context } from './context.js';
import { invalidRequest } from './errors.js';

// What Stripe returns to a publishable key for an intent retrieved with its client secret: no customer,
// no metadata, nothing about the merchant's account.
const PUBLIC_PAYMENT_INTENT_KEYS = [
  'id', 'object', 'allowed_payment_method_types', 'amount', 'amount_details', 'automatic_payment_methods', 'canceled_at', 'cancellation_reason',
  'capture_method', 'client_secret', 'confirmation_method', 'created', 'currency', 'description',
  'excluded_payment_method_types', 'last_payment_error', 'livemode', 'next_action', 'payment_method',
  'payment_method_configuration_details', 'payment_method_types', 'processing', 'receipt_email',
  'setup_future_usage', 'shipping', 'source', 'status',
];
const PUBLIC_SETUP_INTENT_KEYS = [
  'id', 'object', 'allowed_payment_method_types', 'automatic_payment_methods', 'cancellation_reason', 'client_secret', 'created', 'description',
  'excluded_payment_method_types', 'last_setup_error', 'livemode', 'next_action', 'payment_method',
  'payment_method_configuration_details', 'payment_method_types', 'status', 'usage',
];

function pick(object: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in object) out[key] = object[key];
  return out;
}

/** A deep copy of plain JSON data (faster than structuredClone for Stripe objects). */
export function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The object as this caller may see it. Not a copy: answers are serialized right away, and the dispatcher
 * snapshots the whole answer before `expand` rewrites anything in it.
 */
export function view(ctx: Context, object: { object: string }): Record<string, unknown> {
  const record = object as unknown as Record<string, unknown>;
  if (ctx.caller === 'secret') return record;
  if (object.object === 'payment_intent') return pick(record, PUBLIC_PAYMENT_INTENT_KEYS);
  if (object.object === 'setup_intent') return pick(record, PUBLIC_SETUP_INTENT_KEYS);
  return record;
}

const deletedCustomer = (id: string) => ({ id, object: 'customer', deleted: true });

/** Finds any stored object by its id prefix, for expansion. */
function lookup(ctx: Context, id: string): { object: string } | undefined {
  const { state } = ctx;
  if (id.startsWith('cus_')) return state.customers.get(id) ?? (state.deletedCustomers.has(id) ? deletedCustomer(id) : undefined);
  if (id.startsWith('pm_')) return state.paymentMethods.get(id)?.object;
  if (id.startsWith('pi_')) return state.paymentIntents.get(id)?.object;
  if (id.startsWith('seti_')) return state.setupIntents.get(id)?.object;
  if (id.startsWith('cs_')) return state.checkoutSessions.get(id)?.object;
  if (id.startsWith('ch_')) return state.charges.get(id);
  if (id.startsWith('re_')) return state.refunds.get(id);
  return undefined;
}

/**
 * Expandable fields that are not ids: Stripe leaves them out unless asked for (a charge's `refunds` since
 * API version 2022-11-15).
 */
function includable(ctx: Context, record: Record<string, unknown>, field: string): unknown {
  if (record.object === 'charge' && field === 'refunds') {
    const data = [...ctx.state.refunds.listing('charge', String(record.id)).newestFirst()!];
    return { object: 'list', data, has_more: false, url: `/v1/charges/${String(record.id)}/refunds` };
  }
  if (record.object === 'checkout.session' && field === 'line_items') {
    // The first page, like any expanded list; the rest through GET /v1/checkout/sessions/:id/line_items.
    const items = ctx.state.checkoutSessions.get(String(record.id))?.lineItems ?? [];
    return { object: 'list', data: items.slice(0, 10), has_more: items.length > 10, url: `/v1/checkout/sessions/${String(record.id)}/line_items` };
  }
  return undefined;
}

/**
 * Checks `expand[]` paths against what a route allows (`customer`, `setup_intent.payment_method`, `data.customer`),
 * before the route changes anything.
 */
export function checkExpand(paths: string[] | undefined, allowed: readonly string[]): string[] {
  if (!paths) return [];
  paths.forEach((path, i) => {
    if (!allowed.includes(path)) throw invalidRequest(`This property cannot be expanded (${path}).`, `expand[${i}]`);
  });
  return paths;
}

/** Replaces id strings at each dotted path with the (caller-appropriate) object. */
export function applyExpand(ctx: Context, body: unknown, paths: string[]): unknown {
  for (const path of paths) expandPath(ctx, body, path.split('.'));
  return body;
}

function expandPath(ctx: Context, node: unknown, segments: string[]): void {
  if (!node || typeof node !== 'object' || segments.length === 0) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const record = node as Record<string, unknown>;
  if (head === 'data' && Array.isArray(record.data)) {
    for (const item of record.data) expandPath(ctx, item, rest);
    return;
  }
  if (!(head in record)) {
    const included = includable(ctx, record, head);
    if (included !== undefined) record[head] = snapshot(included);
  }
  let value = record[head];
  if (typeof value === 'string') {
    const found = lookup(ctx, value);
    if (found) {
      value = snapshot(view(ctx, found));
      record[head] = value;
    }
  }
  expandPath(ctx, value, rest);
}
