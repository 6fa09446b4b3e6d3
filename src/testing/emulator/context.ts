// What a route handler gets besides its params: the state, who is calling, and how to record events.
import type Stripe from 'stripe';
import type { PaymentMethodType } from './payment-method-types.js';
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
  /** The payment method types the account has turned on (createEmulator's `paymentMethodTypes`). */
  enabledTypes: readonly PaymentMethodType[];
  /** How long a delayed method (SEPA Debit) stays processing, in milliseconds. */
  settleDelayMs: number;
  /**
   * Runs `task` after `delayMs` as a request of its own (no request id, like Stripe's own background work): its
   * events reach listeners (and webhooks) then. Dropped by reset().
   */
  later(delayMs: number, task: (ctx: Context) => void): void;
}

export { DEFAULT_API_VERSION } from './api-versions.js';
