// PaymentIntents: create, retrieve, update, confirm, cancel, capture, list — and the state machine behind
// confirm (shared/stripe-behaviour.md §2): success, 3DS, declines, off-session rules, setup_future_usage.
import type Stripe from 'stripe';
import { DECLINES, type Decline } from '../cards.js';
import { abandonChallenges, openChallenge } from '../challenges.js';
import type { Context } from '../context.js';
import { ApiError, errorBody, invalidRequest, missingParam, resourceMissing } from '../errors.js';
import { newClientSecret, newId } from '../ids.js';
import { newestFirst, paginate } from '../list.js';
import { checkAmount, readCurrency } from '../money.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import type { PaymentIntentRecord, PaymentMethodRecord } from '../state.js';
import { snapshot, view } from '../views.js';
import { completeCheckoutSession } from './checkout-completion.js';
import { requireCustomer } from './customers.js';
import {
  assertUsable, attachPaymentMethod, readCardPaymentMethod, resolvePaymentMethod, storeCardPaymentMethod, STRIPE_JS_TELEMETRY, type PendingCard,
} from './payment-methods.js';

type SetupFutureUsage = 'on_session' | 'off_session';
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
export const AUTHENTICATION_FAILED_MESSAGE =
  'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.';

export function requirePaymentIntent(ctx: Context, id: string, param = 'id'): PaymentIntentRecord {
  const record = ctx.state.paymentIntents.get(id);
  if (!record) throw resourceMissing('payment_intent', id, param);
  return record;
}

function unexpectedState(ctx: Context, pi: Stripe.PaymentIntent, message: string): ApiError {
  return new ApiError(400, errorBody({ type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message, payment_intent: view(ctx, pi) }));
}

/** A publishable key may only touch an intent whose client secret it presents. */
export function checkClientSecret(ctx: Context, secret: string | undefined, actual: string | null, kind: 'PaymentIntent' | 'SetupIntent'): void {
  if (ctx.caller !== 'publishable') return;
  if (!secret) throw missingParam('client_secret');
  if (secret !== actual) throw invalidRequest(`The client_secret provided does not match the client_secret associated with the ${kind}.`, 'client_secret');
}

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  customer: string | null;
  description?: string;
  metadata?: Record<string, string>;
  captureMethod?: 'automatic' | 'automatic_async' | 'manual';
  confirmationMethod?: 'automatic' | 'manual';
  setupFutureUsage?: SetupFutureUsage;
  receiptEmail?: string;
  statementDescriptor?: string;
  statementDescriptorSuffix?: string;
  automaticPaymentMethods?: boolean;
  paymentMethod?: PaymentMethodRecord;
  checkoutSession?: string;
}

/** Stores a new PaymentIntent (emits payment_intent.created). */
export function createPaymentIntent(ctx: Context, input: NewPaymentIntent): PaymentIntentRecord {
  const id = newId('payment_intent');
  // Keys as in Stripe's own example PaymentIntent; the SDK types name two newer fields it does not carry.
  const fields: Omit<Stripe.PaymentIntent, 'allowed_payment_method_types' | 'payment_record'> = {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods ? { enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod ?? 'automatic_async',
    client_secret: newClientSecret(id),
    confirmation_method: input.confirmationMethod ?? 'automatic',
    created: ctx.now(),
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod?.object.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: input.setupFutureUsage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor ?? null,
    statement_descriptor_suffix: input.statementDescriptorSuffix ?? null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  const object = fields as Stripe.PaymentIntent;
  const record: PaymentIntentRecord = { object, authenticated: false, checkoutSession: input.checkoutSession };
  ctx.state.paymentIntents.set(id, record);
  ctx.emit('payment_intent.created', object);
  return record;
}

export interface ConfirmInput {
  paymentMethod?: PaymentMethodRecord;
  offSession?: boolean;
  /** `null` clears a setup_future_usage set at creation. */
  setupFutureUsage?: SetupFutureUsage | null;
  returnUrl?: string;
  errorOnRequiresAction?: boolean;
  receiptEmail?: string;
  captureMethod?: 'automatic' | 'automatic_async' | 'manual';
}

/**
 * Confirms: picks the outcome from the card's behaviour and moves the intent to succeeded / requires_capture /
 * requires_action, or records the decline and throws the 402.
 */
export function confirmPaymentIntent(ctx: Context, record: PaymentIntentRecord, input: ConfirmInput): void {
  const pi = record.object;
  if (!CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(ctx, pi, pi.status === 'succeeded'
      ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
      : `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`);
  }
  const current = typeof pi.payment_method === 'string' ? ctx.state.paymentMethods.get(pi.payment_method) : undefined;
  const paymentMethod = input.paymentMethod ?? current;
  if (!paymentMethod) {
    throw unexpectedState(ctx, pi, "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, pass a payment_method (or payment_method_data) with this request or update the PaymentIntent with one first.");
  }
  assertUsable(paymentMethod, pi.customer as string | null);
  if (paymentMethod !== current) record.authenticated = false;

  abandonChallenges(ctx, pi.id);
  if (input.setupFutureUsage !== undefined) pi.setup_future_usage = input.setupFutureUsage;
  if (input.receiptEmail !== undefined) pi.receipt_email = input.receiptEmail;
  if (input.captureMethod !== undefined) pi.capture_method = input.captureMethod;
  pi.payment_method = paymentMethod.object.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  const card = paymentMethod.card;

  if (input.offSession) {
    const rule = card.offSession;
    if (rule === 'succeed' || (rule === 'needs_setup' && paymentMethod.setUp)) return succeedPayment(ctx, record, paymentMethod);
    throw declinePayment(ctx, record, paymentMethod, DECLINES[rule === 'needs_setup' ? 'authentication_required' : rule]);
  }
  if (record.authenticated) return succeedPayment(ctx, record, paymentMethod);
  if (card.payment === 'succeed') return succeedPayment(ctx, record, paymentMethod);
  if (card.payment === '3ds') {
    if (input.errorOnRequiresAction) throw declinePayment(ctx, record, paymentMethod, DECLINES.authentication_required);
    pi.status = 'requires_action';
    pi.next_action = openChallenge(ctx, { kind: 'payment_intent', id: pi.id }, input.returnUrl) as Stripe.PaymentIntent.NextAction;
    ctx.emit('payment_intent.requires_action', pi);
    return;
  }
  throw declinePayment(ctx, record, paymentMethod, DECLINES[card.payment]);
}

function succeedPayment(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord): void {
  const pi = record.object;
  if (pi.setup_future_usage) {
    // Saving: attach to the customer once the payment went through, and remember the card is set up.
    if (pi.customer && paymentMethod.object.customer !== pi.customer) attachPaymentMethod(ctx, paymentMethod, pi.customer as string);
    paymentMethod.setUp = true;
  } else if (!paymentMethod.object.customer) {
    // Stripe lets an unattached PaymentMethod be used once.
    paymentMethod.spent = true;
  }
  pi.latest_charge = newId('charge');
  pi.next_action = null;
  record.authenticated = false;
  if (pi.capture_method === 'manual') {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    ctx.emit('payment_intent.amount_capturable_updated', pi);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    ctx.emit('payment_intent.succeeded', pi);
  }
  if (record.checkoutSession) completeCheckoutSession(ctx, record.checkoutSession, pi.status === 'succeeded' ? 'paid' : 'unpaid');
}

/** Records a failed attempt (intent back to requires_payment_method) and returns the 402 to throw. */
function declinePayment(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord, decline: Decline): ApiError {
  const pi = record.object;
  const charge = newId('charge');
  const error = errorBody({
    type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, param: decline.param, charge,
    payment_method: snapshot(paymentMethod.object),
  });
  failAttempt(ctx, record, error as Stripe.PaymentIntent.LastPaymentError);
  pi.latest_charge = charge;
  return new ApiError(402, { ...error, payment_intent: view(ctx, pi) });
}

function failAttempt(ctx: Context, record: PaymentIntentRecord, error: Stripe.PaymentIntent.LastPaymentError): void {
  const pi = record.object;
  pi.status = 'requires_payment_method';
  pi.last_payment_error = error;
  pi.payment_method = null;
  pi.next_action = null;
  record.authenticated = false;
  ctx.emit('payment_intent.payment_failed', pi);
}

/** The customer completed the 3DS challenge: the card's post-authentication outcome applies. */
export function completePaymentAuthentication(ctx: Context, record: PaymentIntentRecord): void {
  const pi = record.object;
  const paymentMethod = ctx.state.paymentMethods.get(pi.payment_method as string)!;
  const outcome = paymentMethod.card.afterAuth;
  if (outcome !== 'succeed') {
    declinePayment(ctx, record, paymentMethod, DECLINES[outcome]);
    return;
  }
  if (pi.confirmation_method === 'manual') {
    // The "without webhooks" flow: the server confirms again once the customer authenticated.
    pi.status = 'requires_confirmation';
    pi.next_action = null;
    record.authenticated = true;
    return;
  }
  succeedPayment(ctx, record, paymentMethod);
}

/** The customer failed (or closed) the 3DS challenge. */
export function failPaymentAuthentication(ctx: Context, record: PaymentIntentRecord): void {
  const paymentMethod = ctx.state.paymentMethods.get(record.object.payment_method as string);
  failAttempt(ctx, record, errorBody({
    type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: AUTHENTICATION_FAILED_MESSAGE,
    payment_method: paymentMethod ? snapshot(paymentMethod.object) : undefined,
  }) as Stripe.PaymentIntent.LastPaymentError);
}

// ---- params shared by create / confirm -------------------------------------------------------------

interface PaymentMethodChoice {
  id?: string;
  data?: PendingCard;
}

function readPaymentMethodChoice(ctx: Context, params: Params): PaymentMethodChoice {
  const id = params.str('payment_method', { max: 200 });
  const dataParams = params.obj('payment_method_data');
  if (id && dataParams) throw invalidRequest('You may only specify one of these parameters: payment_method, payment_method_data.', 'payment_method_data');
  return { id, data: dataParams ? readCardPaymentMethod(ctx, dataParams) : undefined };
}

function resolveChoice(ctx: Context, choice: PaymentMethodChoice): PaymentMethodRecord | undefined {
  if (choice.data) return storeCardPaymentMethod(ctx, choice.data);
  if (choice.id) return resolvePaymentMethod(ctx, choice.id);
  return undefined;
}

function readSetupFutureUsage(params: Params): SetupFutureUsage | null | undefined {
  // An empty value unsets it, as Stripe.js's `setup_future_usage: null` does.
  if (params.sentEmpty('setup_future_usage')) {
    params.ignore('setup_future_usage');
    return null;
  }
  return params.oneOf('setup_future_usage', ['on_session', 'off_session'] as const);
}

function readOffSession(params: Params): boolean | undefined {
  const raw = params.str('off_session', { max: 20 });
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === 'one_off' || raw === 'recurring') return true;
  if (raw === 'false') return false;
  throw invalidRequest(`Invalid off_session: must be true, false, one_off or recurring; got '${raw}'.`, 'off_session');
}

function readReturnUrl(params: Params): string | undefined {
  const url = params.str('return_url', { max: 2048 });
  if (url !== undefined && !/^[a-z][a-z0-9+.-]*:\/?\/?\S+$/i.test(url)) throw invalidRequest(`Invalid URL: ${url}. return_url must be an absolute URL.`, 'return_url');
  return url;
}

const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'] as const;
const STRIPE_JS_PARAMS = [...STRIPE_JS_TELEMETRY, '_stripe_version', '_stripe_account', 'expected_payment_method_type', 'radar_options'];
const EXPAND = ['customer', 'payment_method', 'latest_charge', 'last_payment_error.payment_method'] as const;

function readPaymentMethodTypes(params: Params): void {
  const types = params.list('payment_method_types');
  types?.forEach((type, i) => {
    if (type !== 'card') throw invalidRequest(`The payment method type "${type}" is not supported by the emulator; only card is.`, `payment_method_types[${i}]`);
  });
}

export const paymentIntentRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/payment_intents', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params }) => {
      const amount = params.int('amount', { required: true })!;
      const currency = readCurrency(params.str('currency', { required: true })!);
      checkAmount(amount, currency);
      const customerId = params.str('customer');
      const choice = readPaymentMethodChoice(ctx, params);
      const confirm = params.bool('confirm') ?? false;
      const offSession = readOffSession(params);
      const returnUrl = readReturnUrl(params);
      const automatic = params.obj('automatic_payment_methods');
      const automaticEnabled = automatic?.bool('enabled');
      automatic?.oneOf('allow_redirects', ['always', 'never']);
      if (automatic && params.has('payment_method_types')) {
        throw invalidRequest('You may only specify one of these parameters: automatic_payment_methods, payment_method_types.', 'automatic_payment_methods');
      }
      readPaymentMethodTypes(params);
      const input: NewPaymentIntent = {
        amount, currency, customer: customerId ?? null,
        description: params.str('description', { max: 1000 }),
        metadata: mergeMetadata({}, params.metadata('metadata')),
        captureMethod: params.oneOf('capture_method', CAPTURE_METHODS),
        confirmationMethod: params.oneOf('confirmation_method', ['automatic', 'manual'] as const),
        setupFutureUsage: params.oneOf('setup_future_usage', ['on_session', 'off_session'] as const),
        receiptEmail: params.str('receipt_email', { max: 800 }),
        statementDescriptor: params.str('statement_descriptor', { max: 22 }),
        statementDescriptorSuffix: params.str('statement_descriptor_suffix', { max: 22 }),
        automaticPaymentMethods: automaticEnabled ?? !params.has('payment_method_types'),
      };
      const errorOnRequiresAction = params.bool('error_on_requires_action');
      params.bool('use_stripe_sdk');
      params.ignore('payment_method_options', 'mandate_data', 'shipping', 'transfer_group', 'payment_method_configuration');
      params.done();
      if (!confirm) {
        if (offSession !== undefined) throw invalidRequest('off_session can only be used when confirm=true.', 'off_session');
        if (returnUrl !== undefined) throw invalidRequest('return_url can only be used when confirm=true.', 'return_url');
      }
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      input.paymentMethod = resolveChoice(ctx, choice);
      if (input.paymentMethod) assertUsable(input.paymentMethod, input.customer);
      if (confirm && !input.paymentMethod) throw missingParam('payment_method');
      const record = createPaymentIntent(ctx, input);
      if (confirm) confirmPaymentIntent(ctx, record, { offSession, returnUrl, errorOnRequiresAction });
      return view(ctx, record.object);
    },
  },
  {
    method: 'GET', pattern: '/v1/payment_intents/:id', access: 'either', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const secret = params.str('client_secret');
      params.ignore('key', ...STRIPE_JS_PARAMS);
      params.done();
      const record = requirePaymentIntent(ctx, path.id!);
      checkClientSecret(ctx, secret, record.object.client_secret, 'PaymentIntent');
      return view(ctx, record.object);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_intents/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const amount = params.int('amount');
      const currencyText = params.str('currency');
      const customerId = params.str('customer');
      const paymentMethodId = params.str('payment_method');
      const description = params.str('description', { max: 1000 });
      const metadata = params.metadata('metadata');
      const receiptEmail = params.str('receipt_email', { max: 800 });
      const setupFutureUsage = readSetupFutureUsage(params);
      const captureMethod = params.oneOf('capture_method', CAPTURE_METHODS);
      const statementDescriptor = params.str('statement_descriptor', { max: 22 });
      readPaymentMethodTypes(params);
      params.ignore('shipping', 'payment_method_options', 'statement_descriptor_suffix', 'transfer_group');
      params.done();
      const record = requirePaymentIntent(ctx, path.id!);
      const pi = record.object;
      const currency = currencyText ? readCurrency(currencyText) : pi.currency;
      if (amount !== undefined) checkAmount(amount, currency);
      const changesPayment = amount !== undefined || currencyText !== undefined || customerId !== undefined || paymentMethodId !== undefined
        || setupFutureUsage !== undefined || captureMethod !== undefined;
      if (changesPayment && !CONFIRMABLE.includes(pi.status)) {
        throw unexpectedState(ctx, pi, `You cannot update this PaymentIntent because it has a status of ${pi.status}. Only metadata, description, receipt_email and shipping can be updated now.`);
      }
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      const paymentMethod = paymentMethodId ? resolvePaymentMethod(ctx, paymentMethodId) : undefined;
      if (paymentMethod) assertUsable(paymentMethod, customerId ?? (pi.customer as string | null));
      if (amount !== undefined) pi.amount = amount;
      pi.currency = currency;
      if (customerId) pi.customer = customerId;
      if (description !== undefined) pi.description = description;
      if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
      if (setupFutureUsage !== undefined) pi.setup_future_usage = setupFutureUsage;
      if (captureMethod) pi.capture_method = captureMethod;
      if (statementDescriptor !== undefined) pi.statement_descriptor = statementDescriptor;
      pi.metadata = mergeMetadata(pi.metadata, metadata);
      pi.last_payment_error = null;
      if (paymentMethod) {
        abandonChallenges(ctx, pi.id);
        pi.payment_method = paymentMethod.object.id;
        pi.status = 'requires_confirmation';
        pi.next_action = null;
        record.authenticated = false;
      }
      return view(ctx, pi);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_intents/:id/confirm', access: 'either', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const secret = params.str('client_secret');
      const choice = readPaymentMethodChoice(ctx, params);
      const input: ConfirmInput = {
        offSession: readOffSession(params),
        setupFutureUsage: readSetupFutureUsage(params),
        returnUrl: readReturnUrl(params),
        errorOnRequiresAction: params.bool('error_on_requires_action'),
        receiptEmail: params.str('receipt_email', { max: 800 }),
        captureMethod: params.oneOf('capture_method', CAPTURE_METHODS),
      };
      params.bool('use_stripe_sdk');
      readPaymentMethodTypes(params);
      params.ignore('payment_method_options', 'mandate_data', 'shipping', 'save_payment_method');
      if (ctx.caller === 'publishable') params.ignore('key', ...STRIPE_JS_PARAMS);
      params.done();
      const record = requirePaymentIntent(ctx, path.id!);
      checkClientSecret(ctx, secret, record.object.client_secret, 'PaymentIntent');
      if (ctx.caller === 'publishable' && record.object.confirmation_method === 'manual') {
        throw unexpectedState(ctx, record.object, 'This PaymentIntent has confirmation_method=manual: it can only be confirmed with your secret key, from your server. Use handleCardAction on the client.');
      }
      input.paymentMethod = resolveChoice(ctx, choice);
      confirmPaymentIntent(ctx, record, input);
      return view(ctx, record.object);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_intents/:id/cancel', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const reason = params.oneOf('cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const);
      params.done();
      const record = requirePaymentIntent(ctx, path.id!);
      const pi = record.object;
      if (!CANCELABLE.includes(pi.status)) {
        throw unexpectedState(ctx, pi, `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`);
      }
      abandonChallenges(ctx, pi.id);
      pi.status = 'canceled';
      pi.canceled_at = ctx.now();
      pi.cancellation_reason = reason ?? null;
      pi.amount_capturable = 0;
      pi.next_action = null;
      ctx.emit('payment_intent.canceled', pi);
      return view(ctx, pi);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_intents/:id/capture', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const amountToCapture = params.int('amount_to_capture', { min: 1 });
      const metadata = params.metadata('metadata');
      params.ignore('statement_descriptor', 'statement_descriptor_suffix', 'final_capture');
      params.done();
      const record = requirePaymentIntent(ctx, path.id!);
      const pi = record.object;
      if (pi.status !== 'requires_capture') {
        throw unexpectedState(ctx, pi, `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
      }
      const amount = amountToCapture ?? pi.amount_capturable;
      if (amount > pi.amount_capturable) {
        throw invalidRequest(`amount_to_capture (${amount}) can't be more than the amount capturable (${pi.amount_capturable}).`, 'amount_to_capture', 'amount_too_large');
      }
      pi.amount_received = amount;
      pi.amount_capturable = 0;
      pi.status = 'succeeded';
      pi.metadata = mergeMetadata(pi.metadata, metadata);
      ctx.emit('payment_intent.succeeded', pi);
      return view(ctx, pi);
    },
  },
  {
    method: 'GET', pattern: '/v1/payment_intents', access: 'secret', expand: EXPAND.map((path) => `data.${path}`),
    handle: ({ ctx, params }) => {
      const customer = params.str('customer');
      params.ignore('created');
      const items = newestFirst(ctx.state.paymentIntents.values()).map((r) => r.object).filter((pi) => !customer || pi.customer === customer);
      const list = paginate(items, params, '/v1/payment_intents');
      params.done();
      return list;
    },
  },
];
