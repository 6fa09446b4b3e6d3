// What the fake Card Element knows about card numbers, expiry dates, CVCs and postal codes: brand detection,
// Luhn, as-you-type formatting and Stripe's validation codes and messages. Pure functions, no DOM.

import { detectBrand, luhnValid, type CardBrand } from '../card-number.js';

export { detectBrand, luhnValid, type CardBrand };

export interface CardValidationError {
  type: 'validation_error';
  code: string;
  message: string;
}

/** Stripe's own codes and messages for the Card Element (as shown under the field and in `change` events). */
export const CARD_ERRORS = {
  incomplete_number: 'Your card number is incomplete.',
  invalid_number: 'Your card number is invalid.',
  incomplete_expiry: "Your card's expiration date is incomplete.",
  invalid_expiry_month: "Your card's expiration month is invalid.",
  invalid_expiry_month_past: "Your card's expiration date is in the past.",
  invalid_expiry_year_past: "Your card's expiration year is in the past.",
  invalid_expiry_year: "Your card's expiration year is invalid.",
  incomplete_cvc: "Your card's security code is incomplete.",
  incomplete_zip: 'Your postal code is incomplete.',
} as const;

export type CardErrorCode = keyof typeof CARD_ERRORS;

export function cardError(code: CardErrorCode): CardValidationError {
  return { type: 'validation_error', code, message: CARD_ERRORS[code] };
}

/** Lengths at which a number of this brand can be complete; the last is the longest accepted. */
const BRAND_LENGTHS: Record<CardBrand, number[]> = {
  visa: [16],
  mastercard: [16],
  amex: [15],
  discover: [16, 19],
  diners: [14, 16],
  jcb: [16],
  unionpay: [16, 17, 18, 19],
  unknown: [16],
};

export function maxNumberLength(brand: CardBrand): number {
  const lengths = BRAND_LENGTHS[brand];
  return lengths[lengths.length - 1]!;
}

export function cvcLength(brand: CardBrand): number {
  return brand === 'amex' ? 4 : 3;
}

export function onlyDigits(text: string): string {
  return text.replace(/\D/g, '');
}

function numberGroups(digits: string): number[] {
  const brand = detectBrand(digits);
  if (brand === 'amex') return [4, 6, 5];
  if (brand === 'diners' && digits.startsWith('36')) return [4, 6, 4];
  return maxNumberLength(brand) > 16 ? [4, 4, 4, 4, 3] : [4, 4, 4, 4];
}

/** How many digits the number field takes for the brand these digits start: typing stops there. */
export function numberCapacity(digits: string): number {
  return numberGroups(digits).reduce((a, b) => a + b, 0);
}

/** `4242424242424242` → `4242 4242 4242 4242`; Amex and 14-digit Diners group 4-6-5 / 4-6-4 like Stripe. */
export function formatCardNumber(raw: string): string {
  const groups = numberGroups(onlyDigits(raw));
  const digits = onlyDigits(raw).slice(0, numberCapacity(onlyDigits(raw)));
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/**
 * Formats the expiry field as the customer types, like Stripe: `1` → `1`, `12` → `12 / `, `4` → `04 / `, `1225` → `12 / 25`.
 * `deleting` stops the separator from coming back when the customer backspaces over it.
 */
export function formatExpiry(raw: string, deleting = false): string {
  let digits = onlyDigits(raw);
  if (digits.length === 0) return '';
  // A first digit that cannot start a month is a month on its own: 4 → 04.
  if (/^[2-9]/.test(digits)) digits = `0${digits}`;
  // 1 followed by 3-9 cannot be a month either: 13 → 01 / 3.
  if (/^1[3-9]/.test(digits)) digits = `01${digits.slice(1)}`;
  digits = digits.slice(0, 4);
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : `${digits} / `;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

export interface CardFields {
  number: string;
  expiry: string;
  cvc: string;
  postal: string;
}

export interface CardState {
  empty: boolean;
  complete: boolean;
  brand: CardBrand;
  /** The first field's error, in field order, as Stripe reports one error at a time. */
  error: CardValidationError | undefined;
  /** Which field the error belongs to (for the invalid style), or undefined. */
  errorField: keyof CardFields | undefined;
  fieldComplete: Record<keyof CardFields, boolean>;
}

export interface ExpiryParts {
  month: number;
  year: number;
}

export function parseExpiry(text: string): ExpiryParts | undefined {
  const digits = onlyDigits(text);
  if (digits.length !== 4) return undefined;
  return { month: Number(digits.slice(0, 2)), year: 2000 + Number(digits.slice(2)) };
}

function postalComplete(postal: string): boolean {
  const text = postal.trim();
  if (/^\d+$/.test(text)) return text.length >= 5;
  return text.replace(/[\s-]/g, '').length >= 3;
}

/** The fields a card form can have, in the order the customer fills them. */
export type CardFieldKey = keyof CardFields;
export const CARD_FIELD_ORDER: readonly CardFieldKey[] = ['number', 'expiry', 'cvc', 'postal'];

/**
 * Evaluates the fields an element shows (`fields`: all four for the Card Element, one for a split element).
 * `strict` reports incomplete fields as errors too (what Stripe does on confirm); without it only definite errors
 * (bad Luhn, past date) show while typing. `blurred` lists fields the customer has left: their incompleteness is
 * reported even when not strict. The brand always comes from the number, wherever it is typed.
 */
export function evaluateCard(
  fields: CardFields,
  options: { fields: readonly CardFieldKey[]; now: Date; strict?: boolean; blurred?: ReadonlySet<CardFieldKey> },
): CardState {
  const shown = new Set(options.fields);
  const number = onlyDigits(fields.number);
  const brand = detectBrand(number);
  const lengths = BRAND_LENGTHS[brand];
  const max = maxNumberLength(brand);
  // A field the customer left half-filled shows its "incomplete" error; an untouched empty one does not.
  const strictFor = (field: CardFieldKey): boolean =>
    Boolean(options.strict || (options.blurred?.has(field) && fields[field].trim() !== ''));

  const errors: Array<[CardFieldKey, CardValidationError]> = [];
  const fieldComplete: Record<CardFieldKey, boolean> = { number: false, expiry: false, cvc: false, postal: false };

  // Number
  if (number.length >= max || (lengths.includes(number.length) && luhnValid(number))) {
    if (luhnValid(number) && lengths.includes(number.length)) fieldComplete.number = true;
    else errors.push(['number', cardError('invalid_number')]);
  } else if (strictFor('number')) {
    errors.push(['number', cardError('incomplete_number')]);
  }

  // Expiry
  const expiry = parseExpiry(fields.expiry);
  if (expiry) {
    const nowYear = options.now.getFullYear();
    const nowMonth = options.now.getMonth() + 1;
    if (expiry.month < 1 || expiry.month > 12) errors.push(['expiry', cardError('invalid_expiry_month')]);
    else if (expiry.year < nowYear) errors.push(['expiry', cardError('invalid_expiry_year_past')]);
    else if (expiry.year === nowYear && expiry.month < nowMonth) errors.push(['expiry', cardError('invalid_expiry_month_past')]);
    else if (expiry.year > nowYear + 50) errors.push(['expiry', cardError('invalid_expiry_year')]);
    else fieldComplete.expiry = true;
  } else if (strictFor('expiry')) {
    errors.push(['expiry', cardError('incomplete_expiry')]);
  }

  // CVC
  const cvc = onlyDigits(fields.cvc);
  if (cvc.length >= cvcLength(brand)) fieldComplete.cvc = true;
  else if (strictFor('cvc')) errors.push(['cvc', cardError('incomplete_cvc')]);

  // Postal
  if (postalComplete(fields.postal)) fieldComplete.postal = true;
  else if (strictFor('postal')) errors.push(['postal', cardError('incomplete_zip')]);

  const digitsOf: Record<CardFieldKey, string> = { number, expiry: onlyDigits(fields.expiry), cvc, postal: fields.postal.trim() };
  const first = errors.find(([field]) => shown.has(field));
  return {
    empty: options.fields.every((field) => digitsOf[field] === ''),
    complete: first === undefined && options.fields.every((field) => fieldComplete[field]),
    brand,
    error: first?.[1],
    errorField: first?.[0],
    fieldComplete,
  };
}
