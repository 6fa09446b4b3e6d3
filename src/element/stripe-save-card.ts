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
import { emit, type SscEventDetail, type SscErrorStage } from './events.js';
import { getStripe } from './stripe-loader.js';
import { BackendError, readClientSecret, readErrorMessage, requestJson, type JsonAnswer } from './backend.js';
import { checkEnums, checkPublishableKey, checkSubmitSetup, type ConfigProblem, type ConfirmFlow, type Mode, type SaveUsage } from './config.js';
import { cardStyleFromHost } from './theme.js';
import { CardMount } from './card-mount.js';
import { styles } from './styles.js';
import { formatAmount, brandName, messageOf } from './format.js';

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

/** Intent states that end a submit successfully (requires_capture: manual capture; processing: async methods). */
const DONE: readonly string[] = ['succeeded', 'requires_capture', 'processing'];

const NEW_CARD = 'new';
const EMPTY_CARD = { complete: false, empty: true, brand: 'unknown', focused: false, invalid: false };

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
    // Internal state: re-renders, no attribute. `attribute: false` rather than `state: true` (the same thing to
    // Lit) because the custom-elements manifest analyzer only recognises the former and would list these as attributes.
    _phase: { attribute: false },
    _busy: { attribute: false },
    _errorText: { attribute: false },
    _messageText: { attribute: false },
    _savedCards: { attribute: false },
    _selectedCard: { attribute: false },
    _cardState: { attribute: false },
    _formDisabled: { attribute: false },
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
  /** Members without `private` below are read by Attempt (same file); the `_` marks them internal all the same. */
  private _busy = false;
  private _errorText = '';
  _messageText = '';
  private _savedCards: SavedCard[] = [];
  private _selectedCard: string = NEW_CARD;
  private _cardState = EMPTY_CARD;
  private _formDisabled = false;

  private readonly _internals: ElementInternals;
  private readonly _mount = new CardMount(this);
  _stripeInstance: Stripe | undefined;
  private _card: StripeCardElement | undefined;
  private _appliedCardOptions: Record<string, unknown> = {};
  /** Bumped on every (re)start and teardown: async work from an older generation is ignored. */
  _generation = 0;
  private _abort: AbortController | undefined;
  private _succeededIntentId: string | undefined;
  private _cardError: { code: string; message: string } | undefined;
  private _lastCardMessage: string | undefined;
  private _lastChangeSignature = '';
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
    for (const problem of checkEnums(this, changed)) this._reportProblem(problem);
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.isConnected) return;
    const restartKeys = ['publishableKey', 'stripe', 'locale'] as const;
    if (this._phase !== 'idle' && restartKeys.some((key) => changed.has(key) && changed.get(key) !== undefined)) {
      this._restart();
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
    this._mount.attach(this.renderRoot.querySelector<HTMLElement>('.mount-area')!);
    if (this.savedCardsUrl) void this._loadSavedCards(generation);
    void this._mountCard(generation);
  }

  /** Unmounts and destroys the card, cancels in-flight requests. Safe to call twice. */
  private _teardown(): void {
    this._generation++;
    this._abort?.abort();
    this._abort = undefined;
    this._busy = false;
    this._card?.destroy();
    this._card = undefined;
    this._mount.node.replaceChildren();
    this._mount.detach();
    if (this._phase !== 'invalid') this._phase = 'idle';
  }

  private _restart(): void {
    this._teardown();
    this._start();
  }

  private async _mountCard(generation: number): Promise<void> {
    const stripe = this.stripe;
    const problem = stripe ? undefined : checkPublishableKey(this.publishableKey, location.protocol);
    if (problem) {
      this._phase = 'invalid';
      this._reportProblem(problem);
      return;
    }
    this._phase = 'loading';
    let instance: Stripe;
    try {
      instance = stripe ?? await getStripe(this.publishableKey!, this.locale, StripeSaveCard.loadTimeout);
    } catch (error) {
      if (generation !== this._generation) return;
      this._phase = 'load-failed';
      this._fail('load', messageOf(error));
      return;
    }
    if (generation !== this._generation) return;
    this._stripeInstance = instance;
    const own = this.cardOptions ?? {};
    // Stripe's iframe can't see our CSS: the theme's custom properties go in as the Card Element's style.
    const options = { ...own, style: { ...cardStyleFromHost(this), ...own.style }, disabled: this._isDisabled || own.disabled === true };
    try {
      const card = instance.elements(this.locale ? { locale: this.locale as never } : undefined).create('card', options);
      this._appliedCardOptions = { ...own, disabled: options.disabled };
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
      this._card = card;
    } catch (error) {
      this._phase = 'load-failed';
      this._fail('stripe', `The card field could not be mounted: ${messageOf(error)}`);
    }
  }

  /** Applies only what changed (Stripe re-renders the iframe on every update call). */
  private _applyCardOptions(): void {
    if (!this._card) return;
    const next: Record<string, unknown> = { ...this.cardOptions, disabled: this._isDisabled || this._busy || this.cardOptions?.disabled === true };
    const previous = this._appliedCardOptions;
    const diff: Record<string, unknown> = {};
    for (const key of Object.keys(next)) {
      if (key === 'value' && previous[key] !== undefined) continue; // `value` only seeds the field; updating it would wipe input
      if (JSON.stringify(next[key]) !== JSON.stringify(previous[key])) diff[key] = next[key];
    }
    if (Object.keys(diff).length === 0) return;
    this._card.update(diff);
    this._appliedCardOptions = next;
  }

  private get _isDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  // ----- saved cards ------------------------------------------------------------------------------------------

  private async _loadSavedCards(generation: number): Promise<void> {
    const url = this.savedCardsUrl;
    if (!url) return;
    let problem: string | undefined;
    let status: number | undefined;
    try {
      const answer = await requestJson('GET', url, undefined, { timeoutMs: StripeSaveCard.backendTimeout });
      const cards = answer.data?.cards;
      status = answer.status;
      if (!answer.ok) problem = `The payment server answered ${status} from ${url}: ${readErrorMessage(answer.data) ?? 'no message'}`;
      else if (!Array.isArray(cards)) problem = `Expected JSON with cards from ${url}, got keys ${Object.keys(answer.data ?? {}).join(', ') || 'none'}`;
      else if (generation === this._generation) {
        this._savedCards = cards.filter(isSavedCard);
        this._selectedCard = this._defaultSelection();
      }
    } catch (error) {
      problem = messageOf(error);
      if (error instanceof BackendError) status = error.status;
    }
    if (problem && generation === this._generation) this._fail('backend', problem, status, undefined, false);
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
    const error = event.error;
    this._cardError = error && { code: error.code, message: error.message };
    this._cardState = { ...this._cardState, complete: event.complete, empty: event.empty, brand: event.brand, invalid: !!error };
    // A card message is cleared when the card is fixed; a message from elsewhere (a decline) stays.
    if (error) this._errorText = error.message;
    else if (this._errorText && this._errorText === this._lastCardMessage) this._errorText = '';
    this._lastCardMessage = error?.message;
    this._emitChange();
  }

  private _emitChange(): void {
    const { complete, empty, brand } = this._cardState;
    const detail: SscEventDetail<'ssc-change'> = { complete, empty, brand, save: this.save };
    if (this._cardError) detail.error = { ...this._cardError };
    // Stripe may repeat a change event with nothing new (e.g. around update()); tell listeners only about real edits.
    const signature = JSON.stringify(detail);
    if (signature === this._lastChangeSignature) return;
    this._lastChangeSignature = signature;
    emit(this, 'ssc-change', detail);
  }

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

  /** Why the new card can't be used yet: Stripe's message, or empty/incomplete. */
  private get _cardProblem(): string {
    return this._cardError?.message ?? (this._cardState.empty ? 'Enter your card details.' : 'Your card details are incomplete.');
  }

  private _updateValidity(): void {
    if (this._succeededIntentId || this._usingSavedCard || this._cardState.complete || this.paymentMethod) {
      this._internals.setValidity({});
      return;
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('[part="button"]') ?? undefined;
    this._internals.setValidity(this._cardError ? { customError: true } : { valueMissing: true }, this._cardProblem, anchor);
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
    if (this._usingSavedCard) this.renderRoot.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus(options);
    else if (this._card) this._card.focus();
    else super.focus(options);
  }

  /** Clears the card, the error and the result; retries Stripe.js when it failed to load. */
  reset(): void {
    this._abort?.abort();
    this._show('', '');
    this._succeededIntentId = this._formTrigger = this._cardError = this._lastCardMessage = undefined;
    this._internals.setFormValue(null);
    this.save = this.hasAttribute('save');
    this._lastChangeSignature = '';
    this._cardState = EMPTY_CARD;
    this._selectedCard = this._defaultSelection();
    this._card?.clear();
    if (this.isConnected && this._loadFailed) this._restart();
    this._updateValidity();
  }

  private get _loadFailed(): boolean {
    return this._phase === 'load-failed' || this._phase === 'invalid';
  }

  /**
   * Pays (or saves the card in setup mode). Resolves when the attempt is over; the outcome is reported by events.
   * A call while a previous one is still running does nothing.
   */
  async submit(): Promise<void> {
    if (this._busy || this._isDisabled) return;
    // The load failed earlier: this submit retries it (the customer can pay once the card shows up).
    if (this._loadFailed) return this._restart();
    if (this._phase !== 'ready' || !this._stripeInstance) return;
    const problem = checkEnums(this)[0] ?? checkSubmitSetup(this);
    if (problem) return this._reportProblem(problem);
    const usingSaved = this._usingSavedCard;
    if (!usingSaved && !this._cardState.complete) {
      this._fail('validation', this._cardProblem, undefined, this._cardError?.code ?? 'incomplete_card');
      this._card?.focus();
      return;
    }
    // Whether this submit saves the card: toggle on (payment) or always (setup); never when reusing a saved card.
    const save = !usingSaved && (this.mode === 'setup' || this.save);
    const paymentMethod = usingSaved ? this._selectedCard : this._card;
    if (!paymentMethod || !emit(this, 'ssc-submit', { mode: this.mode, save }, true)) return;

    const generation = this._generation;
    this._show('', this.mode === 'setup' ? 'Saving your card…' : 'Processing your payment…');
    this._busy = true;
    this._abort = new AbortController();
    const run = new Attempt(this, generation, this._abort.signal, save, paymentMethod);
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

  // ----- outcomes (also called by Attempt) -------------------------------------------------------------------------

  /** Ends the busy state and shows an error and a status line (either may be empty). */
  _show(error: string, message: string): void {
    this._busy = false;
    this._errorText = error;
    this._messageText = message;
  }

  /** Focus on the error line, so a screen reader reads it out and the customer sees it. */
  private _focusError(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus());
  }

  /** Shows the message, emits ssc-error, and moves focus to the error so it is read out. */
  _fail(stage: SscErrorStage, message: string, status?: number, code?: string, moveFocus = true): void {
    // The attempt is over before anyone hears about it: listeners get a usable form.
    this._show(message, '');
    const detail: SscEventDetail<'ssc-error'> = { stage, message };
    if (status !== undefined) detail.status = status;
    if (code !== undefined) detail.code = code;
    emit(this, 'ssc-error', detail);
    if (moveFocus && stage !== 'load') this._focusError();
  }

  /** Shows a message the customer must act on (focus back on the card so they can fix it). */
  _showError(message: string): void {
    this._show(message, '');
    if (this._usingSavedCard) this._focusError();
    else this._card?.focus();
  }

  /** A decline: message shown, card stays mounted and editable, focus back on the card. */
  _declined(intentId: string | undefined, error: { code?: string | null; message?: string | null; decline_code?: string | null }): void {
    const detail: SscEventDetail<'ssc-declined'> = { code: error.code ?? 'card_declined', message: error.message ?? 'Your card was declined.' };
    if (intentId) detail.intentId = intentId;
    if (error.decline_code) detail.declineCode = error.decline_code;
    this._busy = false;
    emit(this, 'ssc-declined', detail);
    this._showError(detail.message);
  }

  _succeeded(detail: SscEventDetail<'ssc-succeeded'>): void {
    this._succeededIntentId = detail.intentId;
    this._internals.setFormValue(detail.intentId);
    this._internals.setValidity({});
    this._show('', detail.mode === 'setup' ? 'Your card was saved.' : 'Payment succeeded.');
    emit(this, 'ssc-succeeded', detail);
    // Paid because the surrounding form was submitted: now submit it for real (our value is set, so the
    // submit listener lets it through).
    const form = this._internals.form;
    const submitter = this._formTrigger?.submitter;
    const trigger = this._formTrigger;
    this._formTrigger = undefined;
    if (form && trigger) form.requestSubmit(submitter && submitter.isConnected && form.contains(submitter) ? submitter : null);
  }

  private _reportProblem(problem: ConfigProblem): void {
    console.error(problem.message);
    this._fail('validation', problem.message, undefined, `invalid_${problem.attribute.replace(/-/g, '_')}`, false);
  }

  // ----- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const usingSaved = this._usingSavedCard;
    const showSave = this.mode === 'payment' && !this.hideSave && !usingSaved;
    const saving = this.mode === 'setup' ? !usingSaved : showSave && this.save;
    const disabled = this._isDisabled;
    const locked = disabled || this._busy;
    const amount = formatAmount(this.amount, this.currency, this.locale);
    const submitLabel = this.mode === 'setup' ? 'Save card' : amount ? `Pay ${amount}` : 'Pay';
    return html`
      <form part="form" novalidate aria-busy=${this._busy} @submit=${this._onInnerSubmit}>
        ${this._savedCards.length ? this._renderSavedCards(locked) : nothing}
        <div part="card" class=${[this._cardState.focused && 'focused', this._cardState.invalid && 'invalid'].filter(Boolean).join(' ')} ?hidden=${usingSaved}>
          <div class="mount-area" role="group" aria-label="Card details"><slot name=${CardMount.slotName}></slot></div>
        </div>
        <label part="save" ?hidden=${!showSave}>
          <input type="checkbox" .checked=${this.save} ?disabled=${locked}
                 aria-describedby="disclosure" @change=${this._onSaveToggle} />
          <span><slot name="save-label">Save this card for future payments</slot></span>
        </label>
        <p part="disclosure" id="disclosure" ?hidden=${!(saving && this.saveUsage === 'off_session')}>
          <slot name="disclosure">By saving your card, you allow us to charge it for future payments in line with our terms.</slot>
        </p>
        <button part="button" type="submit" ?disabled=${locked || this._phase === 'loading' || this._phase === 'idle'}>
          <slot name="submit-label">${submitLabel}</slot>
        </button>
        <p part="message" role="status" aria-live="polite">${this._messageText}</p>
        <p part="error" role="alert" aria-live="assertive" tabindex="-1">${this._errorText}</p>
      </form>
    `;
  }

  private _renderSavedCards(disabled: boolean): TemplateResult {
    const choice = (id: string, label: string) => html`
      <label>
        <input type="radio" name="ssc-card-choice" .value=${id} .checked=${this._selectedCard === id} @change=${this._onCardChoice} />
        <span>${label}</span>
      </label>`;
    return html`
      <fieldset part="saved-cards" ?disabled=${disabled}>
        <legend>Pay with</legend>
        ${this._savedCards.map((card) => choice(card.id, savedCardLabel(card)))}
        ${choice(NEW_CARD, 'Use a new card')}
      </fieldset>
    `;
  }
}

/** "Visa ending in 4242, expires 04/28" */
function savedCardLabel(card: SavedCard): string {
  return `${brandName(card.brand)} ending in ${card.last4}, expires ${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)}`;
}

function isSavedCard(value: unknown): value is SavedCard {
  const card = value as Partial<Record<keyof SavedCard, unknown>> | null;
  return typeof card?.id === 'string' && typeof card.last4 === 'string';
}

/** A string from untyped backend JSON, or undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The intent in a Stripe.js result, whichever kind it is. */
function intentOf(result: { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent }): Intent | undefined {
  return result.paymentIntent ?? result.setupIntent;
}

/** Why the last confirmation failed (`last_payment_error` or `last_setup_error`), if it did. */
function lastErrorOf(intent: Intent | undefined): PaymentIntent.LastPaymentError | SetupIntent.LastSetupError | undefined {
  return (intent as PaymentIntent | undefined)?.last_payment_error ?? (intent as SetupIntent | undefined)?.last_setup_error ?? undefined;
}

/**
 * One submit, start to finish. Kept apart from the element so each flow reads top to bottom; outcomes go back
 * through the element's `_` methods, and a stale attempt (element reset, moved or disconnected meanwhile) stops
 * reporting.
 */
class Attempt {
  private readonly _stripe: Stripe;
  private readonly _mode: Mode;

  constructor(
    private readonly _el: StripeSaveCard,
    private readonly _generation: number,
    private readonly _signal: AbortSignal,
    private readonly _save: boolean,
    /** A saved PaymentMethod id, or the Card Element holding a new card. */
    private readonly _paymentMethod: string | StripeCardElement,
  ) {
    this._stripe = _el._stripeInstance!;
    this._mode = _el.mode;
  }

  private get _live(): boolean {
    return this._el._generation === this._generation && !this._signal.aborted;
  }

  private get _savedCard(): string | undefined {
    return typeof this._paymentMethod === 'string' ? this._paymentMethod : undefined;
  }

  /** Browser confirms: secret from the page or the backend, then confirmCard{Payment,Setup} without auto-actions. */
  async clientFlow(): Promise<void> {
    const el = this._el;
    const secret = el.clientSecret ?? await this._createIntent(el.intentUrl!);
    if (!secret || !this._live) return;
    const paymentMethod = this._savedCard ?? { card: this._paymentMethod as StripeCardElement };
    const result = this._mode === 'setup'
      ? await this._stripe.confirmCardSetup(secret, { payment_method: paymentMethod }, { handleActions: false })
      : await this._stripe.confirmCardPayment(secret, this._save ? { payment_method: paymentMethod, setup_future_usage: el.saveUsage } : { payment_method: paymentMethod }, { handleActions: false });
    if (!this._live) return;
    if (result.error) return this._stripeError(result.error);
    let intent = intentOf(result);
    if (!intent) return el._fail('stripe', 'Stripe answered without an intent or an error');
    if (intent.status === 'requires_action') {
      if (!await this._authenticate(secret, intent.id, intent.next_action?.type) || !this._live) return;
      const retrieved = this._mode === 'setup' ? await this._stripe.retrieveSetupIntent(secret) : await this._stripe.retrievePaymentIntent(secret);
      if (!this._live) return;
      intent = intentOf(retrieved) ?? intent;
    }
    const status = intent.status;
    if (DONE.includes(status)) {
      const pm = intent.payment_method;
      const paymentMethodId = typeof pm === 'string' ? pm : pm?.id ?? this._savedCard ?? '';
      return el._succeeded({ intentId: intent.id, status, paymentMethodId, saved: this._save, mode: this._mode });
    }
    const lastError = lastErrorOf(intent);
    if (status === 'requires_payment_method' && lastError) return el._declined(intent.id, lastError);
    el._fail('stripe', `The ${this._mode} ended in status "${status}"`, undefined, status);
  }

  /** Backend confirms (the "without webhooks" flow): createPaymentMethod, POST confirm-url, 3DS, POST again. */
  async serverFlow(): Promise<void> {
    const url = this._el.confirmUrl!;
    let paymentMethodId = this._savedCard;
    if (!paymentMethodId) {
      const created = await this._stripe.createPaymentMethod({ type: 'card', card: this._paymentMethod as StripeCardElement });
      if (!this._live) return;
      if (created.error) return this._stripeError(created.error);
      paymentMethodId = created.paymentMethod.id;
    }
    let answer = await this._post(url, { paymentMethodId, save: this._save });
    // Each round: the backend confirmed; if 3DS is needed we run it and ask the backend to confirm again.
    for (let round = 0; answer && this._live; round++) {
      const data = answer.data ?? {};
      if (!answer.ok) return this._serverError(answer, url);
      const status = text(data.status) ?? '';
      const intentId = text(data.intentId) ?? text(data.id) ?? '';
      if (DONE.includes(status)) return this._el._succeeded({ intentId, status, paymentMethodId, saved: this._save, mode: 'payment' });
      const secret = text(data.clientSecret) ?? text(data.client_secret);
      const problem = status !== 'requires_action' || round >= 3
        ? `Expected status succeeded or requires_action from ${url}, got ${status ? `"${status}"` : 'no status'}`
        : secret ? undefined : `Expected clientSecret with status requires_action from ${url}, got keys ${Object.keys(data).join(', ')}`;
      if (problem) return this._el._fail('backend', problem, answer.status);
      const authenticated = await this._authenticate(secret!, intentId);
      if (!authenticated || !this._live) return;
      answer = await this._post(url, { paymentIntentId: authenticated });
    }
  }

  /** POST intent-url → client secret (or undefined after reporting the failure). */
  private async _createIntent(url: string): Promise<string | undefined> {
    const body: Record<string, unknown> = { save: this._save, mode: this._mode };
    if (this._savedCard) body.paymentMethodId = this._savedCard;
    const answer = await this._post(url, body);
    if (!answer || !this._live) return undefined;
    if (!answer.ok) return this._serverError(answer, url);
    try {
      return readClientSecret(answer, url);
    } catch (error) {
      this._backendFailure(error);
    }
  }

  private async _post(url: string, body: Record<string, unknown>): Promise<JsonAnswer | undefined> {
    try {
      return await requestJson('POST', url, { ...body, ...this._el.intentBody }, { timeoutMs: StripeSaveCard.backendTimeout, signal: this._signal });
    } catch (error) {
      if (this._live) this._backendFailure(error);
    }
  }

  private _backendFailure(error: unknown): void {
    const backend = error instanceof BackendError ? error : undefined;
    this._el._fail('backend', messageOf(error), backend?.status, backend?.code);
  }

  /** A JSON 4xx/5xx: a card decline when the backend says so (402 or a card error code), else a backend error. */
  private _serverError(answer: JsonAnswer, url: string): undefined {
    const raw = answer.data?.error;
    const error = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const code = text(error.code);
    const declineCode = text(error.declineCode) ?? text(error.decline_code);
    const message = readErrorMessage(answer.data);
    if (answer.status === 402 || (code && CARD_ERROR_CODES.has(code)) || declineCode) {
      this._el._declined(text(error.intentId) ?? text(error.paymentIntentId), { code, message, decline_code: declineCode });
    } else {
      this._el._fail('backend', `The payment server answered ${answer.status} from ${url}${message ? `: ${message}` : ''}`, answer.status, code);
    }
  }

  /**
   * 3D Secure: ssc-action-required, then Stripe's own challenge through handleNextAction. Resolves to the intent
   * id when the customer passed, undefined when it failed (already reported).
   */
  private async _authenticate(secret: string, intentId: string, type?: string): Promise<string | undefined> {
    const el = this._el;
    // Server flow: the backend didn't tell us the action type; read it from the intent itself.
    const actionType = type || ((await this._stripe.retrievePaymentIntent(secret).catch(() => undefined))?.paymentIntent?.next_action?.type ?? 'use_stripe_sdk');
    emit(el, 'ssc-action-required', { intentId, type: actionType });
    el._messageText = 'Waiting for your bank to confirm it is you…';
    const result = await this._stripe.handleNextAction({ clientSecret: secret });
    if (!this._live) return undefined;
    const intent = intentOf(result);
    const unpaid = intent?.status === 'requires_payment_method';
    const failed = result.error ?? (unpaid ? lastErrorOf(intent) : undefined);
    // A card_error other than the authentication failure means the customer passed 3DS and the issuer then
    // declined (e.g. 4000 0082 6000 3178): authenticated, then declined.
    if (failed?.type === 'card_error' && failed.code && !/authentication_failure$/.test(failed.code)) {
      emit(el, 'ssc-authenticated', { intentId });
      el._declined(intentId, failed);
      return undefined;
    }
    if (failed || unpaid) {
      const code = failed?.code ?? `${this._mode}_intent_authentication_failure`;
      const message = failed?.message ?? 'We could not authenticate your card. Try again or use another card.';
      el._showError(message);
      emit(el, 'ssc-authentication-failed', { intentId, code, message });
      return undefined;
    }
    emit(el, 'ssc-authenticated', { intentId });
    return intentId;
  }

  /** A Stripe.js error result: declines become ssc-declined, the rest ssc-error. */
  private _stripeError(error: StripeError): void {
    if (error.type === 'card_error' || (error.code && CARD_ERROR_CODES.has(error.code))) {
      return this._el._declined(error.payment_intent?.id ?? error.setup_intent?.id, error);
    }
    this._el._fail(error.type === 'validation_error' ? 'validation' : 'stripe', error.message ?? `Stripe error ${error.type}`, undefined, error.code);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stripe-save-card': StripeSaveCard;
  }
}
