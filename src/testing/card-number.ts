// Card-number facts shared by the emulator core (server side) and the fake Card Element (browser side):
// brand from the number's prefix, and the Luhn check. Pure functions, no DOM, no Node.

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

// Order matters: Discover's 6011/64x/65 ranges come before UnionPay's wider 62.
const BRAND_PREFIXES: Array<[CardBrand, RegExp]> = [
  ['visa', /^4/],
  ['amex', /^3[47]/],
  ['diners', /^3(0[0-5]|09|6|8|9)/],
  ['jcb', /^35/],
  ['mastercard', /^(5[1-5]|2(2[2-9]|[3-6]|7[01]|720))/],
  ['discover', /^(6011|64[4-9]|65)/],
  ['unionpay', /^(62|81)/],
];

/** The brand Stripe would show for these digits (a prefix is enough, as the customer types). */
export function detectBrand(digits: string): CardBrand {
  for (const [brand, prefix] of BRAND_PREFIXES) if (prefix.test(digits)) return brand;
  return 'unknown';
}

/** The Luhn checksum every real card number passes; false for anything but digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
