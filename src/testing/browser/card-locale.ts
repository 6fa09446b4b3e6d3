// The fake Card Element in the shopper's language, as Stripe.js does with its `locale` option (on Stripe() or
// elements()): placeholders, the card-validation messages and the common decline messages, for the languages
// <stripe-save-card> ships. English is Stripe's own wording (card-rules.ts, the emulator); the other languages are
// the fake's own sentences in Stripe's style, so tests see a shopper's language, not Stripe's exact strings.
// Unknown languages and messages stay English; `auto` means the browser's language.

/** The English messages translated below, in this order (validation, then declines). */
const ENGLISH = [
  'Your card number is incomplete.',
  'Your card number is invalid.',
  "Your card's expiration date is incomplete.",
  "Your card's expiration month is invalid.",
  "Your card's expiration date is in the past.",
  "Your card's expiration year is in the past.",
  "Your card's expiration year is invalid.",
  "Your card's security code is incomplete.",
  'Your postal code is incomplete.',
  'Your card was declined.',
  'Your card has insufficient funds.',
  'Your card has expired.',
  "Your card's security code is incorrect.",
];

interface CardLocale {
  /** number, expiry, cvc, postal */
  placeholders: [string, string, string, string];
  messages: string[];
}

const LOCALES: Record<string, CardLocale> = {
  de: {
    placeholders: ['Kartennummer', 'MM / JJ', 'CVC', 'PLZ'],
    messages: ['Ihre Kartennummer ist unvollständig.', 'Ihre Kartennummer ist ungültig.', 'Das Ablaufdatum Ihrer Karte ist unvollständig.',
      'Der Ablaufmonat Ihrer Karte ist ungültig.', 'Das Ablaufdatum Ihrer Karte liegt in der Vergangenheit.', 'Das Ablaufjahr Ihrer Karte liegt in der Vergangenheit.',
      'Das Ablaufjahr Ihrer Karte ist ungültig.', 'Der Sicherheitscode Ihrer Karte ist unvollständig.', 'Ihre Postleitzahl ist unvollständig.',
      'Ihre Karte wurde abgelehnt.', 'Ihre Karte ist nicht ausreichend gedeckt.', 'Ihre Karte ist abgelaufen.', 'Der Sicherheitscode Ihrer Karte ist falsch.'],
  },
  fr: {
    placeholders: ['Numéro de carte', 'MM / AA', 'CVC', 'Code postal'],
    messages: ['Votre numéro de carte est incomplet.', 'Votre numéro de carte est invalide.', "La date d'expiration de votre carte est incomplète.",
      "Le mois d'expiration de votre carte est invalide.", "La date d'expiration de votre carte est dépassée.", "L'année d'expiration de votre carte est dépassée.",
      "L'année d'expiration de votre carte est invalide.", 'Le code de sécurité de votre carte est incomplet.', 'Votre code postal est incomplet.',
      'Votre carte a été refusée.', 'Les fonds de votre carte sont insuffisants.', 'Votre carte a expiré.', 'Le code de sécurité de votre carte est incorrect.'],
  },
  es: {
    placeholders: ['Número de tarjeta', 'MM / AA', 'CVC', 'Código postal'],
    messages: ['El número de tu tarjeta está incompleto.', 'El número de tu tarjeta no es válido.', 'La fecha de vencimiento de tu tarjeta está incompleta.',
      'El mes de vencimiento de tu tarjeta no es válido.', 'La fecha de vencimiento de tu tarjeta ya pasó.', 'El año de vencimiento de tu tarjeta ya pasó.',
      'El año de vencimiento de tu tarjeta no es válido.', 'El código de seguridad de tu tarjeta está incompleto.', 'Tu código postal está incompleto.',
      'Tu tarjeta ha sido rechazada.', 'Tu tarjeta no tiene fondos suficientes.', 'Tu tarjeta ha vencido.', 'El código de seguridad de tu tarjeta es incorrecto.'],
  },
  it: {
    placeholders: ['Numero di carta', 'MM / AA', 'CVC', 'CAP'],
    messages: ['Il numero della carta è incompleto.', 'Il numero della carta non è valido.', 'La data di scadenza della carta è incompleta.',
      'Il mese di scadenza della carta non è valido.', 'La data di scadenza della carta è nel passato.', "L'anno di scadenza della carta è nel passato.",
      "L'anno di scadenza della carta non è valido.", 'Il codice di sicurezza della carta è incompleto.', 'Il CAP è incompleto.',
      'La carta è stata rifiutata.', 'La carta non ha fondi sufficienti.', 'La carta è scaduta.', 'Il codice di sicurezza della carta non è corretto.'],
  },
  nl: {
    placeholders: ['Kaartnummer', 'MM / JJ', 'CVC', 'Postcode'],
    messages: ['Je kaartnummer is onvolledig.', 'Je kaartnummer is ongeldig.', 'De vervaldatum van je kaart is onvolledig.',
      'De vervalmaand van je kaart is ongeldig.', 'De vervaldatum van je kaart ligt in het verleden.', 'Het vervaljaar van je kaart ligt in het verleden.',
      'Het vervaljaar van je kaart is ongeldig.', 'De beveiligingscode van je kaart is onvolledig.', 'Je postcode is onvolledig.',
      'Je kaart is geweigerd.', 'Je kaart heeft onvoldoende saldo.', 'Je kaart is verlopen.', 'De beveiligingscode van je kaart is onjuist.'],
  },
  pl: {
    placeholders: ['Numer karty', 'MM / RR', 'CVC', 'Kod pocztowy'],
    messages: ['Numer karty jest niekompletny.', 'Numer karty jest nieprawidłowy.', 'Data ważności karty jest niekompletna.',
      'Miesiąc ważności karty jest nieprawidłowy.', 'Data ważności karty już minęła.', 'Rok ważności karty już minął.',
      'Rok ważności karty jest nieprawidłowy.', 'Kod zabezpieczający karty jest niekompletny.', 'Kod pocztowy jest niekompletny.',
      'Twoja karta została odrzucona.', 'Na karcie brakuje środków.', 'Twoja karta straciła ważność.', 'Kod zabezpieczający karty jest nieprawidłowy.'],
  },
  pt: {
    placeholders: ['Número do cartão', 'MM / AA', 'CVC', 'Código postal'],
    messages: ['O número do seu cartão está incompleto.', 'O número do seu cartão é inválido.', 'A data de validade do seu cartão está incompleta.',
      'O mês de validade do seu cartão é inválido.', 'A data de validade do seu cartão já passou.', 'O ano de validade do seu cartão já passou.',
      'O ano de validade do seu cartão é inválido.', 'O código de segurança do seu cartão está incompleto.', 'O seu código postal está incompleto.',
      'O seu cartão foi recusado.', 'O seu cartão não tem fundos suficientes.', 'O seu cartão expirou.', 'O código de segurança do seu cartão está incorreto.'],
  },
  sv: {
    placeholders: ['Kortnummer', 'MM / ÅÅ', 'CVC', 'Postnummer'],
    messages: ['Ditt kortnummer är ofullständigt.', 'Ditt kortnummer är ogiltigt.', 'Kortets utgångsdatum är ofullständigt.',
      'Kortets utgångsmånad är ogiltig.', 'Kortets utgångsdatum har passerat.', 'Kortets utgångsår har passerat.',
      'Kortets utgångsår är ogiltigt.', 'Kortets säkerhetskod är ofullständig.', 'Ditt postnummer är ofullständigt.',
      'Ditt kort nekades.', 'Ditt kort har otillräckligt saldo.', 'Ditt kort har gått ut.', 'Kortets säkerhetskod är felaktig.'],
  },
  ja: {
    placeholders: ['カード番号', '月 / 年', 'セキュリティコード', '郵便番号'],
    messages: ['カード番号が不完全です。', 'カード番号が無効です。', 'カードの有効期限が不完全です。',
      'カードの有効期限の月が無効です。', 'カードの有効期限が過ぎています。', 'カードの有効期限の年が過ぎています。',
      'カードの有効期限の年が無効です。', 'カードのセキュリティコードが不完全です。', '郵便番号が不完全です。',
      'カードが拒否されました。', 'カードの残高が不足しています。', 'カードの有効期限が切れています。', 'カードのセキュリティコードが正しくありません。'],
  },
  ar: {
    placeholders: ['رقم البطاقة', 'شهر / سنة', 'رمز التحقق', 'الرمز البريدي'],
    messages: ['رقم بطاقتك غير مكتمل.', 'رقم بطاقتك غير صالح.', 'تاريخ انتهاء صلاحية بطاقتك غير مكتمل.',
      'شهر انتهاء صلاحية بطاقتك غير صالح.', 'تاريخ انتهاء صلاحية بطاقتك في الماضي.', 'سنة انتهاء صلاحية بطاقتك في الماضي.',
      'سنة انتهاء صلاحية بطاقتك غير صالحة.', 'رمز التحقق من بطاقتك غير مكتمل.', 'رمزك البريدي غير مكتمل.',
      'تم رفض بطاقتك.', 'رصيد بطاقتك غير كافٍ.', 'انتهت صلاحية بطاقتك.', 'رمز التحقق من بطاقتك غير صحيح.'],
  },
};

/** The language of a Stripe.js `locale`: `de-AT` → `de`, `auto`/unset → the browser's. */
export function localeLanguage(locale: unknown): string {
  const tag = typeof locale === 'string' && locale !== 'auto' ? locale : navigator.language;
  return tag.toLowerCase().split('-')[0]!;
}

/** The fake's words for a Stripe.js `locale`, or undefined for English. */
function cardLocale(locale: unknown): CardLocale | undefined {
  return LOCALES[localeLanguage(locale)];
}

/** Placeholders of the Card Element's fields in `locale` (undefined: English, the frame's defaults). */
export function cardPlaceholders(locale: unknown): { number: string; expiry: string; cvc: string; postal: string } | undefined {
  const words = cardLocale(locale);
  if (!words) return undefined;
  const [number, expiry, cvc, postal] = words.placeholders;
  return { number, expiry, cvc, postal };
}

/** An English Stripe message in `locale`, or the message itself when the fake has no translation for it. */
export function localizeMessage(message: string, locale: unknown): string {
  const index = ENGLISH.indexOf(message);
  return (index >= 0 && cardLocale(locale)?.messages[index]) || message;
}

/** An `{ message }` object (a validation error, Stripe's error, an intent's last error) with its message localized. */
export function localizeError<T extends { message?: unknown } | null | undefined>(error: T, locale: unknown): T {
  return error && typeof error.message === 'string' ? { ...error, message: localizeMessage(error.message, locale) } : error;
}
