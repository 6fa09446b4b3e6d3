// Italian words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/it'`);
// the script tag dist/translations/it.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const it: Translation & PaymentTranslation = {
  loading: 'Caricamento del modulo di pagamento…',
  loadFailed: 'Impossibile caricare il modulo di pagamento. Controlla la connessione e riprova.',
  retry: 'Riprova',
  pay: (amount) => (amount ? `Paga ${amount}` : 'Paga'),
  saveCard: 'Salva la carta',
  saveToggle: 'Salva questa carta per i pagamenti futuri',
  disclosure: (business) => (business
    ? `Salvando la carta, autorizzi ${business} ad addebitarla per pagamenti futuri in conformità con i suoi termini.`
    : 'Salvando la carta, ci autorizzi ad addebitarla per pagamenti futuri in conformità con i nostri termini.'),
  cardDetails: 'Dati della carta',
  payWith: 'Paga con',
  newCard: 'Usa una nuova carta',
  savedCard: (brand, last4, expires, added) => `${brand || 'Carta'} che termina con ${last4}, scadenza ${expires}${added ? `, aggiunta a ${added}` : ''}`,
  processing: 'Elaborazione del pagamento…',
  saving: 'Salvataggio della carta…',
  bank: 'In attesa della tua banca…',
  succeeded: 'Pagamento riuscito.',
  cardSaved: 'La tua carta è stata salvata.',
  tryAnother: "Prova un'altra carta",
  enterCard: 'Inserisci i dati della carta.',
  incomplete: 'I dati della carta sono incompleti.',
  declined: 'La tua carta è stata rifiutata.',
  authFailed: 'Non è stato possibile autenticare la tua carta.',
  unreachable: 'Impossibile raggiungere Stripe. Controlla la connessione e riprova.',
  failed: 'Si è verificato un problema da parte nostra. Riprova più tardi.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Salva i dati di pagamento per gli acquisti futuri',
  saveDetails: 'Salva i dati di pagamento',
  savingDetails: 'Salvataggio dei dati di pagamento…',
  detailsSaved: 'I tuoi dati di pagamento sono stati salvati.',
  detailsDisclosure: (business) => (business
    ? `Salvando i dati di pagamento, autorizzi ${business} ad addebitarli per pagamenti futuri in conformità con i suoi termini.`
    : 'Salvando i dati di pagamento, ci autorizzi ad addebitarli per pagamenti futuri in conformità con i nostri termini.'),
  paymentDetails: 'Dati di pagamento',
  paymentPending: 'Pagamento ricevuto: la tua banca lo sta elaborando.',
  paymentFailed: 'Il pagamento non è andato a buon fine. Riprova o scegli un altro metodo di pagamento.',
};

registerTranslation('it', it);
