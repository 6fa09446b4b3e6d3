// Dutch words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/nl'`);
// the script tag dist/translations/nl.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const nl: Translation & PaymentTranslation = {
  loading: 'Betaalformulier laden…',
  loadFailed: 'Het betaalformulier kon niet worden geladen. Controleer je verbinding en probeer het opnieuw.',
  retry: 'Opnieuw proberen',
  pay: (amount) => (amount ? `${amount} betalen` : 'Betalen'),
  saveCard: 'Kaart opslaan',
  saveToggle: 'Deze kaart opslaan voor toekomstige betalingen',
  disclosure: (business) => `Door je kaart op te slaan, geef je ${business || 'ons'} toestemming om deze voor toekomstige betalingen te belasten volgens ${business ? 'hun' : 'onze'} voorwaarden.`,
  cardDetails: 'Kaartgegevens',
  payWith: 'Betalen met',
  newCard: 'Nieuwe kaart gebruiken',
  savedCard: (brand, last4, expires, added) => `${brand || 'Kaart'} eindigend op ${last4}, verloopt ${expires}${added ? `, toegevoegd ${added}` : ''}`,
  processing: 'Je betaling wordt verwerkt…',
  saving: 'Je kaart wordt opgeslagen…',
  bank: 'Wachten op je bank…',
  succeeded: 'Betaling geslaagd.',
  cardSaved: 'Je kaart is opgeslagen.',
  tryAnother: 'Andere kaart proberen',
  enterCard: 'Voer je kaartgegevens in.',
  incomplete: 'Je kaartgegevens zijn onvolledig.',
  declined: 'Je kaart is geweigerd.',
  authFailed: 'We konden je kaart niet verifiëren.',
  unreachable: 'Stripe is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
  failed: 'Er ging bij ons iets mis. Probeer het later opnieuw.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Betaalgegevens opslaan voor toekomstige aankopen',
  saveDetails: 'Betaalgegevens opslaan',
  savingDetails: 'Je betaalgegevens worden opgeslagen…',
  detailsSaved: 'Je betaalgegevens zijn opgeslagen.',
  detailsDisclosure: (business) => `Door je betaalgegevens op te slaan, geef je ${business || 'ons'} toestemming om deze voor toekomstige betalingen te belasten volgens ${business ? 'hun' : 'onze'} voorwaarden.`,
  paymentDetails: 'Betaalgegevens',
  paymentPending: 'Betaling ontvangen: je bank verwerkt deze nog.',
  paymentFailed: 'De betaling is niet gelukt. Probeer het opnieuw of kies een andere betaalmethode.',
};

registerTranslation('nl', nl);
