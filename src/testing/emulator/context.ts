// What a route handler gets besides its params: the state, who is calling, and how to record events.
import type Stripe from 'stripe';
import type { State } from './state.js';

export type Caller = 'secret' | 'publishable' | 'anonymous';

export interface Context {
  state: State;
  caller: Caller;
  /** `req_...` of this request; null for the emulator's own action routes (Stripe's pages, not the API). */
  requestId: string | null;
  idempotencyKey: string | null;
  apiVersion: string;
  publicUrl: string;
  /** Unix seconds. */
  now(): number;
  /** Records an event with a snapshot of `object`; listeners hear it once the request is done. */
  emit(type: Stripe.Event.Type, object: { id: string }): void;
}

export { DEFAULT_API_VERSION } from './api-versions.js';
