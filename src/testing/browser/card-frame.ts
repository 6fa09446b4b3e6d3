// The document inside the fake Card Element's iframe: four inputs named like Stripe's (`cardnumber`, `exp-date`,
// `cvc`, `postal`), a brand icon, and the merchant's `style` option translated into CSS. No script runs in the
// frame: the fake wires the inputs from the parent (the srcdoc frame is same-origin), so the page's CSP needs nothing.
import type { StripeElementStyle, StripeElementStyleVariant } from '@stripe/stripe-js';

export const CARD_FIELD_NAMES = { number: 'cardnumber', expiry: 'exp-date', cvc: 'cvc', postal: 'postal' } as const;

const BASE_CSS = `
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; font-size: 16px; line-height: 1.2em; color: #32325d; }
.CardField { display: flex; align-items: center; gap: 0.5em; height: 1.2em; }
.CardBrandIcon { flex: none; width: 1.5em; height: 1em; display: inline-flex; color: #aab7c4; }
.CardBrandIcon svg { width: 100%; height: 100%; fill: currentColor; }
.CardField-number { flex: 1 1 auto; min-width: 6em; }
.CardField-expiry { flex: 0 0 4.5em; }
.CardField-cvc { flex: 0 0 3em; }
.CardField-postal { flex: 0 0 4.5em; }
.CardField--hidePostal .CardField-postal { display: none; }
.InputElement { all: unset; box-sizing: border-box; display: block; width: 100%; font: inherit; color: inherit;
  line-height: 1.2em; height: 1.2em; padding: 0; border: none; background: transparent; }
.InputElement::placeholder { color: #aab7c4; }
.InputElement:disabled { cursor: default; }
`;

export function cardFrameHtml(): string {
  const input = (field: string, name: string, placeholder: string, autocomplete: string, label: string, inputmode = 'numeric'): string =>
    `<span class="CardField-${field}"><input class="InputElement" type="text" name="${name}" placeholder="${placeholder}" ` +
    `autocomplete="${autocomplete}" autocorrect="off" spellcheck="false" inputmode="${inputmode}" aria-label="${label}" aria-invalid="false"></span>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Secure card payment input frame</title>` +
    `<style>${BASE_CSS}</style><style id="merchant-style"></style></head><body>` +
    `<div class="CardField" role="group" aria-label="Credit or debit card">` +
    `<span class="CardBrandIcon" data-brand="unknown" aria-hidden="true"><svg viewBox="0 0 24 16"><rect x="0" y="0" width="24" height="16" rx="2"/>` +
    `<rect x="0" y="3" width="24" height="3" fill="#fff" opacity="0.6"/></svg></span>` +
    input('number', CARD_FIELD_NAMES.number, 'Card number', 'cc-number', 'Credit or debit card number') +
    input('expiry', CARD_FIELD_NAMES.expiry, 'MM / YY', 'cc-exp', 'Credit or debit card expiration date') +
    input('cvc', CARD_FIELD_NAMES.cvc, 'CVC', 'cc-csc', 'Credit or debit card CVC/CVV') +
    input('postal', CARD_FIELD_NAMES.postal, 'ZIP', 'postal-code', 'ZIP', 'text') +
    `</div></body></html>`;
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
