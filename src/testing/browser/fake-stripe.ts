// The fake Stripe instance: the card-payment surface of Stripe.js 10.x (confirmCardPayment, confirmCardSetup,
// handleCardAction, handleNextAction, createPaymentMethod, retrieve*) over HTTP to the emulator. Like Stripe.js it
// resolves `{ error }` for every payment problem and throws only for integration mistakes.
import type {
  PaymentIntentResult, PaymentMethodResult, SetupIntentResult, StripeCardElementOptions, StripeElementsOptions,
} from '@stripe/stripe-js';
import { ApiClient, type ApiResult } from './api-client.js';
import { FakeCardElement, readCardForConfirm, type CardDetails } from './card-element.js';
import { showChallenge } from './challenge.js';
import { IntegrationError } from './errors.js';

type IntentKind = 'payment_intent' | 'setup_intent';
// JSON from the emulator, read field by field as Stripe.js does; the public methods give results Stripe.js's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type AnyObject = Record<string, Json>;

export interface StripeErrorShape {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  doc_url?: string;
  payment_intent?: AnyObject;
  setup_intent?: AnyObject;
  payment_method?: AnyObject;
  charge?: string;
}

const INTENTS = {
  payment_intent: { prefix: 'pi_', route: '/v1/payment_intents', resultKey: 'paymentIntent', lastError: 'last_payment_error' },
  setup_intent: { prefix: 'seti_', route: '/v1/setup_intents', resultKey: 'setupIntent', lastError: 'last_setup_error' },
} as const;

/** `pi_123_secret_abc` → `pi_123`; throws Stripe's IntegrationError for anything that is not a client secret. */
function intentIdFromSecret(secret: unknown, kind: IntentKind, method: string): string {
  const { prefix } = INTENTS[kind];
  const at = typeof secret === 'string' ? secret.indexOf('_secret_') : -1;
  if (typeof secret !== 'string' || !secret.startsWith(prefix) || at <= prefix.length) {
    throw new IntegrationError(`Invalid value for ${method} intent secret: value should be a client_secret string. You specified: ${String(secret)}.`);
  }
  return secret.slice(0, at);
}

function kindOfSecret(secret: unknown, method: string): IntentKind {
  if (typeof secret === 'string' && secret.startsWith('seti_')) return 'setup_intent';
  if (typeof secret === 'string' && secret.startsWith('pi_')) return 'payment_intent';
  throw new IntegrationError(`Invalid value for ${method}: clientSecret should be a PaymentIntent or SetupIntent client_secret string. You specified: ${String(secret)}.`);
}

/** Turns a non-2xx answer (or no answer) into Stripe.js's `{ error }`. */
function errorFrom(result: ApiResult): StripeErrorShape {
  if (result.status === 0) {
    return { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe. Request was retried 1 times.' };
  }
  const error = result.body?.error;
  if (error && typeof error === 'object') return error as StripeErrorShape;
  return { type: 'api_error', message: `Unexpected response from the Stripe emulator: HTTP ${result.status}.` };
}

function cardParams(card: CardDetails): AnyObject {
  return { number: card.number, exp_month: String(card.expMonth), exp_year: String(card.expYear), cvc: card.cvc };
}

function mergeBilling(billing: AnyObject | undefined, postalCode: string | undefined): AnyObject | undefined {
  if (!postalCode) return billing;
  return { ...billing, address: { postal_code: postalCode, ...billing?.address } };
}

export interface FakeStripeConfig {
  apiBase: string;
  publishableKey: string;
  options: AnyObject | undefined;
  requests: ApiClient['requests'];
}

export class FakeElements {
  private card: FakeCardElement | undefined;

  constructor(private options: StripeElementsOptions | undefined) {}

  create(type: string, options?: StripeCardElementOptions): FakeCardElement {
    if (type !== 'card') throw new IntegrationError(`The fake Stripe.js only provides the 'card' Element; you asked for '${type}'.`);
    if (this.card) throw new IntegrationError('Can only create one Element of type card.');
    const card = new FakeCardElement(options, () => {
      if (this.card === card) this.card = undefined;
    });
    this.card = card;
    return card;
  }

  getElement(type: string): FakeCardElement | null {
    return type === 'card' ? (this.card ?? null) : null;
  }

  update(options: StripeElementsOptions): void {
    this.options = { ...this.options, ...options } as StripeElementsOptions;
  }

  /** The options the group was created (and updated) with: fonts, locale, appearance. */
  get currentOptions(): StripeElementsOptions | undefined {
    return this.options;
  }
}

export class FakeStripe {
  private readonly api: ApiClient;

  /** The options given to `Stripe(key, options)` (locale, stripeAccount, ...); accepted and kept, not acted on. */
  readonly stripeOptions: AnyObject | undefined;

  constructor(config: FakeStripeConfig) {
    this.stripeOptions = config.options;
    this.api = new ApiClient(config.apiBase, config.publishableKey, config.requests);
  }

  /** Called by `loadStripe` to tag the instance with the wrapper's name; nothing to do for the fake. */
  _registerWrapper(): void {}

  elements(options?: StripeElementsOptions): FakeElements {
    return new FakeElements(options);
  }

  confirmCardPayment(clientSecret: string, data?: AnyObject, options?: { handleActions?: boolean }): Promise<PaymentIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'payment_intent', 'confirmCardPayment');
    return this.confirmIntent('payment_intent', id, clientSecret, data, options?.handleActions ?? true);
  }

  confirmCardSetup(clientSecret: string, data?: AnyObject, options?: { handleActions?: boolean }): Promise<SetupIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'setup_intent', 'confirmCardSetup');
    return this.confirmIntent('setup_intent', id, clientSecret, data, options?.handleActions ?? true);
  }

  retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'payment_intent', 'retrievePaymentIntent');
    return this.retrieveResult('payment_intent', id, clientSecret);
  }

  retrieveSetupIntent(clientSecret: string): Promise<SetupIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'setup_intent', 'retrieveSetupIntent');
    return this.retrieveResult('setup_intent', id, clientSecret);
  }

  /** Manual-confirmation flow: the server confirmed; the browser runs the PaymentIntent's 3DS action. */
  handleCardAction(clientSecret: string): Promise<PaymentIntentResult> {
    const id = intentIdFromSecret(clientSecret, 'payment_intent', 'handleCardAction');
    return this.handleAction('payment_intent', id, clientSecret, 'handleCardAction');
  }

  /** Finalize-on-the-server flow: runs the next action of a PaymentIntent or SetupIntent. */
  handleNextAction(options: { clientSecret: string }): Promise<PaymentIntentResult | SetupIntentResult> {
    const secret = options?.clientSecret;
    const kind = kindOfSecret(secret, 'handleNextAction');
    const id = intentIdFromSecret(secret, kind, 'handleNextAction');
    return this.handleAction(kind, id, secret, 'handleNextAction');
  }

  createPaymentMethod(data: AnyObject): Promise<PaymentMethodResult> {
    if (!data || typeof data !== 'object') throw new IntegrationError('Invalid value for createPaymentMethod: expected an object.');
    // 10.x also accepts `{ element, params }`; `{ elements }` is for the Payment Element, which the fake lacks.
    if ('elements' in data) throw new IntegrationError('createPaymentMethod({ elements }) needs the Payment Element, which the fake Stripe.js does not provide; pass { type: \'card\', card }.');
    const { type, card, element, params, ...rest } = data;
    const fromElement = element !== undefined;
    const paymentMethodType = fromElement ? 'card' : type;
    if (paymentMethodType !== 'card') throw new IntegrationError(`Invalid value for createPaymentMethod: type should be 'card' (the fake supports cards only). You specified: ${String(type)}.`);
    return this.createCardPaymentMethod(fromElement ? element : card, { ...rest, ...params });
  }

  // --- internals -------------------------------------------------------------------------------------------

  private async createCardPaymentMethod(card: unknown, extra: AnyObject): Promise<Json> {
    const read = readCardForConfirm(card);
    if ('error' in read) return { error: read.error };
    const { billing_details: billing, ...rest } = extra;
    const result = await this.api.call('POST', '/v1/payment_methods', {
      ...rest, type: 'card', card: cardParams(read.card), billing_details: mergeBilling(billing, read.card.postalCode),
    });
    if (result.status >= 200 && result.status < 300 && result.body) return { paymentMethod: result.body };
    return { error: errorFrom(result) };
  }

  /** Builds the confirm params from Stripe.js's `data`: a PaymentMethod id, or a Card Element to read. */
  private confirmParams(data: AnyObject | undefined): { params: AnyObject } | { error: StripeErrorShape } {
    const { payment_method: paymentMethod, payment_method_options: _options, ...rest } = data ?? {};
    const params: AnyObject = { ...rest };
    // Stripe.js sends an empty value to unset setup_future_usage when it is null.
    if (rest.setup_future_usage === null) params.setup_future_usage = '';
    if (typeof paymentMethod === 'string') {
      params.payment_method = paymentMethod;
    } else if (paymentMethod && typeof paymentMethod === 'object') {
      const { card, billing_details: billing, ...pmRest } = paymentMethod as AnyObject;
      if (card && typeof card === 'object' && typeof card.token === 'string') {
        params.payment_method_data = { ...pmRest, type: 'card', card: { token: card.token }, billing_details: billing };
      } else {
        const read = readCardForConfirm(card);
        if ('error' in read) return { error: read.error };
        params.payment_method_data = {
          ...pmRest, type: 'card', card: cardParams(read.card), billing_details: mergeBilling(billing, read.card.postalCode),
        };
      }
    }
    return { params };
  }

  private async confirmIntent(kind: IntentKind, id: string, secret: string, data: AnyObject | undefined, handleActions: boolean): Promise<Json> {
    const built = this.confirmParams(data);
    if ('error' in built) return { error: built.error };
    // Stripe.js marks its confirms the same way: it will run next actions itself, and it expects a card.
    const result = await this.api.call('POST', `${INTENTS[kind].route}/${id}/confirm`, {
      ...built.params, expected_payment_method_type: 'card', use_stripe_sdk: 'true', client_secret: secret,
    });
    if (!(result.status >= 200 && result.status < 300 && result.body)) return { error: errorFrom(result) };
    const intent = result.body as AnyObject;
    if (handleActions && intent.status === 'requires_action') return this.runAction(kind, intent, secret);
    return this.intentResult(kind, intent);
  }

  private async retrieve(kind: IntentKind, id: string, secret: string): Promise<ApiResult> {
    return this.api.call('GET', `${INTENTS[kind].route}/${id}`, { client_secret: secret });
  }

  private async retrieveResult(kind: IntentKind, id: string, secret: string): Promise<Json> {
    const result = await this.retrieve(kind, id, secret);
    if (result.status >= 200 && result.status < 300 && result.body) return { [INTENTS[kind].resultKey]: result.body };
    return { error: errorFrom(result) };
  }

  private async handleAction(kind: IntentKind, id: string, secret: string, method: string): Promise<Json> {
    const result = await this.retrieve(kind, id, secret);
    if (!(result.status >= 200 && result.status < 300 && result.body)) return { error: errorFrom(result) };
    const intent = result.body as AnyObject;
    if (intent.status !== 'requires_action') {
      const label = kind === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent';
      return {
        error: {
          type: 'invalid_request_error', code: `${kind}_unexpected_state`,
          message: `${method}: The ${label} supplied is not in the requires_action state (its status is ${String(intent.status)}).`,
          [kind]: intent,
        },
      };
    }
    return this.runAction(kind, intent, secret);
  }

  /** Shows the 3DS challenge for a requires_action intent, then reports the intent as it stands afterwards. */
  private async runAction(kind: IntentKind, intent: AnyObject, secret: string): Promise<Json> {
    const source = challengeSource(intent.next_action);
    if (!source) {
      return {
        error: {
          type: 'invalid_request_error', code: 'unsupported_next_action',
          message: `The fake Stripe.js cannot handle next_action type ${String(intent.next_action?.type)}.`, [kind]: intent,
        },
      };
    }
    await showChallenge(async (outcome) => {
      await this.api.call('POST', `/3ds/${encodeURIComponent(source)}/${outcome}`);
    });
    const after = await this.retrieve(kind, String(intent.id), secret);
    if (!(after.status >= 200 && after.status < 300 && after.body)) return { error: errorFrom(after) };
    return this.intentResult(kind, after.body as AnyObject);
  }

  /** A failed attempt leaves the intent in requires_payment_method with its last error: Stripe.js reports that error. */
  private intentResult(kind: IntentKind, intent: AnyObject): Json {
    const lastError = intent[INTENTS[kind].lastError] as AnyObject | null | undefined;
    if (intent.status === 'requires_payment_method' && lastError) return { error: { ...lastError, [kind]: intent } };
    return { [INTENTS[kind].resultKey]: intent };
  }
}

/** The 3DS source to answer: `use_stripe_sdk.source`, or the `/3ds/src_...` page a `redirect_to_url` points at. */
function challengeSource(nextAction: AnyObject | null | undefined): string | undefined {
  if (!nextAction) return undefined;
  if (nextAction.type === 'use_stripe_sdk') {
    const sdk = nextAction.use_stripe_sdk ?? {};
    const source = sdk.source ?? sdk.three_d_secure_2_source;
    return typeof source === 'string' ? source : undefined;
  }
  if (nextAction.type === 'redirect_to_url') {
    const url = String(nextAction.redirect_to_url?.url ?? '');
    return /\/3ds\/(src_[A-Za-z0-9]+)/.exec(url)?.[1];
  }
  return undefined;
}
