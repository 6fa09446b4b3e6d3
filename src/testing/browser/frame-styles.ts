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
