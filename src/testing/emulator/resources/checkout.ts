// Checkout Sessions in `setup` and `payment` mode, and the emulator's hosted-page actions that complete them.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest, missingParam, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { page } from '../list.js';
import { checkAmount, readCurrency } from '../money.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import type { CheckoutRecord } from '../state.js';
import { view } from '../views.js';
import { successRedirect } from './checkout-completion.js';
import { createCustomer, requireCustomer } from './customers.js';
import { readMethodTypes } from './intent-params.js';
import { emptyAddress } from './objects.js';
import { confirmPaymentIntent, createPaymentIntent } from './payment-intent-flow.js';
import { readCardPaymentMethod, storeCardPaymentMethod } from './payment-methods.js';
import { confirmSetupIntent, createSetupIntent } from './setup-intents.js';

const SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

export function requireSession(ctx: Context, id: string, param = 'id'): CheckoutRecord {
  const record = ctx.state.checkoutSessions.get(id);
  if (!record) throw resourceMissing('checkout.session', id, param);
  return record;
}

function readUrl(params: Params, key: string, required: boolean): string | undefined {
  const url = params.str(key, { required, max: 5000 });
  if (url !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url)) throw invalidRequest(`Not a valid URL: ${key} must be an absolute URL, got '${url.slice(0, 200)}'.`, key, 'url_invalid');
  return url;
}

interface LineItem {
  name: string;
  quantity: number;
  unitAmount: number;
  currency: string;
}

function readLineItems(params: Params): LineItem[] | undefined {
  const items = params.objList('line_items');
  if (!items) return undefined;
  return items.map((item, i) => {
    const priceId = item.str('price');
    if (priceId) throw resourceMissing('price', priceId, `line_items[${i}][price]`);
    const priceData = item.obj('price_data', { required: true })!;
    const currency = readCurrency(priceData.str('currency', { required: true })!, `line_items[${i}][price_data][currency]`);
    const unitAmount = priceData.int('unit_amount', { required: true, min: 0 })!;
    const product = priceData.obj('product_data', { required: true })!;
    const name = product.str('name', { required: true, max: 250 })!;
    product.ignore('description', 'images', 'metadata', 'tax_code');
    priceData.ignore('tax_behavior', 'product', 'recurring');
    const quantity = item.int('quantity', { required: true, min: 1, max: 999_999 })!;
    item.ignore('adjustable_quantity', 'tax_rates');
    return { name, quantity, unitAmount, currency };
  });
}

function buildSession(ctx: Context, fields: {
  mode: 'setup' | 'payment'; successUrl: string; cancelUrl: string | null; customer: string | null; customerEmail: string | null;
  currency: string | null; amountTotal: number | null; metadata: Record<string, string>; clientReferenceId: string | null;
  customerCreation: 'always' | 'if_required' | null; locale: string | null; submitType: string | null; billingAddressCollection: string | null;
  allowedPaymentMethodTypes: string[] | null;
}): Stripe.Checkout.Session {
  const id = newId('checkout_session');
  const created = ctx.now();
  const session = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allowed_payment_method_types: fields.allowedPaymentMethodTypes,
    allow_promotion_codes: null,
    amount_subtotal: fields.amountTotal,
    amount_total: fields.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: fields.billingAddressCollection,
    cancel_url: fields.cancelUrl,
    client_reference_id: fields.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: fields.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: fields.customer,
    customer_account: null,
    customer_creation: fields.customerCreation,
    customer_details: fields.customerEmail
      ? { address: null, business_name: null, email: fields.customerEmail, individual_name: null, name: null, phone: null, tax_exempt: 'none', tax_ids: null }
      : null,
    customer_email: fields.customerEmail,
    discounts: null,
    expires_at: created + SESSION_LIFETIME_SECONDS,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: fields.locale,
    managed_payments: null,
    metadata: fields.metadata,
    mode: fields.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: fields.mode === 'setup' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: fields.mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: fields.submitType,
    subscription: null,
    success_url: successRedirect(fields.successUrl, id),
    total_details: fields.amountTotal === null ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${ctx.publicUrl}/checkout/${id}`,
    wallet_options: null,
  };
  return session as unknown as Stripe.Checkout.Session;
}

const EXPAND = ['customer', 'setup_intent', 'payment_intent', 'setup_intent.payment_method', 'payment_intent.payment_method'] as const;

/** What the hosted page needs to draw itself (no secrets, no card data). */
function summary(record: CheckoutRecord, lineItems: LineItem[] | undefined) {
  const session = record.object;
  return {
    id: session.id,
    object: 'checkout.session.summary',
    mode: session.mode,
    status: session.status,
    payment_status: session.payment_status,
    amount_total: session.amount_total,
    currency: session.currency,
    customer_email: session.customer_details?.email ?? session.customer_email,
    line_items: lineItems?.map((item) => ({ name: item.name, quantity: item.quantity, amount: item.unitAmount * item.quantity })) ?? [],
    success_url: successRedirect(record.successUrlTemplate, session.id),
    cancel_url: session.cancel_url,
    expires_at: session.expires_at,
  };
}

const lineItemsBySession = new WeakMap<CheckoutRecord, LineItem[]>();

export const checkoutRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/checkout/sessions', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params }) => {
      const mode = params.str('mode', { required: true })!;
      if (mode !== 'setup' && mode !== 'payment') {
        throw invalidRequest(`Invalid mode: the emulator supports setup and payment; got '${mode.slice(0, 50)}'.`, 'mode');
      }
      const successUrl = readUrl(params, 'success_url', true)!;
      const cancelUrl = readUrl(params, 'cancel_url', false) ?? null;
      const customerId = params.str('customer');
      const customerEmail = params.str('customer_email', { max: 800 });
      if (customerId && customerEmail) throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
      const currencyText = params.str('currency');
      const lineItems = readLineItems(params);
      const types = readMethodTypes(ctx, params);
      const metadata = mergeMetadata({}, params.metadata('metadata'));
      const setupData = params.obj('setup_intent_data');
      const paymentData = params.obj('payment_intent_data');
      const record: Omit<CheckoutRecord, 'object'> = {
        successUrlTemplate: successUrl,
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
      params.oneOf('ui_mode', ['hosted']);
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
        amountTotal = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
        checkAmount(amountTotal, currency, 'line_items');
      } else {
        if (lineItems) throw invalidRequest('line_items cannot be used in setup mode: a setup session saves a card without charging it.', 'line_items');
        if (paymentData) throw invalidRequest('payment_intent_data can only be used in payment mode.', 'payment_intent_data');
      }
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      const session = buildSession(ctx, {
        mode, successUrl, cancelUrl, customer: customerId ?? null, customerEmail: customerEmail ?? null, currency, amountTotal, metadata,
        allowedPaymentMethodTypes: types.allowed, ...fields,
      });
      const stored: CheckoutRecord = { ...record, object: session };
      if (lineItems) lineItemsBySession.set(stored, lineItems);
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
      params.done();
      const record = requireSession(ctx, path.id!);
      return summary(record, lineItemsBySession.get(record));
    },
  },
  {
    method: 'POST', pattern: '/checkout/:id/complete', access: 'action',
    handle: ({ ctx, params, path }) => {
      const pending = readCardPaymentMethod(ctx, params, { typeImplied: true });
      const email = params.str('email', { max: 800 });
      params.ignore('key');
      params.done();
      const record = requireSession(ctx, path.id!);
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
      return { status: 'complete', redirect: successRedirect(record.successUrlTemplate, session.id), session: summary(record, lineItemsBySession.get(record)) };
    },
  },
];
