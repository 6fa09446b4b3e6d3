// PaymentMethods: created from raw card data (as Stripe.js does) or from `pm_card_*` test ids; attach, detach, list.
import type Stripe from 'stripe';
import { cardForNumber, cardForTestId, cardForTestToken, DECLINES, luhnValid, type Brand, type Decline, type TestCard } from '../cards.js';
import type { Context } from '../context.js';
import { ApiError, errorBody, invalidRequest, resourceMissing } from '../errors.js';
import { fingerprint, newId } from '../ids.js';
import { page } from '../list.js';
import { mergeMetadata, type Params } from '../params.js';
import type { PaymentMethodRecord, TokenRecord } from '../state.js';
import type { Route } from '../router.js';
import { view } from '../views.js';
import { emptyAddress } from './objects.js';
import { requireCustomer } from './customers.js';
import { isLocalType, LOCAL_TYPES, readLocalPaymentMethod, storeLocalPaymentMethod, type PendingLocal } from './local-methods.js';

/** A card-level failure (bad number, expiry, decline): HTTP 402, type card_error. */
export function cardError(decline: Decline, extra: { param?: string; charge?: string } = {}): ApiError {
  return new ApiError(402, errorBody({ type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, param: extra.param ?? decline.param, charge: extra.charge }));
}

/** What Stripe.js sends along with real params: accepted and ignored. */
export const STRIPE_JS_TELEMETRY = [
  'payment_user_agent', 'time_on_page', 'pasted_fields', 'guid', 'muid', 'sid', 'referrer', 'client_attribution_metadata', 'client_context',
];

const DISPLAY_BRAND: Record<Brand, string> = {
  visa: 'visa', mastercard: 'mastercard', amex: 'american_express', discover: 'discover', diners: 'diners_club', jcb: 'jcb', unionpay: 'union_pay', unknown: 'other',
};

interface CardInput {
  card: TestCard;
  last4: string;
  expMonth: number;
  expYear: number;
  cvcGiven: boolean;
  fingerprint: string;
}

/** Validates `card[number|exp_month|exp_year|cvc]` the way Stripe does, with Stripe's codes and params. */
export function readCardData(ctx: Context, card: Params): CardInput {
  const rawNumber = card.str('number', { required: true, max: 100 })!;
  const expMonthText = card.str('exp_month', { required: true, max: 10 })!;
  const expYearText = card.str('exp_year', { required: true, max: 10 })!;
  const cvc = card.str('cvc', { max: 10 });
  card.ignore('name', 'address_zip', 'address_line1', 'address_country', 'networks');
  const number = rawNumber.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) throw cardError({ code: 'invalid_number', message: 'Your card number is not a valid credit card number.' }, { param: 'number' });
  if (!luhnValid(number)) throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.' }, { param: 'number' });
  if (!/^\d{1,2}$/.test(expMonthText) || +expMonthText < 1 || +expMonthText > 12) {
    throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid." }, { param: 'exp_month' });
  }
  if (!/^\d{2}$|^\d{4}$/.test(expYearText)) throw cardError({ code: 'invalid_expiry_year', message: "Your card's expiration year is invalid." }, { param: 'exp_year' });
  const expMonth = +expMonthText;
  const expYear = expYearText.length === 2 ? 2000 + +expYearText : +expYearText;
  const today = new Date(ctx.now() * 1000);
  const year = today.getUTCFullYear();
  if (expYear < year || expYear > year + 50) throw cardError({ code: 'invalid_expiry_year', message: "Your card's expiration year is invalid." }, { param: 'exp_year' });
  if (expYear === year && expMonth < today.getUTCMonth() + 1) {
    throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid." }, { param: 'exp_month' });
  }
  const testCard = cardForNumber(number);
  if (cvc !== undefined && !(testCard.brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) {
    throw cardError({ code: 'invalid_cvc', message: "Your card's security code is invalid." }, { param: 'cvc' });
  }
  // Only the last four digits and a fingerprint are kept: the emulator never stores a full card number.
  return { card: testCard, last4: number.slice(-4), expMonth, expYear, cvcGiven: cvc !== undefined, fingerprint: fingerprint(number) };
}

export function readBillingDetails(billing: Params | undefined): Stripe.PaymentMethod.BillingDetails {
  const details: Stripe.PaymentMethod.BillingDetails = { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null };
  if (!billing) return details;
  details.email = billing.str('email', { max: 800 }) ?? null;
  details.name = billing.str('name', { max: 800 }) ?? null;
  details.phone = billing.str('phone', { max: 50 }) ?? null;
  const address = billing.obj('address');
  if (address) {
    for (const key of ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const) details.address![key] = address.str(key, { max: 800 }) ?? null;
  }
  return details;
}

function storeCard(ctx: Context, input: CardInput, billing: Stripe.PaymentMethod.BillingDetails, metadata: Record<string, string>): PaymentMethodRecord {
  const { card } = input;
  const object: Stripe.PaymentMethod = {
    id: newId('payment_method'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: billing,
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: billing.address?.postal_code ? 'pass' : null, cvc_check: input.cvcGiven ? 'pass' : null },
      country: 'US',
      display_brand: DISPLAY_BRAND[card.brand],
      exp_month: input.expMonth,
      exp_year: input.expYear,
      fingerprint: input.fingerprint,
      funding: card.funding ?? 'credit',
      generated_from: null,
      last4: input.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    } as Stripe.PaymentMethod.Card,
    created: ctx.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
    type: 'card',
  } as Stripe.PaymentMethod;
  const record: PaymentMethodRecord = { object, card, setUp: false, spent: false };
  ctx.state.paymentMethods.set(object.id, record);
  return record;
}

/** The card of a test id or test token, as Stripe makes it each time: expiring in December three years on. */
function testCardInput(ctx: Context, card: TestCard): CardInput {
  const year = new Date(ctx.now() * 1000).getUTCFullYear() + 3;
  return { card, last4: card.number.slice(-4), expMonth: 12, expYear: year, cvcGiven: true, fingerprint: fingerprint(card.number) };
}

/** A fresh PaymentMethod for a `pm_card_*` test id, as Stripe makes one each time the id is used. */
function fromTestId(ctx: Context, card: TestCard): PaymentMethodRecord {
  return storeCard(ctx, testCardInput(ctx, card), readBillingDetails(undefined), {});
}

/** A validated card PaymentMethod not stored yet: reading happens before a route changes anything. */
export interface PendingCard {
  input: CardInput;
  billing: Stripe.PaymentMethod.BillingDetails;
  metadata: Record<string, string>;
  /** The emulator-issued card token it came from, spent when the PaymentMethod is stored. */
  token?: TokenRecord;
  allowRedisplay?: AllowRedisplay;
}

export type AllowRedisplay = 'always' | 'limited' | 'unspecified';
const ALLOW_REDISPLAY = ['always', 'limited', 'unspecified'] as const;

/** PaymentMethod data of any emulated type (create, payment_method_data, ConfirmationTokens). */
export type PendingPaymentMethod = PendingCard | PendingLocal;

/** Reads PaymentMethod data: a card (readCardPaymentMethod) or iDEAL / Bancontact / SEPA Debit. */
export function readPaymentMethodData(ctx: Context, params: Params): PendingPaymentMethod {
  const type = params.str('type', { max: 50 });
  if (isLocalType(type)) {
    params.ignore('type', ...STRIPE_JS_TELEMETRY);
    const allowRedisplay = params.oneOf('allow_redisplay', ALLOW_REDISPLAY);
    return readLocalPaymentMethod(ctx, params, type, allowRedisplay);
  }
  return readCardPaymentMethod(ctx, params);
}

export function storePaymentMethodData(ctx: Context, pending: PendingPaymentMethod): PaymentMethodRecord {
  return 'type' in pending ? storeLocalPaymentMethod(ctx, pending) : storeCardPaymentMethod(ctx, pending);
}

/**
 * `card[token]`: one of Stripe's fixed test tokens (`tok_visa`, `tok_chargeDeclined`, ...: a fresh card each time)
 * or a card token from `POST /v1/tokens` (single use: checked here, spent when the PaymentMethod is stored).
 */
function readCardToken(ctx: Context, card: Params): { input: CardInput; token?: TokenRecord } {
  const param = card.name('token');
  const id = card.str('token', { max: 200 })!;
  const extra = ['number', 'exp_month', 'exp_year', 'cvc'].filter((key) => card.has(key));
  if (extra.length) throw invalidRequest(`You may only specify one of these parameters: ${param}, ${card.name(extra[0]!)}.`, param);
  const testCard = cardForTestToken(id);
  if (testCard) return { input: testCardInput(ctx, testCard) };
  const token = ctx.state.tokens.get(id);
  if (!token) throw resourceMissing('token', id, param);
  if (!token.card) throw invalidRequest(`The token ${id} is a ${token.object.type} token, not a card token.`, param);
  if (token.object.used) throw invalidRequest(`You cannot use a Stripe token more than once: ${id}.`, param, 'token_already_used');
  return { input: token.card, token };
}

/** Reads and validates `type=card&card[...]&billing_details[...]` (PaymentMethod create, payment_method_data). */
export function readCardPaymentMethod(ctx: Context, params: Params, options: { typeImplied?: boolean } = {}): PendingCard {
  // The emulator's hosted Checkout page posts card fields only; the type is implied there.
  params.oneOf('type', ['card', ...LOCAL_TYPES], { required: !options.typeImplied });
  const card = params.obj('card', { required: true })!;
  const billing = readBillingDetails(params.obj('billing_details'));
  const metadata = mergeMetadata({}, params.metadata('metadata'));
  const allowRedisplay = params.oneOf('allow_redisplay', ALLOW_REDISPLAY);
  // Stripe.js adds its telemetry next to the card fields (also inside payment_method_data).
  params.ignore(...STRIPE_JS_TELEMETRY);
  if (card.has('token')) return { ...readCardToken(ctx, card), billing, metadata, allowRedisplay };
  return { input: readCardData(ctx, card), billing, metadata, allowRedisplay };
}

export function storeCardPaymentMethod(ctx: Context, pending: PendingCard): PaymentMethodRecord {
  if (pending.token) pending.token.object.used = true;
  const record = storeCard(ctx, pending.input, pending.billing, pending.metadata);
  if (pending.allowRedisplay) record.object.allow_redisplay = pending.allowRedisplay;
  return record;
}

/** Resolves a payment method id wherever one is accepted: stored `pm_...`, or a `pm_card_*` test id. */
export function resolvePaymentMethod(ctx: Context, id: string, param = 'payment_method'): PaymentMethodRecord {
  const testCard = cardForTestId(id);
  if (testCard) return fromTestId(ctx, testCard);
  const record = ctx.state.paymentMethods.get(id);
  if (!record) throw resourceMissing('PaymentMethod', id, param);
  return record;
}

const SPENT_MESSAGE =
  'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.';

/** Refuses a PaymentMethod that can't be used for `customer` (spent, or another customer's card). */
export function assertUsable(record: PaymentMethodRecord, customer: string | null, param = 'payment_method'): void {
  if (record.spent) throw invalidRequest(SPENT_MESSAGE, param);
  const owner = record.object.customer as string | null;
  if (owner && owner !== customer) {
    throw invalidRequest(
      customer
        ? `The provided PaymentMethod ${record.object.id} belongs to customer ${owner}, not to ${customer}. Use a PaymentMethod attached to this customer.`
        : `The provided PaymentMethod ${record.object.id} is attached to customer ${owner}; pass customer=${owner} to use it.`,
      param,
    );
  }
}

/** Attaches to a customer (emits payment_method.attached). Issuer-decline cards are refused with their decline. */
export function attachPaymentMethod(ctx: Context, record: PaymentMethodRecord, customerId: string): void {
  if (record.spent) {
    throw invalidRequest('This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.', 'payment_method');
  }
  const owner = record.object.customer as string | null;
  if (owner === customerId) return;
  if (owner) throw invalidRequest(`The payment method you provided has already been attached to a customer (${owner}).`, 'payment_method');
  if (record.card.attach !== 'ok') throw cardError(DECLINES[record.card.attach]);
  record.object.customer = customerId;
  ctx.emit('payment_method.attached', record.object);
}

export function detachPaymentMethod(ctx: Context, record: PaymentMethodRecord): void {
  if (!record.object.customer) {
    throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', 'payment_method');
  }
  record.object.customer = null;
  record.spent = true;
  ctx.emit('payment_method.detached', record.object);
}

function listFor(ctx: Context, customerId: string | undefined, params: Params, url: string, allowRedisplay?: AllowRedisplay) {
  const type = params.oneOf('type', ['card', ...LOCAL_TYPES]);
  const listing = customerId ? ctx.state.paymentMethods.listing('customer', customerId) : ctx.state.paymentMethods.listing();
  const keep = (r: PaymentMethodRecord) => (!type || r.object.type === type) && (!allowRedisplay || r.object.allow_redisplay === allowRedisplay);
  const list = page(listing, params, url, (r) => (keep(r) ? r.object : undefined));
  params.done();
  return { ...list, data: list.data.map((pm) => view(ctx, pm)) };
}

export const paymentMethodRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/payment_methods', access: 'either', expand: ['customer'],
    handle: ({ ctx, params }) => {
      if (ctx.caller === 'publishable') params.ignore('key', '_stripe_version', '_stripe_account', 'radar_options');
      // Stripe also lets a server re-create a customer's PaymentMethod (Connect); only the data forms are emulated.
      const pending = readPaymentMethodData(ctx, params);
      params.done();
      return view(ctx, storePaymentMethodData(ctx, pending).object);
    },
  },
  {
    method: 'GET', pattern: '/v1/payment_methods/:id', access: 'secret', expand: ['customer'],
    handle: ({ ctx, params, path }) => {
      params.done();
      return view(ctx, resolvePaymentMethod(ctx, path.id!, 'id').object);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_methods/:id', access: 'secret', expand: ['customer'],
    handle: ({ ctx, params, path }) => {
      const record = resolvePaymentMethod(ctx, path.id!, 'id');
      const billing = params.obj('billing_details');
      const billingDetails = billing ? readBillingDetails(billing) : undefined;
      const metadata = params.metadata('metadata');
      const card = params.obj('card');
      const expMonth = card?.int('exp_month', { min: 1, max: 12 });
      const expYear = card?.int('exp_year', { min: 2000, max: 2100 });
      const allowRedisplay = params.oneOf('allow_redisplay', ALLOW_REDISPLAY);
      params.done();
      if (billingDetails) record.object.billing_details = billingDetails;
      if (allowRedisplay) record.object.allow_redisplay = allowRedisplay;
      record.object.metadata = mergeMetadata(record.object.metadata ?? {}, metadata);
      if (record.object.card && expMonth) record.object.card.exp_month = expMonth;
      if (record.object.card && expYear) record.object.card.exp_year = expYear;
      ctx.emit('payment_method.updated', record.object);
      return view(ctx, record.object);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_methods/:id/attach', access: 'secret', expand: ['customer'],
    handle: ({ ctx, params, path }) => {
      const customerId = params.str('customer', { required: true })!;
      params.done();
      requireCustomer(ctx, customerId, 'customer');
      const record = resolvePaymentMethod(ctx, path.id!, 'payment_method');
      attachPaymentMethod(ctx, record, customerId);
      return view(ctx, record.object);
    },
  },
  {
    method: 'POST', pattern: '/v1/payment_methods/:id/detach', access: 'secret', expand: ['customer'],
    handle: ({ ctx, params, path }) => {
      params.done();
      const record = resolvePaymentMethod(ctx, path.id!, 'payment_method');
      detachPaymentMethod(ctx, record);
      return view(ctx, record.object);
    },
  },
  {
    method: 'GET', pattern: '/v1/payment_methods', access: 'secret', expand: ['data.customer'],
    handle: ({ ctx, params }) => {
      const customerId = params.str('customer');
      if (customerId) requireCustomer(ctx, customerId, 'customer');
      return listFor(ctx, customerId, params, '/v1/payment_methods');
    },
  },
  {
    method: 'GET', pattern: '/v1/customers/:id/payment_methods', access: 'secret', expand: ['data.customer'],
    handle: ({ ctx, params, path }) => {
      requireCustomer(ctx, path.id!, 'customer');
      // Stripe filters a customer's list by allow_redisplay (what a Payment Element may show again).
      const allowRedisplay = params.oneOf('allow_redisplay', ALLOW_REDISPLAY);
      return listFor(ctx, path.id!, params, `/v1/customers/${path.id}/payment_methods`, allowRedisplay);
    },
  },
  {
    method: 'GET', pattern: '/v1/customers/:id/payment_methods/:pm', access: 'secret', expand: ['customer'],
    handle: ({ ctx, params, path }) => {
      params.done();
      requireCustomer(ctx, path.id!, 'customer');
      const record = ctx.state.paymentMethods.get(path.pm!);
      if (!record || record.object.customer !== path.id) throw resourceMissing('PaymentMethod', path.pm!, 'payment_method');
      return view(ctx, record.object);
    },
  },
];
