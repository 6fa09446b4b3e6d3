// Sources (`POST /v1/sources`, `GET /v1/sources/:id`), what Stripe.js's createSource and retrieveSource use: card
// sources from raw card data or from a card token, chargeable at once, with a client secret a publishable key must
// present to read them back. Other source types are refused with a 400 that says so.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest, missingParam, resourceMissing } from '../errors.js';
import { newId, randomAlnum } from '../ids.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import type { LegacyCardData, SourceRecord } from '../state.js';
import { emptyAddress } from './objects.js';
import { readCardData, STRIPE_JS_TELEMETRY } from './payment-methods.js';
import { consumeCardToken, LEGACY_BRAND } from './tokens.js';

function readOwner(owner: Params | undefined): Stripe.Source.Owner {
  const result: Stripe.Source.Owner = {
    address: emptyAddress(), email: null, name: null, phone: null,
    verified_address: null, verified_email: null, verified_name: null, verified_phone: null,
  };
  if (!owner) return result;
  result.email = owner.str('email', { max: 800 }) ?? null;
  result.name = owner.str('name', { max: 800 }) ?? null;
  result.phone = owner.str('phone', { max: 50 }) ?? null;
  const address = owner.obj('address');
  if (address) {
    for (const key of ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const) result.address![key] = address.str(key, { max: 800 }) ?? null;
  }
  return result;
}

/** The card behind the new source: `token=tok_...` (spent here) or `card[number]`, `card[exp_month]`, ... */
function readSourceCard(ctx: Context, params: Params): LegacyCardData {
  const token = params.str('token', { max: 200 });
  const card = params.obj('card');
  if (token && card) throw invalidRequest('You may only specify one of these parameters: token, card.', 'token');
  if (token) {
    const data = consumeCardToken(ctx, token, 'token');
    if (!data) throw resourceMissing('token', token, 'token');
    return data;
  }
  if (!card) throw missingParam('card');
  card.ignore('name', 'address_line1', 'address_line2', 'address_city', 'address_state', 'address_zip', 'address_country');
  return readCardData(ctx, card);
}

function sourceCard(data: LegacyCardData, owner: Stripe.Source.Owner): Stripe.Source.Card {
  return {
    address_line1_check: owner.address?.line1 ? 'unchecked' : null,
    address_zip_check: owner.address?.postal_code ? 'unchecked' : null,
    brand: LEGACY_BRAND[data.card.brand],
    country: 'US',
    cvc_check: data.cvcGiven ? 'unchecked' : null,
    dynamic_last4: null,
    exp_month: data.expMonth,
    exp_year: data.expYear,
    fingerprint: data.fingerprint,
    funding: data.card.funding ?? 'credit',
    last4: data.last4,
    name: owner.name,
    // Cards that ask for 3D Secure on every payment say so, as Stripe's card sources do.
    three_d_secure: data.card.payment === '3ds' ? 'required' : 'optional',
    tokenization_method: null,
  };
}

export const sourceRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/sources', access: 'either',
    handle: ({ ctx, params }) => {
      params.ignore('_stripe_version', '_stripe_account', ...STRIPE_JS_TELEMETRY);
      const type = params.str('type', { required: true, max: 100 })!;
      if (type !== 'card') {
        throw invalidRequest(`The Stripe emulator creates card sources only; ${type} sources are not emulated. Use PaymentMethods for other payment methods.`, 'type', 'parameter_unsupported');
      }
      const owner = readOwner(params.obj('owner'));
      const amount = params.int('amount', { min: 0 }) ?? null;
      const currency = params.str('currency', { max: 3 })?.toLowerCase() ?? null;
      const usage = params.oneOf('usage', ['reusable', 'single_use']) ?? 'reusable';
      const statementDescriptor = params.str('statement_descriptor', { max: 22 }) ?? null;
      const metadata = mergeMetadata({}, params.metadata('metadata'));
      const data = readSourceCard(ctx, params);
      params.done();
      const id = newId('source');
      const object = {
        id, object: 'source', allow_redisplay: null, amount, card: sourceCard(data, owner), client_secret: `src_client_secret_${randomAlnum(24)}`,
        created: ctx.now(), currency, flow: 'none', livemode: false, metadata, owner, statement_descriptor: statementDescriptor,
        status: 'chargeable', type: 'card', usage,
      } as Stripe.Source;
      const record: SourceRecord = { object, card: data };
      ctx.state.sources.set(id, record);
      return object;
    },
  },
  {
    method: 'GET', pattern: '/v1/sources/:id', access: 'either',
    handle: ({ ctx, params, path }) => {
      const secret = params.str('client_secret', { max: 200 });
      params.done();
      const record = ctx.state.sources.get(path.id!);
      if (!record) throw resourceMissing('source', path.id!);
      // A publishable key reads a source only with its client secret (what retrieveSource sends).
      if (ctx.caller === 'publishable') {
        if (!secret) throw missingParam('client_secret');
        if (secret !== record.object.client_secret) throw invalidRequest('The client_secret provided does not match the client_secret associated with the source.', 'client_secret');
      }
      return record.object;
    },
  },
];
