// One checkout: the intent kept across attempts, and the flows that confirm it (client confirm, server confirm,
// 3D Secure, recovery by reading the intent back). The element hands in an Attempt and gets back exactly one
// Outcome, or nothing when the attempt was abandoned before anything reached Stripe; 3D Secure progress goes out
// through `notify` while it happens. Nothing here touches the DOM.
//
// The rules (README "Backend contract"): one intent per checkout. A retry (after a decline, a failed 3D Secure, a
// lost answer) first reads the intent back with its client secret and acts on its real status, then confirms the
// same intent again; intent-url is asked again only when there is nothing to reuse (no intent yet, it was canceled,
// or the request body changed), and then with the previous `intentId`. A confirm that got no answer from Stripe is
// settled by reading the intent back, so a payment that went through is never reported as a failure.
import type { PaymentIntent, SetupIntent, Stripe, StripeCardElement, StripeError } from '@stripe/stripe-js';
import { callBackend, errorOf, expected, str, type BackendError, type Json } from './backend.js';
import type { SscEventDetail } from './events.js';
import type { Mode, SaveUsage } from './config.js';
import { messageOf } from './format.js';

type Intent = PaymentIntent | SetupIntent;
type Final = 'ssc-succeeded' | 'ssc-declined' | 'ssc-authentication-failed' | 'ssc-error';
type Progress = 'ssc-action-required' | 'ssc-authenticated';
type Result = { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError };

/** How an attempt ended: the event the element fires (and shows). */
export class Outcome<K extends Final = Final> {
  constructor(readonly type: K, readonly detail: SscEventDetail<K>) {}
}

/** Everything one submit needs, read from the element when the customer pays. */
export interface Attempt {
  _stripe: Stripe;
  _card: StripeCardElement;
  _mode: Mode;
  /** Whether this attempt saves the card (the toggle in payment mode; always in setup mode). */
  _save: boolean;
  _saveUsage: SaveUsage;
  /** The saved PaymentMethod chosen instead of the card field. */
  _saved: string | undefined;
  /** confirm="server": the backend confirms. */
  _server: boolean;
  _intentUrl?: string;
  _confirmUrl?: string;
  _clientSecret?: string;
  _intentBody: Json;
  /** Upper bounds (ms) for one backend request and one Stripe.js call; the 3D Secure challenge has none. */
  _backendTimeout: number;
  _stripeTimeout: number;
  /** Aborted by reset() or a disconnect: stops what has not reached Stripe yet, never a confirm. */
  _signal: AbortSignal;
  _notify<K extends Progress>(type: K, detail: SscEventDetail<K>): void;
}

/** Stripe error codes that mean "this card, as entered, can't pay": a decline, not a system error. */
const CARD_ERRORS = /^(card_declined|expired_card|incorrect_(cvc|number|zip)|invalid_(cvc|expiry_month|expiry_year|number)|processing_error|authentication_required)$/;
/** Intent states that end a submit successfully (requires_capture: manual capture; processing: async methods). */
const DONE = /^(succeeded|requires_capture|processing)$/;

export class Checkout {
  /** The client secret being reused, and the intent-url body it was asked with (client flow). */
  private _secret: string | undefined;
  private _request: string | undefined;
  /** The intent's id (both flows), sent as `intentId` when the backend is asked again. */
  private _id: string | undefined;
  /**
   * `checkoutId`, sent with every backend request of this checkout: the backend keys its order and idempotency keys
   * on it, so a retry whose answer was lost gets the same order and intent, never a second charge. Random (not a
   * counter another shopper could guess); getRandomValues, unlike randomUUID, works on plain-http pages too.
   */
  private _cid: string | undefined;

  /** Starts a new checkout: nothing is reused. */
  _forget(): void {
    this._secret = this._request = this._id = this._cid = undefined;
  }

  _run(a: Attempt): Promise<Outcome | undefined> {
    return a._server ? this._server(a) : this._client(a);
  }

  /** The browser confirms with the client secret (kept, from the page, or from intent-url). */
  private async _client(a: Attempt): Promise<Outcome | undefined> {
    const { _stripe: stripe, _mode: mode, _save: save, _saved: saved } = a;
    const request = { save, mode, paymentMethodId: saved };
    const key = JSON.stringify({ ...request, ...a._intentBody });
    const kept = this._secret;
    let secret = a._clientSecret ?? kept;
    let before: string | undefined;
    if (kept && secret == kept) {
      // A retry: where does the intent stand? The last answer may have been lost, or the server canceled it.
      const intent = await read(a, kept);
      if (!intent) return failure(lost());
      const { status } = intent;
      before = JSON.stringify(lastErrorOf(intent));
      // Nothing to reuse: ask intent-url again (with intentId). A page-given secret is the page's to replace.
      if (!a._clientSecret && (status == 'canceled' || key != this._request)) secret = undefined;
      // Paid already (the lost answer was a success), or waiting for 3D Secure: settle it (unless the request changed).
      if (DONE.test(status) || (secret && status == 'requires_action')) return settle(a, kept, intent);
    }
    if (!secret) {
      const answer = await this._post(a, a._intentUrl!, { ...request, intentId: this._id }, '{clientSecret}', secretOf, a._signal);
      if (typeof answer != 'string') return answer;
      secret = answer;
      this._request = key;
      this._id = answer.split('_secret_')[0];
    }
    this._secret = secret;
    // reset() or a disconnect while asking the backend: nothing has reached Stripe, so nothing to report.
    if (a._signal.aborted) return;
    const payment_method = saved ?? { card: a._card };
    const result = await call<Result>(a, mode == 'setup'
      ? stripe.confirmCardSetup(secret, { payment_method }, { handleActions: false })
      : stripe.confirmCardPayment(secret, save ? { payment_method, setup_future_usage: a._saveUsage } : { payment_method }, { handleActions: false }));
    const intent = await intentAfter(a, secret, result);
    return intent ? settle(a, secret, intent, result.error, before) : failure(result.error!);
  }

  /** The backend confirms (the "without webhooks" flow): createPaymentMethod, POST confirm-url, 3DS, POST again. */
  private async _server(a: Attempt): Promise<Outcome | undefined> {
    const { _mode: mode, _save: save } = a;
    let paymentMethodId = a._saved;
    if (!paymentMethodId) {
      const created = await call(a, a._stripe.createPaymentMethod({ type: 'card', card: a._card }));
      if (created.error) return failure(created.error);
      paymentMethodId = created.paymentMethod.id;
    }
    if (a._signal.aborted) return;
    const url = a._confirmUrl!;
    let body: Json = { paymentMethodId, save, intentId: this._id };
    // Each round the backend confirmed; when 3DS is needed we run it and ask the backend to confirm again. No abort
    // signal from here on: the backend's answer is the payment's outcome.
    for (let round = 0; round < 4; round++) {
      const data = await this._post(a, url, body, '{status: succeeded|requires_action, clientSecret}',
        (data) => (DONE.test(str(data.status)!) || (data.status == 'requires_action' && secretOf(data)) ? data : undefined));
      if (data instanceof Outcome) return data;
      const status = data!.status as string;
      const intentId = this._id = str(data!.intentId) ?? str(data!.id) ?? '';
      if (DONE.test(status)) return new Outcome('ssc-succeeded', { intentId, status, paymentMethodId, saved: save, mode });
      const secret = secretOf(data!)!;
      // The backend may name the action (saves a request); otherwise the intent says.
      const passed = await authenticate(a, secret, intentId, str(data!.nextActionType) ?? (await read(a, secret))?.next_action?.type);
      if (passed instanceof Outcome) return passed;
      body = { paymentIntentId: intentId };
    }
    return new Outcome('ssc-error', { stage: 'backend', message: expected(url, 'a final status', '"requires_action" 4 times') });
  }

  /**
   * POSTs to the backend: what `pick` finds in its answer, or the Outcome of a refusal (a decline when the backend
   * says so: 402 or a card error code; anything else an ssc-error naming the URL); undefined once `signal` aborted it.
   */
  private async _post<T>(a: Attempt, url: string, body: Json, shape: string, pick: (data: Json) => T | undefined, signal?: AbortSignal): Promise<T | Outcome | undefined> {
    try {
      return await callBackend(url, { ...body, ...a._intentBody, checkoutId: this._cid ??= crypto.getRandomValues(new Uint32Array(4)).join('-') }, shape, pick, a._backendTimeout, signal);
    } catch (caught) {
      if (signal?.aborted) return;
      const { status, code, data, message } = caught as BackendError;
      const error = errorOf(data ?? {});
      const declineCode = str(error.declineCode) ?? str(error.decline_code);
      const intentId = this._id = str(error.intentId) ?? str(error.paymentIntentId) ?? this._id;
      return data && status! > 299 && (status == 402 || CARD_ERRORS.test(code ?? '') || declineCode)
        ? declined(intentId, { code, message: str(error.message), decline_code: declineCode })
        : new Outcome('ssc-error', { stage: 'backend', message, status, code });
    }
  }
}

/**
 * What the intent's status means now; requires_action runs 3D Secure. `error`: the confirm's own error, if any;
 * `before`: the intent's last error as read before this attempt (the same one again is not a new decline: the
 * confirm never got there).
 */
async function settle(a: Attempt, secret: string, intent: Intent, error?: StripeError, before?: string): Promise<Outcome> {
  const { id, status, payment_method: pm } = intent;
  if (DONE.test(status)) {
    return new Outcome('ssc-succeeded', { intentId: id, status, paymentMethodId: typeof pm == 'string' ? pm : pm?.id ?? a._saved ?? '', saved: a._save, mode: a._mode });
  }
  if (status == 'requires_action') {
    const passed = await authenticate(a, secret, id, intent.next_action?.type);
    // Passed, so no longer requires_action: this settles without another challenge.
    return passed instanceof Outcome ? passed : settle(a, secret, passed);
  }
  const last = lastErrorOf(intent);
  if (status == 'requires_payment_method' && last && JSON.stringify(last) != before) return declined(id, last);
  return error ? failure(error) : new Outcome('ssc-error', { stage: 'stripe', message: expected(`The ${a._mode}`, 'status succeeded', `"${status}"`), code: status });
}

/**
 * 3D Secure: ssc-action-required, then Stripe's own challenge through handleNextAction, whose result already
 * carries the intent. The intent once the customer passed, or the Outcome when it failed.
 */
async function authenticate(a: Attempt, secret: string, intentId: string, type = 'use_stripe_sdk'): Promise<Intent | Outcome> {
  a._notify('ssc-action-required', { intentId, type });
  // No time bound: the customer may spend minutes in the bank's challenge.
  const result: Result = await a._stripe.handleNextAction({ clientSecret: secret }).catch((thrown) => ({ error: lost(messageOf(thrown)) }));
  const intent = await intentAfter(a, secret, result);
  if (!intent) return failure(result.error!);
  // Passed (requires_confirmation: the server confirms next).
  if (DONE.test(intent.status) || intent.status == 'requires_confirmation') {
    a._notify('ssc-authenticated', { intentId });
    return intent;
  }
  const failed = lastErrorOf(intent) ?? result.error;
  // A card_error other than the authentication failure: the customer passed 3DS and the issuer then declined
  // (e.g. 4000 0082 6000 3178): authenticated, then declined.
  if (failed?.type == 'card_error' && !/authentication_failure$/.test(failed.code!)) {
    a._notify('ssc-authenticated', { intentId });
    return declined(intentId, failed);
  }
  return new Outcome('ssc-authentication-failed', {
    intentId,
    code: failed?.code ?? `${a._mode}_intent_authentication_failure`,
    message: failed?.message ?? '', // the element words it
  });
}

/**
 * The intent after a Stripe.js call: in its result, in its error (a decline carries it), or, when Stripe's answer
 * never came (connection error, 5xx: indeterminate, a throw, a timeout), read back from Stripe.
 */
async function intentAfter(a: Attempt, secret: string, { paymentIntent, setupIntent, error }: Result): Promise<Intent | undefined> {
  return paymentIntent ?? setupIntent ?? error?.payment_intent ?? error?.setup_intent
    ?? (/^api_(connection_)?error$/.test(error?.type ?? '') ? read(a, secret) : undefined);
}

/** The intent as Stripe has it now (read with the client secret); three tries a second apart, then undefined. */
async function read(a: Attempt, secret: string): Promise<Intent | undefined> {
  for (let round = 0; round < 3; round++) {
    if (round) await sleep(1000);
    const { paymentIntent, setupIntent } = await call<Result>(a, secret.startsWith('seti_') ? a._stripe.retrieveSetupIntent(secret) : a._stripe.retrievePaymentIntent(secret));
    if (paymentIntent ?? setupIntent) return paymentIntent ?? setupIntent;
  }
}

/**
 * A Stripe.js call's result; a rejection, or no answer within the bound, becomes an api_connection_error result.
 * (A synchronous throw is an integration mistake: the element reports it.)
 */
function call<T extends { error?: StripeError }>(a: Attempt, pending: Promise<T>): Promise<T> {
  return Promise.race([pending.catch((thrown) => ({ error: lost(messageOf(thrown)) }) as T), sleep(a._stripeTimeout).then(() => ({ error: lost() }) as T)]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** No answer from Stripe (the element words it for the shopper). */
const lost = (message = 'Stripe could not be reached') => ({ type: 'api_connection_error', message }) as StripeError;

/** A Stripe.js error result: declines become ssc-declined, the rest ssc-error. */
function failure(error: StripeError): Outcome {
  return error.type == 'card_error' || CARD_ERRORS.test(error.code ?? '')
    ? declined(error.payment_intent?.id ?? error.setup_intent?.id, error)
    : new Outcome('ssc-error', { stage: error.type == 'validation_error' ? 'validation' : 'stripe', message: error.message ?? `Stripe error ${error.type}`, code: error.code ?? error.type });
}

function declined(intentId: string | undefined, error: { code?: string | null; message?: string | null; decline_code?: string | null }): Outcome {
  return new Outcome('ssc-declined', { intentId, code: error.code ?? 'card_declined', declineCode: error.decline_code ?? undefined, message: error.message ?? '' });
}

/** The client secret in a backend answer (`clientSecret`, or `client_secret` as Stripe's own objects spell it). */
function secretOf(data: Json): string | undefined {
  const secret = str(data.clientSecret ?? data.client_secret);
  return secret?.includes('_secret_') ? secret : undefined;
}

/** Why the last confirmation failed (`last_payment_error` or `last_setup_error`), if it did. */
function lastErrorOf(intent: Intent): PaymentIntent.LastPaymentError | SetupIntent.LastSetupError | null | undefined {
  return (intent as PaymentIntent).last_payment_error ?? (intent as SetupIntent).last_setup_error;
}
