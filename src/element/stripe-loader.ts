// Loads Stripe.js lazily (only when an element connects) and hands out one Stripe instance per publishable key.
//
// Why not just `loadStripe()`: `@stripe/stripe-js` caches its script promise, and when a <script> tag for Stripe.js
// is already on the page but never fires load/error (blocked, or failed before anyone listened), that promise never
// settles and stays cached forever. So every load here is raced against a bounded timeout, our own cache entry is
// dropped on any failure (the next submit or reset() retries), and when `window.Stripe` is already present we use
// it directly instead of going through the possibly stuck loader again.
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeConstructorOptions } from '@stripe/stripe-js';

const instances = new Map<string, Promise<Stripe>>();

/** One shared Stripe instance per key and locale; rejects after `timeoutMs` at the latest, and is then forgotten. */
export function getStripe(key: string, locale: string | undefined, timeoutMs: number): Promise<Stripe> {
  const id = `${key}|${locale}`;
  let pending = instances.get(id);
  if (!pending) {
    const options = locale ? { locale } as StripeConstructorOptions : undefined;
    const present = (window as { Stripe?: (key: string, options?: StripeConstructorOptions) => Stripe }).Stripe;
    instances.set(id, pending = Promise.race([
      (async () => (present ? present(key, options) : (await loadStripe(key, options))!))(),
      new Promise<never>((_, reject) => setTimeout(reject, timeoutMs, new Error(`Stripe.js did not load within ${timeoutMs} ms (network, content blocker or CSP?)`))),
    ]));
    pending.catch(() => instances.delete(id));
  }
  return pending;
}
