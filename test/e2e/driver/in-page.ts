// The part of the driver that runs inside the page, the same on every engine. Plain JavaScript source (not a
// compiled function: the TypeScript loader's helpers would not exist in the page).
//
// Selectors: CSS, searched through open shadow roots; ` >> ` steps into what the previous part matched (its
// shadow root and children, or an iframe's document). `#checkout-element >> [part="button"]`,
// `#checkout-element >> iframe >> input[name="cardnumber"]`. Frames must be same-origin (the fake Stripe.js's are).
export const IN_PAGE = String.raw`
const deepAll = (root, css, out) => {
  out.push(...root.querySelectorAll(css));
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, css, out);
  return out;
};
const findAll = (selector) => {
  let scopes = [document];
  let found = [];
  for (const part of selector.split(' >> ')) {
    found = [...new Set(scopes.flatMap((scope) => deepAll(scope, part.trim(), [])))];
    scopes = found.flatMap((el) => el.tagName === 'IFRAME' ? (el.contentDocument ? [el.contentDocument] : []) : [el.shadowRoot, el].filter(Boolean));
  }
  return found;
};
const matching = (selector, text) => findAll(selector).filter((el) => !text || new RegExp(text.source, text.flags).test(el.textContent));
// Whether node is el or inside it in the rendered (composed) tree: slotted content counts as inside its slot.
const composedContains = (el, node) => {
  for (let n = node; n; n = n.assignedSlot ?? n.parentNode ?? n.host) if (n === el) return true;
  return false;
};
// Moves a point from a document's viewport up through each iframe to the top page's viewport. Fails (null) when
// something in a parent document covers the frame at that point (an overlay over the card iframe, say).
const toTop = (doc, x, y) => {
  for (let win = doc.defaultView; win !== window.top; win = win.parent) {
    const frame = win.frameElement;
    const box = frame.getBoundingClientRect();
    const style = getComputedStyle(frame);
    x += box.left + frame.clientLeft + parseFloat(style.paddingLeft);
    y += box.top + frame.clientTop + parseFloat(style.paddingTop);
    if (frame.getRootNode().elementFromPoint(x, y) !== frame) return null;
  }
  return { x, y };
};
// Where a person would click: the middle of the element, once it is visible, enabled, loaded, still and not
// covered. A visually hidden checkbox or radio (a styled toggle) is clicked through its label, as a person does.
const clickPoint = async (selector, text) => {
  const found = matching(selector, text)[0];
  if (!found) return { wait: 'no element matches ' + selector };
  if (found.disabled) return { wait: selector + ' is disabled' };
  // A frame's document that is parsed but not loaded may not be styled or wired yet (the fake's 3DS overlay).
  if (found.ownerDocument.readyState !== 'complete') return { wait: selector + ' is in a document still loading' };
  const box = found.getBoundingClientRect();
  const el = (box.width < 2 || box.height < 2) && found.labels?.length ? found.labels[0] : found;
  // Scrolled only as far as needed (as Playwright does): centring would move the page more than a person would.
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  for (let win = el.ownerDocument.defaultView; win !== window.top; win = win.parent) win.frameElement.scrollIntoView({ block: 'nearest' });
  // The first line box: the middle of a link that wraps may be outside it.
  const r = el.getClientRects()[0];
  if (!r || !r.width || !r.height) return { wait: selector + ' is not visible' };
  // Still for two frames (as Playwright checks): content arriving above it would otherwise move it under the click.
  const view = el.ownerDocument.defaultView;
  await new Promise((resolve) => view.requestAnimationFrame(() => view.requestAnimationFrame(resolve)));
  const again = el.getClientRects()[0];
  if (!again || again.left !== r.left || again.top !== r.top) return { wait: selector + ' is moving' };
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const hit = el.getRootNode().elementFromPoint(x, y);
  const ok = hit && (composedContains(el, hit) || hit.closest?.('label')?.control === found || (el.tagName === 'LABEL' && el.control === hit));
  if (!ok) return { wait: selector + ' is covered by ' + (hit ? hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') : 'nothing') };
  return toTop(el.ownerDocument, x, y) ?? { wait: 'the frame holding ' + selector + ' is covered' };
};
`;

/** An expression that runs `body` (statements ending in `return`) with the helpers above and `args` in scope. */
export function inPage(body: string, args: Record<string, unknown> = {}): string {
  const bindings = Object.entries(args).map(([name, value]) => `const ${name} = ${serialize(value)};`).join('\n');
  return `(async () => {\n${IN_PAGE}\n${bindings}\n${body}\n})()`;
}

function serialize(value: unknown): string {
  if (value instanceof RegExp) return `{ source: ${JSON.stringify(value.source)}, flags: ${JSON.stringify(value.flags)} }`;
  return JSON.stringify(value ?? null);
}
