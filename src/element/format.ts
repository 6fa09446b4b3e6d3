// Display helpers. The amount is for the button label only; the server always decides the price.
import type { SavedCard } from './saved-cards.js';
import type { Translation } from './en.js';

/** One formatter per locale and currency: building one is the expensive part (the first of a page costs tens of ms). */
const formats: Record<string, Intl.NumberFormat> = {};

/** `1999, 'usd', 'en-US'` → `$19.99`; undefined when amount or currency is missing or unknown. */
export function formatAmount(amount: number | undefined, currency: string | undefined, locale: string | undefined): string | undefined {
  if (amount == null || isNaN(amount)) return;
  try {
    const format = formats[`${locale}|${currency}`] ??= new Intl.NumberFormat(locale || undefined, { style: 'currency', currency: currency! });
    // Stripe amounts are in the currency's minor unit: 1999 usd = $19.99, 500 jpy = ¥500.
    return format.format(amount / 10 ** format.resolvedOptions().maximumFractionDigits!);
  } catch {
    return; // no or unknown currency
  }
}

/** Only the names capitalisation can't produce. */
const BRANDS: Record<string, string> = { amex: 'American Express', american_express: 'American Express', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' };

/** `visa` → `Visa`, `cartes_bancaires` → `Cartes Bancaires`, `amex` → `American Express` (`unknown`, '' → '': the words say "card"). */
export const brandName = (brand: string): string =>
  BRANDS[brand] ?? brand.replace(/^unknown$/, '').replace(/(^|_)(\w)/g, (_, gap: string, c: string) => (gap && ' ') + c.toUpperCase());

/**
 * `Visa ending in 4242, expires 04/29, added Nov 2026`: a saved card as the radio group reads it, in `t`'s words and
 * `locale`'s month names. The date (from the optional `created`, unix seconds) tells two saves of the same card apart.
 */
export const cardLabel = ({ brand, last4, expMonth, expYear, created }: SavedCard, t: Translation, locale?: string): string =>
  t.savedCard(brandName(brand), last4, `${String(expMonth).padStart(2, '0')}/${String(expYear).slice(-2)}`, created ? monthYear(locale).format(created * 1000) : undefined);

/** One month-and-year format per locale, built on first use (constructing an Intl format is slow). */
const monthYears: Record<string, Intl.DateTimeFormat> = {};
function monthYear(locale = ''): Intl.DateTimeFormat {
  try {
    return monthYears[locale] ??= new Intl.DateTimeFormat(locale || undefined, { month: 'short', year: 'numeric' });
  } catch {
    return monthYear(); // a locale Intl doesn't know (Stripe's `auto`): the browser's own
  }
}

/** The message of anything thrown (an Error or not). */
export const messageOf = (error: unknown): string => String((error as Error)?.message ?? error);
