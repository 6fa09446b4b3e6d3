// Puts the fake Stripe.js where `loadStripe` (from `@stripe/stripe-js` or `/pure`) looks first: `window.Stripe`.
import type { RecordedRequest } from './api-client.js';
import { IntegrationError } from './errors.js';
import { FakeStripe } from './fake-stripe.js';

/** The release train `@stripe/stripe-js` 10.x expects; it warns about test keys when `Stripe.version` differs. */
export const FAKE_STRIPE_VERSION = 'endive';

export interface InstallFakeStripeOptions {
  /** Where the emulator answers, e.g. `http://localhost:12111` or `/stripe-emulator` (msw in the page). */
  apiBase: string;
  /**
   * Extra check of the key given to `Stripe(key)`; return false (or a message) to make `Stripe()` throw an
   * IntegrationError as Stripe.js does for a bad key. Empty and secret keys are always refused.
   */
  publishableKeyCheck?: (key: string) => boolean | string;
  /**
   * Where the fake sends the page when Stripe.js would navigate it (Embedded Checkout's return_url once the session
   * completes). Default: `location.assign(url)`. A test page that must stay put records the URL instead.
   */
  navigate?: (url: string) => void;
}

/**
 * Test hooks, kept off the Stripe objects so nobody mistakes them for Stripe API. Call it (or `uninstall()`) to
 * restore whatever `window.Stripe` was before.
 */
export interface FakeStripeInstallation {
  (): void;
  uninstall(): void;
  /** Every request the fake sent, oldest first, without card data, client secrets or keys. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** How many times `Stripe(key)` was called since install. */
  readonly instances: number;
}

type StripeConstructor = ((key: string, options?: Record<string, unknown>) => FakeStripe) & { version: string };

interface ActiveInstallation {
  apiBase: string;
  publishableKeyCheck: InstallFakeStripeOptions['publishableKeyCheck'];
  navigate: (url: string) => void;
  requests: RecordedRequest[];
  countInstance(): void;
}

let active: ActiveInstallation | undefined;

/**
 * One constructor for the page's whole life: `loadStripe` caches the first `window.Stripe` it sees, so a test that
 * reinstalls the fake (new apiBase, fresh request log) must be reached through that same function.
 */
const FakeStripeConstructor = function Stripe(key: string, stripeOptions?: Record<string, unknown>): FakeStripe {
  if (!active) throw new IntegrationError('The fake Stripe.js was uninstalled; call installFakeStripe() again before Stripe().');
  checkKey(key, active.publishableKeyCheck);
  active.countInstance();
  return new FakeStripe({
    apiBase: active.apiBase, publishableKey: key, options: stripeOptions, requests: active.requests, navigate: active.navigate,
  });
} as StripeConstructor;
FakeStripeConstructor.version = FAKE_STRIPE_VERSION;

export function installFakeStripe(options: InstallFakeStripeOptions): FakeStripeInstallation {
  if (!options || typeof options.apiBase !== 'string' || options.apiBase === '') {
    throw new TypeError(`installFakeStripe: options.apiBase must be the emulator's URL (a non-empty string); got ${JSON.stringify(options?.apiBase)}.`);
  }
  const apiBase = new URL(options.apiBase, location.href).href.replace(/\/+$/, '');
  const requests: RecordedRequest[] = [];
  let instances = 0;
  const installation: ActiveInstallation = {
    apiBase, publishableKeyCheck: options.publishableKeyCheck, requests, countInstance: () => void instances++,
    navigate: options.navigate ?? ((url) => location.assign(url)),
  };

  const target = window as unknown as { Stripe?: unknown };
  const had = Object.prototype.hasOwnProperty.call(target, 'Stripe');
  const previous = target.Stripe;
  active = installation;
  target.Stripe = FakeStripeConstructor;

  const uninstall = (): void => {
    if (active !== installation) return; // a later installation took over: leave it alone
    active = undefined;
    if (target.Stripe !== FakeStripeConstructor) return; // someone else replaced window.Stripe since
    if (had && previous !== FakeStripeConstructor) target.Stripe = previous;
    else delete target.Stripe;
  };
  const handle = uninstall as FakeStripeInstallation & { uninstall: () => void; clearRequests: () => void };
  handle.uninstall = uninstall;
  handle.clearRequests = () => {
    requests.length = 0;
  };
  Object.defineProperty(handle, 'requests', { get: () => requests });
  Object.defineProperty(handle, 'instances', { get: () => instances });
  return handle;
}

function checkKey(key: unknown, extra: InstallFakeStripeOptions['publishableKeyCheck']): void {
  if (typeof key !== 'string' || key === '') {
    throw new IntegrationError(`Please call Stripe() with your publishable key. You used an empty string.`);
  }
  if (/^(sk|rk)_/.test(key)) {
    throw new IntegrationError('You should not use your secret key with Stripe.js.\nPlease pass a publishable key instead.');
  }
  const verdict = extra?.(key);
  if (verdict === false || typeof verdict === 'string') {
    throw new IntegrationError(typeof verdict === 'string' ? verdict : `Invalid API Key provided: ${key}`);
  }
}
