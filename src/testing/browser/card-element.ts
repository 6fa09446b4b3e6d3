// The fake Card Element: an iframe with Stripe's four inputs, formatted as the customer types, validated with
// Stripe's codes and messages, reporting `change`/`ready`/`focus`/`blur`/`escape` like Stripe.js 10.x.
// Card data lives only in this module's memory and in the frame's inputs: it is never written to the merchant's
// DOM, attributes, logs or storage, and only `readCardForConfirm` (not exported from the package) hands it out.
import type { StripeCardElementOptions, StripeElementClasses } from '@stripe/stripe-js';
import { cardFrameHtml, CARD_FIELD_NAMES, styleToCss } from './card-frame.js';
import {
  evaluateCard, formatCardNumber, formatExpiry, onlyDigits, cvcLength, parseExpiry, numberCapacity,
  type CardFields, type CardState, type CardValidationError, type CardBrand,
} from './card-rules.js';
import { IntegrationError, SHADOW_ROOT_MOUNT_MESSAGE } from './errors.js';

export type CardEventType = 'change' | 'ready' | 'focus' | 'blur' | 'escape' | 'loaderror' | 'networkschange';

export interface CardChangeEvent {
  elementType: 'card';
  empty: boolean;
  complete: boolean;
  brand: CardBrand;
  value: { postalCode: string };
  error: CardValidationError | undefined;
}

/** What a confirm call sends for a card typed into the element. */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  postalCode: string | undefined;
}

type Handler = (event: never) => unknown;
type FieldKey = keyof CardFields;
const FIELD_ORDER: FieldKey[] = ['number', 'expiry', 'cvc', 'postal'];

const DEFAULT_CLASSES: Required<Omit<StripeElementClasses, 'webkitAutofill'>> = {
  base: 'StripeElement', complete: 'StripeElement--complete', empty: 'StripeElement--empty',
  focus: 'StripeElement--focus', invalid: 'StripeElement--invalid',
};

let frameCounter = 0;
const detailsReaders = new WeakMap<object, (strict: boolean) => { card: CardDetails } | { error: CardValidationError }>();

/**
 * For the fake Stripe instance only: the typed card, or the first validation error (shown in the element too,
 * as Stripe does when a confirm is attempted with an incomplete card). Throws Stripe's IntegrationError when
 * the element is not mounted.
 */
export function readCardForConfirm(element: unknown): { card: CardDetails } | { error: CardValidationError } {
  const reader = typeof element === 'object' && element !== null ? detailsReaders.get(element) : undefined;
  if (!reader) throw new IntegrationError('Invalid value for card: expected a Card Element created by this Stripe instance.');
  return reader(true);
}

export class FakeCardElement {
  private options: StripeCardElementOptions;
  private readonly handlers = new Map<string, Array<{ handler: Handler; once: boolean }>>();
  #values: CardFields = { number: '', expiry: '', cvc: '', postal: '' };
  private readonly blurred = new Set<FieldKey>();
  private strict = false;
  private focused = false;
  private container: HTMLElement | undefined;
  private wrapper: HTMLDivElement | undefined;
  private frame: HTMLIFrameElement | undefined;
  private doc: Document | undefined;
  private destroyed = false;
  private pendingFocus = false;
  private lastChange = '';

  constructor(options: StripeCardElementOptions | undefined, private readonly onDestroy: () => void) {
    this.options = { ...options };
    if (options?.value?.postalCode) this.#values.postal = options.value.postalCode;
    detailsReaders.set(this, (strict) => this.readDetails(strict));
  }

  on(type: CardEventType, handler: Handler): this {
    return this.addHandler(type, handler, false);
  }

  once(type: CardEventType, handler: Handler): this {
    return this.addHandler(type, handler, true);
  }

  off(type: CardEventType, handler?: Handler): this {
    if (!handler) this.handlers.delete(type);
    else this.handlers.set(type, (this.handlers.get(type) ?? []).filter((entry) => entry.handler !== handler));
    return this;
  }

  mount(target: string | HTMLElement): void {
    if (this.destroyed) throw new IntegrationError('This Element has already been destroyed. Please create a new one.');
    if (this.container) throw new IntegrationError('This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.');
    const container = resolveMountTarget(target);
    this.container = container;
    const wrapper = document.createElement('div');
    wrapper.className = '__PrivateStripeElement';
    wrapper.style.cssText = 'margin: 0 !important; padding: 0 !important; border: none !important; display: block !important; background: transparent !important; position: relative !important; opacity: 1 !important;';
    const frame = document.createElement('iframe');
    frame.name = `__privateStripeFrame${++frameCounter}`;
    frame.title = 'Secure card payment input frame';
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('allowtransparency', 'true');
    frame.setAttribute('scrolling', 'no');
    frame.setAttribute('role', 'presentation');
    frame.style.cssText = 'border: none !important; margin: 0 !important; padding: 0 !important; width: 1px !important; min-width: 100% !important; overflow: hidden !important; display: block !important; user-select: none !important; height: 19.2px;';
    // Moving the node in the DOM reloads the frame: every load re-wires it and puts the kept values back.
    frame.addEventListener('load', () => this.wireFrame());
    frame.srcdoc = cardFrameHtml();
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
    this.handlers.clear();
    this.#values = { number: '', expiry: '', cvc: '', postal: '' };
    this.onDestroy();
  }

  focus(): void {
    const input = this.input('number');
    if (input) input.focus();
    else this.pendingFocus = true;
  }

  blur(): void {
    const active = this.doc?.activeElement;
    if (active instanceof this.frameWindowClass('HTMLInputElement')) (active as HTMLInputElement).blur();
  }

  clear(): void {
    this.#values = { number: '', expiry: '', cvc: '', postal: this.options.value?.postalCode ?? '' };
    this.blurred.clear();
    this.strict = false;
    this.renderValues();
    this.emitChange(true);
  }

  update(options: Partial<StripeCardElementOptions>): void {
    if (this.destroyed) return;
    const { value, ...rest } = options;
    this.options = { ...this.options, ...rest, value: { ...this.options.value, ...value } };
    if (value && typeof value.postalCode === 'string') this.#values.postal = value.postalCode;
    this.renderOptions();
    this.renderValues();
    this.emitChange(false);
  }

  // --- internals -------------------------------------------------------------------------------------------

  private addHandler(type: string, handler: Handler, once: boolean): this {
    if (typeof handler !== 'function') throw new IntegrationError(`Invalid handler for "${type}": expected a function.`);
    const list = this.handlers.get(type) ?? [];
    list.push({ handler, once });
    this.handlers.set(type, list);
    return this;
  }

  private emit(type: CardEventType, payload: object): void {
    const list = this.handlers.get(type);
    if (!list) return;
    this.handlers.set(type, list.filter((entry) => !entry.once));
    for (const entry of list) (entry.handler as (event: object) => unknown)(payload);
  }

  private state(): CardState {
    return evaluateCard(this.#values, {
      hidePostalCode: Boolean(this.options.hidePostalCode), now: new Date(), strict: this.strict, blurred: this.blurred,
    });
  }

  private changePayload(state: CardState): CardChangeEvent {
    return {
      elementType: 'card', empty: state.empty, complete: state.complete, brand: state.brand,
      value: { postalCode: this.options.hidePostalCode ? '' : this.#values.postal.trim() }, error: state.error,
    };
  }

  /** Emits `change` when the value or its verdict changed (`force`: always, e.g. after `clear()`). */
  private emitChange(force: boolean, valueChanged = false): void {
    const state = this.state();
    this.renderState(state);
    const payload = this.changePayload(state);
    const key = JSON.stringify(payload);
    if (!force && !valueChanged && key === this.lastChange) return;
    this.lastChange = key;
    this.emit('change', payload);
  }

  private readDetails(strict: boolean): { card: CardDetails } | { error: CardValidationError } {
    if (!this.container || this.destroyed) {
      throw new IntegrationError('We could not retrieve data from the specified Element. Please make sure the Element you are attempting to use is still mounted.');
    }
    const state = evaluateCard(this.#values, { hidePostalCode: Boolean(this.options.hidePostalCode), now: new Date(), strict });
    if (state.error) {
      // Stripe shows the problem in the field when a confirm is attempted with an incomplete card.
      this.strict = true;
      this.renderState(this.state());
      return { error: state.error };
    }
    const expiry = parseExpiry(this.#values.expiry)!;
    return {
      card: {
        number: onlyDigits(this.#values.number), expMonth: expiry.month, expYear: expiry.year, cvc: onlyDigits(this.#values.cvc),
        postalCode: this.options.hidePostalCode ? undefined : this.#values.postal.trim(),
      },
    };
  }

  private frameWindowClass(name: 'HTMLInputElement'): typeof HTMLInputElement {
    const win = this.doc?.defaultView as (Window & { HTMLInputElement: typeof HTMLInputElement }) | null | undefined;
    return win?.[name] ?? HTMLInputElement;
  }

  private input(field: FieldKey): HTMLInputElement | undefined {
    return (this.doc?.querySelector(`input[name="${CARD_FIELD_NAMES[field]}"]`) as HTMLInputElement | null) ?? undefined;
  }

  private wireFrame(): void {
    const doc = this.frame?.contentDocument;
    if (!doc || !doc.querySelector('.CardField')) return;
    this.doc = doc;
    for (const field of FIELD_ORDER) {
      const input = this.input(field)!;
      input.addEventListener('input', (event) => this.onInput(field, input, event as InputEvent));
      input.addEventListener('keydown', (event) => this.onKeydown(field, input, event));
      input.addEventListener('focus', () => this.onFieldFocus(field));
      input.addEventListener('blur', (event) => this.onFieldBlur(field, event));
    }
    this.renderOptions();
    this.renderValues();
    this.renderState(this.state());
    this.emit('ready', { elementType: 'card' });
    if (this.pendingFocus) {
      this.pendingFocus = false;
      this.focus();
    }
  }

  private onInput(field: FieldKey, input: HTMLInputElement, event: InputEvent): void {
    const deleting = event.inputType?.startsWith('delete') ?? false;
    const caretAtEnd = input.selectionStart === input.value.length;
    const formatted = this.format(field, input.value, deleting);
    if (formatted !== input.value) {
      input.value = formatted;
      if (caretAtEnd) input.setSelectionRange(formatted.length, formatted.length);
    }
    const changed = formatted !== this.#values[field];
    this.#values[field] = formatted;
    this.blurred.delete(field);
    this.emitChange(false, changed);
    if (!deleting && caretAtEnd) this.advanceIfDone(field);
  }

  private format(field: FieldKey, value: string, deleting: boolean): string {
    switch (field) {
      case 'number':
        return formatCardNumber(value);
      case 'expiry':
        return formatExpiry(value, deleting);
      case 'cvc':
        return onlyDigits(value).slice(0, cvcLength(this.state().brand));
      case 'postal':
        return value.replace(/[^0-9A-Za-z -]/g, '').slice(0, 10).toUpperCase();
    }
  }

  /** Like Stripe, a finished field passes the cursor to the next one. */
  private advanceIfDone(field: FieldKey): void {
    const state = this.state();
    const digits = onlyDigits(this.#values.number);
    const done = field === 'number' ? state.fieldComplete.number && digits.length === numberCapacity(digits)
      : field === 'expiry' ? state.fieldComplete.expiry
        : field === 'cvc' ? onlyDigits(this.#values.cvc).length === cvcLength(state.brand) : false;
    if (!done) return;
    const next = FIELD_ORDER[FIELD_ORDER.indexOf(field) + 1];
    if (!next || (next === 'postal' && this.options.hidePostalCode)) return;
    this.input(next)?.focus();
  }

  private onKeydown(field: FieldKey, input: HTMLInputElement, event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.emit('escape', { elementType: 'card' });
      return;
    }
    // Backspace in an empty field goes back to the previous one, as in Stripe's field.
    if (event.key === 'Backspace' && input.value === '' && field !== 'number') {
      const previous = this.input(FIELD_ORDER[FIELD_ORDER.indexOf(field) - 1]!);
      if (previous) {
        event.preventDefault();
        previous.focus();
        previous.setSelectionRange(previous.value.length, previous.value.length);
      }
    }
  }

  private onFieldFocus(field: FieldKey): void {
    this.blurred.delete(field);
    if (!this.focused) {
      this.focused = true;
      this.renderState(this.state());
      this.emit('focus', { elementType: 'card' });
    }
  }

  private onFieldBlur(field: FieldKey, event: FocusEvent): void {
    this.blurred.add(field);
    const stillInside = event.relatedTarget instanceof this.frameWindowClass('HTMLInputElement');
    if (!stillInside) this.focused = false;
    this.emitChange(false);
    if (!stillInside) this.emit('blur', { elementType: 'card' });
  }

  private renderValues(): void {
    for (const field of FIELD_ORDER) {
      const input = this.input(field);
      if (input && input.value !== this.#values[field]) input.value = this.#values[field];
    }
  }

  private renderOptions(): void {
    const doc = this.doc;
    if (!doc) return;
    doc.getElementById('merchant-style')!.textContent = styleToCss(this.options.style);
    doc.querySelector('.CardField')!.classList.toggle('CardField--hidePostal', Boolean(this.options.hidePostalCode));
    const icon = doc.querySelector<HTMLElement>('.CardBrandIcon')!;
    icon.style.display = this.options.hideIcon ? 'none' : '';
    for (const field of FIELD_ORDER) this.input(field)!.disabled = Boolean(this.options.disabled);
    // The frame is as tall as its content, like Stripe's (line height of the base font).
    const height = doc.querySelector('.CardField')!.getBoundingClientRect().height;
    if (this.frame && height > 0) this.frame.style.height = `${height}px`;
  }

  private renderState(state: CardState): void {
    this.applyContainerClasses(state);
    const doc = this.doc;
    if (!doc) return;
    const root = doc.querySelector('.CardField')!;
    root.classList.toggle('is-empty', state.empty);
    root.classList.toggle('is-complete', state.complete);
    root.classList.toggle('is-invalid', Boolean(state.error));
    doc.querySelector('.CardBrandIcon')!.setAttribute('data-brand', state.brand);
    for (const field of FIELD_ORDER) {
      const invalid = state.errorField === field;
      doc.querySelector(`.CardField-${field}`)!.classList.toggle('is-invalid', invalid);
      this.input(field)!.setAttribute('aria-invalid', String(invalid));
    }
  }

  private classNames(): Required<Omit<StripeElementClasses, 'webkitAutofill'>> {
    return { ...DEFAULT_CLASSES, ...(this.options.classes as Partial<typeof DEFAULT_CLASSES> | undefined) };
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
function resolveMountTarget(target: string | HTMLElement): HTMLElement {
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
