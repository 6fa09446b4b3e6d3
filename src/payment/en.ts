// The words only <stripe-save-payment> shows, in English. They live apart from src/element/en.ts so the card tag's
// script file carries none of them; every shipped language (src/translations/*.ts) has them too, and the payment
// tag reads them through the same registry and language resolution as the card tag (see words.ts).

/** What the Payment Element tag says that the card tag never does: it saves "payment details", not a card. */
export interface PaymentTranslation {
  /** The save toggle. */
  saveDetailsToggle: string;
  /** The submit button in setup mode. */
  saveDetails: string;
  /** Status while saving in setup mode. */
  savingDetails: string;
  /** Success in setup mode. */
  detailsSaved: string;
  /** The off-session mandate: names the business (`business-name`; missing: "us"). */
  detailsDisclosure: (business?: string) => string;
  /** aria-label of the Payment Element's box. */
  paymentDetails: string;
  /** A bank debit (SEPA) was accepted and settles later. */
  paymentPending: string;
  /** A payment that ended without Stripe's own message (e.g. back from the bank, not paid). */
  paymentFailed: string;
}

export const paymentEn: PaymentTranslation = {
  saveDetailsToggle: 'Save payment details for future purchases',
  saveDetails: 'Save payment details',
  savingDetails: 'Saving your payment details…',
  detailsSaved: 'Your payment details were saved.',
  detailsDisclosure: (business) => `By saving your payment details, you allow ${business || 'us'} to charge them for future payments in line with ${business ? 'their' : 'our'} terms.`,
  paymentDetails: 'Payment details',
  paymentPending: 'Payment received: your bank is processing it.',
  paymentFailed: 'The payment did not go through. Try again or choose another payment method.',
};
