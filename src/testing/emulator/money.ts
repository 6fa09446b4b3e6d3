// Currencies and amount limits, checked the way Stripe checks a PaymentIntent's amount.
import { invalidRequest } from './errors.js';

const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const CURRENCIES = new Set([
  'usd', 'eur', 'gbp', 'cad', 'aud', 'nzd', 'chf', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf', 'ron', 'bgn', 'isk', 'try', 'ils',
  'aed', 'sar', 'inr', 'sgd', 'hkd', 'cny', 'twd', 'thb', 'myr', 'php', 'idr', 'mxn', 'brl', 'ars', 'cop', 'pen', 'zar',
  'egp', 'ngn', 'kes', 'mad', ...ZERO_DECIMAL,
]);

export function readCurrency(value: string, param = 'currency'): string {
  const currency = value.toLowerCase();
  if (!CURRENCIES.has(currency)) throw invalidRequest(`Invalid currency: ${value}. Use a three-letter ISO code in lowercase that Stripe supports, such as usd or eur.`, param);
  return currency;
}

/** Stripe's minimum charge is about 50 cents; the emulator applies 50 minor units (50 for zero-decimal currencies). */
export function checkAmount(amount: number, currency: string, param = 'amount'): void {
  if (amount < 1) throw invalidRequest(`Invalid ${param}: must be a positive integer in the smallest currency unit, got ${amount}.`, param, 'parameter_invalid_integer');
  if (amount < 50) {
    throw invalidRequest(`Amount must be at least ${formatAmount(50, currency)} ${currency}`, param, 'amount_too_small');
  }
  if (amount > 99_999_999) throw invalidRequest(`Amount must be no more than ${formatAmount(99_999_999, currency)} ${currency}`, param, 'amount_too_large');
}

export function formatAmount(amount: number, currency: string): string {
  if (ZERO_DECIMAL.has(currency)) return String(amount);
  const symbol = currency === 'usd' ? '$' : currency === 'eur' ? '€' : currency === 'gbp' ? '£' : '';
  return `${symbol}${(amount / 100).toFixed(2)}`;
}
