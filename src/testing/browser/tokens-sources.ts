// Stripe.js's Tokens and Sources calls: createToken (card, cardNumber and cvc_update Elements; bank_account, pii,
// account and person data are sent as given and answered by the emulator), createSource (from an Element or from
// raw data) and retrieveSource. Results are `{ token }`, `{ source }` or `{ error }`, like Stripe.js's.
import { resultOf, type ApiClient } from './api-client.js';
import { cardParams, type AnyObject } from './card-params.js';
import { IntegrationError } from './errors.js';
import { readCardForConfirm, readCvcForUpdate } from './field-element.js';

const DATA_TOKEN_TYPES = new Set(['bank_account', 'pii', 'account', 'person']);

const isObject = (value: unknown): value is AnyObject => typeof value === 'object' && value !== null;

// Each call checks its arguments and reads the Element synchronously, so integration mistakes throw at the call
// like Stripe.js's IntegrationErrors; only the request itself is asynchronous.
async function post(api: ApiClient, path: string, params: AnyObject, key: string): Promise<AnyObject> {
  return resultOf(key, await api.call('POST', path, params));
}

/** `createToken(cardElement, { name, address_zip, ... })`, `createToken('cvc_update', cvcElement)`, `createToken('pii', {...})`. */
export function createToken(api: ApiClient, tokenType: unknown, data: unknown): Promise<AnyObject> {
  if (tokenType === 'cvc_update') {
    const read = readCvcForUpdate(data);
    if ('error' in read) return Promise.resolve({ error: read.error });
    return post(api, '/v1/tokens', { cvc_update: { cvc: read.cvc } }, 'token');
  }
  if (typeof tokenType === 'string') {
    if (!DATA_TOKEN_TYPES.has(tokenType)) {
      throw new IntegrationError(`Invalid value for createToken: type should be one of bank_account, pii, account, person, cvc_update, or a card Element. You specified: ${tokenType}.`);
    }
    if (!isObject(data)) throw new IntegrationError(`Invalid value for createToken: ${tokenType} data should be an object.`);
    return post(api, '/v1/tokens', { [tokenType]: data }, 'token');
  }
  const read = readCardForConfirm(tokenType);
  if ('error' in read) return Promise.resolve({ error: read.error });
  if (data !== undefined && !isObject(data)) throw new IntegrationError('Invalid value for createToken: card data should be an object.');
  const extra = (data ?? {}) as AnyObject;
  const card: AnyObject = { ...cardParams(read.card), ...extra };
  // The postal code typed into the Card Element becomes address_zip unless the page passed one.
  if (read.card.postalCode && extra.address_zip === undefined) card.address_zip = read.card.postalCode;
  return post(api, '/v1/tokens', { card }, 'token');
}

/** `createSource(cardElement, { type: 'card', owner, ... })` or `createSource({ type, token | card | ... })`. */
export function createSource(api: ApiClient, elementOrData: unknown, data: unknown): Promise<AnyObject> {
  const fromElement = isObject(elementOrData) && data !== undefined;
  const sourceData = fromElement ? data : elementOrData;
  if (!isObject(sourceData) || typeof sourceData.type !== 'string') {
    throw new IntegrationError('Invalid value for createSource: sourceData should be an object with a `type` string (e.g. { type: \'card\' }).');
  }
  if (!fromElement) return post(api, '/v1/sources', sourceData, 'source');
  const read = readCardForConfirm(elementOrData);
  if ('error' in read) return Promise.resolve({ error: read.error });
  const { owner, ...rest } = sourceData;
  const params: AnyObject = { ...rest, card: cardParams(read.card) };
  // Like the PaymentMethod billing address: the typed postal code goes in the owner's address unless given.
  const ownerData: AnyObject | undefined = isObject(owner) ? { ...owner } : undefined;
  if (read.card.postalCode && ownerData?.address?.postal_code === undefined) {
    params.owner = { ...ownerData, address: { ...ownerData?.address, postal_code: read.card.postalCode } };
  } else if (ownerData) {
    params.owner = ownerData;
  }
  return post(api, '/v1/sources', params, 'source');
}

/** `retrieveSource({ id, client_secret })`: the source as the browser may see it. */
export function retrieveSource(api: ApiClient, source: unknown): Promise<AnyObject> {
  if (!isObject(source) || typeof source.id !== 'string' || typeof source.client_secret !== 'string') {
    throw new IntegrationError('Invalid value for retrieveSource: expected an object with `id` and `client_secret` strings (a Source from createSource has both).');
  }
  const path = `/v1/sources/${encodeURIComponent(source.id)}`;
  return api.call('GET', path, { client_secret: source.client_secret }).then((result) => resultOf('source', result));
}
