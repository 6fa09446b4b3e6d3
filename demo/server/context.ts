// What every route needs: the Stripe client, the database, the demo customer, and the page configuration.
import Stripe from 'stripe';
import type { DemoDb } from './db.js';
import { ApiError, invalid, requireId } from './errors.js';
import type { ReconcileOptions } from './reconcile.js';
import { createSessions, type SessionManager, type SessionOptions } from './sessions.js';
import type { RateLimits } from './limits.js';

export type DemoMode = 'emulator' | 'stripe';

/** Test-only switches for fault injection (the e2e suite uses them to prove webhook retries are deduplicated). */
export interface Faults {
  /** Answer the next N correctly signed webhook deliveries with 500 before processing them. */
  failWebhooks: number;
  /** When set, only deliveries of this event type count towards `failWebhooks`. */
  failWebhookType?: string;
  /** Cut the connection instead of answering the next N `/pay` requests Stripe confirmed (the answer is lost on the way). */
  cutPayAnswers?: number;
}

export interface AppOptions {
  stripe: Stripe;
  publishableKey: string;
  /** `whsec_...`; without it `/webhook` refuses every event (unsigned events are never trusted). */
  webhookSecret: string | null;
  db: DemoDb;
  mode: DemoMode;
  /** Where the page loads Stripe.js from: the emulator's fake in emulator mode, Stripe's own otherwise. */
  stripeJsUrl: string;
  /** Signs shoppers' session cookies; when to mark them Secure (sessions.ts). */
  session: SessionOptions;
  /** The merchant's credential for off-session charges and the all-orders listing (`Authorization: Bearer`). */
  merchantToken: string;
  /** Emulator mode: each new shopper's customer starts with a saved test Visa, so the Merchant panel has a card. */
  seedCard?: boolean;
  /**
   * Host names (with port or without) this server answers as; anything else is a 421, so a DNS-rebinding page (its
   * own name resolving to us) gets nothing. Default: localhost, 127.0.0.1, [::1].
   */
  allowedHosts?: readonly string[];
  /** The origin shoppers reach us at (`https://shop.example`), for URLs handed to Stripe (Checkout success/cancel). */
  publicUrl: string;
  /** Requests per minute that cost a Stripe call, per session and per client address (limits.ts). */
  rateLimits?: Partial<RateLimits>;
  faults?: Faults;
  /** Directory of the element's build (`dist/`); default: the project's. */
  distDir?: string;
  /** Emulator mode: the embedded emulator's port; its paths (/v1, /v3, /3ds, /checkout/cs_...) are proxied there. */
  emulatorPort?: number | null;
  /**
   * Origins other than the request's own host that may call the state-changing routes, e.g. a tunnel that rewrites
   * the Host header (`https://demo.example.dev`). Default none.
   */
  allowedOrigins?: readonly string[];
  /** Reconciliation of open orders with Stripe (reconcile.ts). */
  reconcile?: ReconcileOptions;
  log?: (message: string) => void;
}

export interface AppContext extends Required<Omit<AppOptions, 'log' | 'rateLimits'>> {
  log: (message: string) => void;
  sessions: SessionManager;
  rateLimits: Partial<RateLimits>;
}

export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

export function createContext(options: AppOptions): AppContext {
  const seedCard = options.seedCard ?? false;
  const createCustomer = async (sessionId: string): Promise<Stripe.Customer> => {
    // The idempotency key is the session's: a retry after a lost answer finds the same customer at Stripe.
    const customer = await options.stripe.customers.create(
      { name: 'Demo shopper', metadata: { demo: 'stripe-save-card' } },
      { idempotencyKey: `shopper-${sessionId}` },
    );
    if (seedCard) await options.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id }, { idempotencyKey: `shopper-seed-${sessionId}` });
    return customer;
  };
  const sessions = createSessions(options.session, options.db, (id) => createCustomer(id).catch((error: unknown) => { throw stripeFailure(error); }));
  return {
    faults: { failWebhooks: 0 },
    emulatorPort: null,
    distDir: new URL('../../dist/', import.meta.url).pathname,
    ...options,
    seedCard,
    allowedOrigins: (options.allowedOrigins ?? []).map((origin) => origin.replace(/\/+$/, '')),
    allowedHosts: (options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS).map((host) => host.toLowerCase()),
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    rateLimits: options.rateLimits ?? {},
    reconcile: options.reconcile ?? {},
    log: options.log ?? (() => {}),
    sessions,
  };
}

/** A card error (HTTP 402) from Stripe, with the fields the element and the page show. */
export function isCardError(error: unknown): error is Stripe.errors.StripeCardError {
  return error instanceof Stripe.errors.StripeError && error.type === 'StripeCardError';
}

/**
 * Stripe's own words: stripe-node 23.2 puts `[req_...] ` before `error.message`, a request id that is for logs,
 * not for the shopper reading "Your card was declined."
 */
export function stripeWords(error: Stripe.errors.StripeError): string {
  const raw = (error.raw as { message?: unknown } | undefined)?.message;
  return typeof raw === 'string' ? raw : error.message;
}

export function cardErrorBody(error: Stripe.errors.StripeError): { code: string; declineCode?: string; message: string } {
  return {
    code: error.code ?? 'card_declined',
    ...(error.decline_code ? { declineCode: error.decline_code } : {}),
    message: stripeWords(error),
  };
}

/** Turns any other Stripe failure into our error shape: Stripe's 4xx stay 4xx-ish (400), outages become 502. */
export function stripeFailure(error: unknown): ApiError {
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new ApiError(502, { message: `Stripe could not be reached: ${error.message}`, code: 'stripe_unreachable' });
  }
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode && error.statusCode < 500 && error.statusCode !== 401 ? 400 : 502;
    return new ApiError(status, { message: `Stripe: ${stripeWords(error)}`, code: error.code ?? error.type, ...(error.param ? { field: error.param } : {}) });
  }
  return new ApiError(502, { message: `Stripe could not be reached: ${(error as Error)?.message ?? String(error)}`, code: 'stripe_unreachable' });
}

/** Checks that `value` names a PaymentMethod of `customer`; a card of someone else is "not found". */
export async function ownedPaymentMethod(ctx: AppContext, customer: string | null, value: unknown, field: string): Promise<Stripe.PaymentMethod> {
  const id = requireId(value, field, ['pm'], 'a PaymentMethod id');
  if (!customer) throw new ApiError(404, { message: `${field}: ${id} is not a saved card of this customer`, field, code: 'resource_missing' });
  let pm: Stripe.PaymentMethod;
  try {
    pm = await ctx.stripe.paymentMethods.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new ApiError(404, { message: `${field}: no saved card ${id}`, field, code: 'resource_missing' });
    throw stripeFailure(error);
  }
  const owner = typeof pm.customer === 'string' ? pm.customer : pm.customer?.id;
  if (owner !== customer) throw new ApiError(404, { message: `${field}: ${id} is not a saved card of this customer`, field, code: 'resource_missing' });
  return pm;
}

export function optionalBoolean(body: Record<string, unknown>, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(field, 'true or false', value);
  return value;
}

export function optionalEnum<T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[], fallback: T): T {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw invalid(field, allowed.map((a) => `"${a}"`).join(' or '), value);
  return value as T;
}

export function cardSummary(pm: Stripe.PaymentMethod): { id: string; brand: string; last4: string; expMonth: number; expYear: number; created: number } {
  // `created` (unix seconds) lets the element tell two saves of the same card apart ("added Nov 2026").
  return { id: pm.id, brand: pm.card?.brand ?? 'unknown', last4: pm.card?.last4 ?? '????', expMonth: pm.card?.exp_month ?? 0, expYear: pm.card?.exp_year ?? 0, created: pm.created };
}
