// The split card Elements: cardNumber, cardExpiry and cardCvc, each its own iframe with one Stripe-named input,
// all three sharing their Elements group's card store (the CVC length follows the brand typed in the number, and a
// confirm with the cardNumber Element sends the expiry and CVC typed next door). Each reports its own `change`.
import type { StripeCardCvcElementOptions, StripeCardExpiryElementOptions, StripeCardNumberElementOptions } from '@stripe/stripe-js';
import { cardFrameHtml } from './card-frame.js';
import type { CardFieldKey, CardState } from './card-rules.js';
import type { CardStore } from './card-store.js';
import { FakeFieldElement, type FieldElementOptions } from './field-element.js';

abstract class FakeSplitElement<Options extends FieldElementOptions & { placeholder?: string }> extends FakeFieldElement<Options> {
  protected abstract readonly field: CardFieldKey;
  protected abstract readonly defaultPlaceholder: string;

  protected frameFields(): readonly CardFieldKey[] {
    return [this.field];
  }

  protected evaluatedFields(): readonly CardFieldKey[] {
    return [this.field];
  }

  protected frameHtml(): string {
    return cardFrameHtml([this.field], { title: this.frameTitle(), placeholders: { [this.field]: this.placeholder() } });
  }

  protected override renderExtraOptions(_doc: Document): void {
    const input = this.input(this.field);
    if (input) input.placeholder = this.placeholder();
  }

  protected changePayload(state: CardState): object {
    return { elementType: this.elementType, empty: state.empty, complete: state.complete, error: state.error };
  }

  private placeholder(): string {
    return typeof this.options.placeholder === 'string' ? this.options.placeholder : this.defaultPlaceholder;
  }
}

export class FakeCardNumberElement extends FakeSplitElement<StripeCardNumberElementOptions> {
  readonly elementType = 'cardNumber' as const;
  protected readonly field = 'number';
  protected readonly defaultPlaceholder = '1234 1234 1234 1234';

  /** `confirmFields`: what a confirm reads from the group (the number, the expiry, and the CVC when there is a cardCvc). */
  constructor(store: CardStore, options: StripeCardNumberElementOptions | undefined, onDestroy: () => void, confirmFields: () => CardFieldKey[]) {
    super(store, options, onDestroy);
    this.registerCardReader(() => this.store.read(confirmFields()));
  }

  protected frameTitle(): string {
    return 'Secure card number input frame';
  }

  protected override changePayload(state: CardState): object {
    return { elementType: 'cardNumber', empty: state.empty, complete: state.complete, brand: state.brand, error: state.error };
  }

  protected override renderExtraOptions(doc: Document): void {
    super.renderExtraOptions(doc);
    // Stripe's cardNumber Element shows the brand icon only with `showIcon: true`.
    doc.querySelector('.CardField')!.classList.toggle('CardField--hideIcon', !this.options.showIcon);
  }
}

export class FakeCardExpiryElement extends FakeSplitElement<StripeCardExpiryElementOptions> {
  readonly elementType = 'cardExpiry' as const;
  protected readonly field = 'expiry';
  protected readonly defaultPlaceholder = 'MM / YY';

  protected frameTitle(): string {
    return 'Secure expiration date input frame';
  }
}

export class FakeCardCvcElement extends FakeSplitElement<StripeCardCvcElementOptions> {
  readonly elementType = 'cardCvc' as const;
  protected readonly field = 'cvc';
  protected readonly defaultPlaceholder = 'CVC';

  constructor(store: CardStore, options: StripeCardCvcElementOptions | undefined, onDestroy: () => void) {
    super(store, options, onDestroy);
    this.registerCvcReader();
  }

  protected frameTitle(): string {
    return 'Secure CVC input frame';
  }
}
