// Every row of the test-card table (shared/stripe-behaviour.md §1): on-session payment, setup, and
// off-session payment with and without a prior setup — by raw card number and by `pm_card_*` id.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { TEST_CARDS } from '../../src/testing/emulator/index.js';
import { cardParams, sdkHarness, type SdkHarness } from './helpers/emulator-sdk.js';

type Decline = { code: string; decline_code?: string; param?: string };
type OnSession = 'succeeded' | { afterChallenge: 'succeeded' | Decline } | Decline;
type Setup = 'succeeded' | '3ds' | Decline;
type OffSession = 'succeeded' | Decline;

interface Row {
  number: string;
  testId?: string;
  onSession: OnSession;
  setup: Setup;
  /** Off-session with the card only attached (no SetupIntent, no setup_future_usage); `cannot_attach` for issuer declines. */
  offSessionAttached: OffSession | 'cannot_attach';
  /** Off-session after a successful SetupIntent. */
  offSessionSetUp?: OffSession;
}

const declined = (decline_code: string): Decline => ({ code: 'card_declined', decline_code });
const authRequired: Decline = { code: 'authentication_required', decline_code: 'authentication_required' };

const ROWS: Row[] = [
  { number: '4242424242424242', testId: 'pm_card_visa', onSession: 'succeeded', setup: 'succeeded', offSessionAttached: 'succeeded', offSessionSetUp: 'succeeded' },
  { number: '5555555555554444', testId: 'pm_card_mastercard', onSession: 'succeeded', setup: 'succeeded', offSessionAttached: 'succeeded', offSessionSetUp: 'succeeded' },
  { number: '378282246310005', testId: 'pm_card_amex', onSession: 'succeeded', setup: 'succeeded', offSessionAttached: 'succeeded', offSessionSetUp: 'succeeded' },
  { number: '4000002500003155', testId: 'pm_card_authenticationRequiredOnSetup', onSession: { afterChallenge: 'succeeded' }, setup: '3ds', offSessionAttached: authRequired, offSessionSetUp: 'succeeded' },
  { number: '4000002760003184', testId: 'pm_card_authenticationRequired', onSession: { afterChallenge: 'succeeded' }, setup: '3ds', offSessionAttached: authRequired, offSessionSetUp: authRequired },
  { number: '4000003800000446', onSession: { afterChallenge: 'succeeded' }, setup: '3ds', offSessionAttached: 'succeeded', offSessionSetUp: 'succeeded' },
  { number: '4000008260003178', onSession: { afterChallenge: declined('insufficient_funds') }, setup: '3ds', offSessionAttached: declined('insufficient_funds'), offSessionSetUp: declined('insufficient_funds') },
  { number: '4000000000003220', testId: 'pm_card_threeDSecure2Required', onSession: { afterChallenge: 'succeeded' }, setup: '3ds', offSessionAttached: authRequired, offSessionSetUp: 'succeeded' },
  { number: '4000008400001629', onSession: { afterChallenge: declined('generic_decline') }, setup: '3ds', offSessionAttached: declined('generic_decline') },
  { number: '4000000000009995', onSession: declined('insufficient_funds'), setup: declined('insufficient_funds'), offSessionAttached: 'cannot_attach' },
  { number: '4000000000000002', onSession: declined('generic_decline'), setup: declined('generic_decline'), offSessionAttached: 'cannot_attach' },
  { number: '4000000000009987', onSession: declined('lost_card'), setup: declined('lost_card'), offSessionAttached: 'cannot_attach' },
  { number: '4000000000009979', onSession: declined('stolen_card'), setup: declined('stolen_card'), offSessionAttached: 'cannot_attach' },
  { number: '4000000000000069', onSession: { code: 'expired_card', param: 'exp_month' }, setup: { code: 'expired_card' }, offSessionAttached: 'cannot_attach' },
  { number: '4000000000000127', onSession: { code: 'incorrect_cvc', param: 'cvc' }, setup: { code: 'incorrect_cvc' }, offSessionAttached: 'cannot_attach' },
  { number: '4000000000000119', onSession: { code: 'processing_error' }, setup: { code: 'processing_error' }, offSessionAttached: 'cannot_attach' },
  { number: '4000000000000341', testId: 'pm_card_chargeCustomerFail', onSession: declined('generic_decline'), setup: 'succeeded', offSessionAttached: declined('generic_decline'), offSessionSetUp: declined('generic_decline') },
  { number: '4100000000000019', testId: 'pm_card_radarBlock', onSession: declined('fraudulent'), setup: declined('fraudulent'), offSessionAttached: 'cannot_attach' },
];

/** Creates a PaymentMethod the way Stripe.js does (publishable key, raw card data) or resolves a test id. */
function paymentMethodFor(h: SdkHarness, row: Row, via: 'number' | 'testId'): string {
  if (via === 'testId') return row.testId!;
  const created = h.asBrowser('POST', '/v1/payment_methods', cardParams(row.number));
  assert.equal(created.status, 200, JSON.stringify(created.body));
  return created.body.id;
}

async function catchStripe<T>(promise: Promise<T>): Promise<T | Stripe.errors.StripeError> {
  return promise.catch((error: unknown) => {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  });
}

function assertDecline(error: unknown, expected: Decline, intentKey: 'payment_intent' | 'setup_intent') {
  assert.ok(error instanceof Stripe.errors.StripeCardError, `expected a StripeCardError, got ${String(error)}`);
  assert.equal(error.statusCode, 402);
  assert.equal(error.code, expected.code);
  // stripe-node reports a missing decline_code as ''; the wire body must not carry one at all.
  assert.equal((error.raw as { decline_code?: string }).decline_code, expected.decline_code);
  if (expected.param) assert.equal(error.param, expected.param);
  const intent = (error.raw as Record<string, { status: string; payment_method: unknown }>)[intentKey]!;
  assert.equal(intent.status, 'requires_payment_method');
  assert.equal(intent.payment_method, null);
}

function assertFailedIntent(lastError: { code?: string; decline_code?: string; payment_method?: { id: string } } | null, expected: Decline) {
  assert.equal(lastError?.code, expected.code);
  assert.equal(lastError?.decline_code, expected.decline_code);
  assert.match(lastError!.payment_method!.id, /^pm_/);
}

test('TEST_CARDS lists every card in the table with brand and description', () => {
  for (const row of ROWS) {
    const entry = TEST_CARDS.find((card) => card.number === row.number);
    assert.ok(entry, `${row.number} is listed`);
    assert.ok(entry.description.length > 5);
    assert.ok(['visa', 'mastercard', 'amex'].includes(entry.brand));
  }
});

for (const via of ['number', 'testId'] as const) {
  describe(`test cards by ${via === 'number' ? 'raw card data' : 'pm_card_* id'}`, () => {
    for (const row of ROWS.filter((r) => via === 'number' || r.testId)) {
      const label = via === 'number' ? row.number : row.testId!;

      test(`${label}: on-session payment`, async () => {
        const h = sdkHarness();
        const pi = await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
        const confirmed = h.asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret, payment_method: paymentMethodFor(h, row, via) });
        const expected = row.onSession;
        if (expected === 'succeeded') {
          assert.equal(confirmed.status, 200);
          assert.equal(confirmed.body.status, 'succeeded');
        } else if ('afterChallenge' in expected) {
          assert.equal(confirmed.status, 200);
          assert.equal(confirmed.body.status, 'requires_action');
          assert.equal(confirmed.body.next_action.type, 'use_stripe_sdk');
          const done = h.asBrowser('POST', `/3ds/${confirmed.body.next_action.use_stripe_sdk.source}/complete`);
          assert.equal(done.status, 200);
          const after = await h.stripe.paymentIntents.retrieve(pi.id);
          if (expected.afterChallenge === 'succeeded') {
            assert.equal(after.status, 'succeeded');
            assert.equal(done.body.intent.status, 'succeeded');
          } else {
            assert.equal(after.status, 'requires_payment_method');
            assert.equal(after.payment_method, null);
            assertFailedIntent(after.last_payment_error, expected.afterChallenge);
          }
        } else {
          assert.equal(confirmed.status, 402);
          assert.equal(confirmed.body.error.type, 'card_error');
          assert.equal(confirmed.body.error.code, expected.code);
          assert.equal(confirmed.body.error.decline_code, expected.decline_code);
          if (expected.param) assert.equal(confirmed.body.error.param, expected.param);
          assert.equal(confirmed.body.error.payment_intent.status, 'requires_payment_method');
          assert.equal(confirmed.body.error.payment_intent.last_payment_error.code, expected.code);
          assert.equal(confirmed.body.error.payment_intent.last_payment_error.payment_method.card.last4, row.number.slice(-4));
        }
      });

      test(`${label}: setup (confirmCardSetup)`, async () => {
        const h = sdkHarness();
        const customer = await h.stripe.customers.create();
        const si = await h.stripe.setupIntents.create({ customer: customer.id, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
        const confirmed = h.asBrowser('POST', `/v1/setup_intents/${si.id}/confirm`, { client_secret: si.client_secret, payment_method: paymentMethodFor(h, row, via) });
        const saved = async () => (await h.stripe.customers.listPaymentMethods(customer.id)).data.length;
        if (row.setup === 'succeeded' || row.setup === '3ds') {
          assert.equal(confirmed.status, 200);
          if (row.setup === '3ds') {
            assert.equal(confirmed.body.status, 'requires_action');
            assert.equal(await saved(), 0, 'not saved before authentication');
            h.asBrowser('POST', `/3ds/${confirmed.body.next_action.use_stripe_sdk.source}/complete`);
          }
          const after = await h.stripe.setupIntents.retrieve(si.id);
          assert.equal(after.status, 'succeeded');
          assert.equal(await saved(), 1);
        } else {
          const error = await catchStripe(h.stripe.setupIntents.confirm(si.id, { payment_method: paymentMethodFor(h, row, via) }));
          assertDecline(error, row.setup, 'setup_intent');
          assert.equal(confirmed.status, 402);
          assert.equal((await h.stripe.setupIntents.retrieve(si.id)).last_setup_error?.code, row.setup.code);
          assert.equal(await saved(), 0);
        }
      });

      test(`${label}: off-session charge of a card that was only attached`, async () => {
        const h = sdkHarness();
        const customer = await h.stripe.customers.create();
        const attach = await catchStripe(h.stripe.paymentMethods.attach(paymentMethodFor(h, row, via), { customer: customer.id }));
        if (row.offSessionAttached === 'cannot_attach') {
          assert.ok(attach instanceof Stripe.errors.StripeCardError, 'issuer-decline cards cannot be saved');
          assert.equal(attach.statusCode, 402);
          assert.equal((await h.stripe.customers.listPaymentMethods(customer.id)).data.length, 0);
          return;
        }
        assert.ok(!(attach instanceof Stripe.errors.StripeError));
        const result = await catchStripe(h.stripe.paymentIntents.create({
          amount: 1500, currency: 'usd', customer: customer.id, payment_method: attach.id, confirm: true, off_session: true,
        }));
        if (row.offSessionAttached === 'succeeded') {
          assert.ok(!(result instanceof Stripe.errors.StripeError), String(result));
          assert.equal(result.status, 'succeeded');
        } else {
          assertDecline(result, row.offSessionAttached, 'payment_intent');
          assert.equal((result as Stripe.errors.StripeCardError).payment_intent?.last_payment_error?.payment_method?.id, attach.id);
        }
      });

      if (row.offSessionSetUp) {
        test(`${label}: off-session charge after a SetupIntent`, async () => {
          const h = sdkHarness();
          const customer = await h.stripe.customers.create();
          const si = await h.stripe.setupIntents.create({ customer: customer.id, payment_method: paymentMethodFor(h, row, via), confirm: true, allowed_payment_method_types: ['card'] });
          if (si.status === 'requires_action') {
            h.asBrowser('POST', `/3ds/${(si.next_action!.use_stripe_sdk as { source: string }).source}/complete`);
          }
          const pm = (await h.stripe.setupIntents.retrieve(si.id)).payment_method as string;
          const result = await catchStripe(h.stripe.paymentIntents.create({
            amount: 1500, currency: 'usd', customer: customer.id, payment_method: pm, confirm: true, off_session: true,
          }));
          if (row.offSessionSetUp === 'succeeded') {
            assert.ok(!(result instanceof Stripe.errors.StripeError), String(result));
            assert.equal(result.status, 'succeeded');
          } else {
            assertDecline(result, row.offSessionSetUp!, 'payment_intent');
          }
        });
      }
    }
  });
}

test('setup_future_usage on a PaymentIntent sets the card up: 3155 then succeeds off-session', async () => {
  const h = sdkHarness();
  const customer = await h.stripe.customers.create();
  const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, setup_future_usage: 'off_session' });
  const confirmed = h.asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret, payment_method: 'pm_card_authenticationRequiredOnSetup' });
  assert.equal(confirmed.body.status, 'requires_action');
  assert.equal((await h.stripe.customers.listPaymentMethods(customer.id)).data.length, 0, 'attached only after 3DS');
  h.asBrowser('POST', `/3ds/${confirmed.body.next_action.use_stripe_sdk.source}/complete`);
  const saved = await h.stripe.customers.listPaymentMethods(customer.id);
  assert.equal(saved.data.length, 1);
  const later = await h.stripe.paymentIntents.create({ amount: 700, currency: 'usd', customer: customer.id, payment_method: saved.data[0]!.id, confirm: true, off_session: true });
  assert.equal(later.status, 'succeeded');
});

test('setup_future_usage given at confirm (as Stripe.js sends it) saves the card too', async () => {
  const h = sdkHarness();
  const customer = await h.stripe.customers.create();
  const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
  const confirmed = h.asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, {
    client_secret: pi.client_secret, setup_future_usage: 'off_session', payment_method_data: cardParams('4242424242424242'),
  });
  assert.equal(confirmed.body.status, 'succeeded');
  assert.equal(confirmed.body.setup_future_usage, 'off_session');
  assert.equal((await h.stripe.customers.listPaymentMethods(customer.id)).data.length, 1);
});

test('off-session authentication_required recovery: the customer confirms the same PI on-session with the failed card', async () => {
  const h = sdkHarness();
  const customer = await h.stripe.customers.create();
  const pm = await h.stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customer.id });
  const error = await catchStripe(h.stripe.paymentIntents.create({ amount: 990, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }));
  assert.ok(error instanceof Stripe.errors.StripeCardError);
  assert.equal(error.code, 'authentication_required');
  const pi = error.payment_intent!;
  const retry = h.asBrowser('POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret, payment_method: pi.last_payment_error!.payment_method!.id });
  assert.equal(retry.body.status, 'requires_action');
  h.asBrowser('POST', `/3ds/${retry.body.next_action.use_stripe_sdk.source}/complete`);
  assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
});
