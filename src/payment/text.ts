// Every string a shopper reads in <stripe-save-payment>, in one object so translations can replace it whole
// (the card tag's translations, #18, can be wired here the same way). Developer-facing messages stay in English.
export const PAYMENT_TEXT = {
  save: 'Save payment details for future purchases',
  disclosure: 'By saving your payment details, you allow us to charge them for future payments in line with our terms.',
  pay: 'Pay',
  payAmount: (amount: string) => `Pay ${amount}`,
  saveDetails: 'Save payment details',
  loading: 'Loading payment form…',
  loadFailed: "We couldn't load the payment form. Check your connection and try again.",
  retry: 'Retry',
  processing: 'Processing your payment…',
  saving: 'Saving your payment details…',
  bank: 'Waiting for your bank…',
  succeeded: 'Payment succeeded.',
  pending: 'Payment received: your bank is processing it.',
  saved: 'Your payment details were saved.',
  failed: 'The payment did not go through. Try again or choose another payment method.',
  group: 'Payment details',
};

export type PaymentText = typeof PAYMENT_TEXT;
