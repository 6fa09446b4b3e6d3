// Objects in the shape of the API version they are read at. The emulator keeps every object in the newest shape;
// before 2022-11-15 Stripe listed a PaymentIntent's charges in `charges` (there was no `latest_charge`) and a
// Charge's refunds in `refunds` (changelog 2022-11-15: "Removes the charges attribute from the PaymentIntent
// object", "The Charges object no longer auto-expands refunds by default").
import type Stripe from 'stripe';
import { versionRules } from './api-versions.js';
import type { State } from './state.js';
import { snapshot } from './views.js';

/** Where the lists come from: the live state for an API answer, what was true when it happened for an event. */
interface Related {
  chargesOf(paymentIntentId: string): Stripe.Charge[];
  refundsOf(chargeId: string): Stripe.Refund[];
}

const NOTHING: Related = { chargesOf: () => [], refundsOf: () => [] };

export function liveRelated(state: State): Related {
  return {
    chargesOf: (id) => [...(state.charges.listing('payment_intent', id).newestFirst() ?? [])],
    refundsOf: (id) => [...(state.refunds.listing('charge', id).newestFirst() ?? [])],
  };
}

const list = (data: unknown[], url: string) => ({ object: 'list', data, has_more: false, total_count: data.length, url });

/** Rewrites, in place, every PaymentIntent and Charge in `node` (an answer already copied) to the older shape. */
function shapeLegacy(node: unknown, related: Related): void {
  if (Array.isArray(node)) {
    for (const item of node) shapeLegacy(item, related);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  // Only where latest_charge is: Stripe.js's publishable-key view of an intent never carried charges either.
  if (record.object === 'payment_intent' && 'latest_charge' in record) {
    delete record.latest_charge;
    const id = String(record.id);
    record.charges = list(related.chargesOf(id).map((charge) => snapshot(charge)), `/v1/charges?payment_intent=${id}`);
  } else if (record.object === 'charge' && !('refunds' in record)) {
    const id = String(record.id);
    record.refunds = list(related.refundsOf(id).map((refund) => snapshot(refund)), `/v1/charges/${id}/refunds`);
  }
  for (const value of Object.values(record)) shapeLegacy(value, related);
}

/** `body` (a fresh copy, changed in place) as the API `version` shapes it. */
export function shapeForVersion<T>(body: T, version: string, related: Related): T {
  if (versionRules(version).chargesListed) shapeLegacy(body, related);
  return body;
}

// An event's object is a snapshot; the lists an older version shows must be too, taken when the event happened.
const capturedLists = new WeakMap<Stripe.Event, Related>();

/** Keeps, with the event, the charges and refunds its object had at that moment (only when it had any). */
export function captureRelated(state: State, event: Stripe.Event): void {
  const object = event.data.object as { object?: string; id?: string };
  if (object.object !== 'payment_intent' && object.object !== 'charge') return;
  const live = liveRelated(state);
  const charges = object.object === 'payment_intent' ? snapshot(live.chargesOf(object.id!)) : [];
  const refunds = new Map<string, Stripe.Refund[]>();
  for (const chargeId of object.object === 'charge' ? [object.id!] : charges.map((c) => c.id)) {
    const found = live.refundsOf(chargeId);
    if (found.length) refunds.set(chargeId, snapshot(found));
  }
  if (!charges.length && !refunds.size) return;
  capturedLists.set(event, { chargesOf: () => charges, refundsOf: (id) => refunds.get(id) ?? [] });
}

/** A copy of the event as Stripe renders it at `version`: its `api_version` says so and its object has that shape. */
export function renderEvent(event: Stripe.Event, version: string): Stripe.Event {
  const copy = snapshot(event);
  (copy as { api_version: string | null }).api_version = version;
  shapeForVersion(copy.data.object, version, capturedLists.get(event) ?? NOTHING);
  return copy;
}
