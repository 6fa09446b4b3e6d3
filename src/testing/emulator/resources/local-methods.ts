// iDEAL, Bancontact and SEPA Debit PaymentMethods and what confirming a PaymentIntent with one does: the redirect
// methods wait in requires_action for the emulator's test bank page (/bank/:id, authorize or fail, like Stripe's
// test redirect pages); SEPA Debit gets a mandate, goes to processing, and settles later by event (webhook).
import type Stripe from 'stripe';
import { cardForTestId } from '../cards.js';
import { abandonChallenges } from '../challenges.js';
import type { Context } from '../context.js';
import { errorBody, invalidRequest } from '../errors.js';
import { fingerprint, newId } from '../ids.js';
import { mergeMetadata, type Params } from '../params.js';
import { ibanValid, SEPA_TEST_IBANS, TYPE_RULES, type LocalMethodType } from '../payment-method-types.js';
import type { PaymentIntentRecord, PaymentMethodRecord } from '../state.js';
import { snapshot } from '../views.js';
import { recordCharge } from './charges.js';
import { readBillingDetails } from './payment-methods.js';

export const LOCAL_TYPES: readonly LocalMethodType[] = ['ideal', 'bancontact', 'sepa_debit'];
export const isLocalType = (type: unknown): type is LocalMethodType => LOCAL_TYPES.includes(type as LocalMethodType);

/** iDEAL banks Stripe lists (`ideal[bank]`); the Payment Element no longer asks for one, so it is optional. */
const IDEAL_BANKS = [
  'abn_amro', 'asn_bank', 'bunq', 'buut', 'finom', 'handelsbanken', 'ing', 'knab', 'moneyou', 'n26', 'nn', 'rabobank', 'regiobank',
  'revolut', 'sns_bank', 'triodos_bank', 'van_lanschot', 'yoursafe',
] as const;
const IDEAL_BIC: Record<string, string> = { abn_amro: 'ABNANL2A', ing: 'INGBNL2A', rabobank: 'RABONL2U', bunq: 'BUNQNL2A', revolut: 'REVOLT21', n26: 'NTSBDEB1' };

export const AUTHORIZATION_FAILED_MESSAGE =
  'The latest payment attempt of this PaymentIntent has failed or been canceled, and the attached payment method has been removed. You can try confirming again with a new payment method.';

/** A validated iDEAL / Bancontact / SEPA Debit PaymentMethod, not stored yet. */
export interface PendingLocal {
  type: LocalMethodType;
  details: Record<string, unknown>;
  billing: Stripe.PaymentMethod.BillingDetails;
  metadata: Record<string, string>;
  allowRedisplay?: 'always' | 'limited' | 'unspecified';
  settles?: 'succeed' | 'fail';
}

/** Reads `type=ideal|bancontact|sepa_debit`, the type's hash and `billing_details` with Stripe's requirements. */
export function readLocalPaymentMethod(ctx: Context, params: Params, type: LocalMethodType, allowRedisplay: PendingLocal['allowRedisplay']): PendingLocal {
  const billing = readBillingDetails(params.obj('billing_details'));
  const metadata = mergeMetadata({}, params.metadata('metadata'));
  const hash = params.obj(type);
  // `billing_details[name]` → `payment_method_data[billing_details][name]` when nested.
  const param = (key: string) => { const at = key.indexOf('['); return at === -1 ? params.name(key) : params.name(key.slice(0, at)) + key.slice(at); };
  let details: Record<string, unknown> = {};
  let settles: PendingLocal['settles'];
  if (type === 'ideal') {
    const bank = hash?.oneOf('bank', IDEAL_BANKS);
    details = { bank: bank ?? null, bic: bank ? (IDEAL_BIC[bank] ?? null) : null };
  } else if (type === 'bancontact') {
    // Bancontact needs the account holder's name (Stripe: billing_details[name] is required).
    if (!billing.name) throw invalidRequest('Missing required param: billing_details[name].', param('billing_details[name]'), 'parameter_missing');
  } else {
    const raw = hash?.str('iban', { max: 64 });
    if (!raw) throw invalidRequest('Missing required param: sepa_debit[iban].', param('sepa_debit[iban]'), 'parameter_missing');
    const iban = raw.replace(/\s+/g, '').toUpperCase();
    if (!ibanValid(iban)) throw invalidRequest(`The IBAN you provided (${iban.slice(0, 4)}…${iban.slice(-4)}) is invalid.`, param('sepa_debit[iban]'), 'invalid_bank_account_iban');
    if (!billing.name) throw invalidRequest('Missing required param: billing_details[name].', param('billing_details[name]'), 'parameter_missing');
    if (!billing.email) throw invalidRequest('Missing required param: billing_details[email].', param('billing_details[email]'), 'parameter_missing');
    settles = SEPA_TEST_IBANS[iban] ?? 'succeed';
    // Only the last four characters and a fingerprint are kept, as for cards.
    details = { bank_code: iban.slice(4, 12), branch_code: '', country: iban.slice(0, 2), fingerprint: fingerprint(iban), generated_from: null, last4: iban.slice(-4) };
  }
  if (!ctx.enabledTypes.includes(type)) {
    throw invalidRequest(`The payment method type provided: ${type} is invalid. Please ensure the provided type is activated in your dashboard (the emulator's paymentMethodTypes option: ${ctx.enabledTypes.join(', ')}).`, param('type'));
  }
  return { type, details, billing, metadata, allowRedisplay, settles };
}

// The card flows never look at a local method's `card`; the record type wants one.
const PLACEHOLDER_CARD = cardForTestId('pm_card_visa')!;

export function storeLocalPaymentMethod(ctx: Context, pending: PendingLocal): PaymentMethodRecord {
  const object = {
    id: newId('payment_method'),
    object: 'payment_method',
    allow_redisplay: pending.allowRedisplay ?? 'unspecified',
    billing_details: pending.billing,
    created: ctx.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: pending.metadata,
    type: pending.type,
    [pending.type]: pending.details,
  } as unknown as Stripe.PaymentMethod;
  const record: PaymentMethodRecord = { object, card: PLACEHOLDER_CARD, setUp: false, spent: false, settles: pending.settles };
  ctx.state.paymentMethods.set(object.id, record);
  return record;
}

/** `payment_method_details` of a charge paid with a local method. */
function chargeDetails(paymentMethod: PaymentMethodRecord, mandate: string | undefined): Record<string, unknown> {
  const pm = paymentMethod.object as unknown as Record<string, Record<string, unknown>>;
  const type = paymentMethod.object.type as LocalMethodType;
  const own = pm[type] ?? {};
  const name = paymentMethod.object.billing_details.name;
  const details: Record<string, unknown> = type === 'sepa_debit'
    ? { bank_code: own.bank_code, branch_code: own.branch_code, country: own.country, fingerprint: own.fingerprint, last4: own.last4, mandate: mandate ?? null }
    : type === 'ideal'
      ? { bank: own.bank ?? null, bic: own.bic ?? null, generated_sepa_debit: null, generated_sepa_debit_mandate: null, iban_last4: '5264', transaction_id: null, verified_name: name ?? 'Jenny Rosen' }
      : { bank_code: 'VAPE', bank_name: 'VAN DE PUT & CO', bic: 'VAPEBE22', generated_sepa_debit: null, generated_sepa_debit_mandate: null, iban_last4: '7061', preferred_language: 'en', verified_name: name ?? 'Jenny Rosen' };
  return { type, [type]: details };
}

export interface LocalConfirm {
  returnUrl?: string;
  offSession?: boolean;
  /** `mandate_data[customer_acceptance]` as sent (SEPA Debit); Stripe.js's Payment Element always sends it. */
  mandateAcceptance?: { type: 'online' | 'offline'; ipAddress?: string; userAgent?: string };
}

/** Confirm with an iDEAL, Bancontact or SEPA Debit PaymentMethod (called by confirmPaymentIntent). */
export function confirmLocalPayment(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord, input: LocalConfirm): void {
  const pi = record.object;
  const type = paymentMethod.object.type as LocalMethodType;
  if (!pi.payment_method_types.includes(type)) {
    throw invalidRequest(`The PaymentMethod provided (${type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${pi.payment_method_types.join(', ')}. Alternatively update the allowed payment_method_types for this PaymentIntent to include "${type}".`, 'payment_method', 'payment_intent_invalid_parameter');
  }
  const rules = TYPE_RULES[type];
  if (rules.currencies && !rules.currencies.includes(pi.currency)) {
    throw invalidRequest(`The currency provided (${pi.currency}) is invalid for one or more payment method types on this PaymentIntent. The payment method type ${type} only supports ${rules.currencies.join(', ')}.`, 'payment_method', 'payment_intent_invalid_parameter');
  }
  abandonChallenges(ctx, pi.id);
  pi.payment_method = paymentMethod.object.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  if (rules.redirect) {
    if (input.offSession) throw invalidRequest(`${type} payments cannot be made off_session: the customer must authorize each one at their bank.`, 'off_session');
    if (!input.returnUrl) throw invalidRequest(`A return_url must be specified because this PaymentIntent uses the ${type} payment method, which requires a full page redirect to succeed.`, 'return_url');
    const id = newId('source');
    ctx.state.challenges.set(id, { id, intent: { kind: 'payment_intent', id: pi.id }, returnUrl: input.returnUrl, state: 'pending', bank: true });
    ctx.state.pendingChallenges.set(pi.id, id);
    pi.status = 'requires_action';
    pi.next_action = { type: 'redirect_to_url', redirect_to_url: { url: `${ctx.publicUrl}/bank/${id}`, return_url: input.returnUrl } };
    ctx.emit('payment_intent.requires_action', pi);
    return;
  }
  // SEPA Debit: a mandate, then processing until the debit settles.
  const mandate = createMandate(ctx, paymentMethod, input.mandateAcceptance, pi.setup_future_usage ? 'multi_use' : 'single_use', pi);
  if (pi.setup_future_usage && pi.customer && paymentMethod.object.customer !== pi.customer) {
    paymentMethod.object.customer = pi.customer as string;
    ctx.emit('payment_method.attached', paymentMethod.object);
  }
  const charge = recordCharge(ctx, { paymentIntent: pi, paymentMethod, authenticated: false, pending: true, details: chargeDetails(paymentMethod, mandate.id) });
  pi.latest_charge = charge.id;
  pi.status = 'processing';
  ctx.emit('payment_intent.processing', pi);
  const outcome = paymentMethod.settles ?? 'succeed';
  ctx.later(ctx.settleDelayMs, (later) => settleDebit(later, pi.id, charge.id, outcome));
}

/** The debit's outcome arrives: charge and intent succeed, or fail with the bank's answer. */
function settleDebit(ctx: Context, intentId: string, chargeId: string, outcome: 'succeed' | 'fail'): void {
  const record = ctx.state.paymentIntents.get(intentId);
  const charge = ctx.state.charges.get(chargeId);
  if (!record || !charge || record.object.status !== 'processing') return;
  const pi = record.object;
  const paymentMethod = ctx.state.paymentMethods.get(String(pi.payment_method));
  if (outcome === 'succeed') {
    Object.assign(charge, { status: 'succeeded', paid: true, captured: true, amount_captured: charge.amount, balance_transaction: newId('balance_transaction') });
    ctx.emit('charge.succeeded', charge);
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    if (paymentMethod && pi.setup_future_usage) paymentMethod.setUp = true;
    else if (paymentMethod && !paymentMethod.object.customer) paymentMethod.spent = true;
    ctx.emit('payment_intent.succeeded', pi);
    return;
  }
  Object.assign(charge, {
    status: 'failed', paid: false, failure_code: 'insufficient_funds', failure_message: 'The customer\'s account has insufficient funds to cover this payment.',
    outcome: { ...charge.outcome, network_status: 'declined_by_network', reason: null, seller_message: 'The bank returned the failure code `insufficient_funds`.', type: 'issuer_declined' },
  });
  ctx.emit('charge.failed', charge);
  failLocalAttempt(ctx, record, paymentMethod, 'payment_method_provider_decline', 'The customer\'s bank account has insufficient funds to cover this payment.');
}

/** The attempt failed: the intent goes back to requires_payment_method with Stripe's last_payment_error. */
function failLocalAttempt(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord | undefined, code: string, message: string): void {
  const pi = record.object;
  pi.status = 'requires_payment_method';
  pi.next_action = null;
  pi.payment_method = null;
  pi.last_payment_error = errorBody({
    type: 'invalid_request_error', code, message, payment_method: paymentMethod ? snapshot(paymentMethod.object) : undefined,
  }) as Stripe.PaymentIntent.LastPaymentError;
  ctx.emit('payment_intent.payment_failed', pi);
}

/** The test bank page's "Authorize test payment": the payment succeeds now (iDEAL and Bancontact settle at once). */
export function authorizeRedirect(ctx: Context, record: PaymentIntentRecord): void {
  const pi = record.object;
  const paymentMethod = ctx.state.paymentMethods.get(String(pi.payment_method))!;
  const charge = recordCharge(ctx, { paymentIntent: pi, paymentMethod, authenticated: false, details: chargeDetails(paymentMethod, undefined) });
  pi.latest_charge = charge.id;
  pi.next_action = null;
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  // A redirect method's PaymentMethod is single use; saving one (Stripe saves a generated SEPA Debit) is not emulated.
  paymentMethod.spent = true;
  ctx.emit('payment_intent.succeeded', pi);
}

/** The test bank page's "Fail test payment". */
export function failRedirect(ctx: Context, record: PaymentIntentRecord): void {
  const paymentMethod = ctx.state.paymentMethods.get(String(record.object.payment_method));
  failLocalAttempt(ctx, record, paymentMethod, 'payment_intent_payment_attempt_failed', AUTHORIZATION_FAILED_MESSAGE);
}

function createMandate(
  ctx: Context, paymentMethod: PaymentMethodRecord, acceptance: LocalConfirm['mandateAcceptance'], use: 'single_use' | 'multi_use', pi: Stripe.PaymentIntent,
): Stripe.Mandate {
  const mandate = {
    id: newId('mandate'),
    object: 'mandate',
    customer_acceptance: {
      accepted_at: ctx.now(),
      ...(acceptance?.type === 'offline' ? { offline: {} } : { online: { ip_address: acceptance?.ipAddress ?? '127.0.0.1', user_agent: acceptance?.userAgent ?? 'emulator' } }),
      type: acceptance?.type ?? 'online',
    },
    livemode: false,
    ...(use === 'multi_use' ? { multi_use: {} } : { single_use: { amount: pi.amount, currency: pi.currency } }),
    payment_method: paymentMethod.object.id,
    payment_method_details: { sepa_debit: { reference: newId('mandate').slice(8, 24).toUpperCase(), url: `${ctx.publicUrl}/mandates/${paymentMethod.object.id}` }, type: 'sepa_debit' },
    status: 'active',
    type: use,
  } as unknown as Stripe.Mandate;
  ctx.state.mandates.set(mandate.id, mandate);
  return mandate;
}

/** `mandate_data[customer_acceptance][...]` as a confirm sends it. */
export function readMandateData(params: Params): LocalConfirm['mandateAcceptance'] {
  const acceptance = params.obj('mandate_data')?.obj('customer_acceptance');
  if (!acceptance) return undefined;
  const type = acceptance.oneOf('type', ['online', 'offline'] as const, { required: true })!;
  const online = acceptance.obj('online');
  const ipAddress = online?.str('ip_address', { max: 100 });
  const userAgent = online?.str('user_agent', { max: 1000 });
  online?.ignore('infer_from_client');
  acceptance.ignore('accepted_at', 'offline');
  return { type, ipAddress, userAgent };
}
