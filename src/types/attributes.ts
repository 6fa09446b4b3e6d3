// The element as templates see it, shared by the per-framework declarations beside this file: kebab-case attributes
// (they work from server-rendered HTML too), object properties, and `on<event>` handlers with typed `detail`.
import type { Stripe, StripeCardElementOptions } from '@stripe/stripe-js';
import type { ConfirmFlow, Mode, SaveUsage } from '../element/config.js';
import type { StripeSaveCardEventMap } from '../element/events.js';
import type { Translation } from '../element/language.js';

export interface StripeSaveCardAttributes {
  'publishable-key'?: string;
  'intent-url'?: string;
  'client-secret'?: string;
  mode?: Mode;
  confirm?: ConfirmFlow;
  'confirm-url'?: string;
  'saved-cards-url'?: string;
  save?: boolean;
  'hide-save'?: boolean;
  'save-usage'?: SaveUsage;
  amount?: number | string;
  currency?: string;
  'payment-method'?: string;
  locale?: string;
  'business-name'?: string;
  disabled?: boolean;
  name?: string;
}

/** Settings that only exist as properties (objects). */
export interface StripeSaveCardObjectProperties {
  stripe?: Stripe;
  intentBody?: Record<string, unknown>;
  cardOptions?: StripeCardElementOptions;
  translations?: Partial<Translation>;
}

/** `onssc-succeeded` and the rest: React 19, Preact and Svelte 5 listen for `ssc-succeeded` from such a prop. */
export type StripeSaveCardEventProps = {
  [K in keyof StripeSaveCardEventMap as `on${K}`]?: (event: StripeSaveCardEventMap[K]) => void;
};

export type StripeSaveCardTemplateProps = StripeSaveCardAttributes & StripeSaveCardObjectProperties & StripeSaveCardEventProps;

/** `<stripe-save-payment>`: the same attributes and events, plus the Payment Element's own; no Card Element options. */
export interface StripeSavePaymentAttributes extends StripeSaveCardAttributes {
  layout?: 'tabs' | 'accordion';
  'return-url'?: string;
  /** `stripe`: Stripe's own save checkbox, saved-method list and remove button, from a CustomerSession. */
  'save-ui'?: 'toggle' | 'stripe';
  'customer-session-url'?: string;
}

export type StripeSavePaymentObjectProperties = Omit<StripeSaveCardObjectProperties, 'cardOptions'>;

export type StripeSavePaymentTemplateProps = StripeSavePaymentAttributes & StripeSavePaymentObjectProperties & StripeSaveCardEventProps;
