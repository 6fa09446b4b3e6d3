// The Card Element's narrow layout, as Stripe's: when the full number and the other fields don't fit side by side,
// the number field shows only its last digits while the customer is elsewhere, so expiry, CVC and postal code stay
// in view. While the customer is in the number field it shows in full and the fields after it slide out of view.
import type { CardFieldKey } from './card-rules.js';

/** The widest number the field may have to show (19 digits in groups), or the placeholder if wider. */
const WIDEST_NUMBER = '0000 0000 0000 0000 000';
const SHORT_PLACEHOLDER = 'Number';

/** `4242 4242 4242 4242` → `4242`; `3782 822463 10005` → `10005`. */
export function lastDigits(formattedNumber: string): string {
  return formattedNumber.trim().split(' ').pop() ?? '';
}

/** Lays out `doc`'s `.CardField` for the current width; `focusedField` is where the customer is (or was last). */
export function layoutCardField(doc: Document, focusedField: CardFieldKey | undefined, formattedNumber: string): void {
  const root = doc.querySelector<HTMLElement>('.CardField');
  const numberField = root?.querySelector<HTMLElement>('.CardField-number');
  const measure = numberField?.querySelector<HTMLElement>('.CardField-number-measure');
  const last4 = numberField?.querySelector<HTMLElement>('.CardField-number-last4');
  const input = numberField?.querySelector<HTMLInputElement>('input');
  const win = doc.defaultView;
  if (!root || !numberField || !measure || !last4 || !input || !win) return;

  // The number's full width in the merchant's font: its widest possible value or its placeholder.
  measure.textContent = input.placeholder.length > WIDEST_NUMBER.length ? input.placeholder : WIDEST_NUMBER;
  const fullNumber = Math.ceil(measure.getBoundingClientRect().width) + 2; // + the caret
  const gap = parseFloat(win.getComputedStyle(root).columnGap) || 0;
  const others = [...root.children].filter((child) => child !== numberField && win.getComputedStyle(child).display !== 'none');
  const othersWidth = others.reduce((sum, child) => sum + child.getBoundingClientRect().width + gap, 0);
  const available = root.clientWidth;
  const fits = available === 0 || fullNumber + othersWidth <= available;

  const collapsed = !fits && focusedField !== undefined && focusedField !== 'number';
  numberField.classList.toggle('is-collapsed', collapsed);
  const digits = lastDigits(formattedNumber);
  last4.textContent = digits || SHORT_PLACEHOLDER;
  last4.classList.toggle('is-empty', digits === '');
  // In full view the number never shrinks below its own width (the fields after it are clipped instead).
  if (collapsed) numberField.style.removeProperty('min-width');
  else numberField.style.setProperty('min-width', `${fullNumber}px`);
}
