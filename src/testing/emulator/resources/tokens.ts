// Tokens (`POST /v1/tokens`), what Stripe.js's createToken makes: single-use card tokens from raw card data (with
// the legacy `card` object: capitalised brand, address checks) and cvc_update tokens. Bank account, PII, account
// and person tokens are refused with a 400 that says so. `consumeCardToken` is how other routes spend a card token.
import type Stripe from 'stripe';
import type { Brand } from '../cards.js';
import type { Context } from '../context.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import type { Params } from '../params.js';
import type { Route } from '../router.js';
import type { LegacyCardData, TokenRecord } from '../state.js';
import { readCardData, STRIPE_JS_TELEMETRY } from './payment-methods.js';

/** The brand names of Stripe's legacy `card` objects (tokens, sources, charges' `source`). */
export const LEGACY_BRAND: Record<Brand, string> = {
  visa: 'Visa', mastercard: 'MasterCard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay', unknown: 'Unknown',
};

const ADDRESS_FIELDS = ['address_line1', 'address_line2', 'address_city', 'address_state', 'address_zip', 'address_country'] as const;
const NOT_EMULATED = ['bank_account', 'pii', 'account', 'person'] as const;

interface CardExtras {
  name: string | null;
  address: Record<(typeof ADDRESS_FIELDS)[number], string | null>;
  currency: string | null;
}

function readExtras(card: Params): CardExtras {
  const address = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, card.str(field, { max: 800 }) ?? null])) as CardExtras['address'];
  return { name: card.str('name', { max: 800 }) ?? null, address, currency: card.str('currency', { max: 3 })?.toLowerCase() ?? null };
}

function legacyCard(data: LegacyCardData, extras: CardExtras): Stripe.Card {
  return {
    id: newId('card'),
    object: 'card',
    ...extras.address,
    address_line1_check: extras.address.address_line1 ? 'unchecked' : null,
    address_zip_check: extras.address.address_zip ? 'unchecked' : null,
    brand: LEGACY_BRAND[data.card.brand],
    country: 'US',
    ...(extras.currency ? { currency: extras.currency } : {}),
    cvc_check: data.cvcGiven ? 'unchecked' : null,
    dynamic_last4: null,
    exp_month: data.expMonth,
    exp_year: data.expYear,
    fingerprint: data.fingerprint,
    funding: data.card.funding ?? 'credit',
    last4: data.last4,
    metadata: {},
    name: extras.name,
    networks: { preferred: null },
    regulated_status: null,
    tokenization_method: null,
  } as Stripe.Card;
}

function storeToken(ctx: Context, type: 'card' | 'cvc_update', card?: Stripe.Card, data?: LegacyCardData): Stripe.Token {
  const object = {
    id: newId('token'), object: 'token', ...(card ? { card } : {}), client_ip: null, created: ctx.now(), livemode: false, type, used: false,
  } as Stripe.Token;
  const record: TokenRecord = { object, ...(data ? { card: data } : {}) };
  ctx.state.tokens.set(object.id, record);
  return object;
}

/**
 * Spends a card token wherever one is accepted (`card[token]`, `source=tok_...`): the card behind it, once.
 * Returns undefined for an id the emulator never issued (the caller decides about Stripe's fixed test tokens).
 */
export function consumeCardToken(ctx: Context, id: string, param: string): LegacyCardData | undefined {
  const record = ctx.state.tokens.get(id);
  if (!record) return undefined;
  if (!record.card) throw invalidRequest(`The token ${id} is a ${record.object.type} token, not a card token.`, param);
  if (record.object.used) throw invalidRequest(`You cannot use a Stripe token more than once: ${id}.`, param, 'token_already_used');
  record.object.used = true;
  return record.card;
}

export const tokenRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/tokens', access: 'either',
    handle: ({ ctx, params }) => {
      params.ignore('_stripe_version', '_stripe_account', ...STRIPE_JS_TELEMETRY);
      for (const kind of NOT_EMULATED) {
        if (params.has(kind)) {
          throw invalidRequest(`The Stripe emulator creates card and cvc_update tokens only; ${kind} tokens are not emulated.`, kind, 'parameter_unsupported');
        }
      }
      params.ignore(...NOT_EMULATED);
      const cvcUpdate = params.obj('cvc_update');
      if (cvcUpdate) {
        const cvc = cvcUpdate.str('cvc', { required: true, max: 4 })!;
        if (!/^\d{3,4}$/.test(cvc)) throw invalidRequest("Your card's security code is invalid.", 'cvc_update[cvc]', 'invalid_cvc');
        params.done();
        return storeToken(ctx, 'cvc_update');
      }
      const card = params.obj('card');
      if (!card) throw invalidRequest('Missing required param: card. Send card[number], card[exp_month], card[exp_year] (and card[cvc]), or cvc_update[cvc].', 'card', 'parameter_missing');
      const extras = readExtras(card);
      const data = readCardData(ctx, card);
      params.done();
      return storeToken(ctx, 'card', legacyCard(data, extras), data);
    },
  },
  {
    method: 'GET', pattern: '/v1/tokens/:id', access: 'secret',
    handle: ({ ctx, params, path }) => {
      params.done();
      const record = ctx.state.tokens.get(path.id!);
      if (!record) throw resourceMissing('token', path.id!);
      return record.object;
    },
  },
];
