// Refunds: full and partial, by charge or by PaymentIntent, with Stripe's refusals (already refunded, more than
// what is left, nothing captured); the charge's amount_refunded / refunded follow. Card refunds succeed at once
// in test mode.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { page } from '../list.js';
import { formatAmount } from '../money.js';
import { mergeMetadata } from '../params.js';
import type { Route } from '../router.js';
import { requireCharge } from './charges.js';
import { requirePaymentIntent } from './payment-intent-flow.js';

type Reason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export function requireRefund(ctx: Context, id: string, param = 'id'): Stripe.Refund {
  const refund = ctx.state.refunds.get(id);
  if (!refund) throw resourceMissing('refund', id, param);
  return refund;
}

function storeRefund(ctx: Context, charge: Stripe.Charge, amount: number, fields: { reason: Stripe.Refund.Reason | null; metadata: Record<string, string>; reversal: boolean }): Stripe.Refund {
  const refund = {
    id: newId('refund'),
    object: 'refund',
    amount,
    // Stripe added `application` to refunds in 2026-11-18.endive's SDK release; null unless Connect made it.
    application: null,
    balance_transaction: fields.reversal ? null : newId('balance_transaction'),
    charge: charge.id,
    created: ctx.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: fields.reversal
      ? { card: { type: 'reversal' }, type: 'card' }
      : { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: fields.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: fields.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  } as unknown as Stripe.Refund;
  ctx.state.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  ctx.emit('refund.created', refund);
  ctx.emit('charge.refunded', charge);
  return refund;
}

/** Canceling an authorized, uncaptured PaymentIntent releases the hold: Stripe reports it as a full refund. */
export function releaseAuthorization(ctx: Context, charge: Stripe.Charge): void {
  storeRefund(ctx, charge, charge.amount - charge.amount_refunded, { reason: null, metadata: {}, reversal: true });
}

/** The charge a refund request points at, checked the way Stripe checks it. */
function refundableCharge(ctx: Context, chargeId: string | undefined, paymentIntentId: string | undefined): Stripe.Charge {
  if (!chargeId && !paymentIntentId) throw invalidRequest('One of the following params should be provided for this request: charge or payment_intent.', 'charge', 'parameter_missing');
  let charge = chargeId ? requireCharge(ctx, chargeId, 'charge') : undefined;
  if (paymentIntentId) {
    const pi = requirePaymentIntent(ctx, paymentIntentId, 'payment_intent').object;
    const latest = typeof pi.latest_charge === 'string' ? ctx.state.charges.get(pi.latest_charge) : undefined;
    if (!latest || latest.status !== 'succeeded') {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent');
    }
    if (charge && charge.id !== latest.id) throw invalidRequest(`Charge ${charge.id} does not belong to PaymentIntent ${pi.id}.`, 'charge');
    charge = latest;
  }
  if (charge!.status !== 'succeeded') {
    throw invalidRequest(`This PaymentIntent (${charge!.payment_intent as string}) does not have a successful charge to refund.`, 'charge');
  }
  return charge!;
}

function checkAmount(charge: Stripe.Charge, requested: number | undefined): number {
  if (charge.refunded) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
  if (!charge.captured) {
    // Stripe releases an authorization when its PaymentIntent is canceled; the emulator does not refund it.
    throw invalidRequest(`Charge ${charge.id} has not been captured. Cancel its PaymentIntent (${charge.payment_intent as string}) to release the authorization.`, 'charge');
  }
  const left = charge.amount - charge.amount_refunded;
  const amount = requested ?? left;
  if (amount > charge.amount) {
    throw invalidRequest(`Refund amount (${formatAmount(amount, charge.currency)}) is greater than charge amount (${formatAmount(charge.amount, charge.currency)})`, 'amount');
  }
  if (amount > left) {
    throw invalidRequest(`Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, charge.currency)})`, 'amount');
  }
  return amount;
}

const EXPAND = ['charge', 'payment_intent'] as const;

export const refundRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/refunds', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params }) => {
      const chargeId = params.str('charge');
      const paymentIntentId = params.str('payment_intent');
      const amount = params.int('amount', { min: 1 });
      const reason = params.oneOf<Reason>('reason', ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null;
      const metadata = mergeMetadata({}, params.metadata('metadata'));
      params.bool('refund_application_fee');
      params.bool('reverse_transfer');
      params.ignore('instructions_email', 'origin', 'customer', 'currency');
      params.done();
      const charge = refundableCharge(ctx, chargeId, paymentIntentId);
      return storeRefund(ctx, charge, checkAmount(charge, amount), { reason, metadata, reversal: false });
    },
  },
  {
    method: 'GET', pattern: '/v1/refunds/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      params.done();
      return requireRefund(ctx, path.id!);
    },
  },
  {
    method: 'POST', pattern: '/v1/refunds/:id', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      const metadata = params.metadata('metadata');
      params.done();
      const refund = requireRefund(ctx, path.id!);
      refund.metadata = mergeMetadata(refund.metadata ?? {}, metadata);
      ctx.emit('refund.updated', refund);
      return refund;
    },
  },
  {
    method: 'POST', pattern: '/v1/refunds/:id/cancel', access: 'secret', expand: EXPAND,
    handle: ({ ctx, params, path }) => {
      params.done();
      const refund = requireRefund(ctx, path.id!);
      throw invalidRequest(`You can't cancel refund ${refund.id} because it has a status of ${refund.status}. Only refunds with a status of requires_action can be canceled.`, 'refund');
    },
  },
  {
    method: 'GET', pattern: '/v1/refunds', access: 'secret', expand: EXPAND.map((p) => `data.${p}`),
    handle: ({ ctx, params }) => {
      const charge = params.str('charge');
      const paymentIntent = params.str('payment_intent');
      params.ignore('created');
      const refunds = ctx.state.refunds;
      const listing = charge ? refunds.listing('charge', charge) : paymentIntent ? refunds.listing('payment_intent', paymentIntent) : refunds.listing();
      const list = page(listing, params, '/v1/refunds', (r) => (!paymentIntent || r.payment_intent === paymentIntent ? r : undefined));
      params.done();
      return list;
    },
  },
  {
    method: 'GET', pattern: '/v1/charges/:id/refunds', access: 'secret', expand: EXPAND.map((p) => `data.${p}`),
    handle: ({ ctx, params, path }) => {
      const charge = requireCharge(ctx, path.id!);
      const list = page(ctx.state.refunds.listing('charge', charge.id), params, `/v1/charges/${charge.id}/refunds`, (r) => r);
      params.done();
      return list;
    },
  },
];

/** A charge's refunds, newest first (for `expand[]=refunds` and the charge's refunds list). */
export function refundsOf(ctx: Context, chargeId: string): Stripe.Refund[] {
  return [...ctx.state.refunds.listing('charge', chargeId).newestFirst()!];
}
