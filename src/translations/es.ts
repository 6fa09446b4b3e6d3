// Spanish words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/es'`);
// the script tag dist/translations/es.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const es: Translation & PaymentTranslation = {
  loading: 'Cargando el formulario de pago…',
  loadFailed: 'No se ha podido cargar el formulario de pago. Comprueba tu conexión e inténtalo de nuevo.',
  retry: 'Reintentar',
  pay: (amount) => (amount ? `Pagar ${amount}` : 'Pagar'),
  saveCard: 'Guardar tarjeta',
  saveToggle: 'Guardar esta tarjeta para pagos futuros',
  disclosure: (business) => (business
    ? `Al guardar tu tarjeta, autorizas a ${business} a realizar cargos en ella para pagos futuros de acuerdo con sus condiciones.`
    : 'Al guardar tu tarjeta, nos autorizas a realizar cargos en ella para pagos futuros de acuerdo con nuestras condiciones.'),
  cardDetails: 'Datos de la tarjeta',
  payWith: 'Pagar con',
  newCard: 'Usar una tarjeta nueva',
  savedCard: (brand, last4, expires, added) => `${brand || 'Tarjeta'} terminada en ${last4}, vence ${expires}${added ? `, añadida en ${added}` : ''}`,
  processing: 'Procesando tu pago…',
  saving: 'Guardando tu tarjeta…',
  bank: 'Esperando a tu banco…',
  succeeded: 'Pago realizado correctamente.',
  cardSaved: 'Tu tarjeta se ha guardado.',
  tryAnother: 'Probar con otra tarjeta',
  enterCard: 'Introduce los datos de tu tarjeta.',
  incomplete: 'Los datos de tu tarjeta están incompletos.',
  declined: 'Tu tarjeta ha sido rechazada.',
  authFailed: 'No hemos podido autenticar tu tarjeta.',
  unreachable: 'No se ha podido conectar con Stripe. Comprueba tu conexión e inténtalo de nuevo.',
  failed: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo más tarde.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Guardar los datos de pago para futuras compras',
  saveDetails: 'Guardar datos de pago',
  savingDetails: 'Guardando tus datos de pago…',
  detailsSaved: 'Tus datos de pago se han guardado.',
  detailsDisclosure: (business) => (business
    ? `Al guardar tus datos de pago, autorizas a ${business} a realizar cargos con ellos para pagos futuros de acuerdo con sus condiciones.`
    : 'Al guardar tus datos de pago, nos autorizas a realizar cargos con ellos para pagos futuros de acuerdo con nuestras condiciones.'),
  paymentDetails: 'Datos de pago',
  paymentPending: 'Pago recibido: tu banco lo está procesando.',
  paymentFailed: 'El pago no se ha completado. Inténtalo de nuevo o elige otro método de pago.',
};

registerTranslation('es', es);
