// Loads Stripe.js lazily (only when an element connects) and hands out one Stripe instance per publishable key.
//
// The script itself is found or injected the way `@stripe/stripe-js`'s `loadScript` (src/shared.ts) does it: use
// `window.Stripe` when it is there, else reuse a Stripe.js <script> already on the page, else add one; one retry
// (a fresh tag), and the cached promise is dropped after the final failure so a later call tries again (with a
// fresh tag too: the failed one never fires again). Why our own copy instead of `@stripe/stripe-js/pure`: that
// package's ES5 build is what an npm consumer's bundler picks, about 1 KB gzip more than these lines, and its
// `loadStripe` adds only a version warning and wrapper telemetry on top. On top of Stripe's rules: every load is
// raced against a bounded timeout (a <script> tag that is blocked, or failed before anyone listened, never fires
// load or error, and a load promise would never settle).
import type { ReleaseTrain, Stripe, StripeConstructor, StripeConstructorOptions } from '@stripe/stripe-js';

/** The Stripe.js release train `@stripe/stripe-js` loads (typed by its `ReleaseTrain`; a test compares the value). */
export const RELEASE_TRAIN: ReleaseTrain = 'endive';
const ORIGIN = 'https://js.stripe.com/';
/** Stripe.js URLs Stripe's loader accepts as "already on the page": `/v3`, `/v3/`, `/<train>/stripe.js`, with a query. */
const STRIPE_JS_URL = /^https:\/\/js\.stripe\.com\/(v3\/?|(v3|[a-z]+)\/stripe\.js)(\?.*)?$/;

type WithStripe = { Stripe?: StripeConstructor };

let script: Promise<StripeConstructor> | undefined;
const instances = new Map<string, Stripe | Promise<Stripe>>();

/** Set once we listened to a Stripe.js <script>: when loading again, that tag failed and is replaced by a fresh one. */
let tried = false;

/** Resolves with `window.Stripe` once a Stripe.js <script> has loaded. */
const loadScript = (): Promise<StripeConstructor> => new Promise((resolve, reject) => {
  let tag = [...document.querySelectorAll<HTMLScriptElement>(`script[src^="${ORIGIN}"]`)].find((s) => STRIPE_JS_URL.test(s.src));
  if (!tag || tried) {
    tag?.remove();
    tag = document.createElement('script');
    tag.src = `${ORIGIN}${RELEASE_TRAIN}/stripe.js`;
    document.head.append(tag);
  }
  tried = true;
  tag.addEventListener('load', () => {
    const loaded = (window as WithStripe).Stripe;
    if (loaded) resolve(loaded);
    else reject(new Error('Stripe.js not available'));
  });
  tag.addEventListener('error', () => reject(new Error('Failed to load Stripe.js')));
});

/** The Stripe.js constructor from a <script>: one load for the whole page, retried once, forgotten when it finally failed. */
const stripeJs = (): Promise<StripeConstructor> => script ??= loadScript().catch(loadScript).catch((error: unknown) => {
  script = undefined;
  throw error;
});

/**
 * One shared Stripe instance per key and locale: at once when Stripe.js is already on the page (so the card can
 * mount in the same task as the element connects), else a promise that rejects after `timeoutMs` at the latest
 * and is then forgotten.
 */
export function getStripe(key: string, locale: string | undefined, timeoutMs: number): Stripe | Promise<Stripe> {
  const id = `${key}|${locale}`;
  let got = instances.get(id);
  if (!got) {
    const options = locale ? { locale } as StripeConstructorOptions : undefined;
    const present = (window as WithStripe).Stripe;
    // A constructor that throws (a key Stripe.js refuses) is not cached: the caller reports it, a retry calls again.
    if (present) got = present(key, options);
    else {
      const pending = got = Promise.race([
        stripeJs().then((Stripe) => Stripe(key, options)),
        new Promise<never>((_, reject) => setTimeout(reject, timeoutMs, new Error(`Stripe.js did not load within ${timeoutMs} ms (network, content blocker or CSP?)`))),
      ]);
      pending.then((stripe) => instances.set(id, stripe), () => instances.delete(id));
    }
    instances.set(id, got);
  }
  return got;
}
