import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { PaymentIntent, SetupIntent, Stripe, StripeCardElement, StripeCardElementChangeEvent, StripeCardElementOptions, StripeError } from '@stripe/stripe-js';
import { emit, type SscEventDetail } from './events.js';
import { getStripe } from './stripe-loader.js';
import { callBackend, errorOf, expected, str, type BackendError, type Json } from './backend.js';
import { checkEnums, checkPublishableKey, checkSubmitSetup, type ConfigProblem, type ConfirmFlow, type Mode, type SaveUsage } from './config.js';
import { cardStyleFromHost } from './theme.js';
import { CardMount } from './card-mount.js';
import { styles } from './styles.js';
import { formatAmount, cardLabel, messageOf } from './format.js';

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

type Intent = PaymentIntent | SetupIntent;
type Failure = 'ssc-error' | 'ssc-declined' | 'ssc-authentication-failed';

/** Stripe error codes that mean "this card, as entered, can't pay": a decline, not a system error. */
const CARD_ERRORS = /^(card_declined|expired_card|incorrect_(cvc|number|zip)|invalid_(cvc|expiry_month|expiry_year|number)|processing_error|authentication_required)$/;
/** Intent states that end a submit successfully (requires_capture: manual capture; processing: async methods). */
const DONE = /^(succeeded|requires_capture|processing)$/;
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
    if (!existing) registry.define(tag, this);
    else if (existing != this) console.warn(`<${tag}> already defined by another copy; keeping it`);
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
    _error: { attribute: false },
    _message: { attribute: false },
    _cards: { attribute: false },
    _selected: { attribute: false },
    _change: { attribute: false },
    _focused: { attribute: false },
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

  /** idle (not started) → loading → ready; failed: bad publishable key or Stripe.js didn't load (submit/reset retry). */
  private _phase: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  private _busy = false;
  private _error = '';
  private _message = '';
  private _cards: SavedCard[] = [];
  /** The chosen saved card's id, or NEW_CARD. */
  private _selected = NEW_CARD;
  /** Stripe's last change event for the card: complete, empty, brand, error all derive from it. */
  private _change: StripeCardElementChangeEvent | undefined;
  private _focused = false;

  private readonly _internals = this.attachInternals();
  private readonly _mount = new CardMount(this);
  private _stripe: Stripe | undefined;
  private _card: StripeCardElement | undefined;
  private _applied: StripeCardElementOptions = {};
  /** Bumped on every (re)start and teardown: async work from an older generation is ignored. */
  private _generation = 0;
  private _abort: AbortController | undefined;
  /** The succeeded intent id (our form value). */
  private _done: string | undefined;
  private _changeSignature = '';
  private _form: HTMLFormElement | null = null;
  /** Set (to the submitter, or null) while a payment runs because the surrounding form was submitted. */
  private _trigger: HTMLElement | null | undefined;

  // ----- lifecycle -----------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this._bindForm();
    // Start after the first render so the mount area exists.
    void this.updateComplete.then(() => this.isConnected && this._start());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._bindForm(null);
    this._teardown();
  }

  protected override willUpdate(changed: PropertyValues): void {
    for (const problem of checkEnums(this, changed)) this._problem(problem);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    if (this._phase != 'idle' && (['publishableKey', 'stripe', 'locale'] as const).some((key) => changed.get(key) !== undefined)) return this._restart();
    if (changed.get('savedCardsUrl') !== undefined) void this._loadCards();
    if (changed.has('paymentMethod')) this._selected = this._defaultSelection();
    // Cheap and idempotent, so they run on every update instead of naming the state they depend on
    // (private names are shortened in the script-tag build, so `changed.has('_busy')` would never match).
    this._applyCardOptions();
    this._updateValidity();
    this._mount.refresh();
  }

  /** Loads Stripe (if needed), mounts the card, fetches saved cards. */
  private _start(): void {
    const generation = ++this._generation;
    this._mount.attach(this.renderRoot.querySelector('.mount-area')!);
    if (this.savedCardsUrl) void this._loadCards();
    void this._mountCard(generation);
  }

  /** Unmounts and destroys the card, cancels in-flight requests. Safe to call twice. */
  private _teardown(): void {
    this._generation++;
    this._abort?.abort();
    this._busy = false;
    this._card?.destroy();
    this._card = undefined;
    this._mount.node.replaceChildren();
    this._mount.detach();
    if (this._phase != 'failed') this._phase = 'idle';
  }

  private _restart(): void {
    this._teardown();
    this._start();
  }

  private async _mountCard(generation: number): Promise<void> {
    const problem = this.stripe ? undefined : checkPublishableKey(this.publishableKey, location.protocol);
    if (problem) {
      this._phase = 'failed';
      return this._problem(problem);
    }
    this._phase = 'loading';
    let stage: 'load' | 'stripe' = 'load';
    try {
      const stripe = this.stripe ?? await getStripe(this.publishableKey!, this.locale, StripeSaveCard.loadTimeout);
      if (generation != this._generation) return;
      this._stripe = stripe;
      stage = 'stripe';
      const own = this.cardOptions;
      const disabled = this._cardDisabled;
      // Stripe's iframe can't see our CSS: the theme's custom properties go in as the Card Element's style.
      const card = this._card = stripe.elements(this.locale ? { locale: this.locale as never } : undefined)
        .create('card', { ...own, style: { ...cardStyleFromHost(this), ...own.style }, disabled });
      this._applied = { ...own, disabled };
      card.on('change', (event) => this._onCardChange(event));
      card.on('focus', () => { this._focused = true; });
      card.on('blur', () => { this._focused = false; });
      card.on('ready', () => {
        if (generation != this._generation) return;
        this._phase = 'ready';
        this._updateValidity();
        emit(this, 'ssc-ready', {});
      });
      card.mount(this._mount.node);
    } catch (error) {
      if (generation != this._generation) return;
      this._phase = 'failed';
      this._end('ssc-error', { stage, message: messageOf(error) });
    }
  }

  /** Applies changed options (Stripe re-renders the iframe on every update call, so only when something changed). */
  private _applyCardOptions(): void {
    const next: StripeCardElementOptions = { ...this.cardOptions, disabled: this._cardDisabled };
    const previous = this._applied;
    if (!this._card || JSON.stringify(next) == JSON.stringify(previous)) return;
    // `value` only seeds the field: once applied, updating it again would wipe what the customer typed.
    const { value: _value, ...rest } = next;
    this._card.update(previous.value === undefined ? next : rest);
    this._applied = next;
  }

  private get _isDisabled(): boolean {
    return this.disabled || this.matches(':disabled');
  }

  private get _cardDisabled(): boolean {
    return this._isDisabled || this._busy || this.cardOptions.disabled === true;
  }

  private _part(name: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[part=${name}]`);
  }

  // ----- saved cards ------------------------------------------------------------------------------------------

  private async _loadCards(): Promise<void> {
    const generation = this._generation;
    try {
      const cards = await callBackend(this.savedCardsUrl!, undefined, '{cards}', (data) => (Array.isArray(data.cards) ? data.cards as Array<Partial<SavedCard> | null> : undefined), StripeSaveCard.backendTimeout);
      if (generation != this._generation) return;
      this._cards = cards.filter((card): card is SavedCard => typeof card?.id == 'string' && typeof card.last4 == 'string');
      this._selected = this._defaultSelection();
    } catch (error) {
      if (generation == this._generation) this._end('ssc-error', { stage: 'backend', message: messageOf(error), status: (error as BackendError).status });
    }
  }

  /** `payment-method` if given (and listed, when there is a list), else the first saved card, else a new card. */
  private _defaultSelection(): string {
    const { paymentMethod, _cards: cards } = this;
    return paymentMethod && (!cards.length || cards.some((card) => card.id == paymentMethod)) ? paymentMethod : cards[0]?.id ?? NEW_CARD;
  }

  // ----- user input ---------------------------------------------------------------------------------------------

  private _onCardChange(event: StripeCardElementChangeEvent): void {
    // A card message is cleared when the card is fixed; a message from elsewhere (a decline) stays.
    const previous = this._change?.error?.message;
    this._change = event;
    if (event.error) this._error = event.error.message;
    else if (this._error == previous) this._error = '';
    this._emitChange();
  }

  private _emitChange(): void {
    const change = this._change;
    const detail = { complete: !!change?.complete, empty: change?.empty ?? true, brand: change?.brand ?? 'unknown', error: change?.error && { code: change.error.code, message: change.error.message }, save: this.save };
    // Stripe may repeat a change event with nothing new (e.g. around update()); tell listeners only about real edits.
    const signature = JSON.stringify(detail);
    if (signature != this._changeSignature) emit(this, 'ssc-change', detail);
    this._changeSignature = signature;
  }

  private _onSaveToggle(event: Event): void {
    this.save = (event.target as HTMLInputElement).checked;
    this._emitChange();
  }

  private _onCardChoice(event: Event): void {
    this._selected = (event.target as HTMLInputElement).value;
    this._error = '';
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

  private _bindForm(form = this._internals.form): void {
    if (form == this._form) return;
    this._form?.removeEventListener('submit', this._onOuterSubmit);
    (this._form = form)?.addEventListener('submit', this._onOuterSubmit);
  }

  private readonly _onOuterSubmit = (event: SubmitEvent): void => {
    if (this._done) return; // paid already: let the form go
    event.preventDefault();
    this._trigger = event.submitter;
    void this.submit().finally(() => { this._trigger = undefined; });
  };

  formAssociatedCallback(): void {
    this._bindForm();
  }

  formResetCallback(): void {
    this.reset();
  }

  /** A disabled ancestor fieldset: `:disabled` (read in _isDisabled) already says so; re-render with it. */
  formDisabledCallback(): void {
    this.requestUpdate();
  }

  /** Why the new card can't be used yet: Stripe's message, or empty/incomplete. */
  private get _cardProblem(): string {
    return this._change?.error?.message ?? (this._change?.empty === false ? 'Your card details are incomplete.' : 'Enter your card details.');
  }

  private _updateValidity(): void {
    if (this._done || this._selected != NEW_CARD || this._change?.complete || this.paymentMethod) this._internals.setValidity({});
    else this._internals.setValidity(this._change?.error ? { customError: true } : { valueMissing: true }, this._cardProblem, this._part('button') ?? undefined);
  }

  /** The form value: the succeeded intent id (null before success). */
  get value(): string | null {
    return this._done ?? null;
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
    if (this._selected != NEW_CARD) this.renderRoot.querySelector<HTMLElement>(':checked')?.focus(options);
    else if (this._card) this._card.focus();
    else super.focus(options);
  }

  /** Clears the card, the error and the result; retries Stripe.js when it failed to load. */
  reset(): void {
    this._abort?.abort();
    this._show('', '');
    this._done = this._trigger = this._change = undefined;
    this._internals.setFormValue(null);
    this.save = this.hasAttribute('save');
    this._changeSignature = '';
    this._selected = this._defaultSelection();
    this._card?.clear();
    if (this.isConnected && this._phase == 'failed') this._restart();
    this._updateValidity();
  }

  /**
   * Pays (or saves the card in setup mode). Resolves when the attempt is over; the outcome is reported by events.
   * A call while a previous one is still running does nothing. The flows are closures over this one attempt:
   * `live()` turns false once the element is reset, moved or disconnected, and a stale attempt stops reporting.
   */
  async submit(): Promise<void> {
    if (this._busy || this._isDisabled) return;
    // The load failed earlier: this submit retries it (the customer can pay once the card shows up).
    if (this._phase == 'failed') return this._restart();
    const stripe = this._stripe;
    const card = this._card!;
    if (this._phase != 'ready' || !stripe) return;
    const mode = this.mode;
    const server = this.confirm == 'server' && mode == 'payment' && !this.clientSecret;
    const problem = checkEnums(this)[0] ?? checkSubmitSetup(server, this);
    if (problem) return this._problem(problem);
    const saved = this._selected != NEW_CARD ? this._selected : undefined;
    if (!saved && !this._change?.complete) {
      return this._end('ssc-error', { stage: 'validation', message: this._cardProblem, code: this._change?.error?.code ?? 'incomplete_card' }, 'card');
    }
    // Whether this submit saves the card: toggle on (payment) or always (setup); never when reusing a saved card.
    const save = !saved && (mode == 'setup' || this.save);
    if (!emit(this, 'ssc-submit', { mode, save }, true)) return;

    const generation = this._generation;
    const abort = this._abort = new AbortController();
    const live = () => generation == this._generation && !abort.signal.aborted;
    this._show('', mode == 'setup' ? 'Saving your card…' : 'Processing your payment…');
    this._busy = true;

    const succeeded = (intentId: string, status: string, paymentMethodId: string) => {
      this._done = intentId;
      this._internals.setFormValue(intentId);
      this._internals.setValidity({});
      this._show('', mode == 'setup' ? 'Your card was saved.' : 'Payment succeeded.');
      emit(this, 'ssc-succeeded', { intentId, status, paymentMethodId, saved: save, mode });
      // Paid because the surrounding form was submitted: now submit it for real (our value is set, so the
      // submit listener lets it through).
      const { form } = this._internals;
      const trigger = this._trigger;
      this._trigger = undefined;
      if (form && trigger !== undefined) form.requestSubmit(trigger?.isConnected && form.contains(trigger) ? trigger : null);
    };

    /** A Stripe.js error result: declines become ssc-declined, the rest ssc-error. */
    const stripeError = (error: StripeError) => (error.type == 'card_error' || CARD_ERRORS.test(error.code ?? '')
      ? this._declined(error.payment_intent?.id ?? error.setup_intent?.id, error)
      : this._end('ssc-error', { stage: error.type == 'validation_error' ? 'validation' : 'stripe', message: error.message ?? `Stripe error ${error.type}`, code: error.code }, 'error'));

    /**
     * POSTs to the backend and returns what `pick` finds in its answer. A non-2xx answer is a decline when the
     * backend says so (402 or a card error code), anything else an ssc-error naming the URL; then undefined.
     */
    const post = async <T>(url: string, body: Json, shape: string, pick: (data: Json) => T | undefined): Promise<T | undefined> => {
      try {
        const picked = await callBackend(url, { ...body, ...this.intentBody }, shape, pick, StripeSaveCard.backendTimeout, abort.signal);
        if (live()) return picked;
      } catch (caught) {
        if (!live()) return;
        const { status, code, data, message } = caught as BackendError;
        const error = errorOf(data ?? {});
        const declineCode = str(error.declineCode) ?? str(error.decline_code);
        if (data && status! > 299 && (status == 402 || CARD_ERRORS.test(code ?? '') || declineCode)) {
          return this._declined(str(error.intentId) ?? str(error.paymentIntentId), { code, message: str(error.message), decline_code: declineCode });
        }
        this._end('ssc-error', { stage: 'backend', message, status, code }, 'error');
      }
    };

    /**
     * 3D Secure: ssc-action-required, then Stripe's own challenge through handleNextAction. Resolves to the intent
     * id when the customer passed, undefined when it failed (already reported).
     */
    const authenticate = async (secret: string, intentId: string, type?: string): Promise<string | undefined> => {
      // Server flow: the backend didn't tell us the action type; read it from the intent itself.
      type ||= (await stripe.retrievePaymentIntent(secret).catch(() => undefined))?.paymentIntent?.next_action?.type ?? 'use_stripe_sdk';
      emit(this, 'ssc-action-required', { intentId, type });
      this._message = 'Waiting for your bank…';
      const result = await stripe.handleNextAction({ clientSecret: secret });
      if (!live()) return;
      const intent = intentOf(result);
      const unpaid = intent?.status == 'requires_payment_method';
      const failed = result.error ?? (unpaid ? lastErrorOf(intent) : undefined);
      if (!failed && !unpaid) {
        emit(this, 'ssc-authenticated', { intentId });
        return intentId;
      }
      // A card_error other than the authentication failure means the customer passed 3DS and the issuer then
      // declined (e.g. 4000 0082 6000 3178): authenticated, then declined.
      if (failed?.type == 'card_error' && failed.code && !/authentication_failure$/.test(failed.code)) {
        emit(this, 'ssc-authenticated', { intentId });
        return this._declined(intentId, failed);
      }
      this._end('ssc-authentication-failed', {
        intentId,
        code: failed?.code ?? `${mode}_intent_authentication_failure`,
        message: failed?.message ?? 'We could not authenticate your card.',
      }, 'card');
    };

    try {
      if (server) {
        // Backend confirms (the "without webhooks" flow): createPaymentMethod, POST confirm-url, 3DS, POST again.
        const url = this.confirmUrl!;
        let paymentMethodId = saved;
        if (!paymentMethodId) {
          const created = await stripe.createPaymentMethod({ type: 'card', card });
          if (!live()) return;
          if (created.error) return stripeError(created.error);
          paymentMethodId = created.paymentMethod.id;
        }
        let body: Json = { paymentMethodId, save };
        // Each round: the backend confirmed; if 3DS is needed we run it and ask the backend to confirm again.
        for (let round = 0; round < 4; round++) {
          const data = await post(url, body, '{status: succeeded|requires_action, clientSecret}',
            (data) => (DONE.test(str(data.status)!) || (data.status == 'requires_action' && secretOf(data)) ? data : undefined));
          if (!data) return;
          const status = data.status as string;
          const intentId = str(data.intentId) ?? str(data.id) ?? '';
          if (DONE.test(status)) return succeeded(intentId, status, paymentMethodId);
          const authenticated = await authenticate(secretOf(data)!, intentId);
          if (!authenticated) return;
          body = { paymentIntentId: authenticated };
        }
        return this._end('ssc-error', { stage: 'backend', message: expected(url, 'a final status', '"requires_action" 4 times') }, 'error');
      }
      // Browser confirms: secret from the page or the backend, then confirmCard{Payment,Setup} without auto-actions.
      const secret = this.clientSecret ?? await post(this.intentUrl!, { save, mode, paymentMethodId: saved }, '{clientSecret}', secretOf);
      if (!secret || !live()) return;
      const payment_method = saved ?? { card };
      const result = mode == 'setup'
        ? await stripe.confirmCardSetup(secret, { payment_method }, { handleActions: false })
        : await stripe.confirmCardPayment(secret, save ? { payment_method, setup_future_usage: this.saveUsage } : { payment_method }, { handleActions: false });
      if (!live()) return;
      if (result.error) return stripeError(result.error);
      let intent = intentOf(result)!;
      if (intent.status == 'requires_action') {
        if (!await authenticate(secret, intent.id, intent.next_action?.type)) return;
        intent = intentOf(await (mode == 'setup' ? stripe.retrieveSetupIntent(secret) : stripe.retrievePaymentIntent(secret))) ?? intent;
        if (!live()) return;
      }
      const { id, status, payment_method: pm } = intent;
      if (DONE.test(status)) return succeeded(id, status, typeof pm == 'string' ? pm : pm?.id ?? saved ?? '');
      const lastError = lastErrorOf(intent);
      if (status == 'requires_payment_method' && lastError) return this._declined(id, lastError);
      this._end('ssc-error', { stage: 'stripe', message: expected(`The ${mode}`, 'status succeeded', `"${status}"`), code: status }, 'error');
    } finally {
      if (generation == this._generation) {
        this._busy = false;
        this._abort = undefined;
      }
    }
  }

  // ----- outcomes -------------------------------------------------------------------------------------------------

  /** Ends the busy state and shows an error and a status line (either may be empty). */
  private _show(error: string, message: string): void {
    this._busy = false;
    this._error = error;
    this._message = message;
  }

  /**
   * Every outcome but success ends here: the message shows (the attempt is over before anyone hears about it, so
   * listeners get a usable form), the event fires, and focus goes where the customer acts next: the card to fix
   * it ('card', or the error line when paying with a saved card), the error line so it is read out ('error'), or
   * nowhere for problems found in the background.
   */
  private _end<K extends Failure>(type: K, detail: SscEventDetail<K> & { message: string }, focus?: 'card' | 'error'): undefined {
    this._show(detail.message, '');
    emit(this, type, detail);
    if (focus == 'card' && this._selected == NEW_CARD) this._card?.focus();
    else if (focus) void this.updateComplete.then(() => this._part('error')?.focus());
  }

  private _declined(intentId: string | undefined, error: { code?: string | null; message?: string | null; decline_code?: string | null }): undefined {
    return this._end('ssc-declined', { intentId, code: error.code ?? 'card_declined', declineCode: error.decline_code ?? undefined, message: error.message ?? 'Your card was declined.' }, 'card');
  }

  private _problem(problem: ConfigProblem): void {
    console.error(problem.message);
    this._end('ssc-error', { stage: 'validation', message: problem.message, code: `invalid_${problem.attribute.replace(/-/g, '_')}` });
  }

  // ----- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const usingSaved = this._selected != NEW_CARD;
    const setup = this.mode == 'setup';
    const showSave = !setup && !this.hideSave && !usingSaved;
    const saving = setup ? !usingSaved : showSave && this.save;
    const locked = this._isDisabled || this._busy;
    const amount = formatAmount(this.amount, this.currency, this.locale);
    const submitLabel = setup ? 'Save card' : amount ? `Pay ${amount}` : 'Pay';
    const choice = (id: string, label: string) => html`
      <label>
        <input type="radio" name="ssc-card-choice" .value=${id} .checked=${this._selected == id} @change=${this._onCardChoice} />
        <span>${label}</span>
      </label>`;
    // Separate templates and labels computed outside them: the build collapses whitespace one literal at a time and
    // stops at a backtick nested inside a template.
    const savedCards = this._cards.length ? html`
      <fieldset part="saved-cards" ?disabled=${locked}>
        <legend>Pay with</legend>
        ${this._cards.map((card) => choice(card.id, cardLabel(card)))}
        ${choice(NEW_CARD, 'Use a new card')}
      </fieldset>` : nothing;
    return html`
      <form part="form" novalidate aria-busy=${this._busy} @submit=${this._onInnerSubmit}>
        ${savedCards}
        <div part="card" class=${(this._focused ? 'focused ' : '') + (this._change?.error ? 'invalid' : '')} ?hidden=${usingSaved}>
          <div class="mount-area" role="group" aria-label="Card details"><slot name=${CardMount.slotName}></slot></div>
        </div>
        <label part="save" ?hidden=${!showSave}>
          <input type="checkbox" .checked=${this.save} ?disabled=${locked}
                 aria-describedby="disclosure" @change=${this._onSaveToggle} />
          <span><slot name="save-label">Save this card for future payments</slot></span>
        </label>
        <p part="disclosure" id="disclosure" ?hidden=${!(saving && this.saveUsage == 'off_session')}>
          <slot name="disclosure">By saving your card, you allow us to charge it for future payments in line with our terms.</slot>
        </p>
        <button part="button" type="submit" ?disabled=${locked || this._phase == 'loading' || this._phase == 'idle'}>
          <slot name="submit-label">${submitLabel}</slot>
        </button>
        <p part="message" role="status" aria-live="polite">${this._message}</p>
        <p part="error" role="alert" aria-live="assertive" tabindex="-1">${this._error}</p>
      </form>
    `;
  }
}

/** The client secret in a backend answer (`clientSecret`, or `client_secret` as Stripe's own objects spell it). */
function secretOf(data: Json): string | undefined {
  const secret = str(data.clientSecret ?? data.client_secret);
  return secret?.includes('_secret_') ? secret : undefined;
}

/** The intent in a Stripe.js result, whichever kind it is. */
function intentOf(result: { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent }): Intent | undefined {
  return result.paymentIntent ?? result.setupIntent;
}

/** Why the last confirmation failed (`last_payment_error` or `last_setup_error`), if it did. */
function lastErrorOf(intent: Intent | undefined): PaymentIntent.LastPaymentError | SetupIntent.LastSetupError | undefined {
  return (intent as PaymentIntent | undefined)?.last_payment_error ?? (intent as SetupIntent | undefined)?.last_setup_error ?? undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'stripe-save-card': StripeSaveCard;
  }
}
