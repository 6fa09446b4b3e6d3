// One gallery tile: sets up the environment a state needs, mounts the element of the tile's tag, then drives it like
// a customer. What differs per tag (attributes, timeouts, how a state is reached) is in gallery-card.js and
// gallery-payment.js; the loading, language, theme and reporting here are the same for both.
import { SSC_EVENTS, loadConfig } from './common.js';
import { tileOf } from './gallery-states.js';

const state = new URLSearchParams(location.search).get('state');
const tag = tileOf(state)?.tag ?? 'stripe-save-card';
const driver = await import(tag === 'stripe-save-payment' ? './gallery-payment.js' : './gallery-card.js');
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

// A Stripe.js that never arrives ("loading", "load failure"): a Stripe.js tag that is never fetched (type=text/plain),
// which is what a blocked or stuck script looks like to @stripe/stripe-js.
if (driver.stripeNeverArrives(state)) {
  const stuck = document.createElement('script');
  stuck.type = 'text/plain';
  stuck.src = 'https://js.stripe.com/v3/';
  document.head.append(stuck);
} else {
  await loadScript(config.stripeJsUrl);
}
await loadScript(driver.script);
if (lang) {
  document.documentElement.lang = lang;
  await loadScript(`/translations/${encodeURIComponent(lang)}.min.js`).catch(() => {
    document.body.append(Object.assign(document.createElement('p'), { className: 'note', textContent: `/translations/${lang}.min.js did not load: English shows.` }));
  });
}
const Element = customElements.get(tag);
if (!Element) {
  document.body.textContent = 'The element is not built: run "npm run build".';
  throw new Error(`${tag} is not defined`);
}

const element = document.createElement(tag);
element.setAttribute('publishable-key', config.publishableKey);
element.setAttribute('business-name', 'Demo Shop');
// The gallery's own backend (demo/server/routes/gallery.ts): tiles never create or read the merchant's orders and cards.
driver.configure(Element, element, state);
for (const name of SSC_EVENTS) element.addEventListener(name, () => report(name));
// The theme before the element connects (the Payment Element reads it as its `appearance` when it mounts, which can
// be at once), and again after (the card tag takes its iframe's style from the element's cardOptions).
parent.demoTheme?.applyTo(document);
document.body.append(element);
parent.demoTheme?.applyTo(document);
report('mounting');
await driver.drive(element, state);
