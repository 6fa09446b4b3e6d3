// The emulator's test cards (same numbers and behaviour as Stripe test mode).
export const TEST_CARDS = [
  { number: '4242 4242 4242 4242', what: 'Succeeds, no authentication', later: 'Succeeds' },
  { number: '4000 0025 0000 3155', what: '3D Secure on the first payment or setup', later: 'Succeeds once set up' },
  { number: '4000 0027 6000 3184', what: '3D Secure on every on-session payment', later: 'Always 402 authentication_required → recovery link' },
  { number: '4000 0000 0000 3220', what: '3D Secure 2 must complete', later: 'Like 3155' },
  { number: '4000 0000 0000 9995', what: 'Declined: insufficient_funds', later: 'Cannot be saved' },
  { number: '4000 0000 0000 0002', what: 'Declined: generic_decline', later: 'Cannot be saved' },
  { number: '4000 0000 0000 0069', what: 'Declined: expired_card', later: 'Cannot be saved' },
  { number: '4000 0000 0000 0127', what: 'Declined: incorrect_cvc', later: 'Cannot be saved' },
  { number: '4000 0000 0000 0119', what: 'Error: processing_error', later: 'Cannot be saved' },
  { number: '4000 0000 0000 0341', what: 'Attaches fine, but charges fail', later: '402 card_declined → add a new card' },
];
