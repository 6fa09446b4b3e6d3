// The fake Payment Element: one iframe with a tab (or accordion item) per payment method type the elements session
// offers and the selected type's fields under Stripe's input names; Stripe's `ready`, `change` (elementType,
// empty, complete, collapsed, value.type), `focus`, `blur` and `loaderror` events. What is typed stays in this
// object and the frame: never in the merchant's DOM. elements.submit() and confirmPayment read it through collect().
// With a CustomerSession, the customer's saved methods, their remove buttons and the save checkbox (payment-saved.ts).
import type { CardValidationError } from './card-rules.js';
import { evaluateFields, fieldsFor, formatField, type FieldName, type FieldSpec, type FieldValues, type PaymentType } from './payment-fields.js';
import { frameLanguage, localizeFields, localizeValidation, redirectNotice, typeLabels } from './payment-locale.js';
import { PAYMENT_FRAME_CSS, PAYMENT_FRAME_TITLE, paymentFrameBody, paymentFrameHtml } from './payment-frame.js';
import { FramedElement } from './framed-element.js';
import type { AnyObject } from './card-params.js';
import { NEW_METHOD, offersSaveCheckbox, SAVED_CSS, saveCheckboxHtml, savedListHtml, shownMethods, type CustomerOffer } from './payment-saved.js';

export interface PaymentElementHost {
  /** Resolves with the types to offer, or rejects with the Stripe error `loaderror` reports. */
  types(): Promise<readonly PaymentType[]>;
  /** The CustomerSession's customer, saved methods and features (null without a customerSessionClientSecret). */
  customer(): Promise<CustomerOffer | null>;
  /** Detaches a saved method (the remove button); rejects with Stripe's error. */
  remove(id: string): Promise<void>;
  /** A Link Authentication Element in the same group collects the email. */
  emailFromLink(): boolean;
  /** Something the customer typed changed: a previous elements.submit() no longer holds. */
  changed(): void;
  /** The group's `appearance` option (its `variables` become the frame's CSS custom properties). */
  appearance(): AnyObject | undefined;
}

export interface PaymentElementChangeEvent {
  elementType: 'payment';
  empty: boolean;
  complete: boolean;
  collapsed: boolean;
  value: { type: string; savePaymentMethod?: boolean; payment_method?: AnyObject };
}

/** `saved`: the id of the saved method chosen; `save`: the save checkbox was ticked for this new method. */
export type Collected = { type: PaymentType; values: FieldValues; saved?: string; save?: boolean } | { error: CardValidationError };

export class FakePaymentElement extends FramedElement {
  readonly elementType = 'payment' as const;
  private options: AnyObject;
  private types: readonly PaymentType[] = [];
  private selected: PaymentType | undefined;
  private readonly values = new Map<PaymentType, FieldValues>();
  /** Errors shown under fields (after a strict check, or a definite mistake while typing). */
  private shownError: { field: FieldName; error: CardValidationError } | undefined;
  private readyFired = false;
  private offer: CustomerOffer | null = null;
  /** A saved method's id, or NEW_METHOD. */
  private chosen = NEW_METHOD;
  private saveTicked = false;
  private lastChange = '';

  constructor(private readonly host: PaymentElementHost, options: AnyObject | undefined, onDestroy: () => void) {
    super(onDestroy);
    this.options = { ...options };
  }

  get selectedType(): PaymentType | undefined {
    return this.selected;
  }

  update(options: AnyObject): this {
    this.options = { ...this.options, ...options };
    this.render();
    return this;
  }

  collapse(): this {
    return this;
  }

  focus(): void {
    this.doc?.querySelector<HTMLElement>('.p-Input')?.focus();
  }

  blur(): void {
    (this.doc?.activeElement as HTMLElement | null)?.blur?.();
  }

  clear(): void {
    this.values.clear();
    this.saveTicked = false;
    this.shownError = undefined;
    this.render();
    this.emitChange(true);
  }

  /** The selected type and its values, or the first validation error (then shown in the frame, as Stripe does). */
  collect(): Collected {
    const type = this.selected;
    if (!type) return { error: { type: 'validation_error', code: 'incomplete', message: 'The Payment Element is still loading.' } };
    const saved = this.savedMethod();
    if (saved) return { type: saved.type, values: {}, saved: saved.id };
    const verdict = evaluateFields(type, this.fieldSpecs(type), this.valuesOf(type), true);
    this.shownError = verdict.error;
    this.renderErrors();
    if (verdict.error) return { error: localizeValidation(verdict.error.error, this.options.locale) };
    return { type, values: { ...this.valuesOf(type) }, save: this.saveTicked && offersSaveCheckbox(this.offer, type) };
  }

  /** The saved method chosen in the list, if one is. */
  private savedMethod(): AnyObject | undefined {
    return this.chosen === NEW_METHOD ? undefined : shownMethods(this.offer).find((pm) => pm.id === this.chosen);
  }

  // --- frame --------------------------------------------------------------------------------------------------

  protected frameTitle(): string {
    return PAYMENT_FRAME_TITLE;
  }

  protected frameHtml(): string {
    return paymentFrameHtml();
  }

  protected frameCss(): string {
    const variables = (this.host.appearance()?.variables ?? {}) as AnyObject;
    const custom = Object.entries(variables)
      .filter(([, value]) => typeof value === 'string' && !/[;{}]/.test(value as string))
      .map(([name, value]) => `--${name}: ${String(value)};`).join(' ');
    return `${PAYMENT_FRAME_CSS}${SAVED_CSS}\n:root { ${custom} }`;
  }

  protected wire(doc: Document): void {
    const form = doc.querySelector('form')!;
    form.addEventListener('input', (event) => this.onInput(event));
    form.addEventListener('change', (event) => this.onInput(event));
    form.addEventListener('click', (event) => {
      const remove = (event.target as Element).closest?.('[data-remove]');
      if (remove) return void this.removeSaved(remove.getAttribute('data-remove')!);
      const tab = (event.target as Element).closest?.('[data-value]');
      if (tab && tab.getAttribute('role') === 'tab') this.select(tab.getAttribute('data-value') as PaymentType);
    });
    form.addEventListener('focusin', () => this.fire('focus', { elementType: 'payment' }));
    form.addEventListener('focusout', () => this.fire('blur', { elementType: 'payment' }));
    form.addEventListener('submit', (event) => event.preventDefault());
    this.loadTypes();
  }

  /** Asks the group which types to offer (again after elements.update() changed the offer) and renders them. */
  loadTypes(): void {
    Promise.all([this.host.types(), this.host.customer()]).then(
      ([types, offer]) => {
        if (this.destroyed) return;
        this.offer = offer;
        // Stripe preselects the customer's most recent saved method; "New payment method" when there is none.
        const methods = shownMethods(offer);
        if (!methods.some((pm) => pm.id === this.chosen)) this.chosen = methods[0]?.id ?? NEW_METHOD;
        const order = (this.options.paymentMethodOrder as string[] | undefined) ?? [];
        this.types = [...types].sort((a, b) => rank(order, a) - rank(order, b));
        if (!this.selected || !this.types.includes(this.selected)) this.selected = this.types[0];
        this.render();
        if (!this.readyFired) {
          this.readyFired = true;
          this.fire('ready', { elementType: 'payment' });
        }
        this.emitChange(false);
      },
      (error: AnyObject) => {
        if (!this.destroyed) this.fire('loaderror', { elementType: 'payment', error });
      },
    );
  }

  private layout(): 'tabs' | 'accordion' {
    const layout = this.options.layout;
    const type = typeof layout === 'string' ? layout : layout?.type;
    return type === 'accordion' ? 'accordion' : 'tabs';
  }

  private country(): string {
    return this.values.get('card')?.country ?? this.options.defaultValues?.billingDetails?.address?.country ?? 'US';
  }

  private fieldSpecs(type: PaymentType): FieldSpec[] {
    // Labels in the group's language (FakeElements.create hands its `locale` in, as for the Card Element).
    return localizeFields(fieldsFor(type, { country: this.country(), emailFromLink: this.host.emailFromLink() }), this.options.locale);
  }

  private valuesOf(type: PaymentType): FieldValues {
    let values = this.values.get(type);
    if (!values) {
      const billing = this.options.defaultValues?.billingDetails ?? {};
      values = type === 'card' ? { country: this.country() } : { name: billing.name ?? '', email: billing.email ?? '' };
      this.values.set(type, values);
    }
    return values;
  }

  private select(type: PaymentType): void {
    if (!this.types.includes(type) || type === this.selected) return;
    this.selected = type;
    this.shownError = undefined;
    this.render();
    this.host.changed();
    this.emitChange(false);
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === 'payment-method-type') return this.select(target.value as PaymentType);
    if (target.name === 'saved-payment-method') return this.choose(target.value);
    if (target.name === 'save-payment-method') {
      this.saveTicked = (target as HTMLInputElement).checked;
      this.host.changed();
      return this.emitChange(false);
    }
    const type = this.selected;
    if (!type || !target.name) return;
    const name = target.name as FieldName;
    const values = this.valuesOf(type);
    const deleting = (event as InputEvent).inputType?.startsWith('delete') ?? false;
    const formatted = target instanceof (this.doc?.defaultView as (Window & typeof globalThis) | null ?? window).HTMLSelectElement ? target.value : formatField(name, target.value, deleting);
    if (formatted !== target.value) target.value = formatted;
    if (values[name] === formatted && event.type === 'change') return;
    values[name] = formatted;
    this.host.changed();
    // A country change can add or drop the postal code field.
    if (name === 'country') this.render();
    const verdict = evaluateFields(type, this.fieldSpecs(type), values, false);
    this.shownError = verdict.error;
    this.renderErrors();
    this.emitChange(false);
  }

  private render(): void {
    const doc = this.doc;
    const type = this.selected;
    if (!doc || !type) return;
    const form = doc.querySelector('form')!;
    // Re-rendering replaces the inputs: the customer's field keeps focus and caret, as in Stripe's element.
    const active = doc.activeElement as HTMLInputElement | null;
    const focused = active && form.contains(active) ? { name: active.name, start: active.selectionStart, end: active.selectionEnd } : undefined;
    // Stripe names the account's business; the fake takes the `business` option, else the page's title.
    const business = String(this.options.business?.name || doc.defaultView?.parent?.document?.title || 'the merchant');
    const locale = this.options.locale;
    doc.documentElement.lang = frameLanguage(locale);
    const methods = shownMethods(this.offer);
    const features = this.offer?.features;
    // A saved method chosen: the new-method tabs and fields stay in the frame, hidden, as in Stripe's element.
    const body = paymentFrameBody({ layout: this.layout(), types: this.types, selected: type, fields: this.fieldSpecs(type), business, labels: typeLabels(locale), redirectNotice: redirectNotice(locale) })
      + (offersSaveCheckbox(this.offer, type) ? saveCheckboxHtml(this.saveTicked, business) : '');
    form.innerHTML = savedListHtml(methods, this.chosen, features?.payment_method_remove === 'enabled')
      + `<div class="p-NewPaymentMethod"${this.savedMethod() ? ' hidden' : ''}>${body}</div>`;
    if (this.options.readOnly) for (const control of form.querySelectorAll<HTMLInputElement>('.p-SavedPaymentMethods input, .p-SavedPaymentMethods button, [name="save-payment-method"]')) control.disabled = true;
    const values = this.valuesOf(type);
    for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.p-Input')) {
      control.value = values[control.name as FieldName] ?? '';
      if (this.options.readOnly) control.disabled = true;
    }
    const again = focused && form.querySelector<HTMLInputElement>(`[name="${focused.name}"]`);
    if (again) {
      again.focus();
      if (again.type === 'text' && focused.start !== null) again.setSelectionRange(focused.start, focused.end);
    }
    this.renderErrors();
    this.fitHeight();
  }

  private renderErrors(): void {
    const doc = this.doc;
    if (!doc) return;
    for (const control of doc.querySelectorAll<HTMLElement>('.p-Input')) {
      const name = (control as HTMLInputElement).name;
      const error = this.shownError?.field === name ? localizeValidation(this.shownError.error, this.options.locale).message : '';
      control.classList.toggle('p-Input--invalid', Boolean(error));
      control.setAttribute('aria-invalid', String(Boolean(error)));
      const slot = doc.getElementById(`${control.id}-error`);
      if (slot) slot.textContent = error;
    }
    this.fitHeight();
  }

  /** A choice in the saved-method list: a saved method, or NEW_METHOD. */
  private choose(value: string): void {
    if (value === this.chosen) return;
    this.chosen = value;
    this.shownError = undefined;
    this.render();
    this.host.changed();
    this.emitChange(false);
  }

  private async removeSaved(id: string): Promise<void> {
    if (this.options.readOnly || this.offer?.features?.payment_method_remove !== 'enabled') return;
    try {
      await this.host.remove(id);
    } catch {
      return; // Stripe keeps the method listed when the detach fails
    }
    if (this.destroyed || !this.offer) return;
    this.offer = { ...this.offer, payment_methods: this.offer.payment_methods.filter((pm) => pm.id !== id) };
    if (this.chosen === id) this.chosen = shownMethods(this.offer)[0]?.id ?? NEW_METHOD;
    this.render();
    this.host.changed();
    this.emitChange(false);
  }

  private emitChange(force: boolean): void {
    const type = this.selected;
    if (!type) return;
    const saved = this.savedMethod();
    const verdict = saved ? { empty: false, complete: true } : evaluateFields(type, this.fieldSpecs(type), this.valuesOf(type), false);
    const value: PaymentElementChangeEvent['value'] = saved
      ? { type: saved.type, payment_method: { id: saved.id, type: saved.type, billing_details: saved.billing_details } }
      : { type, ...(offersSaveCheckbox(this.offer, type) ? { savePaymentMethod: this.saveTicked } : {}) };
    const payload: PaymentElementChangeEvent = { elementType: 'payment', empty: verdict.empty, complete: verdict.complete, collapsed: false, value };
    const key = JSON.stringify(payload);
    if (!force && key === this.lastChange) return;
    this.lastChange = key;
    this.fire('change', payload);
  }
}

function rank(order: string[], type: string): number {
  const at = order.indexOf(type);
  return at === -1 ? order.length : at;
}
