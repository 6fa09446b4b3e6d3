// The contract between the emulator core and its adapters (node:http server, msw handlers, fake Stripe.js).
// The core is pure TypeScript: no Node and no DOM APIs, so one core serves Node and the browser alike.
import type Stripe from 'stripe';

/** One HTTP request, as an adapter hands it to the core. */
export interface EmulatorRequest {
  method: string;
  /** Path with its query string, e.g. `/v1/payment_intents/pi_123?client_secret=...`. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The raw body (form-encoded for Stripe routes). */
  body: string;
}

/** One HTTP response, as the core hands it back. `body` is JSON text for API routes. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface EmulatorOptions {
  /** The only secret key accepted on server routes. Default `sk_test_emulator`. */
  secretKey?: string;
  /** The only publishable key accepted on Stripe.js routes. Default `pk_test_emulator`. */
  publishableKey?: string;
  /** Where the emulator is reachable, for URLs it hands out (Checkout `url`, 3DS `stripe_js`). Default `http://localhost:12111`. */
  publicUrl?: string;
  /** Clock in milliseconds, for `created` and idempotency expiry; default `Date.now`. */
  now?: () => number;
  /** Caps on what the emulator remembers, so a long test run stays flat; see `EmulatorLimits` for the defaults. */
  limits?: Partial<EmulatorLimits>;
  /**
   * The emulated account's API version: what a request without `Stripe-Version` is answered in (as Stripe answers
   * with the account's default), and the version webhooks render events at unless their endpoint names one. Any
   * version Stripe released, e.g. `2020-08-27`; default the newest the emulator knows. A malformed one is a TypeError.
   */
  apiVersion?: string;
  /** Where the emulator's few notices go (one line per API version newer than it knows). Default `console.warn`. */
  log?: (line: string) => void;
  /**
   * The payment method types the account has turned on (the Dashboard's stand-in): what automatic payment methods
   * offer and what an intent accepts. Any of `card`, `ideal`, `bancontact`, `sepa_debit`; default `['card']`.
   */
  paymentMethodTypes?: Array<'card' | 'ideal' | 'bancontact' | 'sepa_debit'>;
  /** How long a SEPA Debit payment stays `processing` before it succeeds or fails (by event/webhook). Default 1,500 ms. */
  settleDelayMs?: number;
}

/**
 * How much the emulator remembers. Past a cap it forgets the least useful record of that kind: finished ones first
 * (succeeded or canceled intents, spent cards, completed sessions, settled 3DS challenges), least recently finished
 * first, then the oldest pending ones. A forgotten object answers 404 like any unknown id.
 */
export interface EmulatorLimits {
  /** Most objects kept per kind (customers, PaymentMethods, PaymentIntents, SetupIntents, Checkout Sessions, 3DS challenges, deleted customers' ids). Default 2,000. */
  objects: number;
  /** Most events kept for `/v1/events` (and webhook deliveries kept in the HTTP server's log). Default 2,000. */
  events: number;
  /** Most idempotency keys remembered (each for 24 hours at most). Default 1,000. */
  idempotencyKeys: number;
}

export type EventListener = (event: Stripe.Event) => void;

export interface Emulator {
  readonly secretKey: string;
  readonly publishableKey: string;
  /** The account's API version (see `EmulatorOptions.apiVersion`), as Stripe spells it. */
  readonly apiVersion: string;
  publicUrl: string;
  /** Serves every route: Stripe's `/v1/...` API plus the emulator's own `/3ds/...` and `/checkout/...` actions. */
  handle(request: EmulatorRequest): EmulatorResponse;
  /**
   * Convenience for tests and adapters: calls `handle` with the secret key (or the given key), form-encodes
   * `params` (query string for GET/DELETE), and parses the JSON answer.
   */
  // `any` by default so quick scripts can read `body.id`; pass T for checked access.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request<T = any>(method: string, path: string, params?: Record<string, unknown>, options?: { key?: string; idempotencyKey?: string }): { status: number; body: T };
  /** Called for every event the core records (in order); returns an unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Forgets every object, event and idempotency key (listeners stay subscribed). */
  reset(): void;
  /**
   * A copy of `event` as Stripe renders it for a webhook endpoint at `apiVersion` (default: the account's): its
   * `api_version` says so and its object has that version's shape. Throws a TypeError for an invalid version.
   */
  renderEvent(event: Stripe.Event, apiVersion?: string): Stripe.Event;
  /**
   * Which open (not succeeded, not canceled) Payment/SetupIntents must never be evicted past `limits.objects`,
   * e.g. those an embedding shop's checkouts still reference. Null (default): the oldest open ones may go.
   */
  keepOpen: ((intentId: string) => boolean) | null;
  /** The caps in force, defaults filled in. */
  readonly limits: Readonly<EmulatorLimits>;
}
