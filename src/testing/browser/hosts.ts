// Where the fake sends its calls, decided by where its script came from. Loaded from Stripe's own script host (a
// test that intercepts Stripe's hosts serves the fake there), it calls Stripe's API host, like real Stripe.js, so the
// test's interception sees real Stripe URLs and Stripe's documented CSP (connect-src https://api.stripe.com) is
// enough. Loaded from the emulator (`<emulator>/v3/`), it calls the emulator.

export const STRIPE_SCRIPT_HOST = 'js.stripe.com';
export const STRIPE_API_BASE = 'https://api.stripe.com';

/** `https://js.stripe.com/v3/` → `https://api.stripe.com`; `http://127.0.0.1:12111/v3/` → that origin. */
export function apiBaseForScript(scriptUrl: string): string {
  const url = new URL(scriptUrl);
  return url.hostname === STRIPE_SCRIPT_HOST ? STRIPE_API_BASE : url.origin;
}
