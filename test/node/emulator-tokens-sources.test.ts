// Tokens and Sources, what Stripe.js's createToken, createSource and retrieveSource call: through the real stripe
// SDK (secret key) and as a browser (publishable key), compared with Stripe's own example objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { sdkHarness } from './helpers/emulator-sdk.js';

const fixtures = JSON.parse(readFileSync(new URL('./emulator-token-source-fixtures.json', import.meta.url), 'utf8')).resources as Record<string, Record<string, unknown>>;
const year = String(new Date().getUTCFullYear() + 2);
const card = (number: string, extra: Record<string, string> = {}) => ({ number, exp_month: '12', exp_year: year, cvc: '123', ...extra });

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** Keys missing or extra against the fixture, and values of another JSON type, one level into `nested`. */
function shapeDifferences(fixture: Record<string, unknown>, actual: Record<string, unknown>, skip: string[] = [], path = ''): string[] {
  const out: string[] = [];
  for (const key of Object.keys(fixture)) if (!skip.includes(key) && !(key in actual)) out.push(`missing ${path}${key}`);
  for (const key of Object.keys(actual)) if (!(key in fixture)) out.push(`extra ${path}${key}`);
  for (const key of Object.keys(fixture)) {
    const [f, a] = [fixture[key], actual[key]];
    if (f !== null && a !== null && a !== undefined && kind(f) !== kind(a)) out.push(`${path}${key}: fixture ${kind(f)}, emulator ${kind(a)}`);
    if (kind(f) === 'object' && kind(a) === 'object' && key !== 'metadata') out.push(...shapeDifferences(f as Record<string, unknown>, a as Record<string, unknown>, [], `${path}${key}.`));
  }
  return out;
}

/** The member names stripe-node declares for `interface <name> {` in one of its resource type files. */
function declaredKeys(file: string, name: string): string[] {
  const text = readFileSync(new URL(`../../node_modules/stripe/cjs/resources/${file}`, import.meta.url), 'utf8');
  const start = text.indexOf(`interface ${name} {`);
  const body = text.slice(start, text.indexOf('\n    }', start));
  return [...body.matchAll(/^ {8}(\w+)\??:/gm)].map((m) => m[1]!);
}

test('a card token from raw card data has the keys and types of Stripe\'s example token', async () => {
  const { stripe } = sdkHarness();
  const token = await stripe.tokens.create({ card: card('4242424242424242', { name: 'Jenny Rosen', address_zip: '42424' }) } as Stripe.TokenCreateParams);
  assert.deepEqual(shapeDifferences(fixtures.token!, JSON.parse(JSON.stringify(token))), []);
  assert.match(token.id, /^tok_1[A-Za-z0-9]{23}$/);
  assert.match(token.card!.id, /^card_1[A-Za-z0-9]{23}$/);
  assert.deepEqual(
    [token.type, token.used, token.card!.brand, token.card!.last4, token.card!.exp_month, token.card!.exp_year, token.card!.name, token.card!.address_zip, token.card!.address_zip_check, token.card!.cvc_check],
    ['card', false, 'Visa', '4242', 12, Number(year), 'Jenny Rosen', '42424', 'unchecked', 'unchecked'],
  );
  // Read back with the secret key, as a server does before charging it.
  assert.equal((await stripe.tokens.retrieve(token.id)).id, token.id);
});

test('the browser creates tokens with the publishable key; brands read like legacy card objects', () => {
  const { asBrowser } = sdkHarness();
  const brands = [['378282246310005', 'American Express', '1234'], ['5555555555554444', 'MasterCard', '123'], ['6011111111111117', 'Discover', '123']];
  for (const [number, brand, cvc] of brands) {
    const { status, body } = asBrowser('POST', '/v1/tokens', { card: card(number!, { cvc: cvc! }), payment_user_agent: 'stripe.js/abc', time_on_page: '1200' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.card.brand, brand);
  }
  assert.equal(asBrowser('GET', '/v1/tokens/tok_nope').status, 401, 'reading a token back needs the secret key');
});

test('bad card data fails like Stripe: 402 card_error naming the param; other token kinds are refused by name', () => {
  const { asBrowser } = sdkHarness();
  const luhn = asBrowser('POST', '/v1/tokens', { card: card('4242424242424241') });
  assert.equal(luhn.status, 402);
  assert.deepEqual([luhn.body.error.type, luhn.body.error.code, luhn.body.error.param], ['card_error', 'incorrect_number', 'number']);
  const missing = asBrowser('POST', '/v1/tokens', {});
  assert.equal(missing.status, 400);
  assert.match(missing.body.error.message, /card\[number\].*cvc_update\[cvc\]/);
  const bank = asBrowser('POST', '/v1/tokens', { bank_account: { country: 'US', currency: 'usd', account_number: '000123456789', routing_number: '110000000' } });
  assert.equal(bank.status, 400);
  assert.equal(bank.body.error.param, 'bank_account');
  assert.match(bank.body.error.message, /bank_account tokens are not emulated/);
});

test('a cvc_update token carries no card; a CVC that is not 3-4 digits is refused', () => {
  const { asBrowser } = sdkHarness();
  const token = asBrowser('POST', '/v1/tokens', { cvc_update: { cvc: '123' } });
  assert.equal(token.status, 200);
  assert.deepEqual([token.body.type, 'card' in token.body], ['cvc_update', false]);
  const bad = asBrowser('POST', '/v1/tokens', { cvc_update: { cvc: '12' } });
  assert.deepEqual([bad.status, bad.body.error.param], [400, 'cvc_update[cvc]']);
});

test('a card source is chargeable at once, has Stripe\'s source keys, and reads back only with its client secret', async () => {
  const { stripe, asBrowser } = sdkHarness();
  const created = asBrowser('POST', '/v1/sources', {
    type: 'card', card: card('4000002760003184'), owner: { name: 'Jenny Rosen', email: 'jenny@example.com', address: { postal_code: '42424' } }, metadata: { order: '7' },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const source = created.body;
  // Stripe's example is an ach_credit_transfer source: the shared keys must match; the card hash is checked
  // against stripe-node's declaration of Source.Card.
  const { ach_credit_transfer: _ach, receiver: _receiver, ...sourceFixture } = fixtures.source!;
  const { card: cardHash, ...sourceTop } = source;
  assert.deepEqual(shapeDifferences(sourceFixture, sourceTop), []);
  const declared = declaredKeys('Sources.d.ts', 'Card');
  assert.deepEqual(Object.keys(cardHash).filter((key) => !declared.includes(key)), [], `Source.Card declares ${declared.join(', ')}`);
  assert.deepEqual([source.type, source.status, source.flow, source.usage, source.owner.name, source.metadata.order], ['card', 'chargeable', 'none', 'reusable', 'Jenny Rosen', '7']);
  assert.deepEqual([source.card.brand, source.card.last4, source.card.three_d_secure, source.card.address_zip_check], ['Visa', '3184', 'required', 'unchecked']);
  assert.match(source.client_secret, /^src_client_secret_[A-Za-z0-9]{24}$/);

  assert.equal(asBrowser('GET', `/v1/sources/${source.id}`, { client_secret: source.client_secret }).body.id, source.id);
  const wrong = asBrowser('GET', `/v1/sources/${source.id}`, { client_secret: 'src_client_secret_nope' });
  assert.deepEqual([wrong.status, wrong.body.error.param], [400, 'client_secret']);
  assert.equal(asBrowser('GET', `/v1/sources/${source.id}`).status, 400);
  assert.equal((await stripe.sources.retrieve(source.id)).id, source.id, 'the secret key needs no client secret');
  assert.equal(asBrowser('GET', '/v1/sources/src_nope', { client_secret: 'x' }).status, 404);
});

test('a source made from a token spends the token; a second use is refused', () => {
  const { asBrowser } = sdkHarness();
  const token = asBrowser('POST', '/v1/tokens', { card: card('4242424242424242') }).body;
  const source = asBrowser('POST', '/v1/sources', { type: 'card', token: token.id });
  assert.equal(source.status, 200, JSON.stringify(source.body));
  assert.deepEqual([source.body.card.last4, source.body.card.three_d_secure], ['4242', 'optional']);
  const again = asBrowser('POST', '/v1/sources', { type: 'card', token: token.id });
  assert.deepEqual([again.status, again.body.error.code, again.body.error.param], [400, 'token_already_used', 'token']);
  const unknown = asBrowser('POST', '/v1/sources', { type: 'card', token: 'tok_1neverissued' });
  assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'resource_missing']);
});

test('sources of other types are refused by name, not silently made', () => {
  const { asBrowser } = sdkHarness();
  const threeDs = asBrowser('POST', '/v1/sources', { type: 'three_d_secure', amount: '1000', currency: 'usd', three_d_secure: { card: 'src_x' } });
  assert.equal(threeDs.status, 400);
  assert.deepEqual([threeDs.body.error.param, threeDs.body.error.code], ['type', 'parameter_unsupported']);
  assert.match(threeDs.body.error.message, /three_d_secure sources are not emulated/);
  assert.equal(asBrowser('POST', '/v1/sources', { type: 'card' }).body.error.param, 'card');
});
