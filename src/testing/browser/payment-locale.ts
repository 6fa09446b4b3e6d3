// The fake Payment Element in the shopper's language, as Stripe.js shows it with the group's `locale` (or Stripe()'s):
// field labels, the tab names Stripe translates (Card, SEPA Debit; iDEAL and Bancontact are brand names), the
// iDEAL bank prompt, country names (the browser's Intl.DisplayNames), the redirect notice and the validation
// messages, for the languages <stripe-save-card> ships. What the Card Element also says (the card number, the
// expiry's placeholder, the card-validation messages) comes from card-locale.ts. The method names follow Stripe's
// localized docs (SEPA-Lastschrift, Prélèvement SEPA, SEPA-incasso, ...); the other words are the fake's own, in
// Stripe's style (docs/fidelity.md). English and unknown languages keep the English of payment-fields.ts.
import { cardPlaceholders, localeLanguage, localizeMessage } from './card-locale.js';
import type { CardValidationError } from './card-rules.js';
import { TYPE_LABELS, type FieldSpec, type PaymentType } from './payment-fields.js';

/** The English messages translated in `messages` below, in this order. */
const ENGLISH = ['This field is incomplete.', 'Your IBAN is invalid.', 'Your IBAN is incomplete.', 'Your email address is invalid.'];

interface PaymentLocale {
  /** Labels of the fields card-locale.ts doesn't name, and the iDEAL bank prompt. */
  labels: { expiry: string; cvc: string; country: string; postalCode: string; name: string; email: string; bank: string; selectBank: string };
  card: string;
  sepa: string;
  redirect: string;
  messages: [string, string, string, string];
}

const LOCALES: Record<string, PaymentLocale> = {
  de: {
    labels: { expiry: 'Ablaufdatum', cvc: 'Sicherheitscode', country: 'Land', postalCode: 'Postleitzahl', name: 'Vollständiger Name', email: 'E-Mail', bank: 'iDEAL-Bank', selectBank: 'Bank auswählen' },
    card: 'Karte', sepa: 'SEPA-Lastschrift',
    redirect: 'Nach dem Absenden werden Sie weitergeleitet, um die nächsten Schritte sicher abzuschließen.',
    messages: ['Dieses Feld ist unvollständig.', 'Ihre IBAN ist ungültig.', 'Ihre IBAN ist unvollständig.', 'Ihre E-Mail-Adresse ist ungültig.'],
  },
  fr: {
    labels: { expiry: "Date d'expiration", cvc: 'Code de sécurité', country: 'Pays', postalCode: 'Code postal', name: 'Nom complet', email: 'E-mail', bank: 'Banque iDEAL', selectBank: 'Sélectionnez une banque' },
    card: 'Carte', sepa: 'Prélèvement SEPA',
    redirect: 'Après l’envoi, vous serez redirigé pour terminer les étapes suivantes en toute sécurité.',
    messages: ['Ce champ est incomplet.', 'Votre IBAN est invalide.', 'Votre IBAN est incomplet.', 'Votre adresse e-mail est invalide.'],
  },
  es: {
    labels: { expiry: 'Fecha de vencimiento', cvc: 'Código de seguridad', country: 'País', postalCode: 'Código postal', name: 'Nombre completo', email: 'Correo electrónico', bank: 'Banco iDEAL', selectBank: 'Selecciona un banco' },
    card: 'Tarjeta', sepa: 'Débito directo SEPA',
    redirect: 'Después del envío, se te redirigirá para completar los siguientes pasos de forma segura.',
    messages: ['Este campo está incompleto.', 'Tu IBAN no es válido.', 'Tu IBAN está incompleto.', 'Tu dirección de correo electrónico no es válida.'],
  },
  it: {
    labels: { expiry: 'Data di scadenza', cvc: 'Codice di sicurezza', country: 'Paese', postalCode: 'CAP', name: 'Nome completo', email: 'Email', bank: 'Banca iDEAL', selectBank: 'Seleziona la banca' },
    card: 'Carta', sepa: 'Addebito diretto SEPA',
    redirect: 'Dopo l’invio, verrai reindirizzato per completare in sicurezza i passaggi successivi.',
    messages: ['Questo campo è incompleto.', "L'IBAN non è valido.", "L'IBAN è incompleto.", "L'indirizzo email non è valido."],
  },
  nl: {
    labels: { expiry: 'Vervaldatum', cvc: 'Beveiligingscode', country: 'Land', postalCode: 'Postcode', name: 'Volledige naam', email: 'E-mailadres', bank: 'iDEAL-bank', selectBank: 'Selecteer bank' },
    card: 'Kaart', sepa: 'SEPA-incasso',
    redirect: 'Na het verzenden word je doorgestuurd om de volgende stappen veilig te voltooien.',
    messages: ['Dit veld is onvolledig.', 'Je IBAN is ongeldig.', 'Je IBAN is onvolledig.', 'Je e-mailadres is ongeldig.'],
  },
  pl: {
    labels: { expiry: 'Data ważności', cvc: 'Kod zabezpieczający', country: 'Kraj', postalCode: 'Kod pocztowy', name: 'Imię i nazwisko', email: 'Adres e-mail', bank: 'Bank iDEAL', selectBank: 'Wybierz bank' },
    card: 'Karta', sepa: 'Polecenie zapłaty SEPA',
    redirect: 'Po wysłaniu nastąpi przekierowanie w celu bezpiecznego wykonania kolejnych kroków.',
    messages: ['To pole jest niekompletne.', 'Numer IBAN jest nieprawidłowy.', 'Numer IBAN jest niekompletny.', 'Adres e-mail jest nieprawidłowy.'],
  },
  pt: {
    labels: { expiry: 'Data de validade', cvc: 'Código de segurança', country: 'País', postalCode: 'Código postal', name: 'Nome completo', email: 'E-mail', bank: 'Banco iDEAL', selectBank: 'Selecione o banco' },
    card: 'Cartão', sepa: 'Débito Direto SEPA',
    redirect: 'Após o envio, será redirecionado para concluir os próximos passos com segurança.',
    messages: ['Este campo está incompleto.', 'O seu IBAN é inválido.', 'O seu IBAN está incompleto.', 'O seu endereço de e-mail é inválido.'],
  },
  sv: {
    labels: { expiry: 'Utgångsdatum', cvc: 'Säkerhetskod', country: 'Land', postalCode: 'Postnummer', name: 'Fullständigt namn', email: 'E-post', bank: 'iDEAL-bank', selectBank: 'Välj bank' },
    card: 'Kort', sepa: 'SEPA-autogiro',
    redirect: 'När du har skickat in omdirigeras du för att slutföra nästa steg på ett säkert sätt.',
    messages: ['Det här fältet är ofullständigt.', 'Ditt IBAN-nummer är ogiltigt.', 'Ditt IBAN-nummer är ofullständigt.', 'Din e-postadress är ogiltig.'],
  },
  ja: {
    labels: { expiry: '有効期限', cvc: 'セキュリティコード', country: '国または地域', postalCode: '郵便番号', name: '氏名', email: 'メールアドレス', bank: 'iDEAL 銀行', selectBank: '銀行を選択' },
    card: 'カード', sepa: 'SEPA ダイレクトデビット',
    redirect: '送信後、次のステップを安全に完了するためにリダイレクトされます。',
    messages: ['このフィールドは不完全です。', 'IBAN が無効です。', 'IBAN が不完全です。', 'メールアドレスが無効です。'],
  },
  ar: {
    labels: { expiry: 'تاريخ انتهاء الصلاحية', cvc: 'رمز الأمان', country: 'الدولة', postalCode: 'الرمز البريدي', name: 'الاسم الكامل', email: 'البريد الإلكتروني', bank: 'بنك iDEAL', selectBank: 'اختر البنك' },
    card: 'البطاقة', sepa: 'الخصم المباشر SEPA',
    redirect: 'بعد الإرسال، ستتم إعادة توجيهك لإكمال الخطوات التالية بأمان.',
    messages: ['هذا الحقل غير مكتمل.', 'رقم IBAN الخاص بك غير صالح.', 'رقم IBAN الخاص بك غير مكتمل.', 'عنوان بريدك الإلكتروني غير صالح.'],
  },
};

const paymentLocale = (locale: unknown): PaymentLocale | undefined => LOCALES[localeLanguage(locale)];

/** The language a frame shows (for its `lang`): the locale's, or English when the fake has no words for it. */
export function frameLanguage(locale: unknown): string {
  return paymentLocale(locale) ? localeLanguage(locale) : 'en';
}

/** The field specs of payment-fields.ts with labels, placeholders and option names in `locale`. */
export function localizeFields(specs: FieldSpec[], locale: unknown): FieldSpec[] {
  const words = paymentLocale(locale);
  const card = cardPlaceholders(locale);
  if (!words || !card) return specs;
  const regions = new Intl.DisplayNames([localeLanguage(locale)], { type: 'region' });
  return specs.map((spec) => {
    const label = spec.name === 'number' ? card.number : spec.name === 'iban' ? spec.label : words.labels[spec.name];
    const placeholder = spec.name === 'expiry' ? card.expiry : spec.placeholder;
    const options = spec.name === 'country' ? spec.options?.map(([code]): [string, string] => [code, regions.of(code) ?? code])
      : spec.name === 'bank' ? spec.options?.map(([value, name]): [string, string] => [value, value ? name : words.labels.selectBank]) : spec.options;
    return { ...spec, label, placeholder, options };
  });
}

/** Tab (or accordion item) names in `locale`. */
export function typeLabels(locale: unknown): Record<PaymentType, string> {
  const words = paymentLocale(locale);
  return words ? { ...TYPE_LABELS, card: words.card, sepa_debit: words.sepa } : TYPE_LABELS;
}

/** The notice under a redirect method, or undefined for the English default. */
export function redirectNotice(locale: unknown): string | undefined {
  return paymentLocale(locale)?.redirect;
}

/** A validation error of the Payment Element (its own, or a card one) with its message in `locale`. */
export function localizeValidation(error: CardValidationError, locale: unknown): CardValidationError {
  const index = ENGLISH.indexOf(error.message);
  const message = (index >= 0 && paymentLocale(locale)?.messages[index]) || localizeMessage(error.message, locale);
  return message === error.message ? error : { ...error, message };
}
