// The <stripe-save-payment> tiles: the Payment Element in euros (so iDEAL and SEPA Debit are offered), set up per
// state (layout, mode, a backend that holds or fails) and driven like a shopper: a tab clicked, Stripe's fields
// typed, then submit(). Each ends where a designer wants to look at it (a challenge open, the bank's page shown).
import { once, typeInto } from './gallery-drive.js';

export const script = '/stripe-save-payment.min.js';

export const stripeNeverArrives = () => false;

const BACKENDS = { 'pe-processing': '/gallery/hold', 'pe-backend-error': '/gallery/broken' };

export function configure(Element, element, state) {
  // The payment tag reads its timeouts from the class it shares with the card tag (this frame's own copy).
  if (state === 'pe-processing') Element.backendTimeout = 24 * 3600_000;
  element.setAttribute('currency', 'eur');
  element.setAttribute('amount', '1999');
  element.setAttribute('intent-url', BACKENDS[state] ?? '/gallery/intent');
  // The gallery's backend makes a euro intent with the account's methods (demo/server/routes/gallery.ts).
  element.intentBody = { currency: 'eur' };
  if (state === 'pe-accordion') element.setAttribute('layout', 'accordion');
  if (state === 'pe-setup') {
    element.setAttribute('mode', 'setup');
    element.removeAttribute('amount');
  }
}

const CARDS = {
  'pe-complete': '4242424242424242', 'pe-processing': '4242424242424242', 'pe-succeeded': '4242424242424242',
  'pe-declined': '4000000000009995', 'pe-3ds': '4000002760003184', 'pe-backend-error': '4242424242424242',
};
/** States shown before Pay is pressed. */
const UNSUBMITTED = new Set(['pe-ready', 'pe-accordion', 'pe-setup', 'pe-not-savable', 'pe-complete']);

// Back from the test bank page (the redirect tile, after a designer answered it): the element reports the outcome.
// Read as the tile loads: the element removes Stripe's parameters from the URL as soon as it mounts.
const backFromBank = new URLSearchParams(location.search).has('payment_intent_client_secret');

export async function drive(element, state) {
  if (backFromBank) return;
  await once(element, 'ssc-ready');
  const frame = () => element.querySelector('iframe[title="Secure payment input frame"]').contentDocument;
  if (state === 'pe-not-savable' || state === 'pe-redirect') frame().querySelector('[data-value="ideal"]').click();
  if (state === 'pe-sepa') {
    frame().querySelector('[data-value="sepa_debit"]').click();
    typeInto(frame(), 'name', 'Jenny Rosen');
    typeInto(frame(), 'email', 'jenny@example.com');
    typeInto(frame(), 'iban', 'DE89370400440532013000');
  }
  if (CARDS[state]) {
    typeInto(frame(), 'number', CARDS[state]);
    typeInto(frame(), 'expiry', '12 / 34');
    typeInto(frame(), 'cvc', '123');
    typeInto(frame(), 'postalCode', '42424');
  }
  frame().activeElement?.blur();
  if (!UNSUBMITTED.has(state)) element.submit();
}
