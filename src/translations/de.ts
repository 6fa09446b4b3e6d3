// German words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/de'`);
// the script tag dist/translations/de.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const de: Translation & PaymentTranslation = {
  loading: 'Zahlungsformular wird geladen…',
  loadFailed: 'Das Zahlungsformular konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  retry: 'Erneut versuchen',
  pay: (amount) => (amount ? `${amount} bezahlen` : 'Bezahlen'),
  saveCard: 'Karte speichern',
  saveToggle: 'Karte für zukünftige Zahlungen speichern',
  disclosure: (business) => `Wenn Sie Ihre Karte speichern, erlauben Sie ${business || 'uns'}, sie für zukünftige Zahlungen gemäß ${business ? 'deren' : 'unseren'} Bedingungen zu belasten.`,
  cardDetails: 'Kartendaten',
  payWith: 'Bezahlen mit',
  newCard: 'Neue Karte verwenden',
  savedCard: (brand, last4, expires, added) => `${brand || 'Karte'} mit den Endziffern ${last4}, gültig bis ${expires}${added ? `, hinzugefügt ${added}` : ''}`,
  processing: 'Ihre Zahlung wird verarbeitet…',
  saving: 'Ihre Karte wird gespeichert…',
  bank: 'Warten auf Ihre Bank…',
  succeeded: 'Zahlung erfolgreich.',
  cardSaved: 'Ihre Karte wurde gespeichert.',
  tryAnother: 'Andere Karte versuchen',
  enterCard: 'Geben Sie Ihre Kartendaten ein.',
  incomplete: 'Ihre Kartendaten sind unvollständig.',
  declined: 'Ihre Karte wurde abgelehnt.',
  authFailed: 'Ihre Karte konnte nicht authentifiziert werden.',
  unreachable: 'Stripe ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  failed: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es später erneut.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Zahlungsdetails für zukünftige Käufe speichern',
  saveDetails: 'Zahlungsdetails speichern',
  savingDetails: 'Ihre Zahlungsdetails werden gespeichert…',
  detailsSaved: 'Ihre Zahlungsdetails wurden gespeichert.',
  detailsDisclosure: (business) => `Wenn Sie Ihre Zahlungsdetails speichern, erlauben Sie ${business || 'uns'}, diese für zukünftige Zahlungen gemäß ${business ? 'deren' : 'unseren'} Bedingungen zu belasten.`,
  paymentDetails: 'Zahlungsdetails',
  paymentPending: 'Zahlung eingegangen: Ihre Bank wickelt sie noch ab.',
  paymentFailed: 'Die Zahlung ist nicht durchgegangen. Versuchen Sie es erneut oder wählen Sie eine andere Zahlungsmethode.',
};

registerTranslation('de', de);
