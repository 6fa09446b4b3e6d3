// The gallery's tiles: each state of <stripe-save-card> and of <stripe-save-payment>, shared by the page (which draws
// the tiles) and each tile's frame (which reads its tag and drives the element into the state).

export const CARD_STATES = [
  { state: 'loading', title: 'Loading', caption: 'Stripe.js has not arrived yet' },
  { state: 'ready', title: 'Ready', caption: 'Card field mounted, nothing typed' },
  { state: 'invalid', title: 'Invalid card', caption: '4242 4242 4242 4241 (fails the checksum)' },
  { state: 'processing', title: 'Processing', caption: 'Submitted; the backend is thinking' },
  { state: '3ds', title: '3D Secure challenge', caption: '4000 0027 6000 3184' },
  { state: 'declined', title: 'Declined', caption: '4000 0000 0000 9995 (insufficient funds)' },
  { state: 'succeeded', title: 'Succeeded', caption: '4242 4242 4242 4242' },
  { state: 'saved', title: 'Saved cards', caption: 'saved-cards-url lists the customer\u2019s cards' },
  { state: 'setup', title: 'Setup mode', caption: 'Save a card without paying' },
  { state: 'load-failure', title: 'Load failure', caption: 'Stripe.js never loads (blocked)' },
].map((tile) => ({ ...tile, tag: 'stripe-save-card' }));

export const PAYMENT_STATES = [
  { state: 'pe-ready', title: 'Ready (tabs)', caption: 'Card, iDEAL and SEPA Debit; a card can be saved: the toggle shows' },
  { state: 'pe-accordion', title: 'Ready (accordion)', caption: 'layout="accordion"' },
  { state: 'pe-not-savable', title: 'iDEAL chosen', caption: 'An iDEAL payment can\u2019t be saved: no toggle' },
  { state: 'pe-complete', title: 'Filled in', caption: '4242 4242 4242 4242, not submitted yet' },
  { state: 'pe-processing', title: 'Processing', caption: 'Submitted; the backend is thinking' },
  { state: 'pe-succeeded', title: 'Succeeded', caption: '4242 4242 4242 4242' },
  { state: 'pe-declined', title: 'Declined', caption: '4000 0000 0000 9995 (Stripe\u2019s message)' },
  { state: 'pe-3ds', title: '3D Secure challenge', caption: '4000 0027 6000 3184' },
  { state: 'pe-redirect', title: 'Leaving for the bank', caption: 'iDEAL: ssc-action-required, then the bank\u2019s page' },
  { state: 'pe-sepa', title: 'SEPA Debit processing', caption: 'Accepted; the bank debits it later' },
  { state: 'pe-setup', title: 'Setup mode', caption: 'Save payment details without paying' },
  { state: 'pe-backend-error', title: 'Backend error', caption: 'intent-url answers 503' },
  { state: 'pe-validation', title: 'Validation error', caption: 'Pay pressed with nothing typed (elements.submit())' },
].map((tile) => ({ ...tile, tag: 'stripe-save-payment' }));

export const GALLERY_STATES = [...CARD_STATES, ...PAYMENT_STATES];

export const tileOf = (state) => GALLERY_STATES.find((tile) => tile.state === state);
