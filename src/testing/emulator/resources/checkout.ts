// Checkout Sessions in `setup` and `payment` mode, hosted or embedded, and the emulator's page actions that complete
// them (the hosted page and the fake Stripe.js's embedded form both post to them).
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest, missingParam, resourceMissing } from '../errors.js';
import { page } from '../list.js';
import { checkAmount, readCurrency } from '../money.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import type { CheckoutRecord } from '../state.js';
import { view } from '../views.js';
import { completionRedirect } from './checkout-completion.js';
import { lineItemRoutes, readLineItems } from './checkout-line-items.js';
import { buildSession, readPresentation } from './checkout-session.js';
import { createCustomer, requireCustomer } from './customers.js';
import { readMethodTypes } from './intent-params.js';
import { emptyAddress } from './objects.js';
import { confirmPaymentIntent, createPaymentIntent } from './payment-intent-flow.js';
import { readCardPaymentMethod, storeCardPaymentMethod } from './payment-methods.js';
import { confirmSetupIntent, createSetupIntent } from './setup-intents.js';

export function requireSession(ctx: Context, id: string, param = 'id'): CheckoutRecord {
  const record = ctx.state.checkoutSessions.get(id);
  if (!record) throw resourceMissing('checkout.session', id, param);
  return record;
}

const EXPAND = ['customer', 'setup_intent', 'payment_intent', 'setup_intent.payment_method', 'payment_intent.payment_method', 'line_items'] as const;

/** An embedded session is reached with its client_secret (Stripe.js holds it); a hosted one by its URL alone. */
function requireReachable(ctx: Context, params: Params, id: string): CheckoutRecord {
  const clientSecret = params.str('client_secret', { max: 500 });
  const record = requireSession(ctx, id);
  if (record.embedded && clientSecret !== record.object.client_secret) {
    throw invalidRequest(clientSecret === undefined
      ? 'This Checkout Session is embedded: pass its client_secret, as Stripe.js does.'
      : `The client_secret provided does not match the client_secret associated with the Checkout Session ${id}.`, 'client_secret');
  }
  return record;
}

/** What the hosted page or the embedded form needs to draw itself (no secrets, no card data). */
function summary(record: CheckoutRecord) {
  const session = record.object;
  return {
    id: session.id,
    object: 'checkout.session.summary',
    mode: session.mode,
    ui_mode: session.ui_mode,
    status: session.status,
    payment_status: session.payment_status,
    amount_total: session.amount_total,
    currency: session.currency,
    customer_email: session.customer_details?.email ?? session.customer_email,
    line_items: (record.lineItems ?? []).map((item) => ({ name: item.description, quantity: item.quantity, amount: item.amount_total })),
    redirect: session.status === 'complete' ? completionRedirect(record) : null,
    cancel_url: session.cancel_url,
    expires_at: session.expires_at,
  };
}

export const checkoutRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/checkout/sessions', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params }) => {
      const mode = params.str('mode', { required: true })!;
      if (mode !== 'setup' && mode !== 'payment') {
        throw invalidRequest(`Invalid mode: the emulator supports setup and payment; got '${mode.slice(0, 50)}'.`, 'mode');
      }
      const presentation = readPresentation(ctx, params);
      const customerId = params.str('customer');
      const customerEmail = params.str('customer_email', { max: 800 });
      if (customerId && customerEmail) throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
      const currencyText = params.str('currency');
      const lineItems = readLineItems(ctx, params);
      const types = readMethodTypes(ctx, params, 'checkout');
      const metadata = mergeMetadata({}, params.metadata('metadata'));
      const setupData = params.obj('setup_intent_data');
      const paymentData = params.obj('payment_intent_data');
      const record: Omit<CheckoutRecord, 'object'> = {
        embedded: presentation.embedded,
        lineItems,
        setupIntentData: { metadata: mergeMetadata({}, setupData?.metadata('metadata')), description: setupData?.str('description') },
        paymentIntentData: {
          metadata: mergeMetadata({}, paymentData?.metadata('metadata')),
          setupFutureUsage: paymentData?.oneOf('setup_future_usage', ['on_session', 'off_session'] as const),
          captureMethod: paymentData?.oneOf('capture_method', ['automatic', 'manual'] as const),
          description: paymentData?.str('description'),
        },
      };
      setupData?.ignore('on_behalf_of');
      paymentData?.ignore('receipt_email', 'statement_descriptor', 'statement_descriptor_suffix', 'shipping', 'transfer_group');
      const fields = {
        clientReferenceId: params.str('client_reference_id', { max: 200 }) ?? null,
        customerCreation: params.oneOf('customer_creation', ['always', 'if_required'] as const) ?? null,
        locale: params.str('locale', { max: 20 }) ?? null,
        submitType: params.oneOf('submit_type', ['auto', 'book', 'donate', 'pay', 'subscribe']) ?? null,
        billingAddressCollection: params.oneOf('billing_address_collection', ['auto', 'required']) ?? null,
      };
      params.ignore('expires_at', 'payment_method_collection', 'consent_collection', 'custom_text', 'phone_number_collection', 'allow_promotion_codes', 'payment_method_options');
      params.done();

      let currency = currencyText ? readCurrency(currencyText) : null;
      let amountTotal: number | null = null;
      if (mode === 'payment') {
        if (!lineItems || lineItems.length === 0) throw missingParam('line_items');
        if (setupData) throw invalidRequest('setup_intent_data can only be used in setup mode.', 'setup_intent_data');
        currency = lineItems[0]!.currency;
        lineItems.forEach((item, i) => {
          if (item.currency !== currency) throw invalidRequest(`All line items must use the same currency; line_items[${i}] uses ${item.currency}, not ${currency}.`, `line_items[${i}][price_data][currency]`);
        });
        amountTotal = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
        checkAmount(amountTotal, currency, 'line_items');
      } else {
        if (lineItems) throw invalidRequest('line_items cannot be used in setup mode: a setup session saves a card without charging it.', 'line_items');
        if (paymentData) throw invalidRequest('payment_intent_data can only be used in payment mode.', 'payment_intent_data');
      }
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      const session = buildSession(ctx, {
        mode, presentation, customer: customerId ?? null, customerEmail: customerEmail ?? null, currency, amountTotal, metadata,
        allowedPaymentMethodTypes: types.allowed, ...fields,
      });
      const stored: CheckoutRecord = { ...record, object: session };
      ctx.state.checkoutSessions.set(session.id, stored);
      return session;
    },
  },
  {
    method: 'GET', pattern: '/v1/checkout/sessions/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      params.done();
      return requireSession(ctx, path.id!).object;
    },
  },
  {
    method: 'POST', pattern: '/v1/checkout/sessions/:id/expire', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      params.done();
      const session = requireSession(ctx, path.id!).object;
      if (session.status !== 'open') throw invalidRequest(`Only open Checkout Sessions can be expired; this one is ${session.status}.`, 'id', 'checkout_session_not_open');
      session.status = 'expired';
      ctx.emit('checkout.session.expired', session);
      return session;
    },
  },
  {
    method: 'GET', pattern: '/v1/checkout/sessions', access: 'secret', expand: EXPAND.map((path) => `data.${path}`),
    handle: ({ ctx, params }) => {
      const paymentIntent = params.str('payment_intent');
      const customer = params.str('customer');
      params.ignore('created', 'status');
      const sessions = ctx.state.checkoutSessions;
      const listing = paymentIntent ? sessions.listing('payment_intent', paymentIntent) : customer ? sessions.listing('customer', customer) : sessions.listing();
      const list = page(listing, params, '/v1/checkout/sessions', (r) => (!customer || r.object.customer === customer ? r.object : undefined));
      params.done();
      return list;
    },
  },
  {
    method: 'GET', pattern: '/checkout/:id', access: 'open',
    handle: ({ ctx, params, path }) => {
      params.ignore('key');
      const record = requireReachable(ctx, params, path.id!);
      params.done();
      return summary(record);
    },
  },
  {
    method: 'POST', pattern: '/checkout/:id/complete', access: 'action',
    handle: ({ ctx, params, path }) => {
      const pending = readCardPaymentMethod(ctx, params, { typeImplied: true });
      const email = params.str('email', { max: 800 });
      params.ignore('key');
      const record = requireReachable(ctx, params, path.id!);
      params.done();
      const session = record.object;
      if (session.status !== 'open') {
        throw invalidRequest(`This Checkout Session is no longer open (status: ${session.status}).`, undefined, 'checkout_session_not_open');
      }
      const customerEmail = email ?? pending.billing.email ?? session.customer_email ?? null;
      session.customer_details = {
        address: pending.billing.address ?? emptyAddress(), business_name: null, email: customerEmail, individual_name: null,
        name: pending.billing.name, phone: pending.billing.phone, tax_exempt: 'none', tax_ids: [],
      } as Stripe.Checkout.Session.CustomerDetails;
      if (!session.customer && session.customer_creation === 'always') {
        session.customer = createCustomer(ctx, { email: customerEmail ?? undefined, name: pending.billing.name ?? undefined }).id;
      }
      const customer = (session.customer as string | null) ?? null;
      const paymentMethod = storeCardPaymentMethod(ctx, pending);

      let intent: Stripe.PaymentIntent | Stripe.SetupIntent;
      if (session.mode === 'setup') {
        const existing = typeof session.setup_intent === 'string' ? ctx.state.setupIntents.get(session.setup_intent) : undefined;
        const si = existing && existing.object.status !== 'canceled'
          ? existing
          : createSetupIntent(ctx, { customer, metadata: record.setupIntentData.metadata, description: record.setupIntentData.description, checkoutSession: session.id });
        session.setup_intent = si.object.id;
        confirmSetupIntent(ctx, si, { paymentMethod });
        intent = si.object;
      } else {
        const existing = typeof session.payment_intent === 'string' ? ctx.state.paymentIntents.get(session.payment_intent) : undefined;
        const pi = existing && existing.object.status !== 'canceled'
          ? existing
          : createPaymentIntent(ctx, {
            amount: session.amount_total!, currency: session.currency!, customer, metadata: record.paymentIntentData.metadata,
            setupFutureUsage: record.paymentIntentData.setupFutureUsage, captureMethod: record.paymentIntentData.captureMethod,
            description: record.paymentIntentData.description, checkoutSession: session.id,
          });
        session.payment_intent = pi.object.id;
        confirmPaymentIntent(ctx, pi, { paymentMethod });
        intent = pi.object;
      }
      if (intent.status === 'requires_action') {
        const source = ctx.state.pendingChallenges.get(intent.id)!;
        return { status: 'requires_action', source, url: `${ctx.publicUrl}/3ds/${source}`, intent: view(ctx, intent) };
      }
      return { status: 'complete', redirect: completionRedirect(record), session: summary(record) };
    },
  },
  ...lineItemRoutes,
];
