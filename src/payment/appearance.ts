// The Payment Element's `appearance` from the same CSS custom properties that theme <stripe-save-card> (--ssc-*):
// Stripe's iframe can't see our CSS, so the computed values go in as appearance variables.
import type { Appearance } from '@stripe/stripe-js';

export function appearanceFromHost(host: Element): Appearance {
  const style = getComputedStyle(host);
  const read = (name: string) => style.getPropertyValue(`--ssc-${name}`).trim() || undefined;
  // The JSON round trip drops unset values: Stripe rejects undefined.
  return JSON.parse(JSON.stringify({
    variables: {
      colorText: read('color'), fontFamily: read('font-family'), fontSizeBase: read('font-size'), colorDanger: read('invalid-color'),
      colorBackground: read('field-background'), colorPrimary: read('accent'), borderRadius: read('radius'), spacingUnit: read('spacing') && `${parseFloat(read('spacing')!) / 3}px`,
    },
  })) as Appearance;
}
