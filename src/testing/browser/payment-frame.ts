// The document inside the fake Payment Element's iframe: one tab (layout 'tabs') or one accordion item (layout
// 'accordion') per payment method type, and the selected type's fields with Stripe's input names. No script and no
// <style> in it: the element wires it from the parent (srcdoc is same-origin) and adopts PAYMENT_FRAME_CSS.
import { TYPE_LABELS, type FieldSpec, type PaymentType } from './payment-fields.js';

export const PAYMENT_FRAME_TITLE = 'Secure payment input frame';

export const PAYMENT_FRAME_CSS = `
html, body { margin: 0; padding: 0; background: transparent; }
body { font-family: var(--fontFamily, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif); font-size: 15px; color: var(--colorText, #30313d); }
.p-Tabs { display: flex; gap: 8px; margin: 0 0 12px; padding: 0; }
.p-Tab { flex: 1; font: inherit; text-align: left; padding: 10px 12px; border: 1px solid #e6e6e6; border-radius: var(--borderRadius, 5px); background: #fff; cursor: pointer; }
.p-Tab[aria-selected="true"] { border-color: var(--colorPrimary, #0570de); color: var(--colorPrimary, #0570de); box-shadow: 0 0 0 1px var(--colorPrimary, #0570de); }
.p-Accordion { display: flex; flex-direction: column; gap: 6px; margin: 0 0 12px; }
.p-AccordionItem { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border: 1px solid #e6e6e6; border-radius: var(--borderRadius, 5px); }
.p-Fields { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.p-Field { display: flex; flex-direction: column; gap: 4px; grid-column: span 2; }
.p-Field--expiry, .p-Field--cvc, .p-Field--country, .p-Field--postalCode { grid-column: span 1; }
.p-FieldLabel { font-size: 14px; }
.p-Input { font: inherit; padding: 10px 12px; border: 1px solid #e6e6e6; border-radius: var(--borderRadius, 5px); background: #fff; color: inherit; }
.p-Input--invalid { border-color: var(--colorDanger, #df1b41); }
.p-FieldError { color: var(--colorDanger, #df1b41); font-size: 13px; min-height: 0; }
.p-Mandate { font-size: 12px; color: #6d6e78; margin: 12px 0 0; }
`;

const escapeHtml = (text: string): string => text.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);

function fieldHtml(spec: FieldSpec): string {
  const id = `Field-${spec.name}`;
  const attrs = [
    `id="${id}"`, `name="${spec.name}"`, 'class="p-Input"', `aria-describedby="${id}-error"`,
    spec.autocomplete ? `autocomplete="${spec.autocomplete}"` : '', spec.inputmode ? `inputmode="${spec.inputmode}"` : '',
    spec.placeholder ? `placeholder="${escapeHtml(spec.placeholder)}"` : '',
  ].filter(Boolean).join(' ');
  const control = spec.kind === 'select'
    ? `<select ${attrs}>${(spec.options ?? []).map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`).join('')}</select>`
    : `<input type="text" ${attrs} spellcheck="false">`;
  return `<div class="p-Field p-Field--${spec.name}"><label class="p-FieldLabel" for="${id}">${escapeHtml(spec.label)}</label>${control}` +
    `<div class="p-FieldError" id="${id}-error" role="alert"></div></div>`;
}

export interface FrameContent {
  layout: 'tabs' | 'accordion';
  types: readonly PaymentType[];
  selected: PaymentType;
  fields: FieldSpec[];
  /** Merchant name for the SEPA mandate text. */
  business: string;
  /** Tab names and the redirect notice in the shopper's language (payment-locale.ts); English without them. */
  labels?: Record<PaymentType, string>;
  redirectNotice?: string;
}

/** The inner markup (re-rendered when the customer picks another type). */
export function paymentFrameBody(content: FrameContent): string {
  const { layout, types, selected } = content;
  const names = content.labels ?? TYPE_LABELS;
  const picker = layout === 'tabs'
    ? `<div class="p-Tabs" role="tablist">${types.map((type) => `<button type="button" role="tab" class="p-Tab" id="${type}-tab" data-value="${type}" aria-selected="${type === selected}">${escapeHtml(names[type])}</button>`).join('')}</div>`
    : `<div class="p-Accordion" role="radiogroup">${types.map((type) => `<label class="p-AccordionItem"><input type="radio" name="payment-method-type" id="${type}-accordion-item" data-value="${type}" value="${type}"${type === selected ? ' checked' : ''}>${escapeHtml(names[type])}</label>`).join('')}</div>`;
  const mandate = selected === 'sepa_debit'
    ? `<p class="p-Mandate" id="sepa-mandate">By providing your payment information and confirming this payment, you authorise (A) ${escapeHtml(content.business)} and Stripe, our payment service provider, to send instructions to your bank to debit your account and (B) your bank to debit your account in accordance with those instructions.</p>`
    : '';
  const redirect = selected === 'ideal' || selected === 'bancontact'
    ? `<p class="p-Mandate" id="redirect-notice">${escapeHtml(content.redirectNotice ?? 'After submission, you will be redirected to securely complete next steps.')}</p>` : '';
  return `${types.length > 1 ? picker : ''}<div class="p-Fields" data-type="${selected}">${content.fields.map(fieldHtml).join('')}</div>${mandate}${redirect}`;
}

export function paymentFrameHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${PAYMENT_FRAME_TITLE}</title></head><body><form class="p-PaymentElement" novalidate></form></body></html>`;
}
