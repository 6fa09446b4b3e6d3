// The documents inside the fake card Elements' iframes: Stripe's input names (`cardnumber`, `exp-date`, `cvc`,
// `postal`), a brand icon, and the merchant's `style` option translated into CSS. The Card Element's frame has all
// four inputs; a split element's frame (cardNumber, cardExpiry, cardCvc) has one. No script runs in a frame and the
// markup carries no <style>: the fake wires the inputs from the parent (srcdoc frames are same-origin) and adopts
// FRAME_CSS as a constructable stylesheet, so the page's CSP needs nothing for them.
import type { StripeElementStyle, StripeElementStyleVariant } from '@stripe/stripe-js';
import type { CardFieldKey } from './card-rules.js';

export const CARD_FIELD_NAMES = { number: 'cardnumber', expiry: 'exp-date', cvc: 'cvc', postal: 'postal' } as const;

export const FRAME_CSS = `
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; font-size: 16px; line-height: 1.2em; color: #32325d; }
/* clip, not hidden: the row never scrolls. The narrow layout keeps the focused field in view itself, and a browser's
   late scroll to the field typed in last (Firefox, under load) would push the number out of view. */
.CardField { display: flex; align-items: center; gap: 0.4em; height: 1.2em; overflow: clip; white-space: nowrap; }
.CardBrandIcon { flex: none; width: 1.5em; height: 1em; display: inline-flex; color: #aab7c4; }
.CardBrandIcon svg { width: 100%; height: 100%; fill: currentColor; }
.CardField-number { position: relative; flex: 1 0 auto; min-width: 6em; }
.CardField-expiry { flex: 0 0 4.4em; }
.CardField-cvc { flex: 0 0 2.8em; }
.CardField-postal { flex: 0 0 3.8em; }
.CardField--single .CardField-number, .CardField--single .CardField-expiry, .CardField--single .CardField-cvc { flex: 1 1 auto; min-width: 0; }
.CardField--hidePostal .CardField-postal { display: none; }
.CardField--hideIcon .CardBrandIcon { display: none; }
.InputElement { all: unset; box-sizing: border-box; display: block; width: 100%; font: inherit; color: inherit;
  line-height: 1.2em; height: 1.2em; padding: 0; border: none; background: transparent; }
.InputElement::placeholder { color: #aab7c4; }
.InputElement:disabled { cursor: default; }
.CardField-number-measure.InputElement { position: absolute; visibility: hidden; width: auto; white-space: pre; pointer-events: none; }
.CardField-number-last4 { display: none; }
.CardField-number.is-collapsed { flex: 0 0 auto; min-width: 0; }
.CardField-number.is-collapsed .CardField-number-last4 { display: block; }
.CardField-number.is-collapsed input.InputElement { position: absolute; inset: 0; opacity: 0; }
.CardField-number-last4.is-empty { color: #aab7c4; }
`;

interface FieldMarkup {
  name: string;
  placeholder: string;
  autocomplete: string;
  label: string;
  inputmode: string;
}

const FIELDS: Record<CardFieldKey, FieldMarkup> = {
  number: { name: CARD_FIELD_NAMES.number, placeholder: 'Card number', autocomplete: 'cc-number', label: 'Credit or debit card number', inputmode: 'numeric' },
  expiry: { name: CARD_FIELD_NAMES.expiry, placeholder: 'MM / YY', autocomplete: 'cc-exp', label: 'Credit or debit card expiration date', inputmode: 'numeric' },
  cvc: { name: CARD_FIELD_NAMES.cvc, placeholder: 'CVC', autocomplete: 'cc-csc', label: 'Credit or debit card CVC/CVV', inputmode: 'numeric' },
  postal: { name: CARD_FIELD_NAMES.postal, placeholder: 'ZIP', autocomplete: 'postal-code', label: 'ZIP', inputmode: 'text' },
};

const ICON = '<span class="CardBrandIcon" data-brand="unknown" aria-hidden="true"><svg viewBox="0 0 24 16"><rect x="0" y="0" width="24" height="16" rx="2"/>' +
  '<rect x="0" y="3" width="24" height="3" fill="#fff" opacity="0.6"/></svg></span>';

const escapeAttribute = (text: string): string => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A frame document with the given inputs (in this order). `placeholders` overrides the default placeholder of a
 * field (split elements take a `placeholder` option). The number field also carries the spans the Card Element's
 * narrow layout uses: one measuring the full number's width, one showing the last digits when collapsed.
 */
export function cardFrameHtml(fields: readonly CardFieldKey[], options: { title: string; placeholders?: Partial<Record<CardFieldKey, string>> }): string {
  const input = (field: CardFieldKey): string => {
    const markup = FIELDS[field];
    const placeholder = escapeAttribute(options.placeholders?.[field] ?? markup.placeholder);
    const extras = field === 'number' && fields.length > 1
      ? '<span class="CardField-number-measure InputElement" aria-hidden="true"></span><span class="CardField-number-last4 InputElement" aria-hidden="true"></span>'
      : '';
    return `<span class="CardField-${field}">${extras}<input class="InputElement" type="text" name="${markup.name}" placeholder="${placeholder}" ` +
      `autocomplete="${markup.autocomplete}" autocorrect="off" spellcheck="false" inputmode="${markup.inputmode}" aria-label="${markup.label}" aria-invalid="false"></span>`;
  };
  const single = fields.length === 1 ? ' CardField--single' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeAttribute(options.title)}</title></head><body>` +
    `<div class="CardField${single}" role="group" aria-label="Credit or debit card">` +
    (fields.includes('number') ? ICON : '') + fields.map(input).join('') + `</div></body></html>`;
}

const CSS_PROPERTY_NAMES: Record<string, string> = { fontSmoothing: '-webkit-font-smoothing', iconColor: '' };

/** `{ fontSize: '18px' }` → `font-size: 18px;`. Values are cleaned so a style option cannot break out of its rule. */
function declarations(variant: StripeElementStyleVariant | undefined): string {
  if (!variant) return '';
  return Object.entries(variant)
    .filter(([key, value]) => typeof value === 'string' && !key.startsWith(':') && CSS_PROPERTY_NAMES[key] !== '')
    .map(([key, value]) => `${CSS_PROPERTY_NAMES[key] ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${String(value).replace(/[{};<>]/g, '')};`)
    .join(' ');
}

function iconColor(variant: StripeElementStyleVariant | undefined): string {
  const color = (variant as { iconColor?: string } | undefined)?.iconColor;
  return color ? `color: ${color.replace(/[{};<>]/g, '')};` : '';
}

const PSEUDOS = [':hover', ':focus', '::placeholder', '::selection', ':-webkit-autofill', ':disabled'] as const;

/** Translates Stripe's `style` option (base/complete/empty/invalid variants) into CSS for the frame. */
export function styleToCss(style: StripeElementStyle | undefined): string {
  if (!style) return '';
  const rules: string[] = [];
  const variantRules = (variant: StripeElementStyleVariant | undefined, scope: string, iconScope: string): void => {
    if (!variant) return;
    const body = declarations(variant);
    if (body) rules.push(`${scope} .InputElement { ${body} }`);
    const icon = iconColor(variant);
    if (icon) rules.push(`${iconScope} .CardBrandIcon { ${icon} }`);
    for (const pseudo of PSEUDOS) {
      const nested = declarations(variant[pseudo] as StripeElementStyleVariant | undefined);
      if (nested) rules.push(`${scope} .InputElement${pseudo} { ${nested} }`);
    }
  };
  // The base font settings also size the frame (body), since the iframe height follows its content.
  const base = declarations(style.base);
  if (base) rules.push(`body { ${base} }`);
  variantRules(style.base, 'body', 'body');
  variantRules(style.empty, '.CardField.is-empty', '.CardField.is-empty');
  variantRules(style.complete, '.CardField.is-complete', '.CardField.is-complete');
  variantRules(style.invalid, '.CardField .is-invalid', '.CardField.is-invalid');
  return rules.join('\n');
}
