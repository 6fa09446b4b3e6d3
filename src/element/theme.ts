// Appearance comes from CSS custom properties on the host. Our own parts use them directly in CSS; the Card
// Element lives in Stripe's iframe where page CSS can't reach, so the same properties are read once at mount
// and translated into the Card Element's `style` object.
import type { StripeElementStyle } from '@stripe/stripe-js';

/** The Card Element `style` for `host`, from its computed custom properties (the defaults live in styles.ts). */
export function cardStyleFromHost(host: Element): StripeElementStyle {
  const style = getComputedStyle(host);
  const read = (name: string) => style.getPropertyValue(`--ssc-${name}`).trim() || undefined;
  const invalid = read('invalid-color');
  // The JSON round trip drops unset (undefined) values: Stripe rejects them.
  return JSON.parse(JSON.stringify({
    base: { color: read('color'), fontFamily: read('font-family'), fontSize: read('font-size'), iconColor: read('icon-color'), '::placeholder': { color: read('placeholder-color') } },
    invalid: { color: invalid, iconColor: invalid },
  })) as StripeElementStyle;
}
