// The colour a text field's placeholder is drawn in, on every engine. Chromium and Firefox answer
// getComputedStyle(input, '::placeholder'); WebKit ignores the pseudo-element there and answers the field's own
// style. On WebKit the colour is therefore read from the field's document: of the `::placeholder` rules whose
// selector matches the field, the cascade's winner (highest specificity, then last in document order).
import { engine } from './engine.js';

function specificity(selector: string): number {
  const ids = (selector.match(/#[\w-]+/g) ?? []).length;
  const classes = (selector.match(/\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+/g) ?? []).length;
  const types = (selector.match(/(^|[\s>+~(])[a-z][\w-]*/gi) ?? []).length;
  return ids * 10000 + classes * 100 + types;
}

// Duck-typed: the rules belong to the field's window (often an iframe), where this window's CSSStyleRule is foreign.
function placeholderRules(sheet: CSSStyleSheet | CSSGroupingRule, out: CSSStyleRule[]): CSSStyleRule[] {
  for (const rule of Array.from(sheet.cssRules)) {
    if ('selectorText' in rule && (rule as CSSStyleRule).selectorText.includes('::placeholder')) out.push(rule as CSSStyleRule);
    else if ('cssRules' in rule) placeholderRules(rule as CSSGroupingRule, out);
  }
  return out;
}

export function placeholderColor(input: HTMLInputElement): string {
  const win = input.ownerDocument.defaultView!;
  if (engine !== 'webkit') return win.getComputedStyle(input, '::placeholder').color;
  let best: { rank: number; color: string } | undefined;
  let order = 0;
  for (const sheet of Array.from(input.ownerDocument.styleSheets)) {
    for (const rule of placeholderRules(sheet, [])) {
      order += 1;
      if (!rule.style.color) continue;
      for (const selector of rule.selectorText.split(',')) {
        const target = selector.replace(/::placeholder/g, '').trim();
        if (!target || !input.matches(target)) continue;
        const rank = specificity(target) * 1000 + order;
        if (!best || rank > best.rank) best = { rank, color: rule.style.color };
      }
    }
  }
  if (!best) return win.getComputedStyle(input).color;
  // Normalise the declared value (a name, hex or rgb()) to the rgb() form getComputedStyle answers.
  const probe = input.ownerDocument.createElement('span');
  probe.style.color = best.color;
  input.ownerDocument.body.append(probe);
  const color = win.getComputedStyle(probe).color;
  probe.remove();
  return color;
}
