// One checkout of <stripe-save-payment>, as Stripe documents the Payment Element flows: elements.submit() first,
// then the client secret (the page's, the one kept for this checkout, or a new one from intent-url), then
// confirmPayment/confirmSetup with redirect: 'if_required'. One intent per checkout: a retry reads the kept intent
// back and reuses it unless the request changed. The element gets exactly one Outcome (or nothing when the attempt
// was abandoned before anything reached Stripe). Nothing here touches the DOM.
import type { PaymentIntent, SetupIntent, Stripe, StripeElements, StripeError } from '@stripe/stripe-js';
import { callBackend, errorOf, str, type BackendError, type Json } from '../element/backend.js';
import { Outcome } from '../element/checkout.js';
import type { Mode, SaveUsage } from '../element/config.js';
import type { SscEventDetail } from '../element/events.js';

type Intent = PaymentIntent | SetupIntent;
type Result = { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError };

/** Methods that leave the page for the bank: the checkout is remembered first (return.ts). */
export const REDIRECT_TYPES = /^(ideal|bancontact|sofort|giropay|eps|p24|klarna|paypal)$/;
/** Intent states that end a submit successfully (processing: a bank debit settles later, by webhook). */
const DONE = /^(succeeded|requires_capture|processing)$/;

export interface PaymentAttempt {
  stripe: Stripe;
  elements: StripeElements;
  mode: Mode;
  save: boolean;
  saveUsage: SaveUsage;
  intentUrl?: string;
  clientSecret?: string;
  intentBody: Json;
  returnUrl: string;
  backendTimeout: number;
  signal: AbortSignal;
  /** ssc-action-required before a redirect leaves the page; `remember` stores the checkout for the return. */
  beforeRedirect(intentId: string, type: string): void;
  /** confirm="server": the backend confirms with a ConfirmationToken (Stripe's "finalize on the server" flow). */
  confirmUrl?: string;
  /** Progress of the server flow: ssc-action-required before 3D Secure or a redirect, ssc-authenticated after. */
  notify<K extends 'ssc-action-required' | 'ssc-authenticated'>(type: K, detail: SscEventDetail<K>): void;
}

export class PaymentCheckout {
  private _secret: string | undefined;
  private _request: string | undefined;
  /** The intent's id (both flows), sent as `intentId` when the backend is asked again. */
  private _id: string | undefined;
  /** `checkoutId`, as the card tag sends it (src/element/checkout.ts): the backend keys its order and idempotency on it. */
  private _cid: string | undefined;

  forget(): void {
    this._secret = this._request = this._id = this._cid = undefined;
  }

  /** The checkout's id, made on its first backend request and kept until forget() (reset, or a new mode). */
  private get _checkoutId(): string {
    return this._cid ??= crypto.getRandomValues(new Uint32Array(4)).join('-');
  }

  /** save-ui="stripe": POST customer-session-url (the intent-url conventions, with this checkout's id) for the CustomerSession's client secret. */
  customerSession(url: string, body: Json, timeout: number): Promise<string> {
    return callBackend(url, { ...body, checkoutId: this._checkoutId }, '{customerSessionClientSecret: "cuss_secret_..."}', (data) => {
      const secret = str(data.customerSessionClientSecret);
      return secret?.startsWith('cuss_secret_') ? secret : undefined;
    }, timeout);
  }

  async run(a: PaymentAttempt): Promise<Outcome | undefined> {
    const { stripe, elements, mode, save } = a;
    // Stripe's order: validate and collect first, before any asynchronous work of ours.
    const submitted = await elements.submit();
    if (submitted.error) return failure(submitted.error, undefined);
    const type = submitted.selectedPaymentMethod;
    if (a.confirmUrl) return this._server(a, type ?? 'card');
    const request = { save, mode, paymentMethodType: type };
    const key = JSON.stringify({ ...request, ...a.intentBody });
    let secret = a.clientSecret ?? (key == this._request ? this._secret : undefined);
    if (secret && secret == this._secret) {
      // A retry of this checkout: the last answer may have been a success we never heard about.
      const intent = await readBack(stripe, mode, secret);
      if (intent && DONE.test(intent.status)) return succeeded(intent, a);
      if (intent?.status == 'canceled') secret = a.clientSecret;
    }
    if (!secret) {
      try {
        secret = await callBackend(a.intentUrl!, { ...request, intentId: this._id, ...a.intentBody, checkoutId: this._checkoutId }, '{clientSecret}', secretOf, a.backendTimeout, a.signal);
      } catch (caught) {
        if (a.signal.aborted) return;
        const { status, code, message, data } = caught as BackendError;
        const error = errorOf(data ?? {});
        return status == 402 ? declined(this._id, { code, message: str(error.message) ?? message }) : new Outcome('ssc-error', { stage: 'backend', message, status, code });
      }
      this._request = key;
      this._id = secret.split('_secret_')[0];
    }
    this._secret = secret;
    if (a.signal.aborted) return;
    const intentId = secret.split('_secret_')[0]!;
    if (REDIRECT_TYPES.test(type ?? '')) a.beforeRedirect(intentId, 'redirect_to_url');
    const confirmParams = { return_url: a.returnUrl, ...(save && mode == 'payment' && a.clientSecret ? { setup_future_usage: a.saveUsage } : {}) };
    const options = { elements, clientSecret: secret, confirmParams, redirect: 'if_required' as const };
    const result: Result = await (mode == 'setup' ? stripe.confirmSetup(options) : stripe.confirmPayment(options))
      .catch((thrown: unknown) => ({ error: { type: 'api_connection_error', message: String((thrown as Error)?.message ?? thrown) } as StripeError }));
    let intent = result.paymentIntent ?? result.setupIntent;
    if (!intent && result.error?.type == 'api_connection_error') {
      // The confirm may have reached Stripe and only its answer was lost: the intent says how it ended (paid, or
      // declined), so a paid checkout is never reported as a failure that invites paying again.
      intent = await readBack(stripe, mode, secret);
      if (intent && DONE.test(intent.status)) return succeeded(intent, a);
      const last = lastError(intent);
      if (last && intent?.status == 'requires_payment_method') return failure(last, intentId);
      intent = undefined; // not settled yet (or Stripe still unreachable): the next submit reads it back first
    }
    if (intent && DONE.test(intent.status)) return succeeded(intent, a);
    return failure(result.error ?? ({ type: 'api_error', message: `The ${mode} ended in status "${intent?.status}"`, code: intent?.status } as StripeError), intentId);
  }

  /**
   * The backend confirms: createConfirmationToken, POST confirm-url `{ confirmationTokenId, save, mode,
   * paymentMethodType, intentId? }`, answered `{ status, clientSecret, intentId? }`; a `requires_action` answer is
   * announced (the page hears before any challenge or redirect) and finished with handleNextAction.
   */
  private async _server(a: PaymentAttempt, type: string): Promise<Outcome | undefined> {
    const { stripe, elements, mode, save } = a;
    const token = await stripe.createConfirmationToken({ elements, params: { return_url: a.returnUrl } });
    if (token.error) return failure(token.error, undefined);
    if (a.signal.aborted) return;
    let data: Json;
    try {
      data = await callBackend(a.confirmUrl!, { confirmationTokenId: token.confirmationToken.id, save, mode, paymentMethodType: type, intentId: this._id, ...a.intentBody, checkoutId: this._checkoutId },
        '{status, clientSecret}', (d) => (str(d.status) && secretOf(d) ? d : undefined), a.backendTimeout);
    } catch (caught) {
      const { status, code, message, data: body } = caught as BackendError;
      const error = errorOf(body ?? {});
      this._id = str(error.intentId) ?? this._id;
      return status == 402 ? declined(this._id, { code, message: str(error.message) ?? message, decline_code: str(error.declineCode) }) : new Outcome('ssc-error', { stage: 'backend', message, status, code });
    }
    const secret = secretOf(data)!;
    const intentId = this._id = secret.split('_secret_')[0]!;
    const status = str(data.status)!;
    if (status == 'requires_action') {
      const action = REDIRECT_TYPES.test(type) ? 'redirect_to_url' : 'use_stripe_sdk';
      if (action == 'redirect_to_url') a.beforeRedirect(intentId, action);
      else a.notify('ssc-action-required', { intentId, type: action });
      const result = await stripe.handleNextAction({ clientSecret: secret }) as Result;
      const intent = result.paymentIntent ?? result.setupIntent ?? result.error?.payment_intent ?? result.error?.setup_intent;
      if (!intent || !DONE.test(intent.status)) return failure(result.error ?? lastError(intent) ?? ({ type: 'api_error', message: `Unexpected status ${intent?.status}` } as StripeError), intentId);
      a.notify('ssc-authenticated', { intentId });
      return succeeded(intent, a);
    }
    if (!DONE.test(status)) return new Outcome('ssc-error', { stage: 'backend', message: `${a.confirmUrl}: expected status succeeded, processing or requires_action, got "${status}"`, code: status });
    return new Outcome('ssc-succeeded', { intentId, status, paymentMethodId: str(data.paymentMethodId) ?? '', saved: save, mode });
  }
}

/** The intent as Stripe has it now, or undefined when Stripe can't be reached either. */
async function readBack(stripe: Stripe, mode: Mode, secret: string): Promise<Intent | undefined> {
  const read = await (mode == 'setup' ? stripe.retrieveSetupIntent(secret) : stripe.retrievePaymentIntent(secret)).catch(() => ({})) as Result;
  return read.paymentIntent ?? read.setupIntent;
}

function lastError(intent: Intent | undefined): StripeError | undefined {
  return ((intent as PaymentIntent | undefined)?.last_payment_error ?? (intent as SetupIntent | undefined)?.last_setup_error ?? undefined) as StripeError | undefined;
}

export function succeeded(intent: Intent, a: { save: boolean; mode: Mode }): Outcome<'ssc-succeeded'> {
  const pm = intent.payment_method;
  return new Outcome('ssc-succeeded', { intentId: intent.id, status: intent.status, paymentMethodId: typeof pm == 'string' ? pm : pm?.id ?? '', saved: a.save, mode: a.mode });
}

/** A Stripe.js error: a decline, a failed authentication (3D Secure or the bank page), or an ssc-error. */
export function failure(error: StripeError, intentId: string | undefined): Outcome {
  const id = error.payment_intent?.id ?? error.setup_intent?.id ?? intentId;
  if (error.type == 'card_error') return declined(id, error);
  if (/authentication_failure$|payment_attempt_failed$/.test(error.code ?? '')) {
    return new Outcome('ssc-authentication-failed', { intentId: id ?? '', code: error.code!, message: error.message ?? '' });
  }
  return new Outcome('ssc-error', { stage: error.type == 'validation_error' ? 'validation' : 'stripe', message: error.message ?? `Stripe error ${error.type}`, code: error.code ?? error.type });
}

function declined(intentId: string | undefined, error: { code?: string | null; message?: string | null; decline_code?: string | null }): Outcome {
  return new Outcome('ssc-declined', { intentId, code: error.code ?? 'card_declined', declineCode: error.decline_code ?? undefined, message: error.message ?? 'Your payment was declined.' } as SscEventDetail<'ssc-declined'>);
}

function secretOf(data: Json): string | undefined {
  const secret = str(data.clientSecret ?? data.client_secret);
  return secret?.includes('_secret_') ? secret : undefined;
}
