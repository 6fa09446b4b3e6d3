// What every fake card Element shares (card, cardNumber, cardExpiry, cardCvc): a light-DOM wrapper holding an iframe
// of Stripe-named inputs, formatting and validation as the customer types, Stripe's events and container classes,
// and the keyboard of real Elements: Enter submits the form around the mount node, Escape reports `escape`, a
// finished field passes the cursor on, Backspace in an empty field goes back. Card data stays in the CardStore and
// the frame's inputs: never in the merchant's DOM, attributes, logs or storage.
import type { StripeElementClasses, StripeElementStyle } from '@stripe/stripe-js';
import { CARD_FIELD_NAMES, FRAME_CSS, styleToCss } from './card-frame.js';
import {
  cvcLength, formatCardNumber, formatExpiry, numberCapacity, onlyDigits, type CardFieldKey, type CardState, type CardValidationError,
} from './card-rules.js';
import type { CardDetails, CardStore, StoreMember } from './card-store.js';
import { ElementEvents } from './element-events.js';
import { IntegrationError, SHADOW_ROOT_MOUNT_MESSAGE } from './errors.js';
import { localizeError } from './card-locale.js';
import { adoptStyles, stripeElementFrame } from './frame-styles.js';

export type CardElementType = 'card' | 'cardNumber' | 'cardExpiry' | 'cardCvc';

/** Options every card Element takes; the Card Element adds its own. */
export interface FieldElementOptions {
  classes?: StripeElementClasses;
  style?: StripeElementStyle;
  disabled?: boolean;
  /** Not a Stripe option: the Elements group's (or Stripe()'s) locale, handed in by FakeElements.create. */
  locale?: unknown;
}

type ClassNames = Required<Omit<StripeElementClasses, 'webkitAutofill'>>;
const DEFAULT_CLASSES: ClassNames = {
  base: 'StripeElement', complete: 'StripeElement--complete', empty: 'StripeElement--empty',
  focus: 'StripeElement--focus', invalid: 'StripeElement--invalid',
};

type CardReader = () => { card: CardDetails } | { error: CardValidationError };
const cardReaders = new WeakMap<object, CardReader>();

/**
 * For the fake Stripe instance only: the card typed into a card or cardNumber Element (with its sibling split
 * fields), or the first validation error, which the fields then show. Throws Stripe's IntegrationError for
 * anything else, and for an Element that is not mounted.
 */
export function readCardForConfirm(element: unknown): { card: CardDetails } | { error: CardValidationError } {
  const reader = typeof element === 'object' && element !== null ? cardReaders.get(element) : undefined;
  if (!reader) throw new IntegrationError('Invalid value for card: expected a card or cardNumber Element created by this Stripe instance.');
  return reader();
}

const cvcReaders = new WeakMap<object, CardReader>();

/** For createToken('cvc_update', cardCvcElement): the CVC typed into a mounted cardCvc Element, or its error. */
export function readCvcForUpdate(element: unknown): { cvc: string } | { error: CardValidationError } {
  const reader = typeof element === 'object' && element !== null ? cvcReaders.get(element) : undefined;
  if (!reader) throw new IntegrationError('Invalid value for createToken: cvc_update needs a cardCvc Element created by this Stripe instance.');
  const read = reader();
  return 'error' in read ? read : { cvc: read.card.cvc };
}

export abstract class FakeFieldElement<Options extends FieldElementOptions = FieldElementOptions> extends ElementEvents implements StoreMember {
  abstract readonly elementType: CardElementType;
  protected options: Options;
  readonly #store: CardStore;
  private readonly onDestroy: () => void;
  private container: HTMLElement | undefined;
  private wrapper: HTMLDivElement | undefined;
  private frame: HTMLIFrameElement | undefined;
  protected doc: Document | undefined;
  private destroyed = false;
  private pendingFocus = false;
  private focused = false;
  private lastChange = '';
  /** The field the customer is in, or was in last (what the Card Element's narrow layout follows). */
  protected focusedField: CardFieldKey | undefined;

  constructor(store: CardStore, options: Options | undefined, onDestroy: () => void) {
    super();
    this.#store = store;
    this.options = { ...options } as Options;
    this.onDestroy = onDestroy;
    store.join(this);
  }

  protected get store(): CardStore {
    return this.#store;
  }

  /** The inputs in this Element's frame, in order. */
  protected abstract frameFields(): readonly CardFieldKey[];
  /** The fields that decide `empty`, `complete` and `error` (the Card Element drops a hidden postal code). */
  protected abstract evaluatedFields(): readonly CardFieldKey[];
  protected abstract frameHtml(): string;
  protected abstract changePayload(state: CardState): object;
  /** Element-specific options inside the frame (placeholders, hidden postal code, icon). */
  protected renderExtraOptions(_doc: Document): void {}
  /** Element-specific layout after anything moved (the Card Element shortens a complete number when narrow). */
  protected layout(): void {}
  /** What `clear()` puts back in the postal code. */
  protected clearedPostal(): string {
    return '';
  }

  /** Lets confirm, createToken and createSource read this Element's card (card and cardNumber only). */
  protected registerCardReader(read: CardReader, readers = cardReaders): void {
    readers.set(this, () => {
      if (!this.container || this.destroyed) {
        throw new IntegrationError('We could not retrieve data from the specified Element. Please make sure the Element you are attempting to use is still mounted.');
      }
      const result = read();
      return 'error' in result ? { error: localizeError(result.error, this.options.locale) } : result;
    });
  }

  /** Lets createToken('cvc_update', ...) read this Element's CVC (cardCvc only). */
  protected registerCvcReader(): void {
    this.registerCardReader(() => this.store.read(['cvc']), cvcReaders);
  }

  mount(target: string | HTMLElement): void {
    if (this.destroyed) throw new IntegrationError('This Element has already been destroyed. Please create a new one.');
    if (this.container) throw new IntegrationError('This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.');
    const container = resolveMountTarget(target);
    this.container = container;
    const { wrapper, frame } = stripeElementFrame(this.frameTitle());
    frame.style.setProperty('height', '19.2px');
    // Moving the node in the DOM reloads the frame: every load re-wires it and puts the kept values back.
    frame.addEventListener('load', () => this.wireFrame());
    frame.srcdoc = this.frameHtml();
    wrapper.append(frame);
    this.wrapper = wrapper;
    this.frame = frame;
    container.append(wrapper);
    this.applyContainerClasses(this.state());
  }

  unmount(): void {
    if (!this.container) return;
    this.removeContainerClasses();
    this.wrapper?.remove();
    this.container = undefined;
    this.wrapper = undefined;
    this.frame = undefined;
    this.doc = undefined;
    this.focused = false;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.unmount();
    this.destroyed = true;
    this.removeAllHandlers();
    this.store.clear(this.frameFields());
    this.store.part(this);
    this.store.notify();
    this.onDestroy();
  }

  focus(): void {
    const input = this.input(this.frameFields()[0]!);
    if (input) input.focus();
    else this.pendingFocus = true;
  }

  blur(): void {
    const active = this.doc?.activeElement;
    const InputClass = (this.doc?.defaultView as (Window & typeof globalThis) | null)?.HTMLInputElement ?? HTMLInputElement;
    if (active instanceof InputClass) active.blur();
  }

  clear(): void {
    this.store.clear(this.frameFields(), this.clearedPostal());
    this.renderValues();
    this.emitChange(true);
    this.store.notify(this);
  }

  update(options: Partial<Options>): void {
    if (this.destroyed) return;
    this.options = { ...this.options, ...options };
    this.renderOptions();
    this.renderValues();
    this.emitChange(false);
  }

  /** Another Element of the same card changed it (StoreMember): show the new verdict. */
  refresh(): void {
    if (this.destroyed) return;
    this.renderValues();
    this.emitChange(false);
  }

  // --- internals -------------------------------------------------------------------------------------------

  protected abstract frameTitle(): string;

  /** The card's verdict, its message in the element's language. */
  protected state(): CardState {
    const state = this.store.evaluate(this.evaluatedFields());
    return state.error ? { ...state, error: localizeError(state.error, this.options.locale) } : state;
  }

  /** Emits `change` when the value or its verdict changed (`force`: always, e.g. after `clear()`). */
  protected emitChange(force: boolean, valueChanged = false): void {
    const state = this.state();
    this.renderState(state);
    const payload = this.changePayload(state);
    const key = JSON.stringify(payload);
    if (!force && !valueChanged && key === this.lastChange) return;
    this.lastChange = key;
    this.emit('change', payload);
  }

  protected input(field: CardFieldKey): HTMLInputElement | undefined {
    return (this.doc?.querySelector(`input[name="${CARD_FIELD_NAMES[field]}"]`) as HTMLInputElement | null) ?? undefined;
  }

  private wireFrame(): void {
    const doc = this.frame?.contentDocument;
    if (!doc || !doc.querySelector('.CardField')) return;
    this.doc = doc;
    let typedEarly = false;
    for (const field of this.frameFields()) {
      const input = this.input(field)!;
      // Keys typed between the frame's parsing and this load event are kept, formatted, not wiped by renderValues().
      if (input.value !== '' && this.store.set(field, this.format(field, input.value, false))) typedEarly = true;
      input.addEventListener('input', (event) => this.onInput(field, input, event as InputEvent));
      input.addEventListener('keydown', (event) => this.onKeydown(field, input, event));
      input.addEventListener('focus', () => this.onFieldFocus(field));
      input.addEventListener('blur', (event) => this.onFieldBlur(field, event));
    }
    // The frame is as wide as the mount node: re-fit the layout when that changes.
    doc.defaultView?.addEventListener('resize', () => this.layout());
    this.renderOptions();
    this.renderValues();
    this.renderState(this.state());
    this.layout();
    this.emit('ready', { elementType: this.elementType });
    if (typedEarly) {
      this.emitChange(false, true);
      this.store.notify(this);
    }
    if (this.pendingFocus) {
      this.pendingFocus = false;
      this.focus();
    }
  }

  private onInput(field: CardFieldKey, input: HTMLInputElement, event: InputEvent): void {
    const deleting = event.inputType?.startsWith('delete') ?? false;
    const caretAtEnd = input.selectionStart === input.value.length;
    const formatted = this.format(field, input.value, deleting);
    if (formatted !== input.value) {
      input.value = formatted;
      if (caretAtEnd) input.setSelectionRange(formatted.length, formatted.length);
    }
    const changed = this.store.set(field, formatted);
    this.emitChange(false, changed);
    if (changed) this.store.notify(this);
    this.layout();
    if (!deleting && caretAtEnd) this.advanceIfDone(field);
  }

  private format(field: CardFieldKey, value: string, deleting: boolean): string {
    switch (field) {
      case 'number':
        return formatCardNumber(value);
      case 'expiry':
        return formatExpiry(value, deleting);
      case 'cvc':
        return onlyDigits(value).slice(0, cvcLength(this.store.evaluate(['number']).brand));
      case 'postal':
        return value.replace(/[^0-9A-Za-z -]/g, '').slice(0, 10).toUpperCase();
    }
  }

  /** Like Stripe, a finished field passes the cursor to the next one in the same frame. */
  private advanceIfDone(field: CardFieldKey): void {
    const state = this.store.evaluate(['number', 'expiry', 'cvc']);
    const digits = onlyDigits(this.store.value('number'));
    const done = field === 'number' ? state.fieldComplete.number && digits.length === numberCapacity(digits)
      : field === 'expiry' ? state.fieldComplete.expiry
        : field === 'cvc' ? onlyDigits(this.store.value('cvc')).length === cvcLength(state.brand) : false;
    if (!done) return;
    const fields = this.evaluatedFields();
    const next = fields[fields.indexOf(field) + 1];
    if (next) this.input(next)?.focus();
  }

  private onKeydown(field: CardFieldKey, input: HTMLInputElement, event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.emit('escape', { elementType: this.elementType });
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      this.submitEnclosingForm();
      return;
    }
    // Backspace in an empty field goes back to the previous one, as in Stripe's field.
    const fields = this.frameFields();
    const previousField = fields[fields.indexOf(field) - 1];
    if (event.key === 'Backspace' && input.value === '' && previousField) {
      const previous = this.input(previousField);
      if (previous) {
        event.preventDefault();
        previous.focus();
        previous.setSelectionRange(previous.value.length, previous.value.length);
      }
    }
  }

  /**
   * Enter in a real Element submits the form that contains the mount node, as Enter in a text input does
   * (implicit submission). requestSubmit() runs the form's own validation and fires `submit`, so the page's
   * handler runs exactly as for a click on its submit button.
   */
  private submitEnclosingForm(): void {
    const form = this.container?.closest('form');
    if (!form) return;
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  }

  private onFieldFocus(field: CardFieldKey): void {
    this.focusedField = field;
    this.store.markEntered(field);
    if (!this.focused) {
      this.focused = true;
      this.renderState(this.state());
      this.emit('focus', { elementType: this.elementType });
    }
    this.layout();
  }

  private onFieldBlur(field: CardFieldKey, event: FocusEvent): void {
    this.store.markLeft(field);
    const InputClass = (this.doc?.defaultView as (Window & typeof globalThis) | null)?.HTMLInputElement ?? HTMLInputElement;
    const stillInside = event.relatedTarget instanceof InputClass;
    if (!stillInside) this.focused = false;
    this.emitChange(false);
    this.layout();
    if (!stillInside) this.emit('blur', { elementType: this.elementType });
  }

  private renderValues(): void {
    for (const field of this.frameFields()) {
      const input = this.input(field);
      const value = this.store.value(field);
      if (input && input.value !== value) input.value = value;
    }
  }

  private renderOptions(): void {
    const doc = this.doc;
    if (!doc) return;
    adoptStyles(doc, FRAME_CSS, styleToCss(this.options.style));
    for (const field of this.frameFields()) this.input(field)!.disabled = Boolean(this.options.disabled);
    this.renderExtraOptions(doc);
    // The frame is as tall as its content, like Stripe's (line height of the base font).
    const height = doc.querySelector('.CardField')!.getBoundingClientRect().height;
    if (this.frame && height > 0) this.frame.style.setProperty('height', `${height}px`);
    this.layout();
  }

  private renderState(state: CardState): void {
    this.applyContainerClasses(state);
    const doc = this.doc;
    if (!doc) return;
    const root = doc.querySelector('.CardField')!;
    root.classList.toggle('is-empty', state.empty);
    root.classList.toggle('is-complete', state.complete);
    root.classList.toggle('is-invalid', Boolean(state.error));
    doc.querySelector('.CardBrandIcon')?.setAttribute('data-brand', state.brand);
    for (const field of this.frameFields()) {
      const invalid = state.errorField === field;
      doc.querySelector(`.CardField-${field}`)!.classList.toggle('is-invalid', invalid);
      this.input(field)!.setAttribute('aria-invalid', String(invalid));
    }
  }

  private classNames(): ClassNames {
    return { ...DEFAULT_CLASSES, ...(this.options.classes as Partial<ClassNames> | undefined) };
  }

  private applyContainerClasses(state: CardState): void {
    const container = this.container;
    if (!container) return;
    const names = this.classNames();
    const toggle = (name: string, on: boolean): void => {
      for (const token of name.split(/\s+/).filter(Boolean)) container.classList.toggle(token, on);
    };
    toggle(names.base, true);
    toggle(names.empty, state.empty);
    toggle(names.complete, state.complete);
    toggle(names.invalid, Boolean(state.error));
    toggle(names.focus, this.focused);
  }

  private removeContainerClasses(): void {
    const container = this.container;
    if (!container) return;
    for (const name of Object.values(this.classNames())) {
      for (const token of String(name).split(/\s+/).filter(Boolean)) container.classList.remove(token);
    }
  }
}

/**
 * Resolves `mount()`'s argument like Stripe.js. Stripe refuses nodes outside the document's light DOM: inside a
 * ShadowRoot, and (as reported in stripe/stripe-js#662 follow-ups) not yet attached, with the same message.
 */
export function resolveMountTarget(target: string | HTMLElement): HTMLElement {
  let node: Element | null;
  if (typeof target === 'string') {
    node = document.querySelector(target);
    if (!node) {
      throw new IntegrationError(`The selector you specified (${target}) applies to no DOM elements that are currently on the page.\nMake sure the element exists on the page before calling mount().`);
    }
  } else if (target && typeof target === 'object' && (target as Node).nodeType === Node.ELEMENT_NODE) {
    node = target;
  } else {
    throw new IntegrationError('Invalid DOM element. Make sure to call mount() with a valid DOM element or selector.');
  }
  if (node.getRootNode() !== document) throw new IntegrationError(SHADOW_ROOT_MOUNT_MESSAGE);
  return node as HTMLElement;
}
