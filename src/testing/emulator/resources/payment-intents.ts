// PaymentIntents routes: create, retrieve, update, confirm, cancel, capture, list. The state machine behind
// confirm lives in payment-intent-flow.ts.
import type Stripe from 'stripe';
import { abandonChallenges } from '../challenges.js';
import type { Context } from '../context.js';
import { invalidRequest, missingParam } from '../errors.js';
import { page } from '../list.js';
import { checkAmount, readCurrency } from '../money.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import type { PaymentMethodRecord } from '../state.js';
import { view } from '../views.js';
import { captureCharge } from './charges.js';
import { requireCustomer } from './customers.js';
import {
  CANCELABLE, checkClientSecret, CONFIRMABLE, confirmPaymentIntent, createPaymentIntent, requirePaymentIntent, unexpectedState,
  type ConfirmInput, type NewPaymentIntent, type SetupFutureUsage,
} from './payment-intent-flow.js';
import {
  assertUsable, readPaymentMethodData, resolvePaymentMethod, storePaymentMethodData, STRIPE_JS_TELEMETRY, type PendingPaymentMethod,
} from './payment-methods.js';
import { intentMethodTypes, readAutomaticPaymentMethods, readMethodTypes, readReturnUrl } from './intent-params.js';
import { spendConfirmationToken, useConfirmationToken } from './confirmation-tokens.js';
import { readMandateData } from './local-methods.js';
import type { ConfirmationTokenRecord } from '../state.js';
import { releaseAuthorization } from './refunds.js';

// ---- params shared by create / confirm -------------------------------------------------------------

interface PaymentMethodChoice {
  id?: string;
  data?: PendingPaymentMethod;
  /** A ConfirmationToken (`confirmation_token`): its PaymentMethod, return_url and setup_future_usage apply. */
  token?: ConfirmationTokenRecord;
}

function readPaymentMethodChoice(ctx: Context, params: Params): PaymentMethodChoice {
  const id = params.str('payment_method', { max: 200 });
  const dataParams = params.obj('payment_method_data');
  const tokenId = params.str('confirmation_token', { max: 200 });
  const given = [id && 'payment_method', dataParams && 'payment_method_data', tokenId && 'confirmation_token'].filter(Boolean);
  if (given.length > 1) throw invalidRequest(`You may only specify one of these parameters: ${given.join(', ')}.`, given[1] as string);
  return { id, data: dataParams ? readPaymentMethodData(ctx, dataParams) : undefined, token: tokenId ? useConfirmationToken(ctx, tokenId) : undefined };
}

function resolveChoice(ctx: Context, choice: PaymentMethodChoice): PaymentMethodRecord | undefined {
  if (choice.data) return storePaymentMethodData(ctx, choice.data);
  if (choice.id) return resolvePaymentMethod(ctx, choice.id);
  if (choice.token) return resolvePaymentMethod(ctx, choice.token.paymentMethod, 'confirmation_token');
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

const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'] as const;
const STRIPE_JS_PARAMS = [...STRIPE_JS_TELEMETRY, '_stripe_version', '_stripe_account', 'expected_payment_method_type', 'radar_options'];
const EXPAND = ['customer', 'payment_method', 'latest_charge', 'last_payment_error.payment_method'] as const;

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
      const types = readMethodTypes(ctx, params);
      const automatic = readAutomaticPaymentMethods(ctx, params, types);
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
        automaticPaymentMethods: automatic,
        allowedPaymentMethodTypes: types.allowed ?? undefined,
        paymentMethodTypes: intentMethodTypes(ctx, types, automatic, currency),
      };
      const errorOnRequiresAction = params.bool('error_on_requires_action');
      const mandateAcceptance = readMandateData(params);
      params.bool('use_stripe_sdk');
      params.ignore('payment_method_options', 'shipping', 'transfer_group', 'payment_method_configuration');
      params.done();
      if (choice.token && !confirm) throw invalidRequest('confirmation_token can only be used when confirm=true.', 'confirmation_token');
      if (!confirm) {
        if (offSession !== undefined) throw invalidRequest('off_session can only be used when confirm=true.', 'off_session');
        if (returnUrl !== undefined) throw invalidRequest('return_url can only be used when confirm=true.', 'return_url');
      }
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      input.paymentMethod = resolveChoice(ctx, choice);
      if (input.paymentMethod) assertUsable(input.paymentMethod, input.customer);
      if (confirm && !input.paymentMethod) throw missingParam('payment_method');
      const record = createPaymentIntent(ctx, input);
      if (confirm) {
        const fromToken = choice.token ? spendConfirmationToken(choice.token, record.object) : {};
        confirmPaymentIntent(ctx, record, { offSession, returnUrl: returnUrl ?? fromToken.returnUrl, errorOnRequiresAction, viaApi: true, mandateAcceptance: mandateAcceptance ?? fromToken.mandateAcceptance, ...(fromToken.setupFutureUsage !== undefined ? { setupFutureUsage: fromToken.setupFutureUsage } : {}) });
      }
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
      const types = readMethodTypes(ctx, params);
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
      if (types.allowed) pi.allowed_payment_method_types = types.allowed as Stripe.PaymentIntent['allowed_payment_method_types'];
      if (types.given) pi.payment_method_types = intentMethodTypes(ctx, types, null, pi.currency);
      else if (currencyText !== undefined && pi.automatic_payment_methods?.enabled) pi.payment_method_types = intentMethodTypes(ctx, types, pi.automatic_payment_methods, pi.currency);
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
        viaApi: true,
        mandateAcceptance: readMandateData(params),
      };
      params.bool('use_stripe_sdk');
      const types = readMethodTypes(ctx, params);
      params.ignore('payment_method_options', 'shipping', 'save_payment_method');
      if (ctx.caller === 'publishable') params.ignore('key', ...STRIPE_JS_PARAMS);
      params.done();
      const record = requirePaymentIntent(ctx, path.id!);
      checkClientSecret(ctx, secret, record.object.client_secret, 'PaymentIntent');
      if (ctx.caller === 'publishable' && record.object.confirmation_method === 'manual') {
        throw unexpectedState(ctx, record.object, 'This PaymentIntent has confirmation_method=manual: it can only be confirmed with your secret key, from your server. Use handleCardAction on the client.');
      }
      if (types.allowed) record.object.allowed_payment_method_types = types.allowed as Stripe.PaymentIntent['allowed_payment_method_types'];
      if (types.given) record.object.payment_method_types = intentMethodTypes(ctx, types, null, record.object.currency);
      if (choice.token) {
        // A token carries what the browser collected; the server's own params win where both are given.
        const fromToken = spendConfirmationToken(choice.token, record.object);
        input.returnUrl ??= fromToken.returnUrl;
        input.mandateAcceptance ??= fromToken.mandateAcceptance;
        if (input.setupFutureUsage === undefined && fromToken.setupFutureUsage !== undefined) input.setupFutureUsage = fromToken.setupFutureUsage;
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
      // An authorized, uncaptured charge is released (Stripe reports it as refunded).
      const held = pi.status === 'requires_capture' && typeof pi.latest_charge === 'string' ? ctx.state.charges.get(pi.latest_charge) : undefined;
      if (held) releaseAuthorization(ctx, held);
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
      const charge = typeof pi.latest_charge === 'string' ? ctx.state.charges.get(pi.latest_charge) : undefined;
      if (charge) captureCharge(ctx, charge, amount);
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
      const listing = customer ? ctx.state.paymentIntents.listing('customer', customer) : ctx.state.paymentIntents.listing();
      const list = page(listing, params, '/v1/payment_intents', (r) => r.object);
      params.done();
      return list;
    },
  },
];
