// The fake Stripe instance: the card surface of Stripe.js over HTTP to the emulator, and the Payment Element's
// (confirmPayment, confirmSetup, createConfirmationToken: payment-confirm.ts). Current card call shapes
// (confirmCardPayment, confirmCardSetup, handleCardAction, handleNextAction, createPaymentMethod, retrieve*) and the
// older ones Stripe.js still accepts (createPaymentMethod('card', element, data), handleCardPayment,
// handleCardSetup, createToken, createSource, retrieveSource). Like Stripe.js it resolves `{ error }` for every
// payment problem and throws only for integration mistakes.
import type { PaymentIntentResult, PaymentMethodResult, SetupIntentResult, StripeElementsOptions } from '@stripe/stripe-js';
import { ApiClient, resultOf } from './api-client.js';
import { cardPaymentMethodData, confirmParams, type AnyObject } from './card-params.js';
import { createEmbeddedCheckout, type EmbeddedCheckoutOptions, type FakeEmbeddedCheckout } from './embedded-checkout.js';
import { FakeElements } from './elements-group.js';
import { IntegrationError } from './errors.js';
import { IntentFlows, intentIdFromSecret, kindOfSecret, type IntentKind } from './intent-flows.js';
import { bankRedirect, PaymentConfirmer, type ConfirmOptions } from './payment-confirm.js';
import { FakePaymentRequest } from './payment-request.js';
import { createSource, createToken, retrieveSource } from './tokens-sources.js';

export interface FakeStripeConfig {
  /** Where API calls go: the emulator, or Stripe's API host when the fake was loaded from Stripe's script host. */
  apiBase: string;
  publishableKey: string;
  options: AnyObject | undefined;
  requests: ApiClient['requests'];
  /** How the page is sent elsewhere (Embedded Checkout's return_url); a real navigation unless a test hooks it. */
  navigate: (url: string) => void;
}

/** What `registerAppInfo` and `_registerWrapper` were told (wrapper libraries announce themselves). */
export interface AppInfo {
  name: string;
  version?: string;
  url?: string;
  partner_id?: string;
}

// A promise typed as Stripe.js's result: the flows build the same objects field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Result<T> = Promise<T & any>;

export class FakeStripe {
  private readonly api: ApiClient;
  private readonly flows: IntentFlows;
  /** confirmPayment / confirmSetup / createConfirmationToken with the Payment Element (payment-confirm.ts). */
  private readonly payments: PaymentConfirmer;
  /** The options given to `Stripe(key, options)` (locale, stripeAccount, ...); accepted and kept, not acted on. */
  readonly stripeOptions: AnyObject | undefined;
  /** Libraries registered through registerAppInfo / _registerWrapper, oldest first. */
  readonly appInfo: AppInfo[] = [];

  private readonly navigate: (url: string) => void;
  private embeddedCheckout: FakeEmbeddedCheckout | undefined;

  constructor(config: FakeStripeConfig) {
    this.stripeOptions = config.options;
    this.api = new ApiClient(config.apiBase, config.publishableKey, config.requests, config.options?.locale);
    this.flows = new IntentFlows(this.api, (kind, intent, secret) =>
      (bankRedirect(intent.next_action) ? this.payments.afterConfirm(kind, intent, secret, 'if_required') : undefined));
    this.navigate = config.navigate;
    this.payments = new PaymentConfirmer(this.api, this.flows, (url) => this.navigate(url), (value): value is FakeElements => value instanceof FakeElements);
  }

  /** Embedded Checkout for a `ui_mode: embedded` session; one live instance at a time, as Stripe.js allows. */
  async createEmbeddedCheckoutPage(options: EmbeddedCheckoutOptions): Promise<FakeEmbeddedCheckout> {
    if (this.embeddedCheckout?.alive) throw new IntegrationError('You cannot have multiple Embedded Checkout objects. Call destroy() on the current one first.');
    const checkout = await createEmbeddedCheckout(this.api, options, this.navigate);
    if (this.embeddedCheckout?.alive) throw new IntegrationError('You cannot have multiple Embedded Checkout objects. Call destroy() on the current one first.');
    this.embeddedCheckout = checkout;
    return checkout;
  }

  /** The name before the dahlia train (still what code written for earlier Stripe.js calls). */
  initEmbeddedCheckout(options: EmbeddedCheckoutOptions): Promise<FakeEmbeddedCheckout> {
    return this.createEmbeddedCheckoutPage(options);
  }

  /** Called by `loadStripe` to tag the instance with the wrapper's name. */
  _registerWrapper(wrapper: unknown): void {
    if (wrapper && typeof wrapper === 'object' && typeof (wrapper as AppInfo).name === 'string') this.appInfo.push({ ...(wrapper as AppInfo) });
  }

  /** Wrapper libraries (react-stripe-js, stripe-pwa-elements, ...) announce their name and version here. */
  registerAppInfo(info: unknown): void {
    if (!info || typeof info !== 'object' || typeof (info as AppInfo).name !== 'string' || (info as AppInfo).name === '') {
      throw new IntegrationError(`Invalid value for registerAppInfo: expected an object with a non-empty \`name\` string. You specified: ${JSON.stringify(info)}.`);
    }
    this.appInfo.push({ ...(info as AppInfo) });
  }

  elements(options?: StripeElementsOptions): FakeElements {
    return new FakeElements(options, this.api, this.stripeOptions?.locale);
  }

  paymentRequest(options: unknown): FakePaymentRequest {
    return new FakePaymentRequest(options);
  }

  /** With the Payment Element: `{ elements, clientSecret?, confirmParams, redirect? }`. */
  confirmPayment(options: ConfirmOptions): Result<PaymentIntentResult> {
    return this.payments.confirm('payment_intent', options);
  }

  confirmSetup(options: ConfirmOptions): Result<SetupIntentResult> {
    return this.payments.confirm('setup_intent', options);
  }

  /** `{ elements, params: { return_url?, shipping?, payment_method_data: { billing_details } } }` → `{ confirmationToken }`. */
  createConfirmationToken(options: { elements?: unknown; params?: AnyObject }): Result<{ confirmationToken?: AnyObject; error?: AnyObject }> {
    return this.payments.createConfirmationToken(options);
  }

  confirmCardPayment(clientSecret: string, data?: AnyObject, options?: { handleActions?: boolean }): Result<PaymentIntentResult> {
    intentIdFromSecret(clientSecret, 'payment_intent', 'confirmCardPayment');
    return this.confirmWith('payment_intent', clientSecret, data, options?.handleActions ?? true);
  }

  confirmCardSetup(clientSecret: string, data?: AnyObject, options?: { handleActions?: boolean }): Result<SetupIntentResult> {
    intentIdFromSecret(clientSecret, 'setup_intent', 'confirmCardSetup');
    return this.confirmWith('setup_intent', clientSecret, data, options?.handleActions ?? true);
  }

  /** Older form: `handleCardPayment(secret, cardElement, { payment_method_data: { billing_details }, ... })` or `(secret, data?)`. */
  handleCardPayment(clientSecret: string, elementOrData?: unknown, data?: AnyObject): Result<PaymentIntentResult> {
    return this.handleCard('payment_intent', clientSecret, elementOrData, data, 'handleCardPayment');
  }

  /** Older form of confirmCardSetup, with the same shapes as handleCardPayment. */
  handleCardSetup(clientSecret: string, elementOrData?: unknown, data?: AnyObject): Result<SetupIntentResult> {
    return this.handleCard('setup_intent', clientSecret, elementOrData, data, 'handleCardSetup');
  }

  retrievePaymentIntent(clientSecret: string): Result<PaymentIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'payment_intent', 'retrievePaymentIntent');
    return this.flows.retrieveResult('payment_intent', id, clientSecret);
  }

  retrieveSetupIntent(clientSecret: string): Result<SetupIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'setup_intent', 'retrieveSetupIntent');
    return this.flows.retrieveResult('setup_intent', id, clientSecret);
  }

  /** Manual-confirmation flow: the server confirmed; the browser runs the PaymentIntent's 3DS action. */
  handleCardAction(clientSecret: string): Result<PaymentIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'payment_intent', 'handleCardAction');
    return this.flows.handleAction('payment_intent', id, clientSecret, 'handleCardAction');
  }

  /** Finalize-on-the-server flow: runs the next action of a PaymentIntent or SetupIntent. */
  handleNextAction(options: { clientSecret: string }): Result<PaymentIntentResult | SetupIntentResult> {
    const secret = options?.clientSecret;
    const kind = kindOfSecret(secret, 'handleNextAction');
    const id = intentIdFromSecret(secret, kind, 'handleNextAction');
    return this.flows.handleAction(kind, id, secret, 'handleNextAction');
  }

  /**
   * `createPaymentMethod({ type: 'card', card, billing_details })`, `createPaymentMethod({ element, params })` (10.x),
   * and the older `createPaymentMethod('card', cardElement, { billing_details })`.
   */
  createPaymentMethod(typeOrData: unknown, element?: unknown, data?: AnyObject): Result<PaymentMethodResult> {
    if (typeof typeOrData === 'string') {
      if (typeOrData !== 'card') throw new IntegrationError(`Invalid value for createPaymentMethod: type should be 'card' (the fake supports cards only). You specified: ${typeOrData}.`);
      // Older form: the Element second, then the extra data; or the data alone (a token card) second.
      const [card, extra] = isPlainData(element) ? [(element as AnyObject).card, element as AnyObject] : [element, data ?? {}];
      const { card: _card, billing_details: billing, ...rest } = extra;
      return this.createCardPaymentMethod(card, billing, rest);
    }
    if (!typeOrData || typeof typeOrData !== 'object') throw new IntegrationError('Invalid value for createPaymentMethod: expected an object.');
    // `{ elements }` is for the Payment Element, which the fake lacks.
    if ('elements' in typeOrData) throw new IntegrationError('createPaymentMethod({ elements }) needs the Payment Element, which the fake Stripe.js does not provide; pass { type: \'card\', card }.');
    const { type, card, element: fromElement, params, billing_details: billing, ...rest } = typeOrData as AnyObject;
    const paymentMethodType = fromElement !== undefined ? 'card' : type;
    if (paymentMethodType !== 'card') throw new IntegrationError(`Invalid value for createPaymentMethod: type should be 'card' (the fake supports cards only). You specified: ${String(type)}.`);
    const { billing_details: paramsBilling, ...paramsRest } = (params ?? {}) as AnyObject;
    return this.createCardPaymentMethod(fromElement !== undefined ? fromElement : card, billing ?? paramsBilling, { ...rest, ...paramsRest });
  }

  createToken(tokenType: unknown, data?: unknown): Result<{ token?: AnyObject; error?: AnyObject }> {
    return createToken(this.api, tokenType, data);
  }

  createSource(elementOrData: unknown, data?: unknown): Result<{ source?: AnyObject; error?: AnyObject }> {
    return createSource(this.api, elementOrData, data);
  }

  retrieveSource(source: unknown): Result<{ source?: AnyObject; error?: AnyObject }> {
    return retrieveSource(this.api, source);
  }

  // --- internals -------------------------------------------------------------------------------------------

  // Arguments are checked and Elements read synchronously (integration mistakes throw at the call, as in
  // Stripe.js); only the requests are asynchronous.
  private confirmWith(kind: IntentKind, secret: string, data: AnyObject | undefined, handleActions: boolean): Promise<AnyObject> {
    const built = confirmParams(data);
    if ('error' in built) return Promise.resolve({ error: built.error });
    return this.flows.confirm(kind, secret, built.params, handleActions);
  }

  private handleCard(kind: IntentKind, secret: string, elementOrData: unknown, data: AnyObject | undefined, method: string): Promise<AnyObject> {
    const id = intentIdFromSecret(secret, kind, method);
    if (elementOrData !== undefined && !isPlainData(elementOrData)) {
      // (secret, cardElement, { payment_method_data: { billing_details }, shipping, ... })
      const { payment_method_data: pmData, ...rest } = data ?? {};
      const { billing_details: billing, ...pmRest } = (pmData ?? {}) as AnyObject;
      return this.confirmWith(kind, secret, { ...rest, payment_method: { ...pmRest, card: elementOrData, billing_details: billing } }, true);
    }
    const given = (elementOrData ?? {}) as AnyObject;
    if (given.payment_method === undefined && given.payment_method_data === undefined && given.source === undefined) return this.flows.finish(kind, id, secret);
    // (secret, { payment_method | payment_method_data: { card: { token } } | source, ... }): sent as given.
    return this.flows.confirm(kind, secret, given, true);
  }

  private createCardPaymentMethod(card: unknown, billing: AnyObject | undefined, extra: AnyObject): Promise<AnyObject> {
    const built = cardPaymentMethodData(card, billing, extra);
    if ('error' in built) return Promise.resolve({ error: built.error });
    return this.api.call('POST', '/v1/payment_methods', built.data).then((result) => resultOf('paymentMethod', result));
  }
}

/** Plain data (an object literal), as opposed to an Element instance. */
function isPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
