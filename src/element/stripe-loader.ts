// Loads Stripe.js lazily (only when an element connects) and hands out one Stripe instance per publishable key.
//
// Why not just `loadStripe()`: `@stripe/stripe-js` caches its script promise, and when a <script> tag for Stripe.js
// is already on the page but never fires load/error (blocked, or failed before anyone listened), that promise never
// settles and stays cached forever. So every load here is raced against a bounded timeout, our own cache entry is
// dropped on any failure (the next submit or reset() retries), and when `window.Stripe` is already present we use
// it directly instead of going through the possibly stuck loader again.
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeConstructorOptions } from '@stripe/stripe-js';

type StripeConstructor = (key: string, options?: StripeConstructorOptions) => Stripe;

export class StripeLoadError extends Error {
  override name = 'StripeLoadError';
}

const instances = new Map<string, Promise<Stripe>>();

function cacheKey(publishableKey: string, locale: string | undefined): string {
  return `${publishableKey}|${locale ?? ''}`;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StripeLoadError(`Stripe.js did not load within ${timeoutMs} ms (blocked by the network, a content blocker or the page's CSP?)`)),
      timeoutMs,
    );
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

async function createInstance(publishableKey: string, locale: string | undefined): Promise<Stripe> {
  const options = locale ? ({ locale } as StripeConstructorOptions) : undefined;
  const present = (globalThis as { Stripe?: StripeConstructor }).Stripe;
  if (typeof present === 'function') return present(publishableKey, options);
  let stripe: Stripe | null;
  try {
    stripe = await loadStripe(publishableKey, options);
  } catch (error) {
    throw new StripeLoadError(`Stripe.js failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!stripe) throw new StripeLoadError('Stripe.js is not available in this environment (no window/document)');
  return stripe;
}

/**
 * One shared Stripe instance per publishable key (and locale). Rejects with a StripeLoadError after `timeoutMs`
 * at the latest; a failed entry is forgotten so that the next call loads again.
 */
export function getStripe(publishableKey: string, locale: string | undefined, timeoutMs: number): Promise<Stripe> {
  const key = cacheKey(publishableKey, locale);
  const cached = instances.get(key);
  if (cached) return cached;
  const pending = withTimeout(createInstance(publishableKey, locale), timeoutMs);
  instances.set(key, pending);
  pending.catch(() => {
    if (instances.get(key) === pending) instances.delete(key);
  });
  return pending;
}
