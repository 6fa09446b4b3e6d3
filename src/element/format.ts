// Display helpers. The amount is for the button label only; the server always decides the price.

/** `1999, 'usd', 'en-US'` → `$19.99`; undefined when amount or currency is missing or unknown. */
export function formatAmount(amount: number | undefined, currency: string | undefined, locale: string | undefined): string | undefined {
  if (amount === undefined || amount === null || !Number.isFinite(amount) || !currency) return undefined;
  try {
    const format = new Intl.NumberFormat(locale || undefined, { style: 'currency', currency: currency.toUpperCase() });
    // Stripe amounts are in the currency's minor unit: 1999 usd = $19.99, 500 jpy = ¥500.
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
  } catch {
    return undefined;
  }
}

const BRANDS: Record<string, string> = {
  visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', american_express: 'American Express',
  discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay', cartes_bancaires: 'Cartes Bancaires',
};

export function brandName(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? (brand ? brand[0]!.toUpperCase() + brand.slice(1) : 'Card');
}

/** The message of anything thrown (an Error or not), for error events and the error line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
