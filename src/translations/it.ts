// Italian words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/it'`);
// the script tag dist/translations/it.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';

export const it: Translation = {
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
};

registerTranslation('it', it);
