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
    phase: { state: true },
    busy: { state: true },
    errorText: { state: true },
    messageText: { state: true },
    savedCards: { state: true },
    selectedCard: { state: true },
    cardState: { state: true },
    formDisabled: { state: true },
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

  private phase: Phase = 'idle';
  private busy = false;
  private errorText = '';
  private messageText = '';
  private savedCards: SavedCard[] = [];
  private selectedCard: string = NEW_CARD;
  private cardState = { complete: false, empty: true, brand: 'unknown', focused: false, invalid: false };
  private formDisabled = false;

  private readonly internals: ElementInternals;
  private readonly mount = new CardMount(this);
  private stripeInstance: Stripe | undefined;
  private card: StripeCardElement | undefined;
  private appliedCardOptions: StripeCardElementOptions = {};
  /** Bumped on every (re)start and teardown: async work from an older generation is ignored. */
  private generation = 0;
  private abort: AbortController | undefined;
  private succeededIntentId: string | undefined;
  private cardError: { code: string; message: string } | undefined;
  private boundForm: HTMLFormElement | null = null;
  /** Set while a payment runs because the surrounding form was submitted. */
  private formTrigger: { submitter: HTMLElement | null } | undefined;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  // ----- lifecycle -----------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.bindForm();
    // Start after the first render so the mount area exists.
    void this.updateComplete.then(() => { if (this.isConnected) this.start(); });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unbindForm();
    this.teardown();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('mode') || changed.has('confirm') || changed.has('saveUsage')) {
      const problems = checkEnums({ mode: this.mode, confirm: this.confirm, saveUsage: this.saveUsage })
        .filter((p) => changed.has(p.attribute === 'save-usage' ? 'saveUsage' : p.attribute));
      for (const problem of problems) this.reportProblem(problem);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.isConnected) return;
    const restartKeys = ['publishableKey', 'stripe', 'locale'] as const;
    if (this.phase !== 'idle' && restartKeys.some((key) => changed.has(key) && changed.get(key) !== undefined)) {
      this.teardown();
      this.start();
      return;
    }
    if (changed.has('savedCardsUrl') && changed.get('savedCardsUrl') !== undefined) void this.loadSavedCards(this.generation);
    if (changed.has('cardOptions') || changed.has('disabled') || changed.has('formDisabled') || changed.has('busy')) this.applyCardOptions();
    if (changed.has('paymentMethod')) this.selectedCard = this.defaultSelection();
    if (changed.has('selectedCard') || changed.has('cardState') || changed.has('paymentMethod')) this.updateValidity();
    this.mount.refresh();
  }

  /** Loads Stripe (if needed), mounts the card, fetches saved cards. */
  private start(): void {
    const generation = ++this.generation;
    this.mount.attach(this.mountArea());
    if (this.savedCardsUrl) void this.loadSavedCards(generation);
    void this.mountCard(generation);
  }

  /** Unmounts and destroys the card, cancels in-flight requests. Safe to call twice. */
  private teardown(): void {
    this.generation++;
    this.abort?.abort();
    this.abort = undefined;
    this.busy = false;
    if (this.card) {
      this.card.destroy();
      this.card = undefined;
    }
    this.mount.node.replaceChildren();
    this.mount.detach();
    if (this.phase !== 'invalid') this.phase = 'idle';
  }

  private mountArea(): HTMLElement {
    return this.renderRoot.querySelector('.mount-area') as HTMLElement;
  }

  private async mountCard(generation: number): Promise<void> {
    const stripe = this.stripe;
    if (!stripe) {
      const problem = checkPublishableKey(this.publishableKey, location.protocol);
      if (problem) {
        this.phase = 'invalid';
        this.reportProblem(problem);
        return;
      }
    }
    this.phase = 'loading';
    let instance: Stripe;
    try {
      instance = stripe ?? await getStripe(this.publishableKey!, this.locale, StripeSaveCard.loadTimeout);
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = 'load-failed';
      this.fail('load', error instanceof Error ? error.message : String(error));
      return;
    }
    if (generation !== this.generation) return;
    this.stripeInstance = instance;
    const options = this.cardCreateOptions();
    let card: StripeCardElement;
    try {
      const elements = instance.elements(this.locale ? { locale: this.locale as never } : undefined);
      card = elements.create('card', options);
      this.appliedCardOptions = { ...this.cardOptions };
      card.on('change', (event) => this.onCardChange(event));
      card.on('focus', () => { this.cardState = { ...this.cardState, focused: true }; });
      card.on('blur', () => { this.cardState = { ...this.cardState, focused: false }; });
      card.on('ready', () => {
        if (generation !== this.generation) return;
        this.phase = 'ready';
        this.updateValidity();
        emit(this, 'ssc-ready', {});
      });
      card.mount(this.mount.node);
    } catch (error) {
      this.phase = 'load-failed';
      this.fail('stripe', `The card field could not be mounted: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.card = card;
  }

  private cardCreateOptions(): StripeCardElementOptions {
    const themed = cardStyleFromHost(this);
    const own = this.cardOptions ?? {};
    return {
      ...own,
      style: { ...themed, ...(own.style ?? {}) },
      disabled: this.isDisabled || own.disabled === true,
    };
  }

  /** Applies only what changed (Stripe re-renders the iframe on every update call). */
  private applyCardOptions(): void {
    if (!this.card) return;
    const next: Record<string, unknown> = { ...this.cardOptions, disabled: this.isDisabled || this.busy || this.cardOptions?.disabled === true };
    const previous: Record<string, unknown> = { ...this.appliedCardOptions };
    const diff: Record<string, unknown> = {};
    for (const key of Object.keys(next)) {
      if (key === 'value' && previous[key] !== undefined) continue; // `value` only seeds the field; updating it would wipe input
      if (JSON.stringify(next[key]) !== JSON.stringify(previous[key])) diff[key] = next[key];
    }
    if (Object.keys(diff).length === 0) return;
    this.card.update(diff as StripeCardElementOptions);
    this.appliedCardOptions = next as StripeCardElementOptions;
  }

  private get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  // ----- saved cards ------------------------------------------------------------------------------------------

  private async loadSavedCards(generation: number): Promise<void> {
    const url = this.savedCardsUrl;
    if (!url) return;
    try {
      const answer = await requestJson('GET', url, undefined, { timeoutMs: StripeSaveCard.backendTimeout });
      if (!answer.ok) throw new BackendError(`The payment server answered ${answer.status} from ${url}: ${readErrorMessage(answer.data) ?? 'no message'}`, url, answer.status);
      const cards = answer.data?.cards;
      if (!Array.isArray(cards)) throw new BackendError(`Expected JSON with cards from ${url}, got keys ${Object.keys(answer.data ?? {}).join(', ') || 'none'}`, url, answer.status);
      if (generation !== this.generation) return;
      this.savedCards = cards.filter(isSavedCard);
      this.selectedCard = this.defaultSelection();
    } catch (error) {
      if (generation !== this.generation) return;
      const backend = error instanceof BackendError ? error : undefined;
      this.fail('backend', error instanceof Error ? error.message : String(error), { status: backend?.status }, false);
    }
  }

  /** `payment-method` if given (and listed, when there is a list), else the first saved card, else a new card. */
  private defaultSelection(): string {
    if (this.paymentMethod && (!this.savedCards.length || this.savedCards.some((c) => c.id === this.paymentMethod))) return this.paymentMethod;
    return this.savedCards[0]?.id ?? NEW_CARD;
  }

  private get usingSavedCard(): boolean {
    return this.selectedCard !== NEW_CARD;
  }

  // ----- user input ---------------------------------------------------------------------------------------------

  private onCardChange(event: StripeCardElementChangeEvent): void {
    this.cardError = event.error ? { code: event.error.code, message: event.error.message } : undefined;
    this.cardState = { ...this.cardState, complete: event.complete, empty: event.empty, brand: event.brand, invalid: !!event.error };
    if (event.error) this.errorText = event.error.message;
    else if (this.errorText && this.errorText === this.lastCardMessage) this.errorText = '';
    this.lastCardMessage = event.error?.message;
    this.emitChange();
  }

  private lastCardMessage: string | undefined;

  private emitChange(): void {
    const detail: SscEventDetail<'ssc-change'> = {
      complete: this.cardState.complete,
      empty: this.cardState.empty,
      brand: this.cardState.brand,
      save: this.save,
    };
    if (this.cardError) detail.error = { ...this.cardError };
    // Stripe may repeat a change event with nothing new (e.g. around update()); tell listeners only about real edits.
    const signature = JSON.stringify(detail);
    if (signature === this.lastChangeSignature) return;
    this.lastChangeSignature = signature;
    emit(this, 'ssc-change', detail);
  }

  private lastChangeSignature = '';

  private onSaveToggle(event: Event): void {
    this.save = (event.target as HTMLInputElement).checked;
    this.emitChange();
  }

  private onCardChoice(event: Event): void {
    this.selectedCard = (event.target as HTMLInputElement).value;
    this.errorText = '';
  }

  /** Our inner form: the button and Enter in our own controls land here. */
  private onInnerSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  // ----- form association -------------------------------------------------------------------------------------
  //
  // Enter in the surrounding form (or its own submit button) must pay, not navigate. We listen to the outer form's
  // submit event: while no payment has succeeded we cancel it and pay instead; after success we set our form value
  // (the intent id) and submit the form for real with the same submitter, so the merchant's form posts as usual.

  private bindForm(): void {
    const form = this.internals.form;
    if (form === this.boundForm) return;
    this.unbindForm();
    this.boundForm = form;
    form?.addEventListener('submit', this.onOuterSubmit);
  }

  private unbindForm(): void {
    this.boundForm?.removeEventListener('submit', this.onOuterSubmit);
    this.boundForm = null;
  }

  private readonly onOuterSubmit = (event: SubmitEvent): void => {
    if (this.succeededIntentId) return; // paid already: let the form go
    event.preventDefault();
    this.formTrigger = { submitter: event.submitter };
    void this.submit().finally(() => { this.formTrigger = undefined; });
  };

  formAssociatedCallback(): void {
    this.bindForm();
  }

  formResetCallback(): void {
    this.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  private updateValidity(): void {
    if (this.succeededIntentId || this.usingSavedCard || this.cardState.complete || this.paymentMethod) {
      this.internals.setValidity({});
      return;
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('[part="button"]') ?? undefined;
    if (this.cardError) this.internals.setValidity({ customError: true }, this.cardError.message, anchor);
    else this.internals.setValidity({ valueMissing: true }, this.cardState.empty ? 'Enter your card details.' : 'Your card details are incomplete.', anchor);
  }

  /** The form value: the succeeded intent id (null before success). */
  get value(): string | null {
    return this.succeededIntentId ?? null;
  }

  get form(): HTMLFormElement | null { return this.internals.form; }
  get validity(): ValidityState { return this.internals.validity; }
  get validationMessage(): string { return this.internals.validationMessage; }
  get willValidate(): boolean { return this.internals.willValidate; }
  checkValidity(): boolean { return this.internals.checkValidity(); }
  reportValidity(): boolean { return this.internals.reportValidity(); }

  // ----- public methods ------------------------------------------------------------------------------------------

  /** Moves focus to the card field (or the selected saved card). */
  override focus(options?: FocusOptions): void {
    if (this.usingSavedCard) {
      this.renderRoot.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus(options);
    } else if (this.card) {
      this.card.focus();
    } else {
      super.focus(options);
    }
  }

  /** Clears the card, the error and the result; retries Stripe.js when it failed to load. */
  reset(): void {
    this.abort?.abort();
    this.busy = false;
    this.errorText = '';
    this.messageText = '';
    this.succeededIntentId = undefined;
    this.formTrigger = undefined;
    this.internals.setFormValue(null);
    this.save = this.hasAttribute('save');
    this.cardError = undefined;
    this.lastCardMessage = undefined;
    this.lastChangeSignature = '';
    this.cardState = { complete: false, empty: true, brand: 'unknown', focused: false, invalid: false };
    this.selectedCard = this.defaultSelection();
    this.card?.clear();
    if (this.isConnected && (this.phase === 'load-failed' || this.phase === 'invalid')) {
      this.teardown();
      this.start();
    }
    this.updateValidity();
  }

  /**
   * Pays (or saves the card in setup mode). Resolves when the attempt is over; the outcome is reported by events.
   * A call while a previous one is still running does nothing.
   */
  async submit(): Promise<void> {
    if (this.busy || this.isDisabled) return;
    if (this.phase === 'load-failed' || this.phase === 'invalid') {
      // The load failed earlier: this submit retries it (the customer can pay once the card shows up).
      this.teardown();
      this.start();
      return;
    }
    if (this.phase !== 'ready' || !this.stripeInstance) return;
    const enumProblem = checkEnums({ mode: this.mode, confirm: this.confirm, saveUsage: this.saveUsage })[0];
    const setupProblem = enumProblem ?? checkSubmitSetup({
      mode: this.mode, confirm: this.confirm, intentUrl: this.intentUrl, clientSecret: this.clientSecret, confirmUrl: this.confirmUrl,
    });
    if (setupProblem) {
      this.reportProblem(setupProblem);
      return;
    }
    const usingSaved = this.usingSavedCard;
    if (!usingSaved && !this.cardState.complete) {
      const message = this.cardError?.message ?? (this.cardState.empty ? 'Enter your card details.' : 'Your card details are incomplete.');
      this.fail('validation', message, { code: this.cardError?.code ?? 'incomplete_card' });
      this.card?.focus();
      return;
    }
    const save = this.effectiveSave(usingSaved);
    if (!emit(this, 'ssc-submit', { mode: this.mode, save }, true)) return;

    const generation = this.generation;
    this.busy = true;
    this.errorText = '';
    this.messageText = this.mode === 'setup' ? 'Saving your card…' : 'Processing your payment…';
    this.abort = new AbortController();
    const run = new Attempt(this, generation, this.abort.signal, save);
    try {
      if (this.confirm === 'server' && this.mode === 'payment' && !this.clientSecret) await run.serverFlow();
      else await run.clientFlow();
    } finally {
      if (generation === this.generation) {
        this.busy = false;
        this.abort = undefined;
      }
    }
  }

  /** Whether this submit saves the card: toggle on (payment) or always (setup); never when reusing a saved card. */
  private effectiveSave(usingSaved: boolean): boolean {
    if (usingSaved) return false;
    return this.mode === 'setup' ? true : this.save;
  }

  // ----- helpers used by Attempt ----------------------------------------------------------------------------------

  /** @internal */
  get activeStripe(): Stripe {
    return this.stripeInstance!;
  }

  /** @internal */
  get activeCard(): StripeCardElement | undefined {
    return this.card;
  }

  /** @internal the PaymentMethod to confirm with when not entering a new card */
  get chosenPaymentMethod(): string | undefined {
    return this.usingSavedCard ? this.selectedCard : undefined;
  }

  /** @internal */
  dispatch<K extends SscEventName>(type: K, detail: SscEventDetail<K>): void {
    emit(this, type, detail);
  }

  /** @internal Shows the message, emits ssc-error, and moves focus to the error so it is read out. */
  fail(stage: SscErrorStage, message: string, extra: { status?: number; code?: string } = {}, moveFocus = true): void {
    // The attempt is over before anyone hears about it: listeners get a usable form.
    this.busy = false;
    this.errorText = message;
    this.messageText = '';
    const detail: SscEventDetail<'ssc-error'> = { stage, message };
    if (extra.status !== undefined) detail.status = extra.status;
    if (extra.code !== undefined) detail.code = extra.code;
    emit(this, 'ssc-error', detail);
    if (moveFocus && stage !== 'load') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus());
  }

  /** @internal Shows a message the customer must act on (focus back on the card so they can fix it). */
  showError(message: string): void {
    this.busy = false;
    this.errorText = message;
    this.messageText = '';
    if (this.usingSavedCard) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus());
    else this.card?.focus();
  }

  /** @internal A decline: message shown, card stays mounted and editable, focus back on the card. */
  declined(detail: SscEventDetail<'ssc-declined'>): void {
    this.busy = false;
    emit(this, 'ssc-declined', detail);
    this.showError(detail.message);
  }

  /** @internal */
  succeeded(detail: SscEventDetail<'ssc-succeeded'>): void {
    this.busy = false;
    this.succeededIntentId = detail.intentId;
    this.internals.setFormValue(detail.intentId);
    this.internals.setValidity({});
    this.errorText = '';
    this.messageText = detail.mode === 'setup' ? 'Your card was saved.' : 'Payment succeeded.';
    emit(this, 'ssc-succeeded', detail);
    // Paid because the surrounding form was submitted: now submit it for real (our value is set, so the
    // submit listener lets it through).
    const form = this.internals.form;
    const trigger = this.formTrigger;
    this.formTrigger = undefined;
    if (form && trigger) {
      const submitter = trigger.submitter;
      form.requestSubmit(submitter && submitter.isConnected && form.contains(submitter) ? submitter : null);
    }
  }

  /** @internal */
  setMessage(text: string): void {
    this.messageText = text;
  }

  /** @internal */
  backendBody(extra: Record<string, unknown>): Record<string, unknown> {
    return { ...extra, ...(this.intentBody ?? {}) };
  }

  /** @internal */
  get config(): { mode: Mode; saveUsage: SaveUsage; intentUrl?: string; clientSecret?: string; confirmUrl?: string } {
    return { mode: this.mode, saveUsage: this.saveUsage, intentUrl: this.intentUrl, clientSecret: this.clientSecret, confirmUrl: this.confirmUrl };
  }

  /** @internal */
  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }

  private reportProblem(problem: ConfigProblem): void {
    console.error(problem.message);
    this.fail('validation', problem.message, { code: `invalid_${problem.attribute.replace(/-/g, '_')}` }, false);
  }

  // ----- rendering ----------------------------------------------------------------------------------------------

  private submitLabel(): string {
    if (this.mode === 'setup') return 'Save card';
    const formatted = formatAmount(this.amount, this.currency, this.locale);
    return formatted ? `Pay ${formatted}` : 'Pay';
  }

  protected override render(): TemplateResult {
    const usingSaved = this.usingSavedCard;
    const showSave = this.mode === 'payment' && !this.hideSave && !usingSaved;
    const saving = this.mode === 'setup' ? !usingSaved : showSave && this.save;
    const showDisclosure = saving && this.saveUsage === 'off_session';
    const disabled = this.isDisabled;
    const cardClasses = [this.cardState.focused ? 'focused' : '', this.cardState.invalid ? 'invalid' : ''].join(' ').trim();
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.onInnerSubmit}>
        ${this.savedCards.length ? this.renderSavedCards(disabled) : nothing}
        <div part="card" class=${cardClasses} ?hidden=${usingSaved}>
          <div class="mount-area" role="group" aria-label="Card details"><slot name=${CardMount.slotName}></slot></div>
        </div>
        <label part="save" ?hidden=${!showSave}>
          <input type="checkbox" .checked=${this.save} ?disabled=${disabled || this.busy}
                 aria-describedby="disclosure" @change=${this.onSaveToggle} />
          <span><slot name="save-label">Save this card for future payments</slot></span>
        </label>
        <p part="disclosure" id="disclosure" ?hidden=${!showDisclosure}>
          <slot name="disclosure">By saving your card, you allow us to charge it for future payments in line with our terms.</slot>
        </p>
        <button part="button" type="submit" ?disabled=${disabled || this.busy || this.phase === 'loading' || this.phase === 'idle'}>
          <slot name="submit-label">${this.submitLabel()}</slot>
        </button>
        <p part="message" role="status" aria-live="polite">${this.messageText}</p>
        <p part="error" role="alert" aria-live="assertive" tabindex="-1">${this.errorText}</p>
      </form>
    `;
  }

  private renderSavedCards(disabled: boolean): TemplateResult {
    return html`
      <fieldset part="saved-cards" ?disabled=${disabled || this.busy}>
        <legend>Pay with</legend>
        ${this.savedCards.map((card) => html`
          <label>
            <input type="radio" name="ssc-card-choice" .value=${card.id} .checked=${this.selectedCard === card.id} @change=${this.onCardChoice} />
            <span>${brandName(card.brand)} ending in ${card.last4}, expires ${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)}</span>
          </label>`)}
        <label>
          <input type="radio" name="ssc-card-choice" .value=${NEW_CARD} .checked=${this.selectedCard === NEW_CARD} @change=${this.onCardChoice} />
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
    private readonly el: StripeSaveCard,
    private readonly generation: number,
    private readonly signal: AbortSignal,
    private readonly save: boolean,
  ) {}

  private get live(): boolean {
    return this.el.isCurrent(this.generation) && !this.signal.aborted;
  }

  private get mode(): Mode {
    return this.el.config.mode;
  }

  /** Browser confirms: secret from the page or the backend, then confirmCard{Payment,Setup} without auto-actions. */
  async clientFlow(): Promise<void> {
    const cfg = this.el.config;
    const secret = cfg.clientSecret ?? await this.createIntent(cfg.intentUrl!);
    if (!secret || !this.live) return;
    const stripe = this.el.activeStripe;
    const chosen = this.el.chosenPaymentMethod;
    const card = this.el.activeCard;
    const paymentMethod = chosen ?? (card ? { card } : undefined);
    if (!paymentMethod) return;
    let result: { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError };
    if (this.mode === 'setup') {
      result = await stripe.confirmCardSetup(secret, { payment_method: paymentMethod }, { handleActions: false });
    } else {
      const data: Parameters<Stripe['confirmCardPayment']>[1] = { payment_method: paymentMethod };
      if (this.save) data!.setup_future_usage = cfg.saveUsage;
      result = await stripe.confirmCardPayment(secret, data, { handleActions: false });
    }
    if (!this.live) return;
    await this.settle(result, secret, typeof chosen === 'string' ? chosen : undefined);
  }

  /** Backend confirms (the "without webhooks" flow): createPaymentMethod, POST confirm-url, 3DS, POST again. */
  async serverFlow(): Promise<void> {
    const cfg = this.el.config;
    const stripe = this.el.activeStripe;
    let paymentMethodId = this.el.chosenPaymentMethod;
    if (!paymentMethodId) {
      const card = this.el.activeCard;
      if (!card) return;
      const created = await stripe.createPaymentMethod({ type: 'card', card });
      if (!this.live) return;
      if (created.error) return this.stripeError(created.error);
      paymentMethodId = created.paymentMethod.id;
    }
    let answer = await this.post(cfg.confirmUrl!, { paymentMethodId, save: this.save });
    // Each round: the backend confirmed; if 3DS is needed we run it and ask the backend to confirm again.
    for (let round = 0; answer && this.live; round++) {
      const data = answer.data ?? {};
      if (!answer.ok) return this.serverError(answer, cfg.confirmUrl!);
      const status = typeof data.status === 'string' ? data.status : '';
      const intentId = typeof data.intentId === 'string' ? data.intentId : typeof data.id === 'string' ? data.id : '';
      if (status === 'succeeded' || status === 'requires_capture' || status === 'processing') {
        this.el.succeeded({ intentId, status, paymentMethodId, saved: this.save, mode: 'payment' });
        return;
      }
      if (status !== 'requires_action' || round >= 3) {
        this.el.fail('backend', `Expected status succeeded or requires_action from ${cfg.confirmUrl}, got ${status ? `"${status}"` : 'no status'}`, { status: answer.status });
        return;
      }
      const secret = typeof data.clientSecret === 'string' ? data.clientSecret : typeof data.client_secret === 'string' ? data.client_secret : '';
      if (!secret) {
        this.el.fail('backend', `Expected clientSecret with status requires_action from ${cfg.confirmUrl}, got keys ${Object.keys(data).join(', ')}`, { status: answer.status });
        return;
      }
      const authenticated = await this.authenticate(secret, intentId);
      if (!authenticated || !this.live) return;
      answer = await this.post(cfg.confirmUrl!, { paymentIntentId: authenticated });
    }
  }

  /** POST intent-url → client secret (or undefined after reporting the failure). */
  private async createIntent(url: string): Promise<string | undefined> {
    const body: Record<string, unknown> = { save: this.save, mode: this.mode };
    const chosen = this.el.chosenPaymentMethod;
    if (chosen) body.paymentMethodId = chosen;
    const answer = await this.post(url, body);
    if (!answer || !this.live) return undefined;
    if (!answer.ok) {
      this.serverError(answer, url);
      return undefined;
    }
    try {
      return readClientSecret(answer, url);
    } catch (error) {
      this.backendFailure(error);
      return undefined;
    }
  }

  private async post(url: string, body: Record<string, unknown>): Promise<JsonAnswer | undefined> {
    try {
      return await requestJson('POST', url, this.el.backendBody(body), { timeoutMs: StripeSaveCard.backendTimeout, signal: this.signal });
    } catch (error) {
      if (this.live) this.backendFailure(error);
      return undefined;
    }
  }

  private backendFailure(error: unknown): void {
    const backend = error instanceof BackendError ? error : undefined;
    this.el.fail('backend', error instanceof Error ? error.message : String(error), { status: backend?.status, code: backend?.code });
  }

  /** A JSON 4xx/5xx: a card decline when the backend says so (402 or a card error code), else a backend error. */
  private serverError(answer: JsonAnswer, url: string): void {
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
      this.el.declined(detail);
      return;
    }
    this.el.fail('backend', `The payment server answered ${answer.status} from ${url}${message ? `: ${message}` : ''}`, { status: answer.status, code });
  }

  /** After confirm: success, 3DS, decline or error. */
  private async settle(result: { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError }, secret: string, chosen: string | undefined): Promise<void> {
    if (result.error) return this.stripeError(result.error);
    let intent: Intent | undefined = result.paymentIntent ?? result.setupIntent;
    if (!intent) {
      this.el.fail('stripe', 'Stripe answered without an intent or an error');
      return;
    }
    if (intent.status === 'requires_action') {
      const ok = await this.authenticate(secret, intent.id, intent.next_action?.type);
      if (!ok || !this.live) return;
      const retrieved = this.mode === 'setup' ? await this.el.activeStripe.retrieveSetupIntent(secret) : await this.el.activeStripe.retrievePaymentIntent(secret);
      if (!this.live) return;
      const after = 'paymentIntent' in retrieved && retrieved.paymentIntent ? retrieved.paymentIntent : 'setupIntent' in retrieved ? retrieved.setupIntent : undefined;
      intent = after ?? intent;
    }
    this.finish(intent, chosen);
  }

  private finish(intent: Intent, chosen: string | undefined): void {
    const status = intent.status;
    if (status === 'succeeded' || status === 'requires_capture' || status === 'processing') {
      const pm = intent.payment_method;
      const paymentMethodId = typeof pm === 'string' ? pm : pm?.id ?? chosen ?? '';
      this.el.succeeded({ intentId: intent.id, status, paymentMethodId, saved: this.save, mode: this.mode });
      return;
    }
    const lastError = 'last_payment_error' in intent ? intent.last_payment_error : 'last_setup_error' in intent ? intent.last_setup_error : null;
    if (status === 'requires_payment_method' && lastError) {
      const detail: SscEventDetail<'ssc-declined'> = { intentId: intent.id, code: lastError.code ?? 'card_declined', message: lastError.message ?? 'Your card was declined.' };
      if (lastError.decline_code) detail.declineCode = lastError.decline_code;
      this.el.declined(detail);
      return;
    }
    this.el.fail('stripe', `The ${this.mode === 'setup' ? 'setup' : 'payment'} ended in status "${status}"`, { code: status });
  }

  /**
   * 3D Secure: ssc-action-required, then Stripe's own challenge through handleNextAction. Resolves to the intent
   * id when the customer passed, undefined when it failed (already reported).
   */
  private async authenticate(secret: string, intentId: string, type?: string): Promise<string | undefined> {
    let actionType = type;
    if (!actionType) {
      // Server flow: the backend didn't tell us the action type; read it from the intent itself.
      const retrieved = await this.el.activeStripe.retrievePaymentIntent(secret).catch(() => undefined);
      actionType = retrieved?.paymentIntent?.next_action?.type ?? 'use_stripe_sdk';
    }
    this.el.dispatch('ssc-action-required', { intentId, type: actionType });
    this.el.setMessage('Waiting for your bank to confirm it is you…');
    const result = await this.el.activeStripe.handleNextAction({ clientSecret: secret });
    if (!this.live) return undefined;
    const intent: Intent | undefined = result.paymentIntent ?? result.setupIntent;
    const lastError = intent && intent.status === 'requires_payment_method'
      ? ('last_payment_error' in intent ? intent.last_payment_error : 'last_setup_error' in intent ? intent.last_setup_error : null)
      : null;
    const failed = result.error ?? lastError ?? undefined;
    const authCode = this.mode === 'setup' ? 'setup_intent_authentication_failure' : 'payment_intent_authentication_failure';
    // A card_error other than the authentication failure means the customer passed 3DS and the issuer then
    // declined (e.g. 4000 0082 6000 3178): authenticated, then declined.
    if (failed && failed.type === 'card_error' && failed.code && !/authentication_failure$/.test(failed.code)) {
      this.el.dispatch('ssc-authenticated', { intentId });
      const detail: SscEventDetail<'ssc-declined'> = { intentId, code: failed.code, message: failed.message ?? 'Your card was declined.' };
      if (failed.decline_code) detail.declineCode = failed.decline_code;
      this.el.declined(detail);
      return undefined;
    }
    if (failed || (intent && intent.status === 'requires_payment_method')) {
      const code = failed?.code ?? authCode;
      const message = failed?.message ?? 'We could not authenticate your card. Try again or use another card.';
      this.el.showError(message);
      this.el.dispatch('ssc-authentication-failed', { intentId, code, message });
      return undefined;
    }
    this.el.dispatch('ssc-authenticated', { intentId });
    return intentId;
  }

  /** A Stripe.js error result: declines become ssc-declined, the rest ssc-error. */
  private stripeError(error: StripeError): void {
    const intentId = error.payment_intent?.id ?? error.setup_intent?.id;
    if (error.type === 'card_error' || (error.code && CARD_ERROR_CODES.has(error.code))) {
      const detail: SscEventDetail<'ssc-declined'> = { code: error.code ?? 'card_declined', message: error.message ?? 'Your card was declined.' };
      if (intentId) detail.intentId = intentId;
      if (error.decline_code) detail.declineCode = error.decline_code;
      this.el.declined(detail);
      return;
    }
    const stage: SscErrorStage = error.type === 'validation_error' ? 'validation' : 'stripe';
    this.el.fail(stage, error.message ?? `Stripe error ${error.type}`, error.code ? { code: error.code } : {});
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stripe-save-card': StripeSaveCard;
  }
}
