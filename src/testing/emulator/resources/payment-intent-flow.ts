// The PaymentIntent state machine (shared/stripe-behaviour.md §2): create, confirm (success, 3DS, declines,
// off-session rules, setup_future_usage) and what the 3DS challenge's outcome does to the intent.
import type Stripe from 'stripe';
import { versionRules } from '../api-versions.js';
import { DECLINES, type Decline } from '../cards.js';
import { abandonChallenges, openChallenge } from '../challenges.js';
import type { Context } from '../context.js';
import { ApiError, errorBody, invalidRequest, missingParam, resourceMissing } from '../errors.js';
import { newClientSecret, newId } from '../ids.js';
import type { PaymentIntentRecord, PaymentMethodRecord } from '../state.js';
import { snapshot, view } from '../views.js';
import { recordCharge } from './charges.js';
import { requireReturnUrl } from './intent-params.js';
import { completeCheckoutSession } from './checkout-completion.js';
import { confirmLocalPayment, type LocalConfirm } from './local-methods.js';
import { assertUsable, attachPaymentMethod } from './payment-methods.js';

export type SetupFutureUsage = 'on_session' | 'off_session';
export const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
export const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
export const AUTHENTICATION_FAILED_MESSAGE =
  'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.';

export function requirePaymentIntent(ctx: Context, id: string, param = 'id'): PaymentIntentRecord {
  const record = ctx.state.paymentIntents.get(id);
  if (!record) throw resourceMissing('payment_intent', id, param);
  return record;
}

export function unexpectedState(ctx: Context, pi: Stripe.PaymentIntent, message: string): ApiError {
  return new ApiError(400, errorBody({ type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message, payment_intent: view(ctx, pi) }));
}

/** A publishable key may only touch an intent whose client secret it presents. */
export function checkClientSecret(ctx: Context, secret: string | undefined, actual: string | null, kind: 'PaymentIntent' | 'SetupIntent'): void {
  if (ctx.caller !== 'publishable') return;
  if (!secret) throw missingParam('client_secret');
  if (secret !== actual) throw invalidRequest(`The client_secret provided does not match the client_secret associated with the ${kind}.`, 'client_secret');
}

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  customer: string | null;
  description?: string;
  metadata?: Record<string, string>;
  captureMethod?: 'automatic' | 'automatic_async' | 'manual';
  confirmationMethod?: 'automatic' | 'manual';
  setupFutureUsage?: SetupFutureUsage;
  receiptEmail?: string;
  statementDescriptor?: string;
  statementDescriptorSuffix?: string;
  automaticPaymentMethods?: Stripe.PaymentIntent.AutomaticPaymentMethods | null;
  /** `allowed_payment_method_types` as given (null when not). */
  allowedPaymentMethodTypes?: string[];
  /** What the intent accepts (intentMethodTypes); card when not given. */
  paymentMethodTypes?: string[];
  paymentMethod?: PaymentMethodRecord;
  checkoutSession?: string;
}

/** Stores a new PaymentIntent (emits payment_intent.created). */
export function createPaymentIntent(ctx: Context, input: NewPaymentIntent): PaymentIntentRecord {
  const id = newId('payment_intent');
  // Keys as stripe-node 23 declares them for the API version it pins (test/node/emulator-shapes checks them).
  const object: Stripe.PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: (input.allowedPaymentMethodTypes ?? null) as Stripe.PaymentIntent['allowed_payment_method_types'],
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods ?? null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod ?? versionRules(ctx.apiVersion).defaultCaptureMethod,
    client_secret: newClientSecret(id),
    confirmation_method: input.confirmationMethod ?? 'automatic',
    created: ctx.now(),
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod?.object.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: input.paymentMethodTypes ?? ['card'],
    // Payment Records describe payments made outside Stripe; a card payment made here has none.
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: input.setupFutureUsage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor ?? null,
    statement_descriptor_suffix: input.statementDescriptorSuffix ?? null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  const record: PaymentIntentRecord = { object, authenticated: false, checkoutSession: input.checkoutSession };
  ctx.state.paymentIntents.set(id, record);
  ctx.emit('payment_intent.created', object);
  return record;
}

export interface ConfirmInput {
  paymentMethod?: PaymentMethodRecord;
  offSession?: boolean;
  /** `null` clears a setup_future_usage set at creation. */
  setupFutureUsage?: SetupFutureUsage | null;
  returnUrl?: string;
  errorOnRequiresAction?: boolean;
  receiptEmail?: string;
  captureMethod?: 'automatic' | 'automatic_async' | 'manual';
  /** A confirm through the API (not the emulator's hosted pages): Stripe's return_url rule applies. */
  viaApi?: boolean;
  /** `mandate_data[customer_acceptance]` (SEPA Debit). */
  mandateAcceptance?: LocalConfirm['mandateAcceptance'];
}

/**
 * Confirms: picks the outcome from the card's behaviour and moves the intent to succeeded / requires_capture /
 * requires_action, or records the decline and throws the 402.
 */
export function confirmPaymentIntent(ctx: Context, record: PaymentIntentRecord, input: ConfirmInput): void {
  const pi = record.object;
  if (!CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(ctx, pi, pi.status === 'succeeded'
      ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
      : `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`);
  }
  const current = typeof pi.payment_method === 'string' ? ctx.state.paymentMethods.get(pi.payment_method) : undefined;
  const paymentMethod = input.paymentMethod ?? current;
  if (!paymentMethod) {
    throw unexpectedState(ctx, pi, "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, pass a payment_method (or payment_method_data) with this request or update the PaymentIntent with one first.");
  }
  if (input.viaApi) requireReturnUrl(ctx, pi, input);
  assertUsable(paymentMethod, pi.customer as string | null);
  if (paymentMethod !== current) record.authenticated = false;

  abandonChallenges(ctx, pi.id);
  if (input.setupFutureUsage !== undefined) pi.setup_future_usage = input.setupFutureUsage;
  if (input.receiptEmail !== undefined) pi.receipt_email = input.receiptEmail;
  if (input.captureMethod !== undefined) pi.capture_method = input.captureMethod;
  pi.payment_method = paymentMethod.object.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  if (paymentMethod.object.type !== 'card') return confirmLocalPayment(ctx, record, paymentMethod, input);
  const card = paymentMethod.card;

  if (input.offSession) {
    const rule = card.offSession;
    if (rule === 'succeed' || (rule === 'needs_setup' && paymentMethod.setUp)) return succeedPayment(ctx, record, paymentMethod, false);
    throw declinePayment(ctx, record, paymentMethod, DECLINES[rule === 'needs_setup' ? 'authentication_required' : rule], false);
  }
  // Manual confirmation after a completed challenge: the issuer answers now, to the server's confirm.
  if (record.authenticated) return settleAuthenticated(ctx, record, paymentMethod);
  if (card.payment === 'succeed') return succeedPayment(ctx, record, paymentMethod, false);
  if (card.payment === '3ds') {
    if (input.errorOnRequiresAction) throw declinePayment(ctx, record, paymentMethod, DECLINES.authentication_required, false);
    pi.status = 'requires_action';
    pi.next_action = openChallenge(ctx, { kind: 'payment_intent', id: pi.id }, input.returnUrl) as Stripe.PaymentIntent.NextAction;
    ctx.emit('payment_intent.requires_action', pi);
    return;
  }
  throw declinePayment(ctx, record, paymentMethod, DECLINES[card.payment], false);
}

/** The card's outcome once the customer authenticated: success, or the issuer's decline (thrown as the 402). */
function settleAuthenticated(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord): void {
  const outcome = paymentMethod.card.afterAuth;
  if (outcome === 'succeed') return succeedPayment(ctx, record, paymentMethod, true);
  throw declinePayment(ctx, record, paymentMethod, DECLINES[outcome], true);
}

function succeedPayment(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord, authenticated: boolean): void {
  const pi = record.object;
  if (pi.setup_future_usage) {
    // Saving: attach to the customer once the payment went through, and remember the card is set up.
    if (pi.customer && paymentMethod.object.customer !== pi.customer) attachPaymentMethod(ctx, paymentMethod, pi.customer as string);
    paymentMethod.setUp = true;
  } else if (!paymentMethod.object.customer) {
    // Stripe lets an unattached PaymentMethod be used once.
    paymentMethod.spent = true;
  }
  pi.latest_charge = recordCharge(ctx, { paymentIntent: pi, paymentMethod, authenticated }).id;
  pi.next_action = null;
  record.authenticated = false;
  if (pi.capture_method === 'manual') {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    ctx.emit('payment_intent.amount_capturable_updated', pi);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    ctx.emit('payment_intent.succeeded', pi);
  }
  if (record.checkoutSession) completeCheckoutSession(ctx, record.checkoutSession, pi.status === 'succeeded' ? 'paid' : 'unpaid');
}

/** Records a failed attempt (a failed charge, the intent back to requires_payment_method) and returns the 402 to throw. */
function declinePayment(ctx: Context, record: PaymentIntentRecord, paymentMethod: PaymentMethodRecord, decline: Decline, authenticated: boolean): ApiError {
  const pi = record.object;
  const charge = recordCharge(ctx, { paymentIntent: pi, paymentMethod, decline, authenticated }).id;
  const error = errorBody({
    type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, param: decline.param, charge,
    payment_method: snapshot(paymentMethod.object),
  });
  pi.latest_charge = charge;
  failAttempt(ctx, record, error as Stripe.PaymentIntent.LastPaymentError);
  return new ApiError(402, { ...error, payment_intent: view(ctx, pi) });
}

function failAttempt(ctx: Context, record: PaymentIntentRecord, error: Stripe.PaymentIntent.LastPaymentError): void {
  const pi = record.object;
  pi.status = 'requires_payment_method';
  pi.last_payment_error = error;
  pi.payment_method = null;
  pi.next_action = null;
  record.authenticated = false;
  ctx.emit('payment_intent.payment_failed', pi);
}

/**
 * The customer completed the 3DS challenge. With manual confirmation the intent waits for the server's confirm
 * (which then meets the issuer's answer); otherwise the card's post-authentication outcome applies now.
 */
export function completePaymentAuthentication(ctx: Context, record: PaymentIntentRecord): void {
  const pi = record.object;
  const paymentMethod = ctx.state.paymentMethods.get(pi.payment_method as string)!;
  if (pi.confirmation_method === 'manual') {
    pi.status = 'requires_confirmation';
    pi.next_action = null;
    record.authenticated = true;
    return;
  }
  try {
    settleAuthenticated(ctx, record, paymentMethod);
  } catch (error) {
    // The decline is recorded on the intent; the challenge page reports the intent, not a 402.
    if (!(error instanceof ApiError)) throw error;
  }
}

/** The customer failed (or closed) the 3DS challenge. */
export function failPaymentAuthentication(ctx: Context, record: PaymentIntentRecord): void {
  const paymentMethod = ctx.state.paymentMethods.get(record.object.payment_method as string);
  failAttempt(ctx, record, errorBody({
    type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: AUTHENTICATION_FAILED_MESSAGE,
    payment_method: paymentMethod ? snapshot(paymentMethod.object) : undefined,
  }) as Stripe.PaymentIntent.LastPaymentError);
}
