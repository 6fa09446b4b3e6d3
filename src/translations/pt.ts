// Portuguese words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/pt'`);
// the script tag dist/translations/pt.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';

export const pt: Translation = {
  loading: 'A carregar o formulário de pagamento…',
  loadFailed: 'Não foi possível carregar o formulário de pagamento. Verifique a sua ligação e tente novamente.',
  retry: 'Tentar novamente',
  pay: (amount) => (amount ? `Pagar ${amount}` : 'Pagar'),
  saveCard: 'Guardar cartão',
  saveToggle: 'Guardar este cartão para pagamentos futuros',
  disclosure: (business) => (business
    ? `Ao guardar o seu cartão, autoriza ${business} a debitá-lo em pagamentos futuros de acordo com os respetivos termos.`
    : 'Ao guardar o seu cartão, autoriza-nos a debitá-lo em pagamentos futuros de acordo com os nossos termos.'),
  cardDetails: 'Dados do cartão',
  payWith: 'Pagar com',
  newCard: 'Usar um cartão novo',
  savedCard: (brand, last4, expires, added) => `${brand || 'Cartão'} terminado em ${last4}, expira em ${expires}${added ? `, adicionado em ${added}` : ''}`,
  processing: 'A processar o seu pagamento…',
  saving: 'A guardar o seu cartão…',
  bank: 'A aguardar o seu banco…',
  succeeded: 'Pagamento concluído.',
  cardSaved: 'O seu cartão foi guardado.',
  tryAnother: 'Experimentar outro cartão',
  enterCard: 'Introduza os dados do seu cartão.',
  incomplete: 'Os dados do seu cartão estão incompletos.',
  declined: 'O seu cartão foi recusado.',
  authFailed: 'Não foi possível autenticar o seu cartão.',
  unreachable: 'Não foi possível contactar a Stripe. Verifique a sua ligação e tente novamente.',
  failed: 'Ocorreu um problema do nosso lado. Tente novamente mais tarde.',
};

registerTranslation('pt', pt);
