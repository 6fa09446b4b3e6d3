// What the fake Payment Element asks for, per payment method type, with Stripe's input names (card: `number`,
// `expiry`, `cvc`, `country`, `postalCode`; SEPA Debit: `name`, `email`, `iban`; iDEAL: `bank`; Bancontact: `name`),
// how it validates them (Stripe's validation_error codes and messages) and the payment_method_data they become.
// Pure functions, no DOM: the element keeps the values, this module judges them.
import { evaluateCard, formatCardNumber, formatExpiry, parseExpiry, type CardValidationError } from './card-rules.js';
import type { AnyObject } from './card-params.js';

export type PaymentType = 'card' | 'ideal' | 'bancontact' | 'sepa_debit';
export type FieldName = 'number' | 'expiry' | 'cvc' | 'country' | 'postalCode' | 'name' | 'email' | 'iban' | 'bank';
export type FieldValues = Partial<Record<FieldName, string>>;

export const TYPE_LABELS: Record<PaymentType, string> = { card: 'Card', ideal: 'iDEAL', bancontact: 'Bancontact', sepa_debit: 'SEPA Debit' };

export interface FieldSpec {
  name: FieldName;
  label: string;
  kind: 'text' | 'select';
  autocomplete?: string;
  inputmode?: string;
  placeholder?: string;
  options?: ReadonlyArray<[string, string]>;
}

const COUNTRIES: ReadonlyArray<[string, string]> = [
  ['US', 'United States'], ['NL', 'Netherlands'], ['BE', 'Belgium'], ['DE', 'Germany'], ['FR', 'France'], ['GB', 'United Kingdom'], ['CA', 'Canada'],
];
const IDEAL_BANKS: ReadonlyArray<[string, string]> = [
  ['', 'Select bank'], ['abn_amro', 'ABN AMRO'], ['asn_bank', 'ASN Bank'], ['bunq', 'bunq'], ['ing', 'ING'], ['knab', 'Knab'], ['rabobank', 'Rabobank'],
  ['regiobank', 'RegioBank'], ['revolut', 'Revolut'], ['sns_bank', 'SNS Bank'], ['triodos_bank', 'Triodos Bank'],
];
/** Countries whose card form asks for a postal code (Stripe asks in these). */
const POSTAL_COUNTRIES = new Set(['US', 'GB', 'CA']);

export function fieldsFor(type: PaymentType, options: { country: string; emailFromLink: boolean }): FieldSpec[] {
  switch (type) {
    case 'card': {
      const fields: FieldSpec[] = [
        { name: 'number', label: 'Card number', kind: 'text', autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '1234 1234 1234 1234' },
        { name: 'expiry', label: 'Expiration date', kind: 'text', autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: 'MM / YY' },
        { name: 'cvc', label: 'Security code', kind: 'text', autocomplete: 'cc-csc', inputmode: 'numeric', placeholder: 'CVC' },
        { name: 'country', label: 'Country', kind: 'select', autocomplete: 'billing country', options: COUNTRIES },
      ];
      if (POSTAL_COUNTRIES.has(options.country)) fields.push({ name: 'postalCode', label: 'ZIP code', kind: 'text', autocomplete: 'billing postal-code', placeholder: '12345' });
      return fields;
    }
    case 'sepa_debit': {
      const fields: FieldSpec[] = [{ name: 'name', label: 'Full name', kind: 'text', autocomplete: 'name' }];
      if (!options.emailFromLink) fields.push({ name: 'email', label: 'Email', kind: 'text', autocomplete: 'email', inputmode: 'email' });
      fields.push({ name: 'iban', label: 'IBAN', kind: 'text', placeholder: 'DE00 0000 0000 0000 0000 00' });
      return fields;
    }
    case 'ideal':
      return [{ name: 'bank', label: 'iDEAL Bank', kind: 'select', options: IDEAL_BANKS }];
    case 'bancontact':
      return [{ name: 'name', label: 'Full name', kind: 'text', autocomplete: 'name' }];
  }
}

/** As-you-type formatting, like Stripe's fields. */
export function formatField(name: FieldName, raw: string, deleting: boolean): string {
  if (name === 'number') return formatCardNumber(raw);
  if (name === 'expiry') return formatExpiry(raw, deleting);
  if (name === 'cvc') return raw.replace(/\D/g, '').slice(0, 4);
  if (name === 'iban') return raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 34).replace(/(.{4})(?=.)/g, '$1 ');
  return raw;
}

const validation = (code: string, message: string): CardValidationError => ({ type: 'validation_error', code, message });
const INCOMPLETE = (): CardValidationError => validation('incomplete', 'This field is incomplete.');

function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  let remainder = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    for (const digit of /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export interface FieldVerdict {
  empty: boolean;
  complete: boolean;
  /** The first field in error, and its error (strict: incomplete fields count too). */
  error?: { field: FieldName; error: CardValidationError };
}

/** Judges the shown fields. Without `strict` only definite errors show (bad number, past date, bad IBAN). */
export function evaluateFields(type: PaymentType, specs: FieldSpec[], values: FieldValues, strict: boolean, now = new Date()): FieldVerdict {
  const shown = specs.map((spec) => spec.name);
  const text = (name: FieldName) => (values[name] ?? '').trim();
  const empty = shown.filter((name) => name !== 'country').every((name) => text(name) === '');
  const errors: Array<{ field: FieldName; error: CardValidationError }> = [];
  if (type === 'card') {
    const postal = shown.includes('postalCode');
    const card = evaluateCard(
      { number: text('number'), expiry: text('expiry'), cvc: text('cvc'), postal: text('postalCode') },
      { fields: postal ? ['number', 'expiry', 'cvc', 'postal'] : ['number', 'expiry', 'cvc'], now, strict },
    );
    if (card.error) errors.push({ field: card.errorField === 'postal' ? 'postalCode' : card.errorField!, error: card.error });
    return { empty, complete: card.complete, error: errors[0] };
  }
  for (const name of shown) {
    const value = text(name);
    if (name === 'iban') {
      const iban = value.replace(/\s+/g, '');
      if (iban.length >= 15 && !ibanValid(iban) && (strict || iban.length >= 34)) errors.push({ field: name, error: validation('invalid_iban', 'Your IBAN is invalid.') });
      else if (!ibanValid(iban) && strict) errors.push({ field: name, error: iban ? validation('incomplete_iban', 'Your IBAN is incomplete.') : INCOMPLETE() });
    } else if (name === 'email') {
      if (value && strict && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) errors.push({ field: name, error: validation('invalid_email', 'Your email address is invalid.') });
      else if (!value && strict) errors.push({ field: name, error: INCOMPLETE() });
    } else if (name === 'name' && !value && strict) {
      errors.push({ field: name, error: INCOMPLETE() });
    }
  }
  const complete = evaluateFields.completeOf(type, shown, values);
  return { empty, complete: complete && errors.length === 0, error: errors[0] };
}

evaluateFields.completeOf = (type: PaymentType, shown: FieldName[], values: FieldValues): boolean => {
  const text = (name: FieldName) => (values[name] ?? '').trim();
  if (type === 'ideal') return true;
  return shown.every((name) => {
    if (name === 'iban') return ibanValid(text(name).replace(/\s+/g, ''));
    if (name === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text(name));
    return text(name) !== '';
  });
};

/** `payment_method_data` for the confirm, with the merchant's billing details merged under the collected ones. */
export function paymentMethodData(type: PaymentType, values: FieldValues, extra: { email?: string; billing?: AnyObject }): AnyObject {
  const billing: AnyObject = { ...(extra.billing ?? {}) };
  const data: AnyObject = { type };
  if (type === 'card') {
    const expiry = parseExpiry(values.expiry ?? '')!;
    data.card = { number: (values.number ?? '').replace(/\s+/g, ''), exp_month: String(expiry.month), exp_year: String(expiry.year % 100).padStart(2, '0'), cvc: values.cvc ?? '' };
    billing.address = { ...(billing.address ?? {}), country: values.country ?? 'US', ...(values.postalCode ? { postal_code: values.postalCode.trim() } : {}) };
  } else if (type === 'sepa_debit') {
    data.sepa_debit = { iban: (values.iban ?? '').replace(/\s+/g, '') };
    billing.name = values.name?.trim();
    billing.email = values.email?.trim() || extra.email;
  } else if (type === 'ideal') {
    if (values.bank) data.ideal = { bank: values.bank };
  } else {
    billing.name = values.name?.trim();
  }
  if (extra.email && !billing.email) billing.email = extra.email;
  if (Object.keys(billing).length) data.billing_details = billing;
  return data;
}
