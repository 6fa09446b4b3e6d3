import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Appearance, PaymentIntent, SetupIntent, Stripe, StripeElements, StripeError, StripeElementsOptionsMode, StripePaymentElement, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import { StripeSaveCardBase } from '../element/base.js';
import { CardMount } from '../element/card-mount.js';
import { Outcome } from '../element/checkout.js';
import { checkEnums, checkSubmitSetup, type ConfigProblem } from '../element/config.js';
import { expected, type BackendError } from '../element/backend.js';
import { emit, type SscEventDetail } from '../element/events.js';
import { formatAmount, messageOf } from '../element/format.js';
import { languageOf } from '../element/language.js';
import { styles } from '../element/styles.js';
import { appearanceFromHost } from './appearance.js';
import { failure, PaymentCheckout, succeeded } from './payment-flow.js';
import { rememberRedirect, takeReturn } from './redirect-return.js';
import { paymentEn, type PaymentTranslation } from './en.js';

export type * from '../element/events.js';
export type { PaymentTranslation } from './en.js';
export type { Translation } from '../element/language.js';

/** Types whose PaymentMethod can be saved for later: the save toggle shows only for them. */
const SAVABLE = /^(card|sepa_debit|us_bank_account|link)$/;
type Failure = 'ssc-error' | 'ssc-declined' | 'ssc-authentication-failed';
type Words = ReturnType<typeof languageOf>['_t'] & PaymentTranslation;
/** A status or error line: our words by key (shown in the language of the moment), or Stripe's own message. */
type Line = { key: keyof Words } | { text: string } | undefined;

/**
 * Stripe's Payment Element (cards, wallets, iDEAL, Bancontact, SEPA Debit, ...) with the same save toggle, backend
 * contract and events as <stripe-save-card>. Deferred intent by default (elements.submit, then intent-url, then
 * confirmPayment with redirect: 'if_required'); with `client-secret`, intent first. A redirect method comes back to
 * the page, which then reports the outcome once. With `save-ui="stripe"`, Stripe's own saved-method list, save
 * checkbox and remove button (a CustomerSession from `customer-session-url`) replace the toggle.
 *
 * @summary Stripe Payment Element with a save toggle, one intent per checkout, redirects that come back, typed events.
 * @tagname stripe-save-payment
 *
 * @fires {CustomEvent<SscReadyDetail>} ssc-ready - Stripe.js loaded and the Payment Element is ready.
 * @fires {CustomEvent<SscChangeDetail>} ssc-change - The customer edited the form, chose another method (`type`) or flipped the save toggle.
 * @fires {CustomEvent<SscSubmitDetail>} ssc-submit - About to create or confirm the intent; cancelable.
 * @fires {CustomEvent<SscActionRequiredDetail>} ssc-action-required - A redirect method is about to leave the page for the bank (and, with confirm="server", 3D Secure is about to show).
 * @fires {CustomEvent<SscAuthenticatedDetail>} ssc-authenticated - confirm="server": the customer passed 3D Secure.
 * @fires {CustomEvent<SscAuthenticationFailedDetail>} ssc-authentication-failed - 3D Secure or the bank refused the payment.
 * @fires {CustomEvent<SscDeclinedDetail>} ssc-declined - The payment method was declined.
 * @fires {CustomEvent<SscErrorDetail>} ssc-error - Anything else went wrong (stage load, backend, stripe or validation).
 * @fires {CustomEvent<SscSucceededDetail>} ssc-succeeded - The intent succeeded, requires capture, or is processing (bank debits).
 *
 * @slot save-label - Text of the save toggle.
 * @slot disclosure - The "we will charge these details later" text, shown when saving for off-session use.
 * @slot submit-label - Text of the submit button.
 *
 * @csspart form @csspart card @csspart save @csspart disclosure @csspart button @csspart message @csspart error
 */
export class StripeSavePayment extends StripeSaveCardBase {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    layout: {},
    returnUrl: { attribute: 'return-url' },
    saveUi: { attribute: 'save-ui' },
    customerSessionUrl: { attribute: 'customer-session-url' },
    appearance: { attribute: false },
    _error: { attribute: false },
    _message: { attribute: false },
    _type: { attribute: false },
  };

  /** The Payment Element's layout: `tabs` (default) or `accordion`. */
  layout: 'tabs' | 'accordion' = 'tabs';
  /** Where a redirect method (iDEAL, Bancontact, ...) brings the customer back; default: this page. */
  returnUrl?: string;
  /**
   * Who offers saving: `toggle` (default; our toggle, mirrored as `save` to intent-url) or `stripe` (the Payment
   * Element's own save checkbox, saved-method list and remove button, from a CustomerSession; intent-url then always
   * gets `save: false`, as Stripe refuses setup_future_usage together with the session's payment_method_save_usage).
   */
  saveUi: 'toggle' | 'stripe' = 'toggle';
  /**
   * `save-ui="stripe"`: backend endpoint that creates a CustomerSession for the signed-in customer and answers
   * `{ customerSessionClientSecret }` (POST `{ mode, checkoutId }` plus `intentBody`).
   */
  customerSessionUrl?: string;
  /**
   * Stripe's `appearance` (`theme`, `variables`, `rules`...) over the `--ssc-*` theme: its variables win over the ones
   * read from CSS. A change, like a switch of the system's light or dark mode, restyles the mounted Payment Element
   * (`elements.update()`), the custom properties read again.
   */
  appearance?: Appearance;

  protected _error: Line;
  protected _message: Line;
  /** The payment method type chosen in the element. */
  protected _type = '';
  private _complete = false;
  private _empty = true;
  /** save-ui="stripe": Stripe's save checkbox is ticked (the change event's value.savePaymentMethod). */
  private _stripeSave = false;
  /** save-ui="stripe": the CustomerSession's client secret (or why there is none), asked for while Stripe.js loads. */
  private _session: Promise<string | BackendError> | undefined;
  private _elements: StripeElements | undefined;
  private _element: StripePaymentElement | undefined;
  private readonly _checkout = new PaymentCheckout();
  private _signature = '';
  private _readOnly = false;
  /** reset() came while a payment ran: done once its outcome is reported. */
  private _resetAfter = false;
  /** The system's dark mode: a page's `prefers-color-scheme` rules change the `--ssc-*` theme with it. */
  private _scheme: MediaQueryList | undefined;
  private readonly _restyle = () => void this._elements?.update({ appearance: this._appearance() });

  static override define(this: CustomElementConstructor, tag = 'stripe-save-payment', registry: CustomElementRegistry = customElements): void {
    StripeSaveCardBase.define.call(this, tag, registry);
  }

  // ----- lifecycle (started, rebuilt and torn down by StripeSaveCardBase) ------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    (this._scheme ??= matchMedia('(prefers-color-scheme: dark)')).addEventListener('change', this._restyle);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._scheme?.removeEventListener('change', this._restyle);
  }

  protected _updateStripe(changed: PropertyValues<this>): void {
    // Deferred intent: Stripe.js must show and confirm what the server will charge.
    if (this._elements && !this.clientSecret && (changed.has('amount') || changed.has('currency'))) {
      void this._elements.update(this._amountOptions());
    }
    if (changed.has('appearance')) this._restyle();
    // Stripe re-renders the element on update(): only when the lock changes.
    if (this._element && this._locked != this._readOnly) this._element.update({ readOnly: this._readOnly = this._locked });
  }

  protected get _inputs(): unknown[] {
    // The resolved language, not the attribute: a `lang` change above the element gives Stripe.js the new locale.
    return [this.stripe, this.publishableKey, this._language._lang, this.clientSecret, this.mode, this.layout, this.saveUi, this.customerSessionUrl];
  }

  /** The words (the card tag's registry, with the payment tag's own keys), their language and direction. */
  protected get _language(): { _t: Words; _lang: string; _dir?: 'rtl' | 'ltr'; _format: string } {
    const language = languageOf(this);
    return { ...language, _t: { ...paymentEn, ...language._t } as Words };
  }

  protected _unmountStripe(): void {
    this._element?.destroy();
    this._element = this._elements = undefined;
    this._readOnly = false;
  }

  /** The `--ssc-*` theme as Stripe's appearance variables, with the `appearance` property over it. */
  private _appearance(): Appearance {
    const fromCss = appearanceFromHost(this);
    return { ...fromCss, ...this.appearance, variables: { ...fromCss.variables, ...this.appearance?.variables } };
  }

  private _amountOptions(): { amount?: number; currency?: string } {
    return this.mode == 'setup' ? {} : { amount: this.amount, currency: this.currency?.toLowerCase() };
  }

  private get _stripeUi(): boolean {
    return this.saveUi == 'stripe';
  }

  /** Deferred intent: the amount must be known before the intent exists; save-ui="stripe" needs its URL. */
  protected override _configProblem(): ConfigProblem | undefined {
    const saveUi = this.saveUi;
    const bad = (attribute: string, wanted: string, got: string) => ({ attribute, message: `<stripe-save-payment> ${expected(attribute, wanted, got)}` });
    return super._configProblem()
      ?? (saveUi != 'toggle' && saveUi != 'stripe' ? bad('save-ui', '"toggle" or "stripe"', `"${saveUi}"`) : undefined)
      ?? (this._stripeUi && !this.customerSessionUrl ? bad('customer-session-url', 'a URL that answers { customerSessionClientSecret } (save-ui="stripe")', 'nothing') : undefined)
      ?? (this.clientSecret || this.mode == 'setup' || (this.amount! >= 0 && this.currency) ? undefined
        : { attribute: 'amount', message: '<stripe-save-payment> amount and currency: expected both (the Payment Element shows and confirms them before the intent exists), got ' + `${this.amount ?? 'no amount'} ${this.currency ?? 'no currency'}` });
  }

  protected override _start(): void {
    // A new mode is a new checkout (another mode's id would find its intent); a rebuild for any other reason is not.
    // `_builtFrom` still holds the last build's _inputs here, mode at index 4.
    if (this._builtFrom[4] != this.mode) this._checkout.forget();
    // Asked while Stripe.js loads: the CustomerSession lets the Payment Element show the customer's saved methods.
    this._session = this._stripeUi && !this._configProblem()
      ? this._checkout.customerSession(this.customerSessionUrl!, { mode: this.mode, ...this.intentBody }, StripeSavePayment.backendTimeout).catch((error: BackendError) => error)
      : undefined;
    super._start();
  }

  protected _mountStripe(stripe: Stripe, locale: string, generation: number): void {
    if (!this._session) return this._mountPayment(stripe, locale, generation);
    void this._session.then((secret) => {
      if (generation != this._generation) return;
      if (typeof secret != 'string') {
        this._phase = 'failed';
        return this._background({ stage: 'backend', message: secret.message, status: secret.status, code: secret.code });
      }
      this._mountPayment(stripe, locale, generation, secret);
    }).catch((error) => {
      if (generation != this._generation) return;
      this._phase = 'failed';
      this._background({ stage: 'stripe', message: messageOf(error) });
    });
  }

  private _mountPayment(stripe: Stripe, locale: string, generation: number, secret?: string): void {
    // The same Stripe locale as our words, also for a `stripe` instance the page made.
    const common = { appearance: this._appearance(), locale, ...(secret ? { customerSessionClientSecret: secret } : {}) };
    const options = (this.clientSecret
      ? { ...common, clientSecret: this.clientSecret }
      : { ...common, mode: this.mode, ...this._amountOptions(), ...(this.save && this.mode == 'payment' && !secret ? { setupFutureUsage: this.saveUsage } : {}) }) as StripeElementsOptionsMode;
    const elements = this._elements = stripe.elements(options);
    const element = this._element = elements.create('payment', { layout: this.layout });
    element.on('change', (event) => this._onChange(event));
    element.on('ready', () => {
      if (generation != this._generation) return;
      this._phase = 'ready';
      emit(this, 'ssc-ready', {});
    });
    element.on('loaderror', (event) => {
      if (generation != this._generation) return;
      this._phase = 'failed';
      this._background({ stage: 'stripe', message: event.error.message ?? 'The Payment Element could not load', code: event.error.code });
    });
    element.mount(this._mount._mountNode);
    void this._settleReturn(stripe);
  }

  /** Back from the bank: the intent, read from Stripe, says how the payment ended (reported once). */
  private async _settleReturn(stripe: Stripe): Promise<void> {
    const secret = takeReturn();
    if (!secret) return;
    const { paymentIntent, setupIntent, error } = await (secret.startsWith('seti_') ? stripe.retrieveSetupIntent(secret) : stripe.retrievePaymentIntent(secret)) as
      { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError };
    const intent = paymentIntent ?? setupIntent;
    const last = (paymentIntent?.last_payment_error ?? setupIntent?.last_setup_error) as Parameters<typeof failure>[0] | undefined;
    this._report(intent && /^(succeeded|requires_capture|processing)$/.test(intent.status) ? succeeded(intent, { save: false, mode: secret.startsWith('seti_') ? 'setup' : 'payment' })
      : failure(error ?? last ?? { type: 'invalid_request_error', message: paymentEn.paymentFailed, code: intent?.status }, intent?.id), !error && !last);
  }

  private _onChange(event: StripePaymentElementChangeEvent): void {
    this._type = event.value.type;
    this._stripeSave = !!event.value.savePaymentMethod;
    this._complete = event.complete;
    this._empty = event.empty;
    if (this._error && !this._busy) this._error = undefined;
    this._emitChange();
  }

  private _emitChange(): void {
    const detail = { complete: this._complete, empty: this._empty, brand: 'unknown', type: this._type, save: this._saves };
    const signature = JSON.stringify(detail);
    if (signature != this._signature) emit(this, 'ssc-change', detail);
    this._signature = signature;
  }

  /** Whether this submit saves: the toggle (payment mode, a savable type), Stripe's checkbox, or always (setup mode). */
  private get _saves(): boolean {
    return this.mode == 'setup' || (this._stripeUi ? this._stripeSave : this.save && this._canSave);
  }

  private get _canSave(): boolean {
    return !this.hideSave && !this._stripeUi && SAVABLE.test(this._type);
  }

  protected _onSaveToggle(event: Event): void {
    this.save = (event.target as HTMLInputElement).checked;
    // The deferred intent will carry setup_future_usage: Stripe.js must know before confirming.
    if (this._elements && !this.clientSecret) void this._elements.update({ setupFutureUsage: this.save ? this.saveUsage : null });
    this._emitChange();
  }

  protected _onInnerSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  override focus(options?: FocusOptions): void {
    if (this._element) this._element.focus();
    else super.focus(options);
  }

  reset(): void {
    if (this._busy) {
      // Stripe may have the confirm already: its answer is reported first; a success stays (final), anything
      // else resets then (submit() calls back here).
      this._resetAfter = true;
      this._abort?.abort();
      return;
    }
    this._checkout.forget();
    this._error = this._message = undefined;
    this._done = this._trigger = undefined;
    this._internals.setFormValue(null);
    this.save = this.hasAttribute('save');
    this._element?.clear();
    if (this.isConnected && this._phase == 'failed') this._restart();
  }

  async submit(): Promise<void> {
    if (this._isDisabled || this._busy || this._done) return;
    if (this._phase == 'failed') return this._restart();
    const stripe = this._stripe;
    const elements = this._elements;
    if (this._phase != 'ready' || !stripe || !elements) return;
    const mode = this.mode;
    // The backend confirms with a ConfirmationToken (payment mode; a client-secret page confirms in the browser).
    const server = this.confirm == 'server' && mode == 'payment' && !this.clientSecret;
    const problem = checkEnums(this)[0] ?? checkSubmitSetup(server, this);
    if (problem) return this._problem(problem);
    const save = this._saves;
    if (!emit(this, 'ssc-submit', { mode, save }, true)) return;
    this._resetAfter = false;
    const { signal } = this._abort = new AbortController();
    this._error = undefined;
    this._message = { key: mode == 'setup' ? 'savingDetails' : 'processing' };
    this._busy = true;
    const outcome = await this._checkout.run({
      // Stripe's checkbox saves through the CustomerSession: the backend must not add setup_future_usage as well.
      stripe, elements, mode, save: save && !(this._stripeUi && mode == 'payment'), saveUsage: this.saveUsage, intentUrl: this.intentUrl, clientSecret: this.clientSecret,
      intentBody: this.intentBody, returnUrl: new URL(this.returnUrl ?? location.href, location.href).href,
      backendTimeout: StripeSavePayment.backendTimeout, signal, confirmUrl: server ? this.confirmUrl : undefined,
      notify: (type, detail) => {
        if (type == 'ssc-action-required') this._message = { key: 'bank' };
        emit(this, type, detail);
      },
      beforeRedirect: (intentId, type) => {
        rememberRedirect(intentId);
        this._message = { key: 'bank' };
        emit(this, 'ssc-action-required', { intentId, type });
      },
    }).catch((error: unknown) => new Outcome('ssc-error', { stage: 'stripe', message: messageOf(error) }));
    this._busy = false;
    if (outcome) this._report(outcome);
    else this._message = undefined;
    if (this._resetAfter) {
      this._resetAfter = false;
      if (!this._done) this.reset();
    }
  }

  /** `ours`: the failure's message is a stand-in of ours (English), not Stripe's: the shopper reads our words. */
  private _report(outcome: Outcome, ours = false): void {
    if (outcome.type != 'ssc-succeeded') {
      const { type, detail } = outcome as Outcome<Failure>;
      // As the card tag does: a decline and a form problem as Stripe.js words them (in the shopper's language),
      // the rest (a backend's answer, a configuration problem, the API's authentication text) in our words.
      const { code, stage } = detail as Partial<SscEventDetail<'ssc-error'>>;
      const stripes = !ours && detail.message && (type == 'ssc-declined' || (stage == 'validation' && !/^invalid_/.test(code!)));
      // A refusal of any method (a card, a bank page, a debit) without Stripe's words: ours say what to do next.
      const key = ours || type != 'ssc-error' ? 'paymentFailed' : code == 'api_connection_error' ? 'unreachable' : 'failed';
      this._message = undefined;
      this._error = stripes ? { text: detail.message } : { key };
      emit(this, type, detail);
      return;
    }
    const detail = outcome.detail as SscEventDetail<'ssc-succeeded'>;
    if (this._stripeUi && detail.mode == 'payment') detail.saved = this._stripeSave;
    this._done = detail.intentId;
    this._internals.setFormValue(detail.intentId);
    this._error = undefined;
    this._message = { key: detail.mode == 'setup' ? 'detailsSaved' : detail.status == 'processing' ? 'paymentPending' : 'succeeded' };
    emit(this, 'ssc-succeeded', detail);
    this._submitForm();
  }

  protected _problem(problem: ConfigProblem): void {
    const message = problem.message.replace('<stripe-save-card>', '<stripe-save-payment>');
    console.error(message);
    this._error = { key: 'failed' };
    emit(this, 'ssc-error', { stage: 'validation', message, code: `invalid_${problem.attribute.replace(/-/g, '_')}` });
  }

  protected override render(): TemplateResult {
    const { _t: t, _lang: lang, _dir: dir, _format: format } = this._language;
    const line = (value: Line) => (!value ? '' : 'text' in value ? value.text : (t[value.key] as string));
    const failed = this._phase == 'failed';
    const loading = this._phase != 'ready' && !failed;
    const skeleton = loading ? 'skeleton' : '';
    const setup = this.mode == 'setup';
    const showSave = !loading && !failed && !setup && this._canSave;
    const amount = formatAmount(this.amount, this.currency, format);
    const label = failed ? t.retry : html`<slot name="submit-label">${setup ? t.saveDetails : t.pay(amount)}</slot>`;
    return html`
      <form part="form" novalidate lang=${lang} dir=${dir ?? nothing} @submit=${this._onInnerSubmit}>
        <div part="card" class=${skeleton} ?hidden=${failed}>
          <div class="mount-area" role="group" aria-label=${t.paymentDetails}><slot name=${CardMount.slotName}></slot></div>
        </div>
        <label part="save" ?hidden=${!showSave}>
          <input type="checkbox" .checked=${this.save} ?disabled=${this._locked} aria-describedby="disclosure" @change=${this._onSaveToggle} />
          <span><slot name="save-label">${t.saveDetailsToggle}</slot></span>
        </label>
        <p part="disclosure" id="disclosure" ?hidden=${!((setup || (showSave && this.save)) && this.saveUsage == 'off_session')}><slot name="disclosure">${t.detailsDisclosure(this.businessName)}</slot></p>
        <button part="button" type="submit" class=${skeleton} ?disabled=${this._isDisabled || !!this._done} aria-disabled=${this._locked || loading}>${label}</button>
        <p part="message" role="status" tabindex="-1">${loading ? t.loading : line(this._message)}</p>
        <p part="error" role="alert" tabindex="-1">${failed && !this._error ? t.loadFailed : line(this._error)}</p>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stripe-save-payment': StripeSavePayment;
  }
}
