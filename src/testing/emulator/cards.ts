// Stripe's test cards and what each does on-session, in setup and off-session (shared/stripe-behaviour.md §1),
// plus card-number checks (Luhn, brand) used when a PaymentMethod is created from raw card data.

import { detectBrand as brandOf, type CardBrand } from '../card-number.js';

export { luhnValid } from '../card-number.js';
export type Brand = CardBrand;

/** A decline as Stripe reports it: `code`, optional `decline_code`, message, and the param it blames. */
export interface Decline {
  code: string;
  decline_code?: string;
  message: string;
  param?: string;
}

const DECLINED = 'Your card was declined.';
export const DECLINES = {
  generic_decline: { code: 'card_declined', decline_code: 'generic_decline', message: DECLINED },
  insufficient_funds: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  lost_card: { code: 'card_declined', decline_code: 'lost_card', message: DECLINED },
  stolen_card: { code: 'card_declined', decline_code: 'stolen_card', message: DECLINED },
  fraudulent: { code: 'card_declined', decline_code: 'fraudulent', message: DECLINED },
  expired_card: { code: 'expired_card', message: 'Your card has expired.', param: 'exp_month' },
  incorrect_cvc: { code: 'incorrect_cvc', message: "Your card's security code is incorrect.", param: 'cvc' },
  processing_error: { code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
  authentication_required: {
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
  test_mode_live_card: {
    code: 'card_declined',
    decline_code: 'test_mode_live_card',
    message: 'Your card was declined. Your request was in test mode, but used a non test (live) card. Use one of the test cards.',
  },
} as const satisfies Record<string, Decline>;

export type DeclineKey = keyof typeof DECLINES;

export interface CardBehaviour {
  /** Confirming a PaymentIntent on-session. */
  payment: 'succeed' | '3ds' | DeclineKey;
  /** What happens once the 3DS challenge is completed (payments and setups alike). */
  afterAuth: 'succeed' | DeclineKey;
  /** Confirming a SetupIntent. */
  setup: 'succeed' | '3ds' | DeclineKey;
  /** Confirming a PaymentIntent with off_session=true. `needs_setup`: succeeds only once the card was set up. */
  offSession: 'succeed' | 'needs_setup' | DeclineKey;
  /** Attaching to a customer: issuer-decline cards can't be saved. */
  attach: 'ok' | DeclineKey;
}

export interface TestCard extends CardBehaviour {
  number: string;
  brand: Brand;
  description: string;
  /** The `pm_card_*` ids that resolve to a fresh PaymentMethod for this card. */
  testIds: readonly string[];
  funding?: 'credit' | 'debit';
}

const ok = { payment: 'succeed', afterAuth: 'succeed', setup: 'succeed', offSession: 'succeed', attach: 'ok' } as const;
const issuerDecline = (key: DeclineKey) => ({ payment: key, afterAuth: key, setup: key, offSession: key, attach: key }) as const;

export const CARDS: readonly TestCard[] = [
  { number: '4242424242424242', brand: 'visa', description: 'Succeeds, no authentication', testIds: ['pm_card_visa'], ...ok },
  { number: '4000056655665556', brand: 'visa', funding: 'debit', description: 'Visa debit: succeeds', testIds: ['pm_card_visa_debit'], ...ok },
  { number: '5555555555554444', brand: 'mastercard', description: 'Mastercard: succeeds', testIds: ['pm_card_mastercard'], ...ok },
  { number: '378282246310005', brand: 'amex', description: 'American Express: succeeds', testIds: ['pm_card_amex'], ...ok },
  { number: '6011111111111117', brand: 'discover', description: 'Discover: succeeds', testIds: ['pm_card_discover'], ...ok },
  { number: '3056930009020004', brand: 'diners', description: 'Diners Club: succeeds', testIds: ['pm_card_diners'], ...ok },
  { number: '3566002020360505', brand: 'jcb', description: 'JCB: succeeds', testIds: ['pm_card_jcb'], ...ok },
  { number: '6200000000000005', brand: 'unionpay', description: 'UnionPay: succeeds', testIds: ['pm_card_unionpay'], ...ok },
  {
    number: '4000002500003155', brand: 'visa', description: '3D Secure on payment and setup; off-session succeeds once set up',
    testIds: ['pm_card_authenticationRequiredOnSetup'],
    payment: '3ds', afterAuth: 'succeed', setup: '3ds', offSession: 'needs_setup', attach: 'ok',
  },
  {
    number: '4000002760003184', brand: 'visa', description: '3D Secure always; off-session always declined (authentication_required)',
    testIds: ['pm_card_authenticationRequired'],
    payment: '3ds', afterAuth: 'succeed', setup: '3ds', offSession: 'authentication_required', attach: 'ok',
  },
  {
    number: '4000003800000446', brand: 'visa', description: '3D Secure on-session; off-session succeeds without setup',
    testIds: ['pm_card_authenticationRequiredSetupForOffSession'],
    payment: '3ds', afterAuth: 'succeed', setup: '3ds', offSession: 'succeed', attach: 'ok',
  },
  {
    number: '4000008260003178', brand: 'visa', description: '3D Secure, then declined: insufficient funds',
    testIds: ['pm_card_authenticationRequiredChargeDeclinedInsufficientFunds'],
    payment: '3ds', afterAuth: 'insufficient_funds', setup: '3ds', offSession: 'insufficient_funds', attach: 'ok',
  },
  {
    number: '4000000000003220', brand: 'visa', description: '3D Secure 2 must complete',
    testIds: ['pm_card_threeDSecure2Required'],
    payment: '3ds', afterAuth: 'succeed', setup: '3ds', offSession: 'needs_setup', attach: 'ok',
  },
  {
    number: '4000008400001629', brand: 'visa', description: '3D Secure, then declined',
    testIds: ['pm_card_threeDSecureRequiredChargeDeclined'],
    payment: '3ds', afterAuth: 'generic_decline', setup: '3ds', offSession: 'generic_decline', attach: 'ok',
  },
  { number: '4000000000009995', brand: 'visa', description: 'Declined: insufficient funds', testIds: ['pm_card_visa_chargeDeclinedInsufficientFunds', 'pm_card_chargeDeclinedInsufficientFunds'], ...issuerDecline('insufficient_funds') },
  { number: '4000000000000002', brand: 'visa', description: 'Declined: generic decline', testIds: ['pm_card_visa_chargeDeclined', 'pm_card_chargeDeclined'], ...issuerDecline('generic_decline') },
  { number: '4000000000009987', brand: 'visa', description: 'Declined: lost card', testIds: ['pm_card_visa_chargeDeclinedLostCard', 'pm_card_chargeDeclinedLostCard'], ...issuerDecline('lost_card') },
  { number: '4000000000009979', brand: 'visa', description: 'Declined: stolen card', testIds: ['pm_card_visa_chargeDeclinedStolenCard', 'pm_card_chargeDeclinedStolenCard'], ...issuerDecline('stolen_card') },
  { number: '4000000000000069', brand: 'visa', description: 'Declined: expired card', testIds: ['pm_card_chargeDeclinedExpiredCard'], ...issuerDecline('expired_card') },
  { number: '4000000000000127', brand: 'visa', description: 'Declined: incorrect CVC', testIds: ['pm_card_chargeDeclinedIncorrectCvc'], ...issuerDecline('incorrect_cvc') },
  { number: '4000000000000119', brand: 'visa', description: 'Declined: processing error', testIds: ['pm_card_chargeDeclinedProcessingError'], ...issuerDecline('processing_error') },
  {
    number: '4000000000000341', brand: 'visa', description: 'Attaches to a customer, but payments are declined',
    testIds: ['pm_card_chargeCustomerFail'],
    payment: 'generic_decline', afterAuth: 'generic_decline', setup: 'succeed', offSession: 'generic_decline', attach: 'ok',
  },
  { number: '4100000000000019', brand: 'visa', description: 'Blocked by Radar: fraudulent', testIds: ['pm_card_radarBlock'], ...issuerDecline('fraudulent') },
];

/** What the UI may show: number, brand, description (and the `pm_card_*` id when there is one). */
export const TEST_CARDS: readonly { number: string; brand: Brand; description: string; testId?: string }[] = CARDS.map((card) => ({
  number: card.number,
  brand: card.brand,
  description: card.description,
  testId: card.testIds[0],
}));

const byNumber = new Map(CARDS.map((card) => [card.number, card]));
const byTestId = new Map(CARDS.flatMap((card) => card.testIds.map((id) => [id, card] as const)));

/** A card number outside the table: Stripe's test mode declines real card numbers. */
function liveCard(number: string): TestCard {
  return { number, brand: brandOf(number), description: 'Not a test card', testIds: [], ...issuerDecline('test_mode_live_card') };
}

export function cardForNumber(number: string): TestCard {
  return byNumber.get(number) ?? liveCard(number);
}

export function cardForTestId(id: string): TestCard | undefined {
  return byTestId.get(id);
}

/** Stripe's fixed test tokens mirror the `pm_card_*` ids: `tok_visa` is `pm_card_visa`'s card, and so on. */
export function cardForTestToken(id: string): TestCard | undefined {
  return id.startsWith('tok_') ? byTestId.get(`pm_card_${id.slice(4)}`) : undefined;
}
