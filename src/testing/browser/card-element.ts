// The fake Card Element: one iframe with Stripe's four inputs (`cardnumber`, `exp-date`, `cvc`, `postal`), its
// own card store, Stripe's `change` payload with `brand` and `value.postalCode`, and Stripe's narrow layout.
import type { StripeCardElementOptions } from '@stripe/stripe-js';
import { layoutCardField } from './card-layout.js';
import { cardFrameHtml } from './card-frame.js';
import { cardPlaceholders } from './card-locale.js';
import { CARD_FIELD_ORDER, type CardBrand, type CardFieldKey, type CardState, type CardValidationError } from './card-rules.js';
import type { CardStore } from './card-store.js';
import { FakeFieldElement, type FieldElementOptions } from './field-element.js';

export type CardEventType = 'change' | 'ready' | 'focus' | 'blur' | 'escape' | 'loaderror' | 'networkschange';

export interface CardChangeEvent {
  elementType: 'card';
  empty: boolean;
  complete: boolean;
  brand: CardBrand;
  value: { postalCode: string };
  error: CardValidationError | undefined;
}

export class FakeCardElement extends FakeFieldElement<StripeCardElementOptions & FieldElementOptions> {
  readonly elementType = 'card' as const;

  constructor(store: CardStore, options: StripeCardElementOptions | undefined, onDestroy: () => void) {
    super(store, options, onDestroy);
    if (options?.value?.postalCode) store.set('postal', options.value.postalCode);
    this.registerCardReader(() => this.store.read(this.evaluatedFields()));
  }

  override update(options: Partial<StripeCardElementOptions>): void {
    const { value, ...rest } = options;
    if (value && typeof value.postalCode === 'string') this.store.set('postal', value.postalCode);
    super.update({ ...rest, value: { ...this.options.value, ...value } });
  }

  protected frameFields(): readonly CardFieldKey[] {
    return CARD_FIELD_ORDER;
  }

  protected evaluatedFields(): readonly CardFieldKey[] {
    return this.options.hidePostalCode ? CARD_FIELD_ORDER.filter((field) => field !== 'postal') : CARD_FIELD_ORDER;
  }

  protected frameTitle(): string {
    return 'Secure card payment input frame';
  }

  protected frameHtml(): string {
    return cardFrameHtml(CARD_FIELD_ORDER, { title: this.frameTitle(), placeholders: cardPlaceholders(this.options.locale) });
  }

  protected override clearedPostal(): string {
    return this.options.value?.postalCode ?? '';
  }

  protected changePayload(state: CardState): CardChangeEvent {
    return {
      elementType: 'card', empty: state.empty, complete: state.complete, brand: state.brand,
      value: { postalCode: this.options.hidePostalCode ? '' : this.store.value('postal').trim() }, error: state.error,
    };
  }

  protected override renderExtraOptions(doc: Document): void {
    const root = doc.querySelector('.CardField')!;
    root.classList.toggle('CardField--hidePostal', Boolean(this.options.hidePostalCode));
    root.classList.toggle('CardField--hideIcon', Boolean(this.options.hideIcon));
  }

  protected override layout(): void {
    if (this.doc) layoutCardField(this.doc, this.focusedField, this.store.value('number'));
  }
}
