// Everything the emulator remembers. Stripe objects are stored exactly as they are returned; the records
// around them hold what Stripe knows but does not show (the test card behind a PaymentMethod, whether it
// was set up for off-session use, the pending 3DS challenge of an intent).
import type Stripe from 'stripe';
import type { TestCard } from './cards.js';

export interface PaymentMethodRecord {
  object: Stripe.PaymentMethod;
  card: TestCard;
  /** Set up for future use (SetupIntent, or a PaymentIntent with setup_future_usage): off-session 3155 then succeeds. */
  setUp: boolean;
  /** Detached from a customer, or used once without a customer: Stripe refuses it from then on. */
  spent: boolean;
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
}

export interface CheckoutRecord {
  object: Stripe.Checkout.Session;
  /** success_url as given, before `{CHECKOUT_SESSION_ID}` substitution. */
  successUrlTemplate: string;
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
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  expiresAt: number;
}

export class State {
  customers = new Map<string, Stripe.Customer>();
  /** Ids of deleted customers: Stripe still answers a retrieve with `{ id, object, deleted: true }`. */
  deletedCustomers = new Set<string>();
  paymentMethods = new Map<string, PaymentMethodRecord>();
  paymentIntents = new Map<string, PaymentIntentRecord>();
  setupIntents = new Map<string, SetupIntentRecord>();
  checkoutSessions = new Map<string, CheckoutRecord>();
  charges = new Map<string, Stripe.Charge>();
  refunds = new Map<string, Stripe.Refund>();
  tokens = new Map<string, TokenRecord>();
  sources = new Map<string, SourceRecord>();
  challenges = new Map<string, ThreeDsChallenge>();
  /** Intent id → its pending challenge's source id. */
  pendingChallenges = new Map<string, string>();
  events = new Map<string, Stripe.Event>();
  idempotency = new Map<string, IdempotentEntry>();
}
