// Search: /v1/customers/search, /v1/payment_intents/search, /v1/charges/search with Stripe's query language,
// `search_result` paging, and Stripe's 400s for what the language or the resource does not support.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { httpHarness, sdkMessage, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();
const NEVER = { enabled: true, allow_redirects: 'never' } as const;

async function customersFound(query: string): Promise<string[]> {
  return (await h.stripe.customers.search({ query })).data.map((c) => c.name ?? c.id);
}

test('customers: exact and word matches, substrings, metadata, created ranges, negation, AND and OR', async () => {
  const { stripe } = h;
  const now = Math.floor(Date.now() / 1000);
  await stripe.customers.create({ name: 'Amy Rocket', email: 'amy@rocketrides.io', phone: '+15550001', metadata: { plan: 'gold', region: 'eu' } });
  await stripe.customers.create({ name: 'Bob Rocket Jr', email: 'bob@example.com', metadata: { plan: 'silver' } });
  await stripe.customers.create({ name: 'Xamy Stone', email: 'xamy@stone.dev' });

  assert.deepEqual(await customersFound("email:'AMY@rocketrides.io'"), ['Amy Rocket'], 'exact match, case-insensitive, single quotes');
  assert.deepEqual(await customersFound('name:"rocket"'), ['Bob Rocket Jr', 'Amy Rocket'], 'a word of the name, newest first');
  assert.deepEqual(await customersFound('name:"rocket jr"'), ['Bob Rocket Jr'], 'words in order');
  assert.deepEqual(await customersFound('name:"jr rocket"'), [], 'not in another order');
  assert.deepEqual(await customersFound('email~"amy"'), ['Xamy Stone', 'Amy Rocket'], 'substring');
  assert.deepEqual(await customersFound(`metadata['plan']:'gold'`), ['Amy Rocket']);
  assert.deepEqual(await customersFound('metadata["plan"]:"gold" AND metadata["region"]:"eu"'), ['Amy Rocket']);
  assert.deepEqual(await customersFound('-metadata["plan"]:null'), ['Bob Rocket Jr', 'Amy Rocket'], 'has a plan key');
  assert.deepEqual(await customersFound('metadata["plan"]:"gold" OR metadata["plan"]:"silver"'), ['Bob Rocket Jr', 'Amy Rocket']);
  assert.deepEqual(await customersFound('name:"rocket" -email:"bob@example.com"'), ['Amy Rocket'], 'space is AND, - negates');
  assert.deepEqual(await customersFound('phone:"+15550001"'), ['Amy Rocket']);
  assert.deepEqual(await customersFound(`created>=${now - 60} created<${now + 60}`), ['Xamy Stone', 'Bob Rocket Jr', 'Amy Rocket']);
  assert.deepEqual(await customersFound(`created>${now + 60}`), []);
});

test('search_result paging: limit, has_more, next_page into page, total_count on request, SDK auto-pagination', async () => {
  const { stripe } = h;
  for (let i = 0; i < 5; i++) await stripe.customers.create({ email: `p${i}@example.com`, metadata: { batch: 'b1' } });
  const first = await stripe.customers.search({ query: 'metadata["batch"]:"b1"', limit: 2 });
  assert.deepEqual([first.object, first.url, first.has_more, first.data.length], ['search_result', '/v1/customers/search', true, 2]);
  assert.equal(typeof first.next_page, 'string');
  assert.equal('total_count' in first, false, 'total_count only when expanded');
  const second = await stripe.customers.search({ query: 'metadata["batch"]:"b1"', limit: 2, page: first.next_page! });
  assert.deepEqual(second.data.map((c) => c.email), ['p2@example.com', 'p1@example.com']);
  const counted = await stripe.customers.search({ query: 'metadata["batch"]:"b1"', limit: 4, expand: ['total_count'] });
  assert.equal(counted.total_count, 5);
  const all = await stripe.customers.search({ query: 'metadata["batch"]:"b1"', limit: 2 }).autoPagingToArray({ limit: 100 });
  assert.deepEqual(all.map((c) => c.email), ['p4@example.com', 'p3@example.com', 'p2@example.com', 'p1@example.com', 'p0@example.com']);
  const last = await stripe.customers.search({ query: 'metadata["batch"]:"b1"', limit: 5 });
  assert.deepEqual([last.has_more, last.next_page], [false, null]);
  const foreign = await stripeFailure(stripe.customers.search({ query: 'email:"p0@example.com"', page: first.next_page! }));
  assert.deepEqual([foreign.statusCode, foreign.param], [400, 'page'], 'a cursor belongs to its query');
});

test('payment intents and charges: status, amount ranges, currency, customer, metadata, refunded, card fields', async () => {
  const { stripe } = h;
  const customer = await stripe.customers.create();
  const eur = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur', customer: customer.id, payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: NEVER, metadata: { order: 'A-1' } });
  const usd = await stripe.paymentIntents.create({ amount: 800, currency: 'usd', payment_method: 'pm_card_mastercard', confirm: true, automatic_payment_methods: NEVER });
  const open = await stripe.paymentIntents.create({ amount: 1200, currency: 'usd' });
  const ids = async (query: string) => (await stripe.paymentIntents.search({ query })).data.map((pi) => pi.id);
  assert.deepEqual(await ids('status:"succeeded" AND currency:"eur"'), [eur.id]);
  assert.deepEqual(await ids('amount>1000'), [open.id, eur.id]);
  assert.deepEqual(await ids('amount>=800 amount<=1200'), [open.id, usd.id]);
  assert.deepEqual(await ids(`customer:"${customer.id}"`), [eur.id]);
  assert.deepEqual(await ids('metadata["order"]:"a-1"'), [eur.id]);
  assert.deepEqual(await ids('-status:"succeeded"'), [open.id]);

  await stripe.refunds.create({ payment_intent: eur.id, amount: 100 });
  await stripe.refunds.create({ payment_intent: usd.id });
  const charges = async (query: string) => (await stripe.charges.search({ query })).data.map((c) => c.payment_intent);
  assert.deepEqual(await charges('refunded:"true"'), [usd.id], 'fully refunded');
  assert.deepEqual(await charges('refunded:"false"'), [eur.id], 'partially refunded');
  assert.deepEqual(await charges('payment_method_details.card.last4:4444'), [usd.id], 'quotes optional for numbers');
  assert.deepEqual(await charges('payment_method_details.card.brand:"visa" AND amount:5000'), [eur.id]);
  const withIntent = await stripe.charges.search({ query: 'status:"succeeded"', expand: ['data.payment_intent'] });
  assert.equal((withIntent.data[0]!.payment_intent as Stripe.PaymentIntent).object, 'payment_intent');
});

test('what Stripe refuses: unsupported fields, AND mixed with OR, unquoted strings, wrong operators, too many clauses', async () => {
  const { stripe } = h;
  const field = await stripeFailure(stripe.customers.search({ query: 'nickname:"amy"' }));
  assert.deepEqual([field.statusCode, field.type], [400, 'StripeInvalidRequestError']);
  assert.equal(sdkMessage(field), 'Field `nickname` is an unsupported search field for resource `customers`. See http://stripe.com/docs/search#query-fields-for-customers for a list of supported fields.');
  const piField = await stripeFailure(stripe.paymentIntents.search({ query: 'email:"a@b.c"' }));
  assert.match(piField.message, /unsupported search field for resource `payment_intents`.*#query-fields-for-payment-intents/);
  const refused: [string, RegExp][] = [
    ['email:"a@b.c" AND name:"x" OR phone:"1"', /AND and OR can't be combined/],
    ['email:amy', /String values must be quoted/],
    ['created>"yesterday"', /is numeric/],
    ['email>"a"', /operator works on numeric fields/],
    ['amount~"100"', /unsupported search field/],
    ['name~"am"', /at least 3 characters/],
    ['asdf', /We were unable to parse your search query/],
    ['email:"unterminated', /not closed/],
    [Array.from({ length: 11 }, (_, i) => `name:"n${i}"`).join(' '), /at most 10 clauses/],
  ];
  for (const [query, message] of refused) {
    const error = await stripeFailure(stripe.customers.search({ query }));
    assert.equal(error.statusCode, 400, query);
    assert.match(error.message, message, query);
    assert.equal(error.param, 'query', query);
  }
  const none = await h.raw('GET', '/v1/customers/search');
  assert.deepEqual([none.status, none.body.error.code, none.body.error.param], [400, 'parameter_missing', 'query']);
  const notAnId = await h.raw('GET', '/v1/payment_intents/search?query=status%3A%22succeeded%22');
  assert.equal(notAnId.body.object, 'search_result', 'search is a route of its own, not the PaymentIntent "search"');
});
