// `stripe.elements()`: creates the card Elements the fake provides (card, cardNumber, cardExpiry, cardCvc), one of
// each type per group as in Stripe.js, and finds them again with getElement(type), by type string or by a wrapper
// library's component (react-stripe-js's components carry their type in `__elementType`).
import type { StripeElementsOptions } from '@stripe/stripe-js';
import type { ApiClient } from './api-client.js';
import { FakeCardElement } from './card-element.js';
import type { CardFieldKey } from './card-rules.js';
import { CardStore } from './card-store.js';
import { IntegrationError } from './errors.js';
import type { CardElementType, FakeFieldElement } from './field-element.js';
import type { FakeLinkAuthenticationElement } from './link-authentication-element.js';
import type { FakePaymentElement } from './payment-element.js';
import { checkElementsOptions, PaymentSession } from './payment-session.js';
import { FakeCardCvcElement, FakeCardExpiryElement, FakeCardNumberElement } from './split-elements.js';

const ELEMENT_TYPES: readonly CardElementType[] = ['card', 'cardNumber', 'cardExpiry', 'cardCvc'];

const isElementType = (type: unknown): type is CardElementType => ELEMENT_TYPES.includes(type as CardElementType);

export class FakeElements {
  private readonly created = new Map<CardElementType, FakeFieldElement>();
  /** The card the split Elements of this group share (a Card Element keeps its own). */
  readonly #splitCard = new CardStore();

  /** The Payment Element side of the group (payment-session.ts): deferred-intent options, submit, update. */
  readonly payment: PaymentSession;

  /** `stripeLocale`: Stripe()'s `locale`, which the group's own `locale` overrides. */
  constructor(private options: StripeElementsOptions | undefined, api: ApiClient, private readonly stripeLocale?: unknown) {
    checkElementsOptions(options);
    this.payment = new PaymentSession(api, () => ({ ...this.options }), (next) => {
      this.options = next as StripeElementsOptions;
    });
  }

  create(type: string, options?: Record<string, unknown>): FakeFieldElement | FakePaymentElement | FakeLinkAuthenticationElement {
    // The language of the fields' labels and messages travels with its options (not a Stripe option).
    const locale = this.options?.locale ?? this.stripeLocale;
    if (type === 'payment') return this.payment.create(type, { ...options, locale });
    if (type === 'linkAuthentication') return this.payment.create(type, options);
    if (!isElementType(type)) {
      throw new IntegrationError(`The fake Stripe.js provides the payment, linkAuthentication, card, cardNumber, cardExpiry and cardCvc Elements; you asked for '${String(type)}'.`);
    }
    if (this.created.has(type)) throw new IntegrationError(`Can only create one Element of type ${type}.`);
    const onDestroy = (): void => {
      if (this.created.get(type) === element) this.created.delete(type);
    };
    options = { ...options, locale };
    const element: FakeFieldElement = type === 'card' ? new FakeCardElement(new CardStore(), options, onDestroy)
      : type === 'cardNumber' ? new FakeCardNumberElement(this.#splitCard, options, onDestroy, () => this.splitConfirmFields())
        : type === 'cardExpiry' ? new FakeCardExpiryElement(this.#splitCard, options, onDestroy)
          : new FakeCardCvcElement(this.#splitCard, options, onDestroy);
    this.created.set(type, element);
    return element;
  }

  /** `getElement('cardNumber')`, or `getElement(CardNumberElement)` with a wrapper library's component. */
  getElement(typeOrComponent: unknown): FakeFieldElement | FakePaymentElement | FakeLinkAuthenticationElement | null {
    const type = typeof typeOrComponent === 'string' ? typeOrComponent : elementTypeOfComponent(typeOrComponent);
    if (type === undefined) {
      throw new IntegrationError(`Invalid value for getElement: expected an Element type string such as 'card', or an Element component; got ${describe(typeOrComponent)}.`);
    }
    if (type === 'payment') return this.payment.paymentElement ?? null;
    if (type === 'linkAuthentication') return this.payment.linkElement ?? null;
    return isElementType(type) ? (this.created.get(type) ?? null) : null;
  }

  /** Merges options; a Promise that settles once the Elements show them (Stripe.js since the dahlia train). */
  update(options: StripeElementsOptions): Promise<void> {
    return this.payment.update(options as Record<string, unknown>);
  }

  /** Validates the Payment Element (and a Link Authentication Element) before a deferred-intent confirm. */
  submit(): Promise<{ error: Record<string, unknown> } | { selectedPaymentMethod: string }> {
    return this.payment.submit();
  }

  /** Re-reads the intent of an Elements group made with a clientSecret. */
  fetchUpdates(): Promise<{ error?: { message: string } }> {
    return this.payment.fetchUpdates();
  }

  on(type: 'update-end', handler: () => void): this {
    if (type !== 'update-end') throw new IntegrationError(`Elements groups emit only 'update-end'; you listened for '${String(type)}'.`);
    this.payment.onUpdateEnd(handler);
    return this;
  }

  off(type: 'update-end', handler?: () => void): this {
    if (type === 'update-end') this.payment.offUpdateEnd(handler);
    return this;
  }

  /** The options the group was created (and updated) with: fonts, locale, appearance. */
  get currentOptions(): StripeElementsOptions | undefined {
    return this.options;
  }

  /** A confirm with the cardNumber Element sends the expiry (required) and the CVC when the group has a cardCvc. */
  private splitConfirmFields(): CardFieldKey[] {
    return this.created.has('cardCvc') ? ['number', 'expiry', 'cvc'] : ['number', 'expiry'];
  }
}

function elementTypeOfComponent(component: unknown): string | undefined {
  if ((typeof component !== 'function' && typeof component !== 'object') || component === null) return undefined;
  const type = (component as { __elementType?: unknown }).__elementType;
  return typeof type === 'string' ? type : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' || typeof value === 'function' ? `a ${typeof value} without __elementType` : `${typeof value} ${String(value)}`;
}
