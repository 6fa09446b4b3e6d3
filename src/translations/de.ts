// German words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/de'`);
// the script tag dist/translations/de.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';

export const de: Translation = {
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
};

registerTranslation('de', de);
