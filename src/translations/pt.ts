// Portuguese words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/pt'`);
// the script tag dist/translations/pt.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const pt: Translation & PaymentTranslation = {
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
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Guardar os dados de pagamento para compras futuras',
  saveDetails: 'Guardar dados de pagamento',
  savingDetails: 'A guardar os seus dados de pagamento…',
  detailsSaved: 'Os seus dados de pagamento foram guardados.',
  detailsDisclosure: (business) => (business
    ? `Ao guardar os seus dados de pagamento, autoriza ${business} a debitá-los em pagamentos futuros de acordo com os respetivos termos.`
    : 'Ao guardar os seus dados de pagamento, autoriza-nos a debitá-los em pagamentos futuros de acordo com os nossos termos.'),
  paymentDetails: 'Dados de pagamento',
  paymentPending: 'Pagamento recebido: o seu banco está a processá-lo.',
  paymentFailed: 'O pagamento não foi concluído. Tente novamente ou escolha outro método de pagamento.',
};

registerTranslation('pt', pt);
