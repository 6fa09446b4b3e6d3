// French words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/fr'`);
// the script tag dist/translations/fr.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const fr: Translation & PaymentTranslation = {
  loading: 'Chargement du formulaire de paiement…',
  loadFailed: 'Impossible de charger le formulaire de paiement. Vérifiez votre connexion et réessayez.',
  retry: 'Réessayer',
  pay: (amount) => (amount ? `Payer ${amount}` : 'Payer'),
  saveCard: 'Enregistrer la carte',
  saveToggle: 'Enregistrer cette carte pour de futurs paiements',
  disclosure: (business) => (business
    ? `En enregistrant votre carte, vous autorisez ${business} à la débiter pour de futurs paiements conformément à ses conditions.`
    : 'En enregistrant votre carte, vous nous autorisez à la débiter pour de futurs paiements conformément à nos conditions.'),
  cardDetails: 'Informations de carte',
  payWith: 'Payer avec',
  newCard: 'Utiliser une nouvelle carte',
  savedCard: (brand, last4, expires, added) => `${brand || 'Carte'} se terminant par ${last4}, expire fin ${expires}${added ? `, ajoutée en ${added}` : ''}`,
  processing: 'Traitement de votre paiement…',
  saving: 'Enregistrement de votre carte…',
  bank: 'En attente de votre banque…',
  succeeded: 'Paiement réussi.',
  cardSaved: 'Votre carte a été enregistrée.',
  tryAnother: 'Essayer une autre carte',
  enterCard: 'Saisissez les informations de votre carte.',
  incomplete: 'Les informations de votre carte sont incomplètes.',
  declined: 'Votre carte a été refusée.',
  authFailed: "Nous n'avons pas pu authentifier votre carte.",
  unreachable: 'Impossible de joindre Stripe. Vérifiez votre connexion et réessayez.',
  failed: 'Un problème est survenu de notre côté. Veuillez réessayer plus tard.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'Enregistrer mes coordonnées de paiement pour de futurs achats',
  saveDetails: 'Enregistrer les coordonnées de paiement',
  savingDetails: 'Enregistrement de vos coordonnées de paiement…',
  detailsSaved: 'Vos coordonnées de paiement ont été enregistrées.',
  detailsDisclosure: (business) => (business
    ? `En enregistrant vos coordonnées de paiement, vous autorisez ${business} à les débiter pour de futurs paiements conformément à ses conditions.`
    : 'En enregistrant vos coordonnées de paiement, vous nous autorisez à les débiter pour de futurs paiements conformément à nos conditions.'),
  paymentDetails: 'Coordonnées de paiement',
  paymentPending: 'Paiement reçu : votre banque le traite.',
  paymentFailed: "Le paiement n'a pas abouti. Réessayez ou choisissez un autre moyen de paiement.",
};

registerTranslation('fr', fr);
