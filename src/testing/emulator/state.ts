// Everything the emulator remembers. Stripe objects are stored exactly as they are returned; the records
// around them hold what Stripe knows but does not show (the test card behind a PaymentMethod, whether it
// was set up for off-session use, the pending 3DS challenge of an intent). Each kind lives in a capped Store.
import type Stripe from 'stripe';
import type { TestCard } from './cards.js';
import { Store, type StoreOptions } from './store.js';
import type { EmulatorLimits } from './types.js';

export interface PaymentMethodRecord {
  object: Stripe.PaymentMethod;
  card: TestCard;
  /** Set up for future use (SetupIntent, or a PaymentIntent with setup_future_usage): off-session 3155 then succeeds. */
  setUp: boolean;
  /** Detached from a customer, or used once without a customer: Stripe refuses it from then on. */
  spent: boolean;
  /**
   * For a SEPA Debit PaymentMethod: how its test IBAN settles. Other non-card types need nothing more; their
   * `card` is a placeholder the card flows never reach (confirm branches on the PaymentMethod's type first).
   */
  settles?: 'succeed' | 'fail';
}

/** A ConfirmationToken and the PaymentMethod data it carries until an intent is confirmed with it. */
export interface ConfirmationTokenRecord {
  object: Stripe.ConfirmationToken;
  /** The PaymentMethod made from the token's data when it was created (used by the confirm). */
  paymentMethod: string;
  used: boolean;
}

export interface PaymentIntentRecord {
  object: Stripe.PaymentIntent;
  /** 3DS completed for the current payment method (manual confirmation then confirms without a new challenge). */
  authenticated: boolean;
  /** The Checkout Session this intent pays, completed when the intent succeeds. */
  checkoutSession?: string;
}

export interface SetupIntentRecord {
  object: Stripe.SetupIntent;
  checkoutSession?: string;
}

export interface ThreeDsChallenge {
  id: string;
  intent: { kind: 'payment_intent' | 'setup_intent'; id: string };
  returnUrl?: string;
  state: 'pending' | 'completed' | 'failed' | 'abandoned';
  /** A bank redirect (iDEAL, Bancontact) served by /bank/:id, not a 3D Secure challenge. */
  bank?: boolean;
}

export interface CheckoutRecord {
  object: Stripe.Checkout.Session;
  /** Embedded Checkout (Stripe.js mounts it with the client_secret) rather than a hosted page. */
  embedded: boolean;
  /** The `item` objects made from `line_items` (payment mode). */
  lineItems?: Stripe.LineItem[];
  setupIntentData: { metadata: Record<string, string>; description?: string };
  paymentIntentData: { metadata: Record<string, string>; setupFutureUsage?: 'on_session' | 'off_session'; captureMethod?: 'automatic' | 'manual'; description?: string };
}

/** The card behind a token or a card Source; only its last four digits and fingerprint are kept. */
export interface LegacyCardData {
  card: TestCard;
  last4: string;
  expMonth: number;
  expYear: number;
  cvcGiven: boolean;
  fingerprint: string;
}

export interface TokenRecord {
  object: Stripe.Token;
  /** Absent for cvc_update tokens. */
  card?: LegacyCardData;
}

export interface SourceRecord {
  object: Stripe.Source;
  card: LegacyCardData;
}

export interface IdempotentEntry {
  /** The path the key was first used on (only POST carries keys, so the path names the endpoint). */
  endpoint: string;
  /** A digest of the request's params in canonical form (key order does not matter). */
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  expiresAt: number;
}

// Sized so that 50,000 create+confirm pairs stay under 200 MB of RSS (npm run bench): about 20 MB of live records
// (2,000 of each kind at 1-2 KB), which V8 lets grow to a few times that between full collections.
export const DEFAULT_LIMITS: Readonly<EmulatorLimits> = Object.freeze({ objects: 2_000, events: 2_000, idempotencyKeys: 1_000 });

/** Checks caller-given limits and fills in the defaults; a bad value is a TypeError naming the field. */
export function resolveLimits(limits: Partial<EmulatorLimits> | undefined): EmulatorLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (!Object.hasOwn(DEFAULT_LIMITS, name)) throw new TypeError(`createEmulator: unknown limit "${name}"; known limits are ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || (value as number) < 1) throw new TypeError(`createEmulator: limits.${name} must be a whole number of at least 1, got ${String(value)}`);
    resolved[name as keyof EmulatorLimits] = value as number;
  }
  return resolved;
}

const idOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class State {
  readonly #stores: Array<Store<unknown>> = [];
  readonly customers: Store<Stripe.Customer>;
  /** Ids of deleted customers (the latest `limits.objects`): Stripe still answers a retrieve with `{ id, object, deleted: true }`. */
  readonly deletedCustomers: RecentIds;
  readonly paymentMethods: Store<PaymentMethodRecord>;
  readonly paymentIntents: Store<PaymentIntentRecord>;
  readonly setupIntents: Store<SetupIntentRecord>;
  readonly checkoutSessions: Store<CheckoutRecord>;
  readonly charges: Store<Stripe.Charge>;
  readonly refunds: Store<Stripe.Refund>;
  readonly tokens: Store<TokenRecord>;
  readonly sources: Store<SourceRecord>;
  readonly challenges: Store<ThreeDsChallenge>;
  /** Intent id → its pending challenge's source id (entries leave with their challenge). */
  readonly pendingChallenges = new Map<string, string>();
  readonly confirmationTokens: Store<ConfirmationTokenRecord>;
  readonly customerSessions: Store<Stripe.CustomerSession & { id: string }>;
  readonly mandates: Store<Stripe.Mandate>;
  readonly events: Store<Stripe.Event>;
  readonly idempotency: Store<IdempotentEntry>;

  constructor(readonly limits: EmulatorLimits = DEFAULT_LIMITS) {
    const objects = limits.objects;
    this.deletedCustomers = new RecentIds(objects);
    this.customers = this.store({ limit: objects, indexes: { email: (c) => c.email } });
    this.paymentMethods = this.store({ limit: objects, finished: (r) => r.spent, indexes: { customer: (r) => idOf(r.object.customer) } });
    this.paymentIntents = this.store({
      limit: objects,
      finished: (r) => r.object.status === 'succeeded' || r.object.status === 'canceled',
      indexes: { customer: (r) => idOf(r.object.customer) },
      onEvict: (id) => this.#dropChallengeOf(id),
    });
    this.setupIntents = this.store({
      limit: objects,
      finished: (r) => r.object.status === 'succeeded' || r.object.status === 'canceled',
      indexes: { customer: (r) => idOf(r.object.customer) },
      onEvict: (id) => this.#dropChallengeOf(id),
    });
    this.checkoutSessions = this.store({
      limit: objects,
      finished: (r) => r.object.status === 'complete' || r.object.status === 'expired',
      indexes: { customer: (r) => idOf(r.object.customer), payment_intent: (r) => idOf(r.object.payment_intent) },
    });
    // An uncaptured charge still waits for its capture; refunds can still come for the others, so they go in age order.
    this.charges = this.store({
      limit: objects,
      finished: (c) => c.status === 'failed' || c.captured,
      indexes: { payment_intent: (c) => idOf(c.payment_intent), customer: (c) => idOf(c.customer) },
    });
    this.refunds = this.store({
      limit: objects,
      finished: (r) => r.status !== 'pending' && r.status !== 'requires_action',
      indexes: { charge: (r) => idOf(r.charge), payment_intent: (r) => idOf(r.payment_intent) },
    });
    this.tokens = this.store({ limit: objects, finished: (t) => t.object.used });
    this.sources = this.store({ limit: objects, finished: (s) => s.object.status !== 'chargeable' && s.object.status !== 'pending' });
    this.challenges = this.store({
      limit: objects,
      finished: (c) => c.state !== 'pending',
      onEvict: (id, c) => {
        if (this.pendingChallenges.get(c.intent.id) === id) this.pendingChallenges.delete(c.intent.id);
      },
    });
    this.confirmationTokens = this.store({ limit: objects, finished: (t) => t.used });
    this.customerSessions = this.store({ limit: objects, finished: () => true, indexes: { secret: (c) => c.client_secret } });
    this.mandates = this.store({ limit: objects, finished: (m) => m.status !== 'active' });
    this.events = this.store({ limit: limits.events, finished: () => true, indexes: { type: (e) => e.type } });
    this.idempotency = this.store({ limit: limits.idempotencyKeys, finished: () => true });
  }

  /** A new capped store, settled with the others after every request. New kinds of object get theirs here. */
  store<T>(options: StoreOptions<T>): Store<T> {
    const store = new Store(options);
    this.#stores.push(store as Store<unknown>);
    return store;
  }

  /** After each request: re-files the records it touched and evicts what is over the limits. */
  settle(): void {
    for (const store of this.#stores) store.settle();
  }

  #dropChallengeOf(intentId: string): void {
    const source = this.pendingChallenges.get(intentId);
    if (source === undefined) return;
    this.pendingChallenges.delete(intentId);
    this.challenges.delete(source);
  }
}

/** A set of ids that keeps only the `limit` most recently added (the oldest is forgotten first). */
export class RecentIds {
  readonly #ids = new Set<string>();
  constructor(readonly limit: number) {}

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): this {
    this.#ids.delete(id);
    this.#ids.add(id);
    if (this.#ids.size > this.limit) this.#ids.delete(this.#ids.values().next().value!);
    return this;
  }
}
