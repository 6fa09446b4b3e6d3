// The element's words in English: the built-in table, and the list of keys every other language must have
// (src/translations/*.ts). Function entries take what the grammar needs; the element formats the amount and dates
// in the language shown before passing them.

/** Every word the element shows or announces, by key. */
export interface Translation {
  /** Status line while Stripe.js loads. */
  loading: string;
  /** The load failure, in the alert; a Retry button (`retry`) replaces Pay. */
  loadFailed: string;
  retry: string;
  /** The submit button; `amount` is formatted already ("19,99 €"), or missing when no amount was given. */
  pay: (amount?: string) => string;
  /** The submit button in setup mode. */
  saveCard: string;
  /** The save toggle. */
  saveToggle: string;
  /** The off-session mandate: names the business (`business-name`; missing: "us") and says the card may be charged later. */
  disclosure: (business?: string) => string;
  /** aria-label of the card box. */
  cardDetails: string;
  /** Legend of the saved cards. */
  payWith: string;
  /** The radio that switches back to the card field. */
  newCard: string;
  /** One saved card: `brand` ("Visa"; empty when unknown), `expires` "04/29", `added` ("Nov 2026") only when known. */
  savedCard: (brand: string, last4: string, expires: string, added?: string) => string;
  processing: string;
  /** Status while saving in setup mode. */
  saving: string;
  /** Status during 3D Secure. */
  bank: string;
  succeeded: string;
  /** Success in setup mode. */
  cardSaved: string;
  tryAnother: string;
  /** Validation: nothing typed yet / typed but not complete. */
  enterCard: string;
  incomplete: string;
  /** When the decline or the failed 3D Secure came without Stripe's own (already translated) message. */
  declined: string;
  authFailed: string;
  /** Stripe could not be reached (the payment may still be settled on the next try). */
  unreachable: string;
  /** Any other failure (the backend, the configuration): the developer's detail goes to ssc-error and the console. */
  failed: string;
}

export const en: Translation = {
  loading: 'Loading payment form…',
  loadFailed: "We couldn't load the payment form. Check your connection and try again.",
  retry: 'Retry',
  pay: (amount) => (amount ? `Pay ${amount}` : 'Pay'),
  saveCard: 'Save card',
  saveToggle: 'Save this card for future payments',
  disclosure: (business) => `By saving your card, you allow ${business || 'us'} to charge it for future payments in line with ${business ? 'their' : 'our'} terms.`,
  cardDetails: 'Card details',
  payWith: 'Pay with',
  newCard: 'Use a new card',
  savedCard: (brand, last4, expires, added) => `${brand || 'Card'} ending in ${last4}, expires ${expires}${added ? `, added ${added}` : ''}`,
  processing: 'Processing your payment…',
  saving: 'Saving your card…',
  bank: 'Waiting for your bank…',
  succeeded: 'Payment succeeded.',
  cardSaved: 'Your card was saved.',
  tryAnother: 'Try another card',
  enterCard: 'Enter your card details.',
  incomplete: 'Your card details are incomplete.',
  declined: 'Your card was declined.',
  authFailed: 'We could not authenticate your card.',
  unreachable: 'Could not reach Stripe. Check your connection and try again.',
  failed: "Something went wrong on our side. Please try again later.",
};
