import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type {
  PaymentIntent,
  SetupIntent,
  Stripe,
  StripeCardElement,
  StripeCardElementChangeEvent,
  StripeCardElementOptions,
  StripeError,
} from '@stripe/stripe-js';
import { emit, type SscEventDetail, type SscEventName, type SscErrorStage } from './events.js';
import { getStripe } from './stripe-loader.js';
import { BackendError, readClientSecret, readErrorMessage, requestJson, type JsonAnswer } from './backend.js';
import { checkEnums, checkPublishableKey, checkSubmitSetup, type ConfigProblem, type ConfirmFlow, type Mode, type SaveUsage } from './config.js';
import { cardStyleFromHost } from './theme.js';
import { CardMount } from './card-mount.js';
import { styles } from './styles.js';
import { formatAmount, brandName } from './format.js';

export type * from './events.js';
export type { Mode, ConfirmFlow, SaveUsage } from './config.js';

/** One saved card as the backend lists it (`GET saved-cards-url`). */
export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

type Phase = 'idle' | 'loading' | 'ready' | 'load-failed' | 'invalid';
type Intent = PaymentIntent | SetupIntent;

/** Stripe error codes that mean "this card, as entered, can't pay": a decline, not a system error. */
const CARD_ERROR_CODES = new Set([
  'card_declined', 'expired_card', 'incorrect_cvc', 'incorrect_number', 'incorrect_zip', 'invalid_cvc',
  'invalid_expiry_month', 'invalid_expiry_year', 'invalid_number', 'processing_error', 'authentication_required',
]);

const NEW_CARD = 'new';

/**
 * A Stripe card form with a "save this card" toggle. It asks your backend for a client secret, confirms the
 * payment (or setup) with Stripe.js, walks the customer through 3D Secure and reports every state as an event.
 *
 * @summary Stripe Card Element with a save-card toggle, saved cards, 3D Secure and typed events.
 * @tagname stripe-save-card
 *
 * @fires {CustomEvent<SscReadyDetail>} ssc-ready - Stripe.js loaded and the card field is mounted.
 * @fires {CustomEvent<SscChangeDetail>} ssc-change - The customer edited the card or flipped the save toggle.
 * @fires {CustomEvent<SscSubmitDetail>} ssc-submit - About to send anything; cancelable (`preventDefault()` stops it).
 * @fires {CustomEvent<SscActionRequiredDetail>} ssc-action-required - The intent needs 3D Secure; the challenge is about to show.
 * @fires {CustomEvent<SscAuthenticatedDetail>} ssc-authenticated - The customer completed the 3D Secure challenge.
 * @fires {CustomEvent<SscAuthenticationFailedDetail>} ssc-authentication-failed - The challenge failed or was closed.
 * @fires {CustomEvent<SscDeclinedDetail>} ssc-declined - The card was declined.
 * @fires {CustomEvent<SscErrorDetail>} ssc-error - Anything else went wrong (stage load, backend, stripe or validation).
 * @fires {CustomEvent<SscSucceededDetail>} ssc-succeeded - The intent succeeded (or requires capture).
 *
 * @slot save-label - Text of the save toggle (default "Save this card for future payments").
 * @slot disclosure - The "we will charge this card later" text, shown when saving for off-session use.
 * @slot submit-label - Text of the submit button (default "Pay $19.99", "Pay" or "Save card").
 *
 * @csspart form - The form wrapping every control.
 * @csspart card - The box around the Card Element.
 * @csspart saved-cards - The fieldset listing saved cards.
 * @csspart save - The save toggle's label.
 * @csspart disclosure - The off-session disclosure text.
 * @csspart button - The submit button.
 * @csspart message - The status line (polite live region).
 * @csspart error - The error line (alert live region).
 *
 * @cssprop [--ssc-color=#1a1f36] - Text color, also inside the card iframe.
 * @cssprop [--ssc-font-family=system-ui] - Font family, also inside the card iframe.
 * @cssprop [--ssc-font-size=16px] - Font size, also inside the card iframe.
 * @cssprop [--ssc-placeholder-color=#6b7280] - Placeholder color inside the card iframe.
 * @cssprop [--ssc-invalid-color=#b42318] - Color of invalid card input and of error messages.
 * @cssprop [--ssc-icon-color=#4b5563] - Card brand icon color inside the iframe.
 * @cssprop [--ssc-background=#ffffff] - Background of the form.
 * @cssprop [--ssc-field-background=#ffffff] - Background of the card box.
 * @cssprop [--ssc-border-color=#9ca3af] - Border of the card box.
 * @cssprop [--ssc-radius=6px] - Corner radius of the form, card box and button.
 * @cssprop [--ssc-spacing=12px] - Gap and padding unit.
 * @cssprop [--ssc-focus-ring=0 0 0 3px rgba(37,99,235,.45)] - Box shadow of focused controls.
 * @cssprop [--ssc-accent=#1d4ed8] - Button background and toggle accent.
 * @cssprop [--ssc-accent-text=#ffffff] - Button text color.
 */
export class StripeSaveCard extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  /** Upper bound for loading Stripe.js before `ssc-error {stage:'load'}` (ms). Lower it in tests. */
  static loadTimeout = 10_000;
  /** Upper bound for one backend request before `ssc-error {stage:'backend'}` (ms). */
  static backendTimeout = 15_000;

  /**
   * Registers the element. Tolerates being called twice (two bundles on one page): if `tag` is already defined
   * it returns without throwing, and warns when the existing definition is a different class.
   */
  static define(tag = 'stripe-save-card', registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag);
    if (existing) {
      if (existing !== this) console.warn(`<${tag}> is already defined by another copy of stripe-save-card; keeping the first definition.`);
      return;
    }
    registry.define(tag, this);
  }

  /**
   * Reactive properties, declared the decorator-free way (the decorators' helper code costs bytes in the
   * script-tag bundle). The fields below only carry types, docs and defaults: tsconfig sets
   * useDefineForClassFields to false, so initialisers assign through the accessors Lit creates from this map.
   */
  static override properties: PropertyDeclarations = {
    publishableKey: { attribute: 'publishable-key' },
    intentUrl: { attribute: 'intent-url' },
    clientSecret: { attribute: 'client-secret' },
    mode: {},
    confirm: {},
    confirmUrl: { attribute: 'confirm-url' },
    savedCardsUrl: { attribute: 'saved-cards-url' },
    save: { type: Boolean },
    hideSave: { type: Boolean, attribute: 'hide-save' },
    saveUsage: { attribute: 'save-usage' },
    amount: { type: Number },
    currency: {},
    paymentMethod: { attribute: 'payment-method' },
    locale: {},
    disabled: { type: Boolean, reflect: true },
    name: { reflect: true },
    stripe: { attribute: false },
    intentBody: { attribute: false },
    cardOptions: { attribute: false },
    // Internal state: re-renders, no attribute.
    _phase: { state: true },
    _busy: { state: true },
    _errorText: { state: true },
    _messageText: { state: true },
    _savedCards: { state: true },
    _selectedCard: { state: true },
    _cardState: { state: true },
    _formDisabled: { state: true },
  };

  /** Stripe publishable key, `pk_test_...` or `pk_live_...` (required unless `stripe` is set). */
  publishableKey?: string;
  /** Backend endpoint that creates the intent and answers `{ clientSecret }`. */
  intentUrl?: string;
  /** A client secret the page already has (then `intent-url` is not called). */
  clientSecret?: string;
  /** `payment` (confirmCardPayment) or `setup` (confirmCardSetup: save a card without paying). */
  mode: Mode = 'payment';
  /** `client` (the browser confirms) or `server` (createPaymentMethod, the backend confirms). */
  confirm: ConfirmFlow = 'client';
  /** Backend endpoint for `confirm="server"`. */
  confirmUrl?: string;
  /** Backend endpoint listing the customer's saved cards; when set, they are offered for reuse. */
  savedCardsUrl?: string;
  /** State of the save toggle (the attribute sets its initial state). */
  save = false;
  /** Hides the save toggle. */
  hideSave = false;
  /** `setup_future_usage` used when saving: `off_session` (default) or `on_session`. */
  saveUsage: SaveUsage = 'off_session';
  /** Amount in the currency's minor unit, for the button label only: the server decides the price. */
  amount?: number;
  /** ISO currency code for the button label, e.g. `usd`. */
  currency?: string;
  /** Confirm with this saved PaymentMethod (with `client-secret`: recover an off-session payment on-session). */
  paymentMethod?: string;
  /** Locale for Stripe.js and the amount format. */
  locale?: string;
  /** Disables every control, the card field included. */
  disabled = false;
  /** Form field name; after success the form value is the intent id. */
  name?: string;

  /** A ready Stripe instance (then Stripe.js is not loaded by the element). */
  stripe?: Stripe;
  /** Extra JSON merged into every backend request body. */
  intentBody: Record<string, unknown> = {};
  /** Options for `elements.create('card', ...)`; changes are applied with `card.update()`. */
  cardOptions: StripeCardElementOptions = {};

  private _phase: Phase = 'idle';
  private _busy = false;
  private _errorText = '';
  private _messageText = '';
  private _savedCards: SavedCard[] = [];
  private _selectedCard: string = NEW_CARD;
  private _cardState = { complete: false, empty: true, brand: 'unknown', focused: false, invalid: false };
  private _formDisabled = false;

  private readonly _internals: ElementInternals;
  private readonly _mount = new CardMount(this);
  private _stripeInstance: Stripe | undefined;
  private _card: StripeCardElement | undefined;
  private _appliedCardOptions: StripeCardElementOptions = {};
  /** Bumped on every (re)start and teardown: async work from an older generation is ignored. */
  private _generation = 0;
  private _abort: AbortController | undefined;
  private _succeededIntentId: string | undefined;
  private _cardError: { code: string; message: string } | undefined;
  private _boundForm: HTMLFormElement | null = null;
  /** Set while a payment runs because the surrounding form was submitted. */
  private _formTrigger: { submitter: HTMLElement | null } | undefined;

  constructor() {
    super();
    this._internals = this.attachInternals();
  }

  // ----- lifecycle -----------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this._bindForm();
    // Start after the first render so the mount area exists.
    void this.updateComplete.then(() => { if (this.isConnected) this._start(); });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unbindForm();
    this._teardown();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('mode') || changed.has('confirm') || changed.has('saveUsage')) {
      const problems = checkEnums({ mode: this.mode, confirm: this.confirm, saveUsage: this.saveUsage })
        .filter((p) => changed.has(p.attribute === 'save-usage' ? 'saveUsage' : p.attribute));
      for (const problem of problems) this._reportProblem(problem);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.isConnected) return;
    const restartKeys = ['publishableKey', 'stripe', 'locale'] as const;
    if (this._phase !== 'idle' && restartKeys.some((key) => changed.has(key) && changed.get(key) !== undefined)) {
      this._teardown();
      this._start();
      return;
    }
    if (changed.has('savedCardsUrl') && changed.get('savedCardsUrl') !== undefined) void this._loadSavedCards(this._generation);
    if (changed.has('paymentMethod')) this._selectedCard = this._defaultSelection();
    // Both are cheap and idempotent, so they run on every update instead of naming the state they depend on
    // (private state names are shortened in the script-tag build, so `changed.has('_busy')` would never match).
    this._applyCardOptions();
    this._updateValidity();
    this._mount.refresh();
  }

  /** Loads Stripe (if needed), mounts the card, fetches saved cards. */
  private _start(): void {
    const generation = ++this._generation;
    this._mount.attach(this._mountArea());
    if (this.savedCardsUrl) void this._loadSavedCards(generation);
    void this._mountCard(generation);
  }

  /** Unmounts and destroys the card, cancels in-flight requests. Safe to call twice. */
  private _teardown(): void {
    this._generation++;
    this._abort?.abort();
    this._abort = undefined;
    this._busy = false;
    if (this._card) {
      this._card.destroy();
      this._card = undefined;
    }
    this._mount.node.replaceChildren();
    this._mount.detach();
    if (this._phase !== 'invalid') this._phase = 'idle';
  }

  private _mountArea(): HTMLElement {
    return this.renderRoot.querySelector('.mount-area') as HTMLElement;
  }

  private async _mountCard(generation: number): Promise<void> {
    const stripe = this.stripe;
    if (!stripe) {
      const problem = checkPublishableKey(this.publishableKey, location.protocol);
      if (problem) {
        this._phase = 'invalid';
        this._reportProblem(problem);
        return;
      }
    }
    this._phase = 'loading';
    let instance: Stripe;
    try {
      instance = stripe ?? await getStripe(this.publishableKey!, this.locale, StripeSaveCard.loadTimeout);
    } catch (error) {
      if (generation !== this._generation) return;
      this._phase = 'load-failed';
      this._fail('load', error instanceof Error ? error.message : String(error));
      return;
    }
    if (generation !== this._generation) return;
    this._stripeInstance = instance;
    const options = this._cardCreateOptions();
    let card: StripeCardElement;
    try {
      const elements = instance.elements(this.locale ? { locale: this.locale as never } : undefined);
      card = elements.create('card', options);
      this._appliedCardOptions = { ...this.cardOptions };
      card.on('change', (event) => this._onCardChange(event));
      card.on('focus', () => { this._cardState = { ...this._cardState, focused: true }; });
      card.on('blur', () => { this._cardState = { ...this._cardState, focused: false }; });
      card.on('ready', () => {
        if (generation !== this._generation) return;
        this._phase = 'ready';
        this._updateValidity();
        emit(this, 'ssc-ready', {});
      });
      card.mount(this._mount.node);
    } catch (error) {
      this._phase = 'load-failed';
      this._fail('stripe', `The card field could not be mounted: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this._card = card;
  }

  private _cardCreateOptions(): StripeCardElementOptions {
    const themed = cardStyleFromHost(this);
    const own = this.cardOptions ?? {};
    return {
      ...own,
      style: { ...themed, ...(own.style ?? {}) },
      disabled: this._isDisabled || own.disabled === true,
    };
  }

  /** Applies only what changed (Stripe re-renders the iframe on every update call). */
  private _applyCardOptions(): void {
    if (!this._card) return;
    const next: Record<string, unknown> = { ...this.cardOptions, disabled: this._isDisabled || this._busy || this.cardOptions?.disabled === true };
    const previous: Record<string, unknown> = { ...this._appliedCardOptions };
    const diff: Record<string, unknown> = {};
    for (const key of Object.keys(next)) {
      if (key === 'value' && previous[key] !== undefined) continue; // `value` only seeds the field; updating it would wipe input
      if (JSON.stringify(next[key]) !== JSON.stringify(previous[key])) diff[key] = next[key];
    }
    if (Object.keys(diff).length === 0) return;
    this._card.update(diff as StripeCardElementOptions);
    this._appliedCardOptions = next as StripeCardElementOptions;
  }

  private get _isDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  // ----- saved cards ------------------------------------------------------------------------------------------

  private async _loadSavedCards(generation: number): Promise<void> {
    const url = this.savedCardsUrl;
    if (!url) return;
    try {
      const answer = await requestJson('GET', url, undefined, { timeoutMs: StripeSaveCard.backendTimeout });
      if (!answer.ok) throw new BackendError(`The payment server answered ${answer.status} from ${url}: ${readErrorMessage(answer.data) ?? 'no message'}`, url, answer.status);
      const cards = answer.data?.cards;
      if (!Array.isArray(cards)) throw new BackendError(`Expected JSON with cards from ${url}, got keys ${Object.keys(answer.data ?? {}).join(', ') || 'none'}`, url, answer.status);
      if (generation !== this._generation) return;
      this._savedCards = cards.filter(isSavedCard);
      this._selectedCard = this._defaultSelection();
    } catch (error) {
      if (generation !== this._generation) return;
      const backend = error instanceof BackendError ? error : undefined;
      this._fail('backend', error instanceof Error ? error.message : String(error), { status: backend?.status }, false);
    }
  }

  /** `payment-method` if given (and listed, when there is a list), else the first saved card, else a new card. */
  private _defaultSelection(): string {
    if (this.paymentMethod && (!this._savedCards.length || this._savedCards.some((c) => c.id === this.paymentMethod))) return this.paymentMethod;
    return this._savedCards[0]?.id ?? NEW_CARD;
  }

  private get _usingSavedCard(): boolean {
    return this._selectedCard !== NEW_CARD;
  }

  // ----- user input ---------------------------------------------------------------------------------------------

  private _onCardChange(event: StripeCardElementChangeEvent): void {
    this._cardError = event.error ? { code: event.error.code, message: event.error.message } : undefined;
    this._cardState = { ...this._cardState, complete: event.complete, empty: event.empty, brand: event.brand, invalid: !!event.error };
    if (event.error) this._errorText = event.error.message;
    else if (this._errorText && this._errorText === this._lastCardMessage) this._errorText = '';
    this._lastCardMessage = event.error?.message;
    this._emitChange();
  }

  private _lastCardMessage: string | undefined;

  private _emitChange(): void {
    const detail: SscEventDetail<'ssc-change'> = {
      complete: this._cardState.complete,
      empty: this._cardState.empty,
      brand: this._cardState.brand,
      save: this.save,
    };
    if (this._cardError) detail.error = { ...this._cardError };
    // Stripe may repeat a change event with nothing new (e.g. around update()); tell listeners only about real edits.
    const signature = JSON.stringify(detail);
    if (signature === this._lastChangeSignature) return;
    this._lastChangeSignature = signature;
    emit(this, 'ssc-change', detail);
  }

  private _lastChangeSignature = '';

  private _onSaveToggle(event: Event): void {
    this.save = (event.target as HTMLInputElement).checked;
    this._emitChange();
  }

  private _onCardChoice(event: Event): void {
    this._selectedCard = (event.target as HTMLInputElement).value;
    this._errorText = '';
  }

  /** Our inner form: the button and Enter in our own controls land here. */
  private _onInnerSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  // ----- form association -------------------------------------------------------------------------------------
  //
  // Enter in the surrounding form (or its own submit button) must pay, not navigate. We listen to the outer form's
  // submit event: while no payment has succeeded we cancel it and pay instead; after success we set our form value
  // (the intent id) and submit the form for real with the same submitter, so the merchant's form posts as usual.

  private _bindForm(): void {
    const form = this._internals.form;
    if (form === this._boundForm) return;
    this._unbindForm();
    this._boundForm = form;
    form?.addEventListener('submit', this._onOuterSubmit);
  }

  private _unbindForm(): void {
    this._boundForm?.removeEventListener('submit', this._onOuterSubmit);
    this._boundForm = null;
  }

  private readonly _onOuterSubmit = (event: SubmitEvent): void => {
    if (this._succeededIntentId) return; // paid already: let the form go
    event.preventDefault();
    this._formTrigger = { submitter: event.submitter };
    void this.submit().finally(() => { this._formTrigger = undefined; });
  };

  formAssociatedCallback(): void {
    this._bindForm();
  }

  formResetCallback(): void {
    this.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  private _updateValidity(): void {
    if (this._succeededIntentId || this._usingSavedCard || this._cardState.complete || this.paymentMethod) {
      this._internals.setValidity({});
      return;
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('[part="button"]') ?? undefined;
    if (this._cardError) this._internals.setValidity({ customError: true }, this._cardError.message, anchor);
    else this._internals.setValidity({ valueMissing: true }, this._cardState.empty ? 'Enter your card details.' : 'Your card details are incomplete.', anchor);
  }

  /** The form value: the succeeded intent id (null before success). */
  get value(): string | null {
    return this._succeededIntentId ?? null;
  }

  get form(): HTMLFormElement | null { return this._internals.form; }
  get validity(): ValidityState { return this._internals.validity; }
  get validationMessage(): string { return this._internals.validationMessage; }
  get willValidate(): boolean { return this._internals.willValidate; }
  checkValidity(): boolean { return this._internals.checkValidity(); }
  reportValidity(): boolean { return this._internals.reportValidity(); }

  // ----- public methods ------------------------------------------------------------------------------------------

  /** Moves focus to the card field (or the selected saved card). */
  override focus(options?: FocusOptions): void {
    if (this._usingSavedCard) {
      this.renderRoot.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus(options);
    } else if (this._card) {
      this._card.focus();
    } else {
      super.focus(options);
    }
  }

  /** Clears the card, the error and the result; retries Stripe.js when it failed to load. */
  reset(): void {
    this._abort?.abort();
    this._busy = false;
    this._errorText = '';
    this._messageText = '';
    this._succeededIntentId = undefined;
    this._formTrigger = undefined;
    this._internals.setFormValue(null);
    this.save = this.hasAttribute('save');
    this._cardError = undefined;
    this._lastCardMessage = undefined;
    this._lastChangeSignature = '';
    this._cardState = { complete: false, empty: true, brand: 'unknown', focused: false, invalid: false };
    this._selectedCard = this._defaultSelection();
    this._card?.clear();
    if (this.isConnected && (this._phase === 'load-failed' || this._phase === 'invalid')) {
      this._teardown();
      this._start();
    }
    this._updateValidity();
  }

  /**
   * Pays (or saves the card in setup mode). Resolves when the attempt is over; the outcome is reported by events.
   * A call while a previous one is still running does nothing.
   */
  async submit(): Promise<void> {
    if (this._busy || this._isDisabled) return;
    if (this._phase === 'load-failed' || this._phase === 'invalid') {
      // The load failed earlier: this submit retries it (the customer can pay once the card shows up).
      this._teardown();
      this._start();
      return;
    }
    if (this._phase !== 'ready' || !this._stripeInstance) return;
    const enumProblem = checkEnums({ mode: this.mode, confirm: this.confirm, saveUsage: this.saveUsage })[0];
    const setupProblem = enumProblem ?? checkSubmitSetup({
      mode: this.mode, confirm: this.confirm, intentUrl: this.intentUrl, clientSecret: this.clientSecret, confirmUrl: this.confirmUrl,
    });
    if (setupProblem) {
      this._reportProblem(setupProblem);
      return;
    }
    const usingSaved = this._usingSavedCard;
    if (!usingSaved && !this._cardState.complete) {
      const message = this._cardError?.message ?? (this._cardState.empty ? 'Enter your card details.' : 'Your card details are incomplete.');
      this._fail('validation', message, { code: this._cardError?.code ?? 'incomplete_card' });
      this._card?.focus();
      return;
    }
    const save = this._effectiveSave(usingSaved);
    if (!emit(this, 'ssc-submit', { mode: this.mode, save }, true)) return;

    const generation = this._generation;
    this._busy = true;
    this._errorText = '';
    this._messageText = this.mode === 'setup' ? 'Saving your card…' : 'Processing your payment…';
    this._abort = new AbortController();
    const run = new Attempt(this, generation, this._abort.signal, save);
    try {
      if (this.confirm === 'server' && this.mode === 'payment' && !this.clientSecret) await run.serverFlow();
      else await run.clientFlow();
    } finally {
      if (generation === this._generation) {
        this._busy = false;
        this._abort = undefined;
      }
    }
  }

  /** Whether this submit saves the card: toggle on (payment) or always (setup); never when reusing a saved card. */
  private _effectiveSave(usingSaved: boolean): boolean {
    if (usingSaved) return false;
    return this.mode === 'setup' ? true : this.save;
  }

  // ----- helpers used by Attempt ----------------------------------------------------------------------------------

  /** @internal */
  get _activeStripe(): Stripe {
    return this._stripeInstance!;
  }

  /** @internal */
  get _activeCard(): StripeCardElement | undefined {
    return this._card;
  }

  /** @internal the PaymentMethod to confirm with when not entering a new card */
  get _chosenPaymentMethod(): string | undefined {
    return this._usingSavedCard ? this._selectedCard : undefined;
  }

  /** @internal */
  _dispatch<K extends SscEventName>(type: K, detail: SscEventDetail<K>): void {
    emit(this, type, detail);
  }

  /** @internal Shows the message, emits ssc-error, and moves focus to the error so it is read out. */
  _fail(stage: SscErrorStage, message: string, extra: { status?: number; code?: string } = {}, moveFocus = true): void {
    // The attempt is over before anyone hears about it: listeners get a usable form.
    this._busy = false;
    this._errorText = message;
    this._messageText = '';
    const detail: SscEventDetail<'ssc-error'> = { stage, message };
    if (extra.status !== undefined) detail.status = extra.status;
    if (extra.code !== undefined) detail.code = extra.code;
    emit(this, 'ssc-error', detail);
    if (moveFocus && stage !== 'load') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus());
  }

  /** @internal Shows a message the customer must act on (focus back on the card so they can fix it). */
  _showError(message: string): void {
    this._busy = false;
    this._errorText = message;
    this._messageText = '';
    if (this._usingSavedCard) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus());
    else this._card?.focus();
  }

  /** @internal A decline: message shown, card stays mounted and editable, focus back on the card. */
  _declined(detail: SscEventDetail<'ssc-declined'>): void {
    this._busy = false;
    emit(this, 'ssc-declined', detail);
    this._showError(detail.message);
  }

  /** @internal */
  _succeeded(detail: SscEventDetail<'ssc-succeeded'>): void {
    this._busy = false;
    this._succeededIntentId = detail.intentId;
    this._internals.setFormValue(detail.intentId);
    this._internals.setValidity({});
    this._errorText = '';
    this._messageText = detail.mode === 'setup' ? 'Your card was saved.' : 'Payment succeeded.';
    emit(this, 'ssc-succeeded', detail);
    // Paid because the surrounding form was submitted: now submit it for real (our value is set, so the
    // submit listener lets it through).
    const form = this._internals.form;
    const trigger = this._formTrigger;
    this._formTrigger = undefined;
    if (form && trigger) {
      const submitter = trigger.submitter;
      form.requestSubmit(submitter && submitter.isConnected && form.contains(submitter) ? submitter : null);
    }
  }

  /** @internal */
  _setMessage(text: string): void {
    this._messageText = text;
  }

  /** @internal */
  _backendBody(extra: Record<string, unknown>): Record<string, unknown> {
    return { ...extra, ...(this.intentBody ?? {}) };
  }

  /** @internal */
  get _config(): { mode: Mode; saveUsage: SaveUsage; intentUrl?: string; clientSecret?: string; confirmUrl?: string } {
    return { mode: this.mode, saveUsage: this.saveUsage, intentUrl: this.intentUrl, clientSecret: this.clientSecret, confirmUrl: this.confirmUrl };
  }

  /** @internal */
  _isCurrent(generation: number): boolean {
    return generation === this._generation;
  }

  private _reportProblem(problem: ConfigProblem): void {
    console.error(problem.message);
    this._fail('validation', problem.message, { code: `invalid_${problem.attribute.replace(/-/g, '_')}` }, false);
  }

  // ----- rendering ----------------------------------------------------------------------------------------------

  private _submitLabel(): string {
    if (this.mode === 'setup') return 'Save card';
    const formatted = formatAmount(this.amount, this.currency, this.locale);
    return formatted ? `Pay ${formatted}` : 'Pay';
  }

  protected override render(): TemplateResult {
    const usingSaved = this._usingSavedCard;
    const showSave = this.mode === 'payment' && !this.hideSave && !usingSaved;
    const saving = this.mode === 'setup' ? !usingSaved : showSave && this.save;
    const showDisclosure = saving && this.saveUsage === 'off_session';
    const disabled = this._isDisabled;
    const cardClasses = [this._cardState.focused ? 'focused' : '', this._cardState.invalid ? 'invalid' : ''].join(' ').trim();
    return html`
      <form part="form" novalidate aria-busy=${this._busy ? 'true' : 'false'} @submit=${this._onInnerSubmit}>
        ${this._savedCards.length ? this._renderSavedCards(disabled) : nothing}
        <div part="card" class=${cardClasses} ?hidden=${usingSaved}>
          <div class="mount-area" role="group" aria-label="Card details"><slot name=${CardMount.slotName}></slot></div>
        </div>
        <label part="save" ?hidden=${!showSave}>
          <input type="checkbox" .checked=${this.save} ?disabled=${disabled || this._busy}
                 aria-describedby="disclosure" @change=${this._onSaveToggle} />
          <span><slot name="save-label">Save this card for future payments</slot></span>
        </label>
        <p part="disclosure" id="disclosure" ?hidden=${!showDisclosure}>
          <slot name="disclosure">By saving your card, you allow us to charge it for future payments in line with our terms.</slot>
        </p>
        <button part="button" type="submit" ?disabled=${disabled || this._busy || this._phase === 'loading' || this._phase === 'idle'}>
          <slot name="submit-label">${this._submitLabel()}</slot>
        </button>
        <p part="message" role="status" aria-live="polite">${this._messageText}</p>
        <p part="error" role="alert" aria-live="assertive" tabindex="-1">${this._errorText}</p>
      </form>
    `;
  }

  private _renderSavedCards(disabled: boolean): TemplateResult {
    return html`
      <fieldset part="saved-cards" ?disabled=${disabled || this._busy}>
        <legend>Pay with</legend>
        ${this._savedCards.map((card) => html`
          <label>
            <input type="radio" name="ssc-card-choice" .value=${card.id} .checked=${this._selectedCard === card.id} @change=${this._onCardChoice} />
            <span>${brandName(card.brand)} ending in ${card.last4}, expires ${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)}</span>
          </label>`)}
        <label>
          <input type="radio" name="ssc-card-choice" .value=${NEW_CARD} .checked=${this._selectedCard === NEW_CARD} @change=${this._onCardChoice} />
          <span>Use a new card</span>
        </label>
      </fieldset>
    `;
  }
}

function isSavedCard(value: unknown): value is SavedCard {
  if (!value || typeof value !== 'object') return false;
  const card = value as Record<string, unknown>;
  return typeof card.id === 'string' && typeof card.last4 === 'string';
}

/**
 * One submit, start to finish. Kept apart from the element so each flow reads top to bottom; everything it
 * learns goes back through the element's @internal helpers, and a stale attempt (element reset, moved or
 * disconnected meanwhile) stops reporting.
 */
class Attempt {
  constructor(
    private readonly _el: StripeSaveCard,
    private readonly _generation: number,
    private readonly _signal: AbortSignal,
    private readonly _save: boolean,
  ) {}

  private get _live(): boolean {
    return this._el._isCurrent(this._generation) && !this._signal.aborted;
  }

  private get _mode(): Mode {
    return this._el._config.mode;
  }

  /** Browser confirms: secret from the page or the backend, then confirmCard{Payment,Setup} without auto-actions. */
  async clientFlow(): Promise<void> {
    const cfg = this._el._config;
    const secret = cfg.clientSecret ?? await this._createIntent(cfg.intentUrl!);
    if (!secret || !this._live) return;
    const stripe = this._el._activeStripe;
    const chosen = this._el._chosenPaymentMethod;
    const card = this._el._activeCard;
    const paymentMethod = chosen ?? (card ? { card } : undefined);
    if (!paymentMethod) return;
    let result: { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError };
    if (this._mode === 'setup') {
      result = await stripe.confirmCardSetup(secret, { payment_method: paymentMethod }, { handleActions: false });
    } else {
      const data: Parameters<Stripe['confirmCardPayment']>[1] = { payment_method: paymentMethod };
      if (this._save) data!.setup_future_usage = cfg.saveUsage;
      result = await stripe.confirmCardPayment(secret, data, { handleActions: false });
    }
    if (!this._live) return;
    await this._settle(result, secret, typeof chosen === 'string' ? chosen : undefined);
  }

  /** Backend confirms (the "without webhooks" flow): createPaymentMethod, POST confirm-url, 3DS, POST again. */
  async serverFlow(): Promise<void> {
    const cfg = this._el._config;
    const stripe = this._el._activeStripe;
    let paymentMethodId = this._el._chosenPaymentMethod;
    if (!paymentMethodId) {
      const card = this._el._activeCard;
      if (!card) return;
      const created = await stripe.createPaymentMethod({ type: 'card', card });
      if (!this._live) return;
      if (created.error) return this._stripeError(created.error);
      paymentMethodId = created.paymentMethod.id;
    }
    let answer = await this._post(cfg.confirmUrl!, { paymentMethodId, save: this._save });
    // Each round: the backend confirmed; if 3DS is needed we run it and ask the backend to confirm again.
    for (let round = 0; answer && this._live; round++) {
      const data = answer.data ?? {};
      if (!answer.ok) return this._serverError(answer, cfg.confirmUrl!);
      const status = typeof data.status === 'string' ? data.status : '';
      const intentId = typeof data.intentId === 'string' ? data.intentId : typeof data.id === 'string' ? data.id : '';
      if (status === 'succeeded' || status === 'requires_capture' || status === 'processing') {
        this._el._succeeded({ intentId, status, paymentMethodId, saved: this._save, mode: 'payment' });
        return;
      }
      if (status !== 'requires_action' || round >= 3) {
        this._el._fail('backend', `Expected status succeeded or requires_action from ${cfg.confirmUrl}, got ${status ? `"${status}"` : 'no status'}`, { status: answer.status });
        return;
      }
      const secret = typeof data.clientSecret === 'string' ? data.clientSecret : typeof data.client_secret === 'string' ? data.client_secret : '';
      if (!secret) {
        this._el._fail('backend', `Expected clientSecret with status requires_action from ${cfg.confirmUrl}, got keys ${Object.keys(data).join(', ')}`, { status: answer.status });
        return;
      }
      const authenticated = await this._authenticate(secret, intentId);
      if (!authenticated || !this._live) return;
      answer = await this._post(cfg.confirmUrl!, { paymentIntentId: authenticated });
    }
  }

  /** POST intent-url → client secret (or undefined after reporting the failure). */
  private async _createIntent(url: string): Promise<string | undefined> {
    const body: Record<string, unknown> = { save: this._save, mode: this._mode };
    const chosen = this._el._chosenPaymentMethod;
    if (chosen) body.paymentMethodId = chosen;
    const answer = await this._post(url, body);
    if (!answer || !this._live) return undefined;
    if (!answer.ok) {
      this._serverError(answer, url);
      return undefined;
    }
    try {
      return readClientSecret(answer, url);
    } catch (error) {
      this._backendFailure(error);
      return undefined;
    }
  }

  private async _post(url: string, body: Record<string, unknown>): Promise<JsonAnswer | undefined> {
    try {
      return await requestJson('POST', url, this._el._backendBody(body), { timeoutMs: StripeSaveCard.backendTimeout, signal: this._signal });
    } catch (error) {
      if (this._live) this._backendFailure(error);
      return undefined;
    }
  }

  private _backendFailure(error: unknown): void {
    const backend = error instanceof BackendError ? error : undefined;
    this._el._fail('backend', error instanceof Error ? error.message : String(error), { status: backend?.status, code: backend?.code });
  }

  /** A JSON 4xx/5xx: a card decline when the backend says so (402 or a card error code), else a backend error. */
  private _serverError(answer: JsonAnswer, url: string): void {
    const raw = answer.data?.error;
    const error = raw && typeof raw === 'object' ? raw as Record<string, unknown> : {};
    const code = typeof error.code === 'string' ? error.code : undefined;
    const declineCode = typeof error.declineCode === 'string' ? error.declineCode : typeof error.decline_code === 'string' ? error.decline_code : undefined;
    const message = readErrorMessage(answer.data);
    if (answer.status === 402 || (code && CARD_ERROR_CODES.has(code)) || declineCode) {
      const detail: SscEventDetail<'ssc-declined'> = { code: code ?? 'card_declined', message: message ?? 'Your card was declined.' };
      if (declineCode) detail.declineCode = declineCode;
      const intentId = typeof error.intentId === 'string' ? error.intentId : typeof error.paymentIntentId === 'string' ? error.paymentIntentId : undefined;
      if (intentId) detail.intentId = intentId;
      this._el._declined(detail);
      return;
    }
    this._el._fail('backend', `The payment server answered ${answer.status} from ${url}${message ? `: ${message}` : ''}`, { status: answer.status, code });
  }

  /** After confirm: success, 3DS, decline or error. */
  private async _settle(result: { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError }, secret: string, chosen: string | undefined): Promise<void> {
    if (result.error) return this._stripeError(result.error);
    let intent: Intent | undefined = result.paymentIntent ?? result.setupIntent;
    if (!intent) {
      this._el._fail('stripe', 'Stripe answered without an intent or an error');
      return;
    }
    if (intent.status === 'requires_action') {
      const ok = await this._authenticate(secret, intent.id, intent.next_action?.type);
      if (!ok || !this._live) return;
      const retrieved = this._mode === 'setup' ? await this._el._activeStripe.retrieveSetupIntent(secret) : await this._el._activeStripe.retrievePaymentIntent(secret);
      if (!this._live) return;
      const after = 'paymentIntent' in retrieved && retrieved.paymentIntent ? retrieved.paymentIntent : 'setupIntent' in retrieved ? retrieved.setupIntent : undefined;
      intent = after ?? intent;
    }
    this._finish(intent, chosen);
  }

  private _finish(intent: Intent, chosen: string | undefined): void {
    const status = intent.status;
    if (status === 'succeeded' || status === 'requires_capture' || status === 'processing') {
      const pm = intent.payment_method;
      const paymentMethodId = typeof pm === 'string' ? pm : pm?.id ?? chosen ?? '';
      this._el._succeeded({ intentId: intent.id, status, paymentMethodId, saved: this._save, mode: this._mode });
      return;
    }
    const lastError = 'last_payment_error' in intent ? intent.last_payment_error : 'last_setup_error' in intent ? intent.last_setup_error : null;
    if (status === 'requires_payment_method' && lastError) {
      const detail: SscEventDetail<'ssc-declined'> = { intentId: intent.id, code: lastError.code ?? 'card_declined', message: lastError.message ?? 'Your card was declined.' };
      if (lastError.decline_code) detail.declineCode = lastError.decline_code;
      this._el._declined(detail);
      return;
    }
    this._el._fail('stripe', `The ${this._mode === 'setup' ? 'setup' : 'payment'} ended in status "${status}"`, { code: status });
  }

  /**
   * 3D Secure: ssc-action-required, then Stripe's own challenge through handleNextAction. Resolves to the intent
   * id when the customer passed, undefined when it failed (already reported).
   */
  private async _authenticate(secret: string, intentId: string, type?: string): Promise<string | undefined> {
    let actionType = type;
    if (!actionType) {
      // Server flow: the backend didn't tell us the action type; read it from the intent itself.
      const retrieved = await this._el._activeStripe.retrievePaymentIntent(secret).catch(() => undefined);
      actionType = retrieved?.paymentIntent?.next_action?.type ?? 'use_stripe_sdk';
    }
    this._el._dispatch('ssc-action-required', { intentId, type: actionType });
    this._el._setMessage('Waiting for your bank to confirm it is you…');
    const result = await this._el._activeStripe.handleNextAction({ clientSecret: secret });
    if (!this._live) return undefined;
    const intent: Intent | undefined = result.paymentIntent ?? result.setupIntent;
    const lastError = intent && intent.status === 'requires_payment_method'
      ? ('last_payment_error' in intent ? intent.last_payment_error : 'last_setup_error' in intent ? intent.last_setup_error : null)
      : null;
    const failed = result.error ?? lastError ?? undefined;
    const authCode = this._mode === 'setup' ? 'setup_intent_authentication_failure' : 'payment_intent_authentication_failure';
    // A card_error other than the authentication failure means the customer passed 3DS and the issuer then
    // declined (e.g. 4000 0082 6000 3178): authenticated, then declined.
    if (failed && failed.type === 'card_error' && failed.code && !/authentication_failure$/.test(failed.code)) {
      this._el._dispatch('ssc-authenticated', { intentId });
      const detail: SscEventDetail<'ssc-declined'> = { intentId, code: failed.code, message: failed.message ?? 'Your card was declined.' };
      if (failed.decline_code) detail.declineCode = failed.decline_code;
      this._el._declined(detail);
      return undefined;
    }
    if (failed || (intent && intent.status === 'requires_payment_method')) {
      const code = failed?.code ?? authCode;
      const message = failed?.message ?? 'We could not authenticate your card. Try again or use another card.';
      this._el._showError(message);
      this._el._dispatch('ssc-authentication-failed', { intentId, code, message });
      return undefined;
    }
    this._el._dispatch('ssc-authenticated', { intentId });
    return intentId;
  }

  /** A Stripe.js error result: declines become ssc-declined, the rest ssc-error. */
  private _stripeError(error: StripeError): void {
    const intentId = error.payment_intent?.id ?? error.setup_intent?.id;
    if (error.type === 'card_error' || (error.code && CARD_ERROR_CODES.has(error.code))) {
      const detail: SscEventDetail<'ssc-declined'> = { code: error.code ?? 'card_declined', message: error.message ?? 'Your card was declined.' };
      if (intentId) detail.intentId = intentId;
      if (error.decline_code) detail.declineCode = error.decline_code;
      this._el._declined(detail);
      return;
    }
    const stage: SscErrorStage = error.type === 'validation_error' ? 'validation' : 'stripe';
    this._el._fail(stage, error.message ?? `Stripe error ${error.type}`, error.code ? { code: error.code } : {});
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stripe-save-card': StripeSaveCard;
  }
}
