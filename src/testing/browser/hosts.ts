// Where the fake sends its calls, decided by where its script came from. Loaded from Stripe's own script host (a
// test that intercepts Stripe's hosts serves the fake there), it calls Stripe's API host and answers 3D Secure on
// Stripe's hooks host, exactly like real Stripe.js, so the test's interception sees real Stripe URLs. Loaded from
// the emulator (`<emulator>/v3/`), it calls the emulator for both.

export interface FakeStripeHosts {
  apiBase: string;
  hooksBase: string;
}

export const STRIPE_SCRIPT_HOST = 'js.stripe.com';
export const STRIPE_API_BASE = 'https://api.stripe.com';
export const STRIPE_HOOKS_BASE = 'https://hooks.stripe.com';

/** `https://js.stripe.com/v3/` → Stripe's hosts; `http://127.0.0.1:12111/v3/` → that origin for both. */
export function hostsForScript(scriptUrl: string): FakeStripeHosts {
  const url = new URL(scriptUrl);
  if (url.hostname === STRIPE_SCRIPT_HOST) return { apiBase: STRIPE_API_BASE, hooksBase: STRIPE_HOOKS_BASE };
  return { apiBase: url.origin, hooksBase: url.origin };
}
