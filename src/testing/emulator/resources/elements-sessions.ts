// GET /v1/elements/sessions: what a Payment Element shows, asked by the fake Stripe.js with the publishable key —
// the emulator's stand-in for the internal call real Stripe.js makes when `elements()` is created. It answers
// the payment method types (the intent's, or for a deferred intent the enabled ones that fit the currency and mode)
// and, with a CustomerSession, the customer's saved PaymentMethods the session lets the element redisplay.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest } from '../errors.js';
import { readCurrency } from '../money.js';
import type { Params } from '../params.js';
import { automaticTypesFor, type PaymentMethodType } from '../payment-method-types.js';
import type { Route } from '../router.js';
import { view } from '../views.js';
import { findSession } from './customer-sessions.js';
import { checkClientSecret, requirePaymentIntent } from './payment-intent-flow.js';
import { STRIPE_JS_TELEMETRY } from './payment-methods.js';

/** Types the emulator's SetupIntents take: cards (saving SEPA Debit or a redirect method by SetupIntent is not emulated). */
const SETUP_TYPES = (type: PaymentMethodType) => type === 'card';

function deferredTypes(ctx: Context, deferred: Params): { types: string[]; mode: string; amount: number | null; currency: string | null } {
  const mode = deferred.oneOf('mode', ['payment', 'setup', 'subscription'] as const, { required: true })!;
  const amount = deferred.int('amount', { min: 0 }) ?? null;
  const currencyText = deferred.str('currency');
  const currency = currencyText ? readCurrency(currencyText) : null;
  const listed = deferred.list('payment_method_types');
  deferred.ignore('setup_future_usage', 'capture_method', 'on_behalf_of', 'payment_method_configuration', 'payment_method_options');
  if (mode !== 'setup' && (amount === null || currency === null)) {
    throw invalidRequest(`In ${mode} mode, elements() needs both amount and currency.`, amount === null ? 'deferred_intent[amount]' : 'deferred_intent[currency]');
  }
  const offered = automaticTypesFor(ctx.enabledTypes, currency ?? 'eur', undefined).filter((type) => mode !== 'setup' || SETUP_TYPES(type));
  if (listed) {
    listed.forEach((type, i) => {
      if (!ctx.enabledTypes.includes(type as PaymentMethodType)) {
        throw invalidRequest(`The payment method type provided: ${type} is invalid. Please ensure the provided type is activated in your dashboard (the emulator's paymentMethodTypes option: ${ctx.enabledTypes.join(', ')}).`, `deferred_intent[payment_method_types][${i}]`);
      }
    });
    return { types: listed, mode, amount, currency };
  }
  if (offered.length === 0) throw invalidRequest(`No enabled payment method type can be used in ${mode} mode with currency ${currency}.`, 'deferred_intent[currency]');
  return { types: offered, mode, amount, currency };
}

function savedMethods(ctx: Context, secret: string): Record<string, unknown> {
  const session = findSession(ctx, secret);
  const element = session.components?.payment_element;
  const features = element?.enabled ? element.features : null;
  const filters = features?.payment_method_allow_redisplay_filters ?? ['always'];
  const redisplay = features?.payment_method_redisplay === 'enabled';
  const limit = features?.payment_method_redisplay_limit ?? 3;
  const methods: Stripe.PaymentMethod[] = [];
  if (redisplay) {
    for (const record of ctx.state.paymentMethods.listing('customer', String(session.customer)).newestFirst() ?? []) {
      if (methods.length >= limit) break;
      if (!record.spent && filters.includes(record.object.allow_redisplay ?? 'unspecified')) methods.push(record.object);
    }
  }
  return { customer: session.customer, features, payment_methods: methods.map((pm) => view(ctx, pm)) };
}

export const elementsSessionRoutes: Route[] = [
  {
    method: 'GET', pattern: '/v1/elements/sessions', access: 'either',
    handle: ({ ctx, params }) => {
      const type = params.oneOf('type', ['deferred_intent', 'payment_intent', 'setup_intent'] as const, { required: true })!;
      const customerSession = params.str('customer_session_client_secret', { max: 200 });
      params.ignore('key', 'locale', '_stripe_version', ...STRIPE_JS_TELEMETRY);
      let answer: Record<string, unknown>;
      if (type === 'deferred_intent') {
        const deferred = deferredTypes(ctx, params.obj('deferred_intent', { required: true })!);
        params.done();
        answer = { payment_method_types: deferred.types, mode: deferred.mode, amount: deferred.amount, currency: deferred.currency, intent: null };
      } else {
        const secret = params.str('client_secret', { required: true })!;
        params.done();
        if (type === 'payment_intent') {
          const record = requirePaymentIntent(ctx, secret.split('_secret_')[0]!, 'client_secret');
          checkClientSecret(ctx, secret, record.object.client_secret, 'PaymentIntent');
          const pi = record.object;
          answer = { payment_method_types: pi.payment_method_types, mode: 'payment', amount: pi.amount, currency: pi.currency, intent: view(ctx, pi) };
        } else {
          const record = ctx.state.setupIntents.get(secret.split('_secret_')[0]!);
          if (!record) throw invalidRequest(`No such setupintent: '${secret.split('_secret_')[0]}'`, 'client_secret', 'resource_missing', 404);
          checkClientSecret(ctx, secret, record.object.client_secret, 'SetupIntent');
          answer = { payment_method_types: record.object.payment_method_types, mode: 'setup', amount: null, currency: null, intent: view(ctx, record.object) };
        }
      }
      return { object: 'elements_session', ...answer, customer: customerSession ? savedMethods(ctx, customerSession) : null };
    },
  },
];
