// The Payment Element's side of the API: automatic payment methods over the account's enabled types, iDEAL /
// Bancontact redirects through the test bank page, SEPA Debit processing then settling by event, mandates,
// ConfirmationTokens, CustomerSessions and allow_redisplay — driven with the real stripe SDK, shapes checked
// against stripe-node's declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { sdkHarness } from './helpers/emulator-sdk.js';
import { sdkInterface, typeDifferences } from './helpers/sdk-types.js';

const ALL = { paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'] as Array<'card' | 'ideal' | 'bancontact' | 'sepa_debit'>, settleDelayMs: 20 };
const RETURN = 'https://shop.test/return';

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Stripe.errors.StripeError, `expected a Stripe error, got ${String(error)}`);
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('automatic payment methods offer the enabled types that fit the currency; card only by default', async () => {
  const { stripe } = sdkHarness(ALL);
  assert.deepEqual((await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' })).payment_method_types, ['card', 'ideal', 'bancontact', 'sepa_debit']);
  assert.deepEqual((await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' })).payment_method_types, ['card']);
  assert.deepEqual((await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } })).payment_method_types, ['card', 'sepa_debit']);
  const plain = sdkHarness();
  assert.deepEqual((await plain.stripe.paymentIntents.create({ amount: 1000, currency: 'eur' })).payment_method_types, ['card']);
  const refused = await failure(plain.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', allowed_payment_method_types: ['ideal'] }));
  assert.equal(refused.param, 'allowed_payment_method_types[0]');
  assert.match(refused.message, /ideal is invalid.*activated/);
  const onlyIdeal = sdkHarness({ paymentMethodTypes: ['ideal'] });
  const none = await failure(onlyIdeal.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }));
  assert.match(none.message, /No valid payment method types/);
  assert.throws(() => sdkHarness({ paymentMethodTypes: ['paypal' as 'card'] }), /paymentMethodTypes must be a non-empty array of card, ideal, bancontact, sepa_debit; got \["paypal"\]/);
});

test('iDEAL: requires_action with redirect_to_url to the test bank page; authorize succeeds, fail returns the intent', async () => {
  const { stripe, asBrowser } = sdkHarness(ALL);
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur' });
  const noReturn = asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret, payment_method_data: { type: 'ideal' } });
  assert.equal(noReturn.status, 400);
  assert.equal(noReturn.body.error.param, 'return_url');
  const confirmed = asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret, return_url: RETURN, payment_method_data: { type: 'ideal', billing_details: { name: 'Jenny Rosen' } } });
  assert.equal(confirmed.status, 200);
  assert.equal(confirmed.body.status, 'requires_action');
  assert.equal(confirmed.body.next_action.type, 'redirect_to_url');
  assert.equal(confirmed.body.next_action.redirect_to_url.return_url, RETURN);
  const bankPath = new URL(confirmed.body.next_action.redirect_to_url.url).pathname;
  assert.match(bankPath, /^\/bank\/src_/);
  const page = asBrowser('GET', bankPath);
  assert.deepEqual([page.body.state, page.body.payment_method_type, page.body.intent.amount, page.body.return_url], ['pending', 'ideal', 1500, RETURN]);
  // The 3DS routes don't answer for a bank redirect, and vice versa.
  assert.equal(asBrowser('POST', `/3ds/${bankPath.split('/')[2]}/complete`).status, 404);
  const authorized = asBrowser('POST', `${bankPath}/authorize`);
  assert.equal(authorized.body.intent.status, 'succeeded');
  const again = asBrowser('POST', `${bankPath}/fail`);
  assert.equal(again.status, 400);
  assert.match(again.body.error.message, /already completed/);
  const after = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
  const charge = after.latest_charge as Stripe.Charge;
  assert.equal(charge.payment_method_details?.type, 'ideal');
  assert.deepEqual(typeDifferences(JSON.parse(JSON.stringify(charge)), sdkInterface('Charges', 'Charge')), []);
  const pm = await stripe.paymentMethods.retrieve(String(after.payment_method));
  assert.deepEqual(typeDifferences(JSON.parse(JSON.stringify(pm)), sdkInterface('PaymentMethods', 'PaymentMethod')), []);

  const second = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur' });
  const started = await stripe.paymentIntents.confirm(second.id, { return_url: RETURN, payment_method_data: { type: 'bancontact', billing_details: { name: 'Jenny Rosen' } } });
  const failed = asBrowser('POST', `${new URL(started.next_action!.redirect_to_url!.url!).pathname}/fail`);
  assert.equal(failed.body.intent.status, 'requires_payment_method');
  const failedPi = await stripe.paymentIntents.retrieve(second.id);
  assert.equal(failedPi.last_payment_error?.code, 'payment_intent_payment_attempt_failed');
  assert.equal(failedPi.last_payment_error?.payment_method?.type, 'bancontact');
});

test('Bancontact needs a name; iDEAL refuses a non-eur intent and an intent that does not allow it', async () => {
  const { stripe } = sdkHarness(ALL);
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur' });
  const noName = await failure(stripe.paymentIntents.confirm(pi.id, { return_url: RETURN, payment_method_data: { type: 'bancontact' } }));
  assert.equal(noName.param, 'payment_method_data[billing_details][name]');
  const usd = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', allowed_payment_method_types: ['card', 'ideal'] });
  const wrongCurrency = await failure(stripe.paymentIntents.confirm(usd.id, { return_url: RETURN, payment_method_data: { type: 'ideal' } }));
  assert.match(wrongCurrency.message, /ideal only supports eur/);
  const cardOnly = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur', allowed_payment_method_types: ['card'] });
  const notAllowed = await failure(stripe.paymentIntents.confirm(cardOnly.id, { return_url: RETURN, payment_method_data: { type: 'ideal' } }));
  assert.equal(notAllowed.code, 'payment_intent_invalid_parameter');
});

test('SEPA Debit: mandate, processing, then payment_intent.succeeded (or payment_failed for the failing IBAN) by event', async () => {
  const { stripe, emulator } = sdkHarness(ALL);
  const events: string[] = [];
  emulator.onEvent((event) => events.push(`${event.type}:${(event.data.object as { id: string }).id}`));
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', customer: customer.id, setup_future_usage: 'off_session' });
  const sepa = { type: 'sepa_debit' as const, sepa_debit: { iban: 'DE89 3704 0044 0532 0130 00' }, billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' } };
  const processing = await stripe.paymentIntents.confirm(pi.id, {
    return_url: RETURN, payment_method_data: sepa, mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.7', user_agent: 'test' } } },
    expand: ['latest_charge'],
  });
  assert.equal(processing.status, 'processing');
  const charge = processing.latest_charge as Stripe.Charge;
  assert.equal(charge.status, 'pending');
  const mandateId = (charge.payment_method_details as { sepa_debit: { mandate: string } }).sepa_debit.mandate;
  const mandate = await stripe.mandates.retrieve(mandateId);
  assert.deepEqual([mandate.status, mandate.type, mandate.customer_acceptance.online?.ip_address], ['active', 'multi_use', '203.0.113.7']);
  assert.deepEqual(typeDifferences(JSON.parse(JSON.stringify(mandate)), sdkInterface('Mandates', 'Mandate')), []);
  const pm = await stripe.paymentMethods.retrieve(String(processing.payment_method));
  assert.deepEqual([pm.sepa_debit?.last4, pm.sepa_debit?.country, pm.customer], ['3000', 'DE', customer.id]);
  assert.ok(!JSON.stringify(pm).includes('370400440532013000'), 'the full IBAN is not kept');
  assert.ok(!events.includes(`payment_intent.succeeded:${pi.id}`));
  await sleep(80);
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
  assert.ok(events.indexOf(`payment_intent.processing:${pi.id}`) < events.indexOf(`payment_intent.succeeded:${pi.id}`));
  assert.ok(events.includes(`charge.succeeded:${charge.id}`));

  const failing = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur' });
  await stripe.paymentIntents.confirm(failing.id, { return_url: RETURN, payment_method_data: { ...sepa, sepa_debit: { iban: 'DE62370400440532013001' } } });
  await sleep(80);
  const failed = await stripe.paymentIntents.retrieve(failing.id);
  assert.equal(failed.status, 'requires_payment_method');
  assert.equal(failed.last_payment_error?.payment_method?.type, 'sepa_debit');
  assert.ok(events.includes(`payment_intent.payment_failed:${failing.id}`));

  const badIban = await failure(stripe.paymentMethods.create({ ...sepa, sepa_debit: { iban: 'DE89370400440532013009' } }));
  assert.deepEqual([badIban.param, badIban.code], ['sepa_debit[iban]', 'invalid_bank_account_iban']);
});

test('reset() drops a pending SEPA settlement', async () => {
  const { stripe, emulator } = sdkHarness(ALL);
  const events: string[] = [];
  emulator.onEvent((event) => events.push(event.type));
  const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur' });
  await stripe.paymentIntents.confirm(pi.id, { return_url: RETURN, payment_method_data: { type: 'sepa_debit', sepa_debit: { iban: 'DE89370400440532013000' }, billing_details: { name: 'J', email: 'j@example.com' } } });
  emulator.reset();
  await sleep(80);
  assert.ok(!events.includes('payment_intent.succeeded'));
});

test('ConfirmationTokens: created with the publishable key, read with the secret key, confirm a PaymentIntent once', async () => {
  const { stripe, asBrowser } = sdkHarness(ALL);
  const created = asBrowser('POST', '/v1/confirmation_tokens', {
    payment_method_data: { type: 'card', card: { number: '4242424242424242', exp_month: '12', exp_year: String(new Date().getUTCFullYear() + 2), cvc: '123' }, billing_details: { name: 'Jenny Rosen' } },
    return_url: RETURN, setup_future_usage: 'off_session',
  });
  assert.equal(created.status, 200);
  assert.match(created.body.id, /^ctoken_/);
  const token = await stripe.confirmationTokens.retrieve(created.body.id);
  assert.deepEqual([token.payment_method_preview?.type, token.payment_method_preview?.card?.last4, token.return_url], ['card', '4242', RETURN]);
  assert.deepEqual(typeDifferences(JSON.parse(JSON.stringify(token)), sdkInterface('ConfirmationTokens', 'ConfirmationToken')), []);
  assert.equal(asBrowser('GET', `/v1/confirmation_tokens/${token.id}`).status, 401);
  const customer = await stripe.customers.create();
  const pi = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', customer: customer.id, confirm: true, confirmation_token: token.id });
  assert.equal(pi.status, 'succeeded');
  assert.equal(pi.setup_future_usage, 'off_session');
  assert.equal((await stripe.paymentMethods.retrieve(String(pi.payment_method))).customer, customer.id);
  const reused = await failure(stripe.paymentIntents.create({ amount: 1999, currency: 'usd', confirm: true, confirmation_token: token.id }));
  assert.equal(reused.code, 'confirmation_token_already_used');
  const both = await failure(stripe.paymentIntents.confirm(pi.id, { confirmation_token: token.id, payment_method: 'pm_card_visa' }));
  assert.match(both.message, /only specify one of these parameters: payment_method, confirmation_token/);
});

test('CustomerSessions for the Payment Element; allow_redisplay on PaymentMethods and the list filter', async () => {
  const { stripe, asBrowser } = sdkHarness(ALL);
  const customer = await stripe.customers.create();
  const session = await stripe.customerSessions.create({
    customer: customer.id,
    components: { payment_element: { enabled: true, features: { payment_method_redisplay: 'enabled', payment_method_save: 'enabled', payment_method_remove: 'enabled' } } },
  });
  assert.match(session.client_secret, /^cuss_secret_/);
  assert.equal(session.components?.payment_element.features?.payment_method_save, 'enabled');
  assert.deepEqual(session.components?.payment_element.features?.payment_method_allow_redisplay_filters, ['always']);
  assert.deepEqual(typeDifferences(JSON.parse(JSON.stringify(session)), sdkInterface('CustomerSessions', 'CustomerSession')), []);
  const none = await failure(stripe.customerSessions.create({ customer: customer.id, components: {} }));
  assert.equal(none.param, 'components');
  assert.equal(asBrowser('GET', `/customer_sessions/${session.client_secret}`).body.customer, customer.id);

  const always = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' }, allow_redisplay: 'always' } as Stripe.PaymentMethodCreateParams);
  const limited = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_mastercard' } } as Stripe.PaymentMethodCreateParams);
  assert.equal(limited.allow_redisplay, 'unspecified');
  await stripe.paymentMethods.attach(always.id, { customer: customer.id });
  await stripe.paymentMethods.attach(limited.id, { customer: customer.id });
  await stripe.paymentMethods.update(limited.id, { allow_redisplay: 'limited' });
  const shown = await stripe.customers.listPaymentMethods(customer.id, { allow_redisplay: 'always' });
  assert.deepEqual(shown.data.map((pm) => pm.id), [always.id]);
  assert.equal((await stripe.customers.listPaymentMethods(customer.id)).data.length, 2);

  // The Payment Element's remove button: only with payment_method_remove, only the session customer's own methods.
  const detach = (secret: string, pm: string) => asBrowser('POST', `/customer_sessions/payment_methods/${pm}/detach`, { customer_session_client_secret: secret });
  const noRemove = await stripe.customerSessions.create({ customer: customer.id, components: { payment_element: { enabled: true, features: { payment_method_redisplay: 'enabled' } } } });
  assert.equal(detach(noRemove.client_secret, always.id).status, 400);
  const other = await stripe.customers.create();
  const otherSession = await stripe.customerSessions.create({ customer: other.id, components: { payment_element: { enabled: true, features: { payment_method_remove: 'enabled' } } } });
  assert.equal(detach(otherSession.client_secret, always.id).status, 404);
  assert.equal(detach(session.client_secret, always.id).status, 200);
  assert.equal((await stripe.paymentMethods.retrieve(always.id)).customer, null);
});
