// Appearance comes from CSS custom properties on the host. Our own parts use them directly in CSS; the Card
// Element lives in Stripe's iframe where page CSS can't reach, so the same properties are read once at mount
// and translated into the Card Element's `style` object.
import type { StripeElementStyle } from '@stripe/stripe-js';

/** Custom properties that feed the card iframe's style (our own parts use them through CSS). */
export const CARD_STYLE_PROPERTIES = [
  '--ssc-color',
  '--ssc-font-family',
  '--ssc-font-size',
  '--ssc-placeholder-color',
  '--ssc-invalid-color',
  '--ssc-icon-color',
] as const;

function read(style: CSSStyleDeclaration, name: string): string | undefined {
  const value = style.getPropertyValue(name).trim();
  return value === '' ? undefined : value;
}

/** Drops undefined entries: Stripe rejects unknown or undefined style values. */
function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && !(typeof v === 'object' && Object.keys(v).length === 0))) as T;
}

/** The Card Element `style` for `host`, from its computed custom properties (the defaults live in styles.ts). */
export function cardStyleFromHost(host: Element): StripeElementStyle {
  const style = getComputedStyle(host);
  const color = read(style, '--ssc-color');
  const placeholder = read(style, '--ssc-placeholder-color');
  const invalid = read(style, '--ssc-invalid-color');
  const icon = read(style, '--ssc-icon-color');
  return compact({
    base: compact({
      color,
      fontFamily: read(style, '--ssc-font-family'),
      fontSize: read(style, '--ssc-font-size'),
      iconColor: icon,
      '::placeholder': compact({ color: placeholder }),
    }),
    invalid: compact({ color: invalid, iconColor: invalid }),
  });
}
