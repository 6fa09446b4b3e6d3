// One gallery tile: sets up the environment a state needs, mounts the element, then drives it like a customer.
import { SSC_EVENTS, loadConfig } from './common.js';

const state = new URLSearchParams(location.search).get('state');
// The gallery's language picker: the tile's page takes the language, the element follows the page's lang.
const lang = new URLSearchParams(location.search).get('lang');

// A tile never takes the page's focus or scrolls it to itself: the card field moves focus as it is typed into, the
// 3D Secure challenge focuses its button, the element focuses the card after a decline. Each would pull a designer
// away from whatever they are doing on the page. So focus() here (and in the card's and the challenge's frames,
// patched as they load, before their own load handlers run) only acts once the person is working in this tile.
function keepFocusInPage(win) {
  const focus = win.HTMLElement.prototype.focus;
  win.HTMLElement.prototype.focus = function focusWithinTile(options) {
    if (document.hasFocus()) focus.call(this, { ...options, preventScroll: true });
  };
}
keepFocusInPage(window);
document.addEventListener('load', (event) => {
  if (event.target instanceof HTMLIFrameElement && event.target.contentWindow) {
    try {
      keepFocusInPage(event.target.contentWindow);
    } catch {
      // another origin's frame: its focus() is its own
    }
  }
}, true);

const config = await loadConfig();

// The page hears what the tile shows (the last ssc-* event) by message, not by reaching into this frame: a tile
// that failed to load is an error page of another origin, and touching its window would throw.
function report(text) {
  parent.postMessage({ galleryTile: state, status: text }, location.origin);
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
if (lang) {
  document.documentElement.lang = lang;
  await loadScript(`/translations/${encodeURIComponent(lang)}.min.js`).catch(() => {
    document.body.append(Object.assign(document.createElement('p'), { className: 'note', textContent: `/translations/${lang}.min.js did not load: English shows.` }));
  });
}
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
element.setAttribute('business-name', 'Demo Shop');
// The gallery's own backend (demo/server/routes/gallery.ts): tiles never create or read the merchant's orders and cards.
element.setAttribute('intent-url', state === 'processing' ? '/gallery/hold' : '/gallery/intent');
if (state === 'saved') element.setAttribute('saved-cards-url', '/gallery/saved-cards');
if (state === 'setup') {
  element.setAttribute('mode', 'setup');
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
