// Styling that a strict Content-Security-Policy (no 'unsafe-inline' in style-src) lets through: constructable
// stylesheets adopted by a frame's document, and CSSOM property writes on the host page's nodes. Neither a
// <style> element nor a style attribute is ever parsed, so the fake raises no securitypolicyviolation.

/** Adopts `css` into `doc` (a frame's document) as constructable stylesheets, replacing what it adopted before. */
export function adoptStyles(doc: Document, ...css: string[]): void {
  // A sheet can only be adopted by documents of the window that constructed it: use the frame's own constructor.
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet ?? CSSStyleSheet;
  doc.adoptedStyleSheets = css.map((text) => {
    const sheet = new Sheet();
    sheet.replaceSync(text);
    return sheet;
  });
}

/** Writes each property with `!important` through CSSOM (what Stripe.js does to its own frames and wrappers). */
export function setImportantStyles(element: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) element.style.setProperty(property, value, 'important');
}

// One counter for every element's frame, as in Stripe.js: a card field and a Payment Element on one page never
// share a frame name.
let frameCounter = 0;

/** An element's wrapper (Stripe's `__PrivateStripeElement`) and its empty iframe, named and styled like Stripe's. */
export function stripeElementFrame(title: string): { wrapper: HTMLDivElement; frame: HTMLIFrameElement } {
  const wrapper = document.createElement('div');
  wrapper.className = '__PrivateStripeElement';
  setImportantStyles(wrapper, { margin: '0', padding: '0', border: 'none', display: 'block', background: 'transparent', position: 'relative', opacity: '1' });
  const frame = document.createElement('iframe');
  frame.name = `__privateStripeFrame${++frameCounter}`;
  frame.title = title;
  frame.setAttribute('frameborder', '0');
  frame.setAttribute('allowtransparency', 'true');
  frame.setAttribute('scrolling', 'no');
  frame.setAttribute('role', 'presentation');
  setImportantStyles(frame, { border: 'none', margin: '0', padding: '0', width: '1px', 'min-width': '100%', overflow: 'hidden', display: 'block', 'user-select': 'none' });
  return { wrapper, frame };
}
