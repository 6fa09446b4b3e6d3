// SetupIntents: save a card for later without paying. Create, retrieve, update, confirm, cancel, list.
import type Stripe from 'stripe';
import { DECLINES, type Decline } from '../cards.js';
import { abandonChallenges, openChallenge } from '../challenges.js';
import type { Context } from '../context.js';
import { ApiError, errorBody, invalidRequest, missingParam, resourceMissing } from '../errors.js';
import { newClientSecret, newId } from '../ids.js';
import { page } from '../list.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import type { PaymentMethodRecord, SetupIntentRecord } from '../state.js';
import { snapshot, view } from '../views.js';
import { completeCheckoutSession } from './checkout-completion.js';
import { requireCustomer } from './customers.js';
import { checkClientSecret } from './payment-intent-flow.js';
import {
  assertUsable, attachPaymentMethod, readCardPaymentMethod, resolvePaymentMethod, storeCardPaymentMethod, STRIPE_JS_TELEMETRY, type PendingCard,
} from './payment-methods.js';
import { readAutomaticPaymentMethods, readMethodTypes, readReturnUrl, requireReturnUrl } from './intent-params.js';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
export const SETUP_AUTHENTICATION_FAILED_MESSAGE =
  'The latest attempt to set up the payment method has failed because authentication failed.';

export function requireSetupIntent(ctx: Context, id: string, param = 'id'): SetupIntentRecord {
  const record = ctx.state.setupIntents.get(id);
  if (!record) throw resourceMissing('setup_intent', id, param);
  return record;
}

function unexpectedState(ctx: Context, si: Stripe.SetupIntent, message: string): ApiError {
  return new ApiError(400, errorBody({ type: 'invalid_request_error', code: 'setup_intent_unexpected_state', message, setup_intent: view(ctx, si) }));
}

export interface NewSetupIntent {
  customer: string | null;
  usage?: 'on_session' | 'off_session';
  description?: string;
  metadata?: Record<string, string>;
  paymentMethod?: PaymentMethodRecord;
  automaticPaymentMethods?: Stripe.SetupIntent.AutomaticPaymentMethods | null;
  /** `allowed_payment_method_types` as given (null when not). */
  allowedPaymentMethodTypes?: string[];
  checkoutSession?: string;
}

export function createSetupIntent(ctx: Context, input: NewSetupIntent): SetupIntentRecord {
  const id = newId('setup_intent');
  // Keys as stripe-node 23 declares them (customer_account is optional there and absent from Stripe's example).
  const fields: Omit<Stripe.SetupIntent, 'customer_account'> = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: (input.allowedPaymentMethodTypes ?? null) as Stripe.SetupIntent['allowed_payment_method_types'],
    application: null,
    automatic_payment_methods: input.automaticPaymentMethods ?? null,
    cancellation_reason: null,
    client_secret: newClientSecret(id),
    created: ctx.now(),
    customer: input.customer,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod?.object.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    usage: input.usage ?? 'off_session',
  };
  const object = fields as Stripe.SetupIntent;
  const record: SetupIntentRecord = { object, checkoutSession: input.checkoutSession };
  ctx.state.setupIntents.set(id, record);
  ctx.emit('setup_intent.created', object);
  return record;
}

/** `viaApi`: a confirm through the API (not the emulator's hosted pages), where Stripe's return_url rule applies. */
export function confirmSetupIntent(ctx: Context, record: SetupIntentRecord, input: { paymentMethod?: PaymentMethodRecord; returnUrl?: string; viaApi?: boolean }): void {
  const si = record.object;
  if (!CONFIRMABLE.includes(si.status)) {
    throw unexpectedState(ctx, si, si.status === 'succeeded'
      ? 'You cannot confirm this SetupIntent because it has already succeeded.'
      : `You cannot confirm this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`);
  }
  const current = typeof si.payment_method === 'string' ? ctx.state.paymentMethods.get(si.payment_method) : undefined;
  const paymentMethod = input.paymentMethod ?? current;
  if (!paymentMethod) {
    throw unexpectedState(ctx, si, "You cannot confirm this SetupIntent because it's missing a payment method. Pass payment_method (or payment_method_data) with this request.");
  }
  if (input.viaApi) requireReturnUrl(ctx, si, input);
  assertUsable(paymentMethod, si.customer as string | null);
  abandonChallenges(ctx, si.id);
  si.payment_method = paymentMethod.object.id;
  si.last_setup_error = null;
  si.next_action = null;
  si.latest_attempt = newId('setup_attempt');
  const outcome = paymentMethod.card.setup;
  if (outcome === 'succeed') return succeedSetup(ctx, record, paymentMethod);
  if (outcome === '3ds') {
    si.status = 'requires_action';
    si.next_action = openChallenge(ctx, { kind: 'setup_intent', id: si.id }, input.returnUrl) as Stripe.SetupIntent.NextAction;
    ctx.emit('setup_intent.requires_action', si);
    return;
  }
  throw declineSetup(ctx, record, paymentMethod, DECLINES[outcome]);
}

function succeedSetup(ctx: Context, record: SetupIntentRecord, paymentMethod: PaymentMethodRecord): void {
  const si = record.object;
  si.status = 'succeeded';
  si.next_action = null;
  paymentMethod.setUp = true;
  ctx.emit('setup_intent.succeeded', si);
  if (si.customer && paymentMethod.object.customer !== si.customer) attachPaymentMethod(ctx, paymentMethod, si.customer as string);
  if (record.checkoutSession) completeCheckoutSession(ctx, record.checkoutSession, 'no_payment_required');
}

function failAttempt(ctx: Context, si: Stripe.SetupIntent, error: Stripe.SetupIntent.LastSetupError): void {
  si.status = 'requires_payment_method';
  si.last_setup_error = error;
  si.payment_method = null;
  si.next_action = null;
  ctx.emit('setup_intent.setup_failed', si);
}

function declineSetup(ctx: Context, record: SetupIntentRecord, paymentMethod: PaymentMethodRecord, decline: Decline): ApiError {
  const error = errorBody({
    type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, param: decline.param,
    payment_method: snapshot(paymentMethod.object),
  });
  failAttempt(ctx, record.object, error as Stripe.SetupIntent.LastSetupError);
  return new ApiError(402, { ...error, setup_intent: view(ctx, record.object) });
}

/** 3DS completed: setups succeed once the customer authenticated. */
export function completeSetupAuthentication(ctx: Context, record: SetupIntentRecord): void {
  const paymentMethod = ctx.state.paymentMethods.get(record.object.payment_method as string)!;
  succeedSetup(ctx, record, paymentMethod);
}

export function failSetupAuthentication(ctx: Context, record: SetupIntentRecord): void {
  const paymentMethod = ctx.state.paymentMethods.get(record.object.payment_method as string);
  failAttempt(ctx, record.object, errorBody({
    type: 'invalid_request_error', code: 'setup_intent_authentication_failure', message: SETUP_AUTHENTICATION_FAILED_MESSAGE,
    payment_method: paymentMethod ? snapshot(paymentMethod.object) : undefined,
  }) as Stripe.SetupIntent.LastSetupError);
}

function readChoice(ctx: Context, params: Params): { id?: string; data?: PendingCard } {
  const id = params.str('payment_method', { max: 200 });
  const dataParams = params.obj('payment_method_data');
  if (id && dataParams) throw invalidRequest('You may only specify one of these parameters: payment_method, payment_method_data.', 'payment_method_data');
  return { id, data: dataParams ? readCardPaymentMethod(ctx, dataParams) : undefined };
}

function resolveChoice(ctx: Context, choice: { id?: string; data?: PendingCard }): PaymentMethodRecord | undefined {
  if (choice.data) return storeCardPaymentMethod(ctx, choice.data);
  if (choice.id) return resolvePaymentMethod(ctx, choice.id);
  return undefined;
}

const EXPAND = ['customer', 'payment_method', 'latest_attempt', 'last_setup_error.payment_method'] as const;
const STRIPE_JS_PARAMS = [...STRIPE_JS_TELEMETRY, '_stripe_version', '_stripe_account', 'expected_payment_method_type', 'radar_options'];

export const setupIntentRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/setup_intents', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params }) => {
      const customerId = params.str('customer');
      const choice = readChoice(ctx, params);
      const confirm = params.bool('confirm') ?? false;
      const returnUrl = readReturnUrl(params);
      const types = readMethodTypes(ctx, params);
      const automatic = readAutomaticPaymentMethods(ctx, params, types);
      const input: NewSetupIntent = {
        customer: customerId ?? null,
        usage: params.oneOf('usage', ['on_session', 'off_session'] as const),
        description: params.str('description', { max: 1000 }),
        metadata: mergeMetadata({}, params.metadata('metadata')),
        automaticPaymentMethods: automatic,
        allowedPaymentMethodTypes: types.allowed ?? undefined,
      };
      params.bool('use_stripe_sdk');
      params.ignore('payment_method_options', 'mandate_data', 'single_use', 'flow_directions', 'payment_method_configuration');
      params.done();
      if (!confirm && returnUrl !== undefined) throw invalidRequest('return_url can only be used when confirm=true.', 'return_url');
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      input.paymentMethod = resolveChoice(ctx, choice);
      if (input.paymentMethod) assertUsable(input.paymentMethod, input.customer);
      if (confirm && !input.paymentMethod) throw missingParam('payment_method');
      const record = createSetupIntent(ctx, input);
      if (confirm) confirmSetupIntent(ctx, record, { returnUrl, viaApi: true });
      return view(ctx, record.object);
    },
  },
  {
    method: 'GET', pattern: '/v1/setup_intents/:id', access: 'either', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const secret = params.str('client_secret');
      params.ignore('key', ...STRIPE_JS_PARAMS);
      params.done();
      const record = requireSetupIntent(ctx, path.id!);
      checkClientSecret(ctx, secret, record.object.client_secret, 'SetupIntent');
      return view(ctx, record.object);
    },
  },
  {
    method: 'POST', pattern: '/v1/setup_intents/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const customerId = params.str('customer');
      const paymentMethodId = params.str('payment_method');
      const description = params.str('description', { max: 1000 });
      const metadata = params.metadata('metadata');
      const types = readMethodTypes(ctx, params);
      params.ignore('payment_method_options', 'flow_directions');
      params.done();
      const record = requireSetupIntent(ctx, path.id!);
      const si = record.object;
      if ((customerId || paymentMethodId) && !CONFIRMABLE.includes(si.status)) {
        throw unexpectedState(ctx, si, `You cannot update this SetupIntent because it has a status of ${si.status}.`);
      }
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      const paymentMethod = paymentMethodId ? resolvePaymentMethod(ctx, paymentMethodId) : undefined;
      if (paymentMethod) assertUsable(paymentMethod, customerId ?? (si.customer as string | null));
      if (customerId) si.customer = customerId;
      if (description !== undefined) si.description = description;
      si.metadata = mergeMetadata(si.metadata ?? {}, metadata);
      if (types.allowed) si.allowed_payment_method_types = types.allowed as Stripe.SetupIntent['allowed_payment_method_types'];
      if (paymentMethod) {
        abandonChallenges(ctx, si.id);
        si.payment_method = paymentMethod.object.id;
        si.status = 'requires_confirmation';
        si.next_action = null;
      }
      return view(ctx, si);
    },
  },
  {
    method: 'POST', pattern: '/v1/setup_intents/:id/confirm', access: 'either', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const secret = params.str('client_secret');
      const choice = readChoice(ctx, params);
      const returnUrl = readReturnUrl(params);
      params.bool('use_stripe_sdk');
      const types = readMethodTypes(ctx, params);
      params.ignore('payment_method_options', 'mandate_data');
      if (ctx.caller === 'publishable') params.ignore('key', ...STRIPE_JS_PARAMS);
      params.done();
      const record = requireSetupIntent(ctx, path.id!);
      checkClientSecret(ctx, secret, record.object.client_secret, 'SetupIntent');
      if (types.allowed) record.object.allowed_payment_method_types = types.allowed as Stripe.SetupIntent['allowed_payment_method_types'];
      confirmSetupIntent(ctx, record, { paymentMethod: resolveChoice(ctx, choice), returnUrl, viaApi: true });
      return view(ctx, record.object);
    },
  },
  {
    method: 'POST', pattern: '/v1/setup_intents/:id/cancel', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const reason = params.oneOf('cancellation_reason', ['abandoned', 'duplicate', 'requested_by_customer'] as const);
      params.done();
      const record = requireSetupIntent(ctx, path.id!);
      const si = record.object;
      if (!CONFIRMABLE.includes(si.status)) {
        throw unexpectedState(ctx, si, `You cannot cancel this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CONFIRMABLE.join(', ')}.`);
      }
      abandonChallenges(ctx, si.id);
      si.status = 'canceled';
      si.cancellation_reason = reason ?? null;
      si.next_action = null;
      ctx.emit('setup_intent.canceled', si);
      return view(ctx, si);
    },
  },
  {
    method: 'GET', pattern: '/v1/setup_intents', access: 'secret', expand: EXPAND.map((path) => `data.${path}`),
    handle: ({ ctx, params }) => {
      const customer = params.str('customer');
      const paymentMethod = params.str('payment_method');
      params.ignore('created', 'attach_to_self');
      const listing = customer ? ctx.state.setupIntents.listing('customer', customer) : ctx.state.setupIntents.listing();
      const list = page(listing, params, '/v1/setup_intents', (r) => (!paymentMethod || r.object.payment_method === paymentMethod ? r.object : undefined));
      params.done();
      return list;
    },
  },
];
