// Turns what a page hands Stripe.js (a card or cardNumber Element, a token, billing details) into the form params
// Stripe.js sends: `payment_method_data[card][number]`, `card[token]`, `billing_details[address][postal_code]`, ...
import type { StripeErrorShape } from './api-client.js';
import type { CardDetails } from './card-store.js';
import { readCardForConfirm } from './field-element.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's data, read field by field as Stripe.js does
export type AnyObject = Record<string, any>;

export function cardParams(card: CardDetails): AnyObject {
  const params: AnyObject = { number: card.number, exp_month: String(card.expMonth), exp_year: String(card.expYear) };
  if (card.cvc) params.cvc = card.cvc;
  return params;
}

/** The postal code typed into the Card Element goes in the billing address unless the page gave one. */
export function mergeBilling(billing: AnyObject | undefined, postalCode: string | undefined): AnyObject | undefined {
  if (!postalCode) return billing;
  return { ...billing, address: { postal_code: postalCode, ...billing?.address } };
}

const isTokenCard = (card: unknown): card is { token: string } =>
  typeof card === 'object' && card !== null && typeof (card as { token?: unknown }).token === 'string';

/**
 * `type=card&card[...]&billing_details[...]` for a PaymentMethod (create, or `payment_method_data` on a confirm),
 * from an Element (read now, with Stripe's validation errors) or from `{ token }`.
 */
export function cardPaymentMethodData(card: unknown, billing: AnyObject | undefined, rest: AnyObject = {}): { data: AnyObject } | { error: StripeErrorShape } {
  if (isTokenCard(card)) return { data: { ...rest, type: 'card', card: { token: card.token }, billing_details: billing } };
  const read = readCardForConfirm(card);
  if ('error' in read) return { error: read.error };
  return { data: { ...rest, type: 'card', card: cardParams(read.card), billing_details: mergeBilling(billing, read.card.postalCode) } };
}

/** Confirm params from Stripe.js's `data`: a PaymentMethod id, or `{ card, billing_details }` to create one. */
export function confirmParams(data: AnyObject | undefined): { params: AnyObject } | { error: StripeErrorShape } {
  const { payment_method: paymentMethod, payment_method_options: _options, ...rest } = data ?? {};
  const params: AnyObject = { ...rest };
  // Stripe.js sends an empty value to unset setup_future_usage when it is null.
  if (rest.setup_future_usage === null) params.setup_future_usage = '';
  if (typeof paymentMethod === 'string') {
    params.payment_method = paymentMethod;
  } else if (paymentMethod && typeof paymentMethod === 'object') {
    const { card, billing_details: billing, ...pmRest } = paymentMethod as AnyObject;
    const built = cardPaymentMethodData(card, billing, pmRest);
    if ('error' in built) return { error: built.error };
    params.payment_method_data = built.data;
  }
  return { params };
}
