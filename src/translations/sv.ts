// Swedish words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/sv'`);
// the script tag dist/translations/sv.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const sv: Translation & PaymentTranslation = {
  loading: 'Betalningsformuläret laddas…',
  loadFailed: 'Det gick inte att ladda betalningsformuläret. Kontrollera din anslutning och försök igen.',
  retry: 'Försök igen',
  pay: (amount) => (amount ? `Betala ${amount}` : 'Betala'),
  saveCard: 'Spara kortet',
  saveToggle: 'Spara det här kortet för framtida betalningar',
  disclosure: (business) => `Genom att spara ditt kort tillåter du ${business || 'oss'} att debitera det för framtida betalningar enligt ${business ? 'deras' : 'våra'} villkor.`,
  cardDetails: 'Kortuppgifter',
  payWith: 'Betala med',
  newCard: 'Använd ett nytt kort',
  savedCard: (brand, last4, expires, added) => `${brand || 'Kort'} som slutar på ${last4}, giltigt till ${expires}${added ? `, tillagt ${added}` : ''}`,
  processing: 'Din betalning behandlas…',
  saving: 'Ditt kort sparas…',
  bank: 'Väntar på din bank…',
  succeeded: 'Betalningen lyckades.',
  cardSaved: 'Ditt kort har sparats.',
  tryAnother: 'Prova ett annat kort',
  enterCard: 'Ange dina kortuppgifter.',
  incomplete: 'Dina kortuppgifter är ofullständiga.',
  declined: 'Ditt kort nekades.',
  authFailed: 'Vi kunde inte autentisera ditt kort.',
  unreachable: 'Det gick inte att nå Stripe. Kontrollera din anslutning och försök igen.',
  failed: 'Något gick fel hos oss. Försök igen senare.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Spara betalningsuppgifterna för framtida köp',
  saveDetails: 'Spara betalningsuppgifter',
  savingDetails: 'Dina betalningsuppgifter sparas…',
  detailsSaved: 'Dina betalningsuppgifter har sparats.',
  detailsDisclosure: (business) => `Genom att spara dina betalningsuppgifter tillåter du ${business || 'oss'} att debitera dem för framtida betalningar enligt ${business ? 'deras' : 'våra'} villkor.`,
  paymentDetails: 'Betalningsuppgifter',
  paymentPending: 'Betalningen har tagits emot: din bank behandlar den.',
  paymentFailed: 'Betalningen gick inte igenom. Försök igen eller välj en annan betalningsmetod.',
};

registerTranslation('sv', sv);
