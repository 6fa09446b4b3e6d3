// Typed events of <stripe-save-card>. Every event bubbles and is composed on purpose: the element is often used
// inside another component's shadow root (a checkout page built with Lit, Angular, ...) and the page around it
// still has to hear about a decline or a success without re-dispatching each event by hand.

/** `ssc-ready`: Stripe.js loaded and the card field mounted. */
export type SscReadyDetail = Record<string, never>;

/** `ssc-change`: the customer edited the card or flipped the save toggle (never fired for programmatic sets). */
export interface SscChangeDetail {
  complete: boolean;
  empty: boolean;
  brand: string;
  error?: { code: string; message: string };
  save: boolean;
  /** <stripe-save-payment> only: the payment method type chosen in the Payment Element (`card`, `ideal`, ...). */
  type?: string;
}

/** `ssc-submit`: about to talk to the backend / Stripe. Cancelable: `preventDefault()` stops the payment. */
export interface SscSubmitDetail {
  mode: 'payment' | 'setup';
  save: boolean;
}

/** `ssc-action-required`: the intent needs 3D Secure; the challenge is about to show. */
export interface SscActionRequiredDetail {
  intentId: string;
  /** Stripe's `next_action.type`, e.g. `use_stripe_sdk` or `redirect_to_url`. */
  type: string;
}

/** `ssc-authenticated`: the customer completed the challenge. */
export interface SscAuthenticatedDetail {
  intentId: string;
}

/** `ssc-authentication-failed`: the challenge failed or was closed. */
export interface SscAuthenticationFailedDetail {
  intentId: string;
  code: string;
  message: string;
}

/** `ssc-declined`: the card was declined (a Stripe `card_error`). */
export interface SscDeclinedDetail {
  intentId?: string;
  code: string;
  declineCode?: string;
  message: string;
}

export type SscErrorStage = 'load' | 'backend' | 'stripe' | 'validation';

/** `ssc-error`: anything else went wrong. */
export interface SscErrorDetail {
  stage: SscErrorStage;
  message: string;
  /** HTTP status of the backend answer, when there was one. */
  status?: number;
  code?: string;
}

/** `ssc-succeeded`: the intent succeeded (or, with manual capture, requires capture). */
export interface SscSucceededDetail {
  intentId: string;
  status: string;
  paymentMethodId: string;
  /** Whether the card was saved for later by this submit (save toggle on, or setup mode). */
  saved: boolean;
  mode: 'payment' | 'setup';
}

/** Every event of the element, by name. */
export interface StripeSaveCardEventMap {
  'ssc-ready': CustomEvent<SscReadyDetail>;
  'ssc-change': CustomEvent<SscChangeDetail>;
  'ssc-submit': CustomEvent<SscSubmitDetail>;
  'ssc-action-required': CustomEvent<SscActionRequiredDetail>;
  'ssc-authenticated': CustomEvent<SscAuthenticatedDetail>;
  'ssc-authentication-failed': CustomEvent<SscAuthenticationFailedDetail>;
  'ssc-declined': CustomEvent<SscDeclinedDetail>;
  'ssc-error': CustomEvent<SscErrorDetail>;
  'ssc-succeeded': CustomEvent<SscSucceededDetail>;
}

export type SscEventName = keyof StripeSaveCardEventMap;
export type SscEventDetail<K extends SscEventName> = StripeSaveCardEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches one of our events from `target`; false when a cancelable one was cancelled. The only place events
 * are created (outside the class, so the manifest lists only the documented @fires), so bubbles/composed can't
 * drift. Keys without a value are left out of the detail.
 */
export function emit<K extends SscEventName>(target: EventTarget, type: K, detail: SscEventDetail<K>, cancelable = false): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail: JSON.parse(JSON.stringify(detail)) as unknown, bubbles: true, composed: true, cancelable }));
}

declare global {
  // Typed addEventListener on any element or document for our events: the map above, merged in.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends StripeSaveCardEventMap {}
}

