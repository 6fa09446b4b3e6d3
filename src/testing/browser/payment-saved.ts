// The saved-payment-method part of the fake Payment Element, drawn when `elements()` got a
// `customerSessionClientSecret` whose CustomerSession enables it (components.payment_element.features), as Stripe
// draws it: the customer's saved methods (payment_method_redisplay; the elements session already filtered them by
// the session's allow_redisplay filters and limit) with "New payment method", a remove button per method
// (payment_method_remove), and Stripe's save checkbox under a new method's fields (payment_method_save). Pure
// markup and rules, no DOM: the element (payment-element.ts) keeps the state and wires the frame.
import type { AnyObject } from './card-params.js';
import type { PaymentType } from './payment-fields.js';

export interface SavedFeatures {
  payment_method_redisplay?: 'enabled' | 'disabled';
  payment_method_save?: 'enabled' | 'disabled';
  payment_method_remove?: 'enabled' | 'disabled';
  payment_method_save_usage?: 'on_session' | 'off_session' | null;
}

/** What the elements session says about the CustomerSession's customer (elements-sessions.ts in the emulator). */
export interface CustomerOffer {
  customer: string;
  features: SavedFeatures | null;
  payment_methods: AnyObject[];
}

/** The choice in the saved-method list that shows the tabs and fields of a new method. */
export const NEW_METHOD = 'new';
/** Types the save checkbox is offered for (Stripe offers it where the method can be reused). */
const SAVABLE = new Set<PaymentType>(['card', 'sepa_debit']);

const BRANDS: Record<string, string> = {
  visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay',
};

export const SAVED_CSS = `
.p-SavedPaymentMethods { display: flex; flex-direction: column; gap: 6px; margin: 0 0 12px; }
.p-SavedPaymentMethod { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border: 1px solid #e6e6e6; border-radius: var(--borderRadius, 5px); }
.p-SavedPaymentMethod label { flex: 1; display: flex; align-items: center; gap: 8px; }
.p-SavedPaymentMethodExpiry { color: #6d6e78; font-size: 13px; }
.p-SavedPaymentMethodRemove { font: inherit; font-size: 13px; border: 0; background: none; color: var(--colorDanger, #df1b41); cursor: pointer; }
.p-SaveCheckbox { display: flex; align-items: center; gap: 8px; margin: 12px 0 0; font-size: 14px; }
`;

const escapeHtml = (text: string): string => text.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "Visa •••• 4242", "SEPA Debit •••• 3000": how Stripe names a saved method in its list. */
export function methodLabel(pm: AnyObject): string {
  if (pm.type === 'card') return `${BRANDS[pm.card?.brand] ?? 'Card'} •••• ${pm.card?.last4 ?? ''}`;
  if (pm.type === 'sepa_debit') return `SEPA Debit •••• ${pm.sepa_debit?.last4 ?? ''}`;
  return `${String(pm.type)} •••• ${pm[pm.type]?.last4 ?? ''}`;
}

/** The saved methods the list shows (none unless payment_method_redisplay is enabled). */
export function shownMethods(offer: CustomerOffer | null | undefined): AnyObject[] {
  return offer?.features?.payment_method_redisplay === 'enabled' ? offer.payment_methods : [];
}

export function offersSaveCheckbox(offer: CustomerOffer | null | undefined, type: PaymentType): boolean {
  return offer?.features?.payment_method_save === 'enabled' && SAVABLE.has(type);
}

/** The list: one radio per saved method (with its remove button when allowed), then "New payment method". */
export function savedListHtml(methods: AnyObject[], chosen: string, removable: boolean): string {
  if (methods.length === 0) return '';
  const radio = (value: string, label: string, extra = '') =>
    `<label><input type="radio" name="saved-payment-method" value="${escapeHtml(value)}"${value === chosen ? ' checked' : ''}>${label}${extra}</label>`;
  const rows = methods.map((pm) => {
    const label = escapeHtml(methodLabel(pm));
    const expiry = pm.card ? ` <span class="p-SavedPaymentMethodExpiry">Expires ${String(pm.card.exp_month).padStart(2, '0')}/${String(pm.card.exp_year).slice(-2)}</span>` : '';
    const remove = removable ? `<button type="button" class="p-SavedPaymentMethodRemove" data-remove="${escapeHtml(pm.id)}" aria-label="Remove ${label}">Remove</button>` : '';
    return `<div class="p-SavedPaymentMethod" data-payment-method="${escapeHtml(pm.id)}">${radio(pm.id, label, expiry)}${remove}</div>`;
  });
  rows.push(`<div class="p-SavedPaymentMethod">${radio(NEW_METHOD, 'New payment method')}</div>`);
  return `<div class="p-SavedPaymentMethods" role="radiogroup" aria-label="Saved payment methods">${rows.join('')}</div>`;
}

/** Stripe's consent checkbox under a new method's fields. */
export function saveCheckboxHtml(checked: boolean, business: string): string {
  return `<label class="p-SaveCheckbox"><input type="checkbox" name="save-payment-method" id="save-payment-method"${checked ? ' checked' : ''}>` +
    `Save payment details to ${escapeHtml(business)} for future purchases</label>`;
}

/** An Elements group's `setup_future_usage`, in either spelling Stripe.js accepts. */
export const setupFutureUsageOf = (options: AnyObject): string | null | undefined => options.setupFutureUsage ?? options.setup_future_usage;

/**
 * The setup_future_usage a ticked checkbox sets on a PaymentIntent: the session's payment_method_save_usage, else
 * the one the group (or the intent) already carries; Stripe refuses to have both (saveConflict).
 */
export function saveUsage(offer: CustomerOffer | null | undefined, groupUsage: unknown): string | undefined {
  const usage = offer?.features?.payment_method_save_usage ?? groupUsage;
  return typeof usage === 'string' && usage ? usage : undefined;
}

/**
 * Since the dahlia train Stripe.js refuses, on render, a CustomerSession with payment_method_save_usage together
 * with a setup_future_usage on the intent or the Elements group: one of the two says how the method is reused.
 */
export function saveConflict(offer: CustomerOffer | null | undefined, groupUsage: unknown, intentUsage: unknown): string | undefined {
  const features = offer?.features;
  if (features?.payment_method_save !== 'enabled' || !features.payment_method_save_usage || !(groupUsage || intentUsage)) return undefined;
  return `The CustomerSession sets components.payment_element.features.payment_method_save_usage (${features.payment_method_save_usage}) and ` +
    `${groupUsage ? `elements() sets setupFutureUsage (${String(groupUsage)})` : `the intent has setup_future_usage (${String(intentUsage)})`}: set only one of them.`;
}
