// Events: one per state change, stored for /v1/events and handed to listeners in order.
import type Stripe from 'stripe';
import { newId } from './ids.js';
import type { State } from './state.js';
import { snapshot } from './views.js';

export interface EventSource {
  requestId: string | null;
  idempotencyKey: string | null;
  apiVersion: string;
  created: number;
}

export function buildEvent(type: Stripe.Event.Type, object: { id: string }, source: EventSource): Stripe.Event {
  return {
    id: newId('event'),
    object: 'event',
    api_version: source.apiVersion,
    created: source.created,
    // A snapshot: later changes to the object must not rewrite history.
    data: { object: snapshot(object) },
    livemode: false,
    pending_webhooks: 0,
    request: { id: source.requestId, idempotency_key: source.idempotencyKey },
    type,
  } as unknown as Stripe.Event;
}

export function recordEvent(state: State, event: Stripe.Event): void {
  state.events.set(event.id, event);
}
