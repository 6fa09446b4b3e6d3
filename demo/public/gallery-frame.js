// One gallery tile: sets up the environment a state needs, mounts the element, then drives it like a customer.
import { SSC_EVENTS, loadConfig } from './common.js';

const state = new URLSearchParams(location.search).get('state');
const config = await loadConfig();

function report(text) {
  window.dispatchEvent(new CustomEvent('tile-status', { detail: text }));
  document.body.dataset.status = text;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = src;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(tag);
  });
}

// "loading" and "load failure" need a Stripe.js that never arrives: a Stripe.js tag that is never fetched
// (type=text/plain), which is what a blocked or stuck script looks like to @stripe/stripe-js.
const stripeNeverArrives = state === 'loading' || state === 'load-failure';
if (stripeNeverArrives) {
  const stuck = document.createElement('script');
  stuck.type = 'text/plain';
  stuck.src = 'https://js.stripe.com/v3/';
  document.head.append(stuck);
} else {
  await loadScript(config.stripeJsUrl);
}
await loadScript('/stripe-save-card.min.js');
const Element = customElements.get('stripe-save-card');
if (!Element) {
  document.body.textContent = 'The element is not built: run "npm run build".';
  throw new Error('stripe-save-card is not defined');
}
// Statics are per frame (each tile has its own copy of the bundle), so these don't leak into the main page.
if (state === 'loading') Element.loadTimeout = 24 * 3600_000;
if (state === 'load-failure') Element.loadTimeout = 1500;
if (state === 'processing') Element.backendTimeout = 24 * 3600_000;

const element = document.createElement('stripe-save-card');
element.setAttribute('publishable-key', config.publishableKey);
element.setAttribute('currency', 'usd');
element.setAttribute('amount', '1999');
element.setAttribute('intent-url', state === 'processing' ? '/gallery/hold' : '/create-payment-intent');
element.intentBody = { items: [{ sku: 'tshirt', quantity: 1 }] };
if (state === 'saved') element.setAttribute('saved-cards-url', '/saved-cards');
if (state === 'setup') {
  element.setAttribute('mode', 'setup');
  element.setAttribute('intent-url', '/create-setup-intent');
  element.removeAttribute('amount');
}
for (const name of SSC_EVENTS) element.addEventListener(name, () => report(name));
document.body.append(element);
parent.demoTheme?.applyTo(document);
report('mounting');

const CARDS = { invalid: '4242424242424241', processing: '4242424242424242', '3ds': '4000002760003184', declined: '4000000000009995', succeeded: '4242424242424242' };
if (CARDS[state]) {
  await new Promise((resolve) => element.addEventListener('ssc-ready', resolve, { once: true }));
  const frame = element.querySelector('iframe');
  const doc = frame.contentDocument;
  // Typed the way the fake's iframe receives it from a person: value + an input event per field.
  const type = (name, value) => {
    const input = doc.querySelector(`input[name="${name}"]`);
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
  };
  type('cardnumber', CARDS[state]);
  if (state === 'invalid') {
    doc.querySelector('input[name="cardnumber"]').blur();
  } else {
    type('exp-date', '12 / 34');
    type('cvc', '123');
    type('postal', '42424');
    doc.activeElement?.blur();
    element.submit();
  }
}
