// `card[token]` where Stripe takes one: `POST /v1/payment_methods` and `payment_method_data[card][token]` on intents,
// with Stripe's fixed test tokens (tok_visa, tok_chargeDeclined, ...) and tokens from `POST /v1/tokens` (single use).
// Real HTTP, the real stripe SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpHarness, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();
const CARD_ONLY = { allowed_payment_method_types: ['card'] };

test('card[token]=tok_visa makes a Visa PaymentMethod; each fixed test token is a fresh card with its test behaviour', async () => {
  const visa = await h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' }, billing_details: { name: 'Tok Visa' } });
  assert.match(visa.id, /^pm_/);
  assert.deepEqual([visa.card?.brand, visa.card?.last4, visa.billing_details.name], ['visa', '4242', 'Tok Visa']);
  const again = await h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
  assert.notEqual(again.id, visa.id, 'a fixed test token can be used again');
  const amex = await h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_amex' } });
  assert.deepEqual([amex.card?.brand, amex.card?.last4], ['amex', '0005']);

  const paid = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: visa.id, confirm: true, ...CARD_ONLY });
  assert.equal(paid.status, 'succeeded');
  const declinedPm = await h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_chargeDeclinedInsufficientFunds' } });
  const declined = await stripeFailure(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: declinedPm.id, confirm: true, ...CARD_ONLY }));
  assert.deepEqual([declined.statusCode, declined.decline_code], [402, 'insufficient_funds']);
});

test('payment_method_data[card][token] on a PaymentIntent and a SetupIntent confirm', async () => {
  const customer = await h.stripe.customers.create();
  const pi = await h.stripe.paymentIntents.create({ amount: 1200, currency: 'usd', ...CARD_ONLY });
  const confirmed = await h.stripe.paymentIntents.confirm(pi.id, { payment_method_data: { type: 'card', card: { token: 'tok_mastercard' } } as never });
  assert.equal(confirmed.status, 'succeeded');
  assert.equal((await h.stripe.paymentMethods.retrieve(confirmed.payment_method as string)).card?.brand, 'mastercard');

  const threeDs = await h.stripe.paymentIntents.create({
    amount: 1200, currency: 'usd', confirm: true, payment_method_data: { type: 'card', card: { token: 'tok_threeDSecure2Required' } } as never, ...CARD_ONLY,
  });
  assert.equal(threeDs.status, 'requires_action', 'the token keeps its card\'s 3D Secure behaviour');

  const si = await h.stripe.setupIntents.create({ customer: customer.id, ...CARD_ONLY });
  const setUp = await h.stripe.setupIntents.confirm(si.id, { payment_method_data: { type: 'card', card: { token: 'tok_visa' } } as never });
  assert.equal(setUp.status, 'succeeded');
  const saved = await h.stripe.customers.listPaymentMethods(customer.id);
  assert.deepEqual(saved.data.map((p) => p.card?.last4), ['4242']);
});

test('a token from POST /v1/tokens works once; unknown tokens and token plus number are refused by name', async () => {
  const issued = await h.stripe.tokens.create({ card: { number: '5555555555554444', exp_month: '11', exp_year: String(new Date().getUTCFullYear() + 4), cvc: '123' } } as never);
  const pm = await h.stripe.paymentMethods.create({ type: 'card', card: { token: issued.id } });
  assert.deepEqual([pm.card?.brand, pm.card?.last4, pm.card?.exp_month], ['mastercard', '4444', 11]);
  assert.equal((await h.stripe.tokens.retrieve(issued.id)).used, true);
  const reused = await stripeFailure(h.stripe.paymentMethods.create({ type: 'card', card: { token: issued.id } }));
  assert.deepEqual([reused.statusCode, reused.code, reused.param], [400, 'token_already_used', 'card[token]']);

  const unknown = await stripeFailure(h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_doesNotExist' } }));
  assert.deepEqual([unknown.statusCode, unknown.code, unknown.param], [404, 'resource_missing', 'card[token]']);
  const both = await h.raw('POST', '/v1/payment_methods', 'type=card&card[token]=tok_visa&card[number]=4242424242424242');
  assert.deepEqual([both.status, both.body.error.param], [400, 'card[token]']);
  assert.match(both.body.error.message, /only specify one of these parameters: card\[token\], card\[number\]/);

  // A failed intent create (bad amount) leaves an issued token unspent.
  const kept = await h.stripe.tokens.create({ card: { number: '4242424242424242', exp_month: '11', exp_year: String(new Date().getUTCFullYear() + 4), cvc: '123' } } as never);
  const bad = await stripeFailure(h.stripe.paymentIntents.create({ amount: -1, currency: 'usd', confirm: true, payment_method_data: { type: 'card', card: { token: kept.id } } as never, ...CARD_ONLY }));
  assert.equal(bad.statusCode, 400);
  assert.equal((await h.stripe.tokens.retrieve(kept.id)).used, false);
});
