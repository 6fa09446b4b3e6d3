// The payment method types the emulated account has turned on (the Dashboard's settings, given to createEmulator as
// `paymentMethodTypes`), what each needs (currency, a redirect, a mandate), and Stripe's test IBANs for SEPA Debit.
// Card only by default, so an emulator made before these types existed behaves exactly as it did.

export const KNOWN_PAYMENT_METHOD_TYPES = ['card', 'ideal', 'bancontact', 'sepa_debit'] as const;
export type PaymentMethodType = (typeof KNOWN_PAYMENT_METHOD_TYPES)[number];
export type LocalMethodType = Exclude<PaymentMethodType, 'card'>;

export const DEFAULT_PAYMENT_METHOD_TYPES: readonly PaymentMethodType[] = ['card'];

interface TypeRules {
  /** Currencies the type can charge in (undefined: any). */
  currencies?: readonly string[];
  /** The customer leaves for their bank's page (next_action redirect_to_url). */
  redirect: boolean;
  /** Settles later (processing, then a webhook), like a bank debit. */
  delayed: boolean;
}

export const TYPE_RULES: Record<PaymentMethodType, TypeRules> = {
  card: { redirect: false, delayed: false },
  ideal: { currencies: ['eur'], redirect: true, delayed: false },
  bancontact: { currencies: ['eur'], redirect: true, delayed: false },
  sepa_debit: { currencies: ['eur'], redirect: false, delayed: true },
};

export const isKnownType = (type: unknown): type is PaymentMethodType => KNOWN_PAYMENT_METHOD_TYPES.includes(type as PaymentMethodType);

/** Checks `createEmulator({ paymentMethodTypes })`: a TypeError naming the option for anything else than known types. */
export function resolvePaymentMethodTypes(types: unknown): readonly PaymentMethodType[] {
  if (types === undefined) return DEFAULT_PAYMENT_METHOD_TYPES;
  if (!Array.isArray(types) || types.length === 0 || !types.every(isKnownType)) {
    throw new TypeError(`createEmulator: paymentMethodTypes must be a non-empty array of ${KNOWN_PAYMENT_METHOD_TYPES.join(', ')}; got ${JSON.stringify(types)}`);
  }
  return Object.freeze([...new Set(types)]);
}

/** What automatic payment methods offer for a currency: the enabled types that can charge in it, in a stable order. */
export function automaticTypesFor(enabled: readonly PaymentMethodType[], currency: string, allowRedirects: 'always' | 'never' | undefined): PaymentMethodType[] {
  return enabled.filter((type) => {
    const rules = TYPE_RULES[type];
    if (rules.currencies && !rules.currencies.includes(currency)) return false;
    return !(allowRedirects === 'never' && rules.redirect);
  });
}

/**
 * Stripe's SEPA Debit test IBANs (docs "Testing" page): the payment goes to processing, then succeeds or fails.
 * Any other well-formed IBAN succeeds, as Stripe's test mode does with other valid IBANs.
 */
export const SEPA_TEST_IBANS: Record<string, 'succeed' | 'fail'> = {
  DE89370400440532013000: 'succeed',
  AT611904300234573201: 'succeed',
  NL39RABO0300065264: 'succeed',
  DE62370400440532013001: 'fail',
  AT861904300235473202: 'fail',
  NL91ABNA0417164300: 'fail',
};

/** ISO 13616 check (mod 97 == 1) over a normalised IBAN. */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
