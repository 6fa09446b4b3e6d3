// Charges: one per payment attempt that reached the card network (a PaymentIntent's `latest_charge`), succeeded,
// failed, authorized-then-captured or released; plus GET /v1/charges[/:id] and metadata updates.
import type Stripe from 'stripe';
import type { Decline } from '../cards.js';
import type { Context } from '../context.js';
import { resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { page } from '../list.js';
import { mergeMetadata } from '../params.js';
import type { Route } from '../router.js';
import type { PaymentMethodRecord } from '../state.js';
import { randomUuid } from './objects.js';

export function requireCharge(ctx: Context, id: string, param = 'id'): Stripe.Charge {
  const charge = ctx.state.charges.get(id);
  if (!charge) throw resourceMissing('charge', id, param);
  return charge;
}

/** What the network and Radar said, as Stripe words `outcome` for each kind of test-card result. */
function outcomeFor(decline: Decline | undefined): Stripe.Charge.Outcome {
  const base = { advice_code: null, network_advice_code: null, network_decline_code: null, risk_level: 'normal', risk_score: 20 };
  if (!decline) return { ...base, network_status: 'approved_by_network', reason: null, seller_message: 'Payment complete.', type: 'authorized' };
  const reason = decline.decline_code ?? decline.code;
  if (reason === 'fraudulent') {
    return { ...base, risk_level: 'highest', risk_score: 95, network_status: 'not_sent_to_network', reason: 'highest_risk_level', seller_message: 'Stripe blocked this payment as too risky.', type: 'blocked' };
  }
  if (reason === 'test_mode_live_card') {
    return { ...base, network_status: 'not_sent_to_network', reason, seller_message: 'This charge request was in test mode, but did not use a Stripe test card number.', type: 'invalid' };
  }
  const sellerMessage = reason === 'generic_decline'
    ? 'The bank did not return any further details with this decline.'
    : `The bank returned the decline code \`${reason}\`.`;
  return { ...base, network_status: 'declined_by_network', reason, seller_message: sellerMessage, type: 'issuer_declined' };
}

function cardDetails(paymentMethod: PaymentMethodRecord, amount: number, decline: Decline | undefined, authenticated: boolean) {
  const card = paymentMethod.object.card!;
  return {
    amount_authorized: decline ? null : amount,
    authorization_code: decline ? null : String(100000 + (amount % 900000)),
    brand: card.brand,
    checks: card.checks,
    country: card.country,
    electronic_commerce_indicator: authenticated ? '05' : null,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    extended_authorization: { status: 'disabled' },
    fingerprint: card.fingerprint,
    funding: card.funding,
    incremental_authorization: { status: 'unavailable' },
    installments: null,
    last4: card.last4,
    mandate: null,
    multicapture: { status: 'unavailable' },
    network: card.brand,
    network_token: { used: false },
    network_transaction_id: decline ? null : String(100000000000000 + Math.floor(amount * 7919)),
    overcapture: { maximum_amount_capturable: amount, status: 'unavailable' },
    regulated_status: card.regulated_status,
    // Filled in when the customer went through the emulator's 3D Secure challenge for this attempt.
    three_d_secure: authenticated
      ? {
        authentication_flow: 'challenge', electronic_commerce_indicator: '05', exemption_indicator: null, result: 'authenticated',
        result_reason: null, transaction_id: randomUuid(), version: '2.2.0',
      }
      : null,
    transaction_link_id: null,
    wallet: null,
  };
}

export interface ChargeAttempt {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: PaymentMethodRecord;
  /** Absent for an approved attempt. */
  decline?: Decline;
  /** The attempt followed a completed 3D Secure challenge. */
  authenticated: boolean;
  /** A bank debit waiting to settle: the charge is `pending` until then. */
  pending?: boolean;
  /** `payment_method_details` for a non-card method (cards build theirs here). */
  details?: Record<string, unknown>;
}

/** Stores the charge for one attempt (emits charge.succeeded or charge.failed) and returns it. */
export function recordCharge(ctx: Context, attempt: ChargeAttempt): Stripe.Charge {
  const { paymentIntent: pi, paymentMethod, decline, authenticated, pending } = attempt;
  const captured = !decline && !pending && pi.capture_method !== 'manual';
  const charge = {
    id: newId('charge'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    // Asynchronous capture fills the balance transaction in later (Stripe then sends charge.updated); the emulator never does.
    balance_transaction: captured && pi.capture_method !== 'automatic_async' ? newId('balance_transaction') : null,
    billing_details: paymentMethod.object.billing_details,
    calculated_statement_descriptor: pi.statement_descriptor_suffix ? `EMULATOR* ${pi.statement_descriptor_suffix}` : (pi.statement_descriptor ?? 'EMULATOR'),
    captured,
    created: ctx.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: outcomeFor(decline),
    paid: !decline && !pending,
    payment_intent: pi.id,
    payment_method: paymentMethod.object.id,
    payment_method_details: attempt.details ?? { card: cardDetails(paymentMethod, pi.amount, decline, authenticated), type: 'card' },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    // Stripe hosts a receipt page; the emulator has none to point at.
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: decline ? 'failed' : pending ? 'pending' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  } as unknown as Stripe.Charge;
  ctx.state.charges.set(charge.id, charge);
  ctx.emit(decline ? 'charge.failed' : pending ? 'charge.pending' : 'charge.succeeded', charge);
  return charge;
}

/**
 * Captures an authorized charge (emits charge.captured). Capturing less than authorized releases the rest,
 * which Stripe reports as refunded.
 */
export function captureCharge(ctx: Context, charge: Stripe.Charge, amount: number): void {
  charge.captured = true;
  charge.amount_captured = amount;
  charge.amount_refunded = charge.amount - amount;
  charge.balance_transaction = newId('balance_transaction');
  ctx.emit('charge.captured', charge);
}


const EXPAND = ['customer', 'payment_intent', 'refunds'] as const;

export const chargeRoutes: Route[] = [
  {
    method: 'GET', pattern: '/v1/charges/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      params.done();
      return requireCharge(ctx, path.id!);
    },
  },
  {
    method: 'POST', pattern: '/v1/charges/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const description = params.str('description', { max: 1000 });
      const metadata = params.metadata('metadata');
      const receiptEmail = params.str('receipt_email', { max: 800 });
      params.ignore('fraud_details', 'shipping', 'transfer_group');
      params.done();
      const charge = requireCharge(ctx, path.id!);
      if (description !== undefined) charge.description = description;
      if (receiptEmail !== undefined) charge.receipt_email = receiptEmail;
      charge.metadata = mergeMetadata(charge.metadata, metadata);
      ctx.emit('charge.updated', charge);
      return charge;
    },
  },
  {
    method: 'GET', pattern: '/v1/charges', access: 'secret', expand: EXPAND.map((p) => `data.${p}`),
    handle: ({ ctx, params }) => {
      const paymentIntent = params.str('payment_intent');
      const customer = params.str('customer');
      params.ignore('created', 'transfer_group');
      const charges = ctx.state.charges;
      const listing = paymentIntent ? charges.listing('payment_intent', paymentIntent) : customer ? charges.listing('customer', customer) : charges.listing();
      const list = page(listing, params, '/v1/charges', (c) => (!customer || c.customer === customer ? c : undefined));
      params.done();
      return list;
    },
  },
];
