// The <stripe-save-card> tiles: how each state is set up (attributes, timeouts, a Stripe.js that never arrives) and
// driven (test cards typed into the card field, then submit()).
import { once, typeInto } from './gallery-drive.js';

export const script = '/stripe-save-card.min.js';

/** "loading" and "load failure" need a Stripe.js that never arrives. */
export const stripeNeverArrives = (state) => state === 'loading' || state === 'load-failure';

export function configure(Element, element, state) {
  // Statics are per frame (each tile has its own copy of the bundle), so these don't leak into the main page.
  if (state === 'loading') Element.loadTimeout = 24 * 3600_000;
  if (state === 'load-failure') Element.loadTimeout = 1500;
  if (state === 'processing') Element.backendTimeout = 24 * 3600_000;
  element.setAttribute('currency', 'usd');
  element.setAttribute('amount', '1999');
  element.setAttribute('intent-url', state === 'processing' ? '/gallery/hold' : '/gallery/intent');
  if (state === 'saved') element.setAttribute('saved-cards-url', '/gallery/saved-cards');
  if (state === 'setup') {
    element.setAttribute('mode', 'setup');
    element.removeAttribute('amount');
  }
}

const CARDS = { invalid: '4242424242424241', processing: '4242424242424242', '3ds': '4000002760003184', declined: '4000000000009995', succeeded: '4242424242424242' };

export async function drive(element, state) {
  if (!CARDS[state]) return;
  await once(element, 'ssc-ready');
  const doc = element.querySelector('iframe').contentDocument;
  typeInto(doc, 'cardnumber', CARDS[state]);
  if (state === 'invalid') {
    doc.querySelector('input[name="cardnumber"]').blur();
    return;
  }
  typeInto(doc, 'exp-date', '12 / 34');
  typeInto(doc, 'cvc', '123');
  typeInto(doc, 'postal', '42424');
  doc.activeElement?.blur();
  element.submit();
}
