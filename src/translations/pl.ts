// Polish words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/pl'`);
// the script tag dist/translations/pl.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const pl: Translation & PaymentTranslation = {
  loading: 'Ładowanie formularza płatności…',
  loadFailed: 'Nie udało się załadować formularza płatności. Sprawdź połączenie i spróbuj ponownie.',
  retry: 'Spróbuj ponownie',
  pay: (amount) => (amount ? `Zapłać ${amount}` : 'Zapłać'),
  saveCard: 'Zapisz kartę',
  saveToggle: 'Zapisz tę kartę do przyszłych płatności',
  disclosure: (business) => (business
    ? `Zapisując kartę, upoważniasz firmę ${business} do obciążania jej przyszłymi płatnościami zgodnie z warunkami tej firmy.`
    : 'Zapisując kartę, upoważniasz nas do obciążania jej przyszłymi płatnościami zgodnie z naszymi warunkami.'),
  cardDetails: 'Dane karty',
  payWith: 'Zapłać kartą',
  newCard: 'Użyj nowej karty',
  savedCard: (brand, last4, expires, added) => `${brand || 'Karta'} z końcówką ${last4}, ważna do ${expires}${added ? `, dodana ${added}` : ''}`,
  processing: 'Przetwarzanie płatności…',
  saving: 'Zapisywanie karty…',
  bank: 'Oczekiwanie na odpowiedź banku…',
  succeeded: 'Płatność zakończona powodzeniem.',
  cardSaved: 'Twoja karta została zapisana.',
  tryAnother: 'Spróbuj innej karty',
  enterCard: 'Wprowadź dane karty.',
  incomplete: 'Dane karty są niekompletne.',
  declined: 'Twoja karta została odrzucona.',
  authFailed: 'Nie udało się uwierzytelnić Twojej karty.',
  unreachable: 'Nie można połączyć się ze Stripe. Sprawdź połączenie i spróbuj ponownie.',
  failed: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie później.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Zapisz dane płatności do przyszłych zakupów',
  saveDetails: 'Zapisz dane płatności',
  savingDetails: 'Zapisywanie danych płatności…',
  detailsSaved: 'Twoje dane płatności zostały zapisane.',
  detailsDisclosure: (business) => (business
    ? `Zapisując dane płatności, upoważniasz firmę ${business} do obciążania ich przyszłymi płatnościami zgodnie z warunkami tej firmy.`
    : 'Zapisując dane płatności, upoważniasz nas do obciążania ich przyszłymi płatnościami zgodnie z naszymi warunkami.'),
  paymentDetails: 'Dane płatności',
  paymentPending: 'Płatność otrzymana: Twój bank ją przetwarza.',
  paymentFailed: 'Płatność nie powiodła się. Spróbuj ponownie lub wybierz inną metodę płatności.',
};

registerTranslation('pl', pl);
