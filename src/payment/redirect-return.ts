// Coming back from a redirect method (the bank's page): before leaving, the element remembers the intent in
// sessionStorage; on the return URL it reads the intent itself (not `redirect_status`, which a shopper can edit),
// reports the outcome once, removes Stripe's parameters from the URL and forgets the checkout, so a reload reports
// nothing twice.
const KEY = 'stripe-save-payment:redirect';
const PARAMS = ['payment_intent', 'payment_intent_client_secret', 'setup_intent', 'setup_intent_client_secret', 'redirect_status'];

export function rememberRedirect(intentId: string): void {
  try {
    sessionStorage.setItem(KEY, intentId);
  } catch {
    // Storage blocked: the return is then not reported by the element (the page still has Stripe's parameters).
  }
}

/**
 * The client secret Stripe put in this URL for the intent we remembered (then the URL loses Stripe's parameters and
 * the memory is cleared), or undefined: a URL that is not our return is left as it is.
 */
export function takeReturn(): string | undefined {
  const url = new URL(location.href);
  const secret = url.searchParams.get('payment_intent_client_secret') ?? url.searchParams.get('setup_intent_client_secret');
  // Storage only when the URL may be a return: its first read on a page is a synchronous trip to the browser, and
  // this runs in the task that mounts the Payment Element.
  if (!secret) return;
  let remembered: string | null = null;
  try {
    remembered = sessionStorage.getItem(KEY);
  } catch {
    // no storage: nothing remembered
  }
  if (!remembered || !secret.startsWith(`${remembered}_secret_`)) return;
  sessionStorage.removeItem(KEY);
  for (const name of PARAMS) url.searchParams.delete(name);
  history.replaceState(history.state, '', url.href);
  return secret;
}
