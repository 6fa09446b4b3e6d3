import type { PropertyValues } from 'lit';
import type { Stripe, StripeCardElement, StripeCardElementChangeEvent, StripeCardElementOptions } from '@stripe/stripe-js';
import { emit, type SscErrorDetail, type SscEventDetail } from './events.js';
import type { BackendError } from './backend.js';
import { defaultSelection, loadSavedCards, NEW_CARD } from './saved-cards.js';
import { Checkout, Outcome } from './checkout.js';
import { checkEnums, checkSubmitSetup, type ConfigProblem } from './config.js';
import { StripeSaveCardView } from './view.js';
import { cardStyleFromHost } from './theme.js';
import { messageOf } from './format.js';
import type { Message } from './view.js';

export type * from './events.js';
export type { Mode, ConfirmFlow, SaveUsage } from './config.js';
export type { SavedCard } from './saved-cards.js';
export type { Translation } from './language.js';

type Failure = 'ssc-error' | 'ssc-declined' | 'ssc-authentication-failed';

/**
 * A Stripe card form with a "save this card" toggle. It asks your backend for a client secret, confirms the
 * payment (or setup) with Stripe.js, walks the customer through 3D Secure and reports every state as an event.
 *
 * @summary Stripe Card Element with a save-card toggle, saved cards, 3D Secure and typed events.
 * @tagname stripe-save-card
 *
 * @fires {CustomEvent<SscReadyDetail>} ssc-ready - Stripe.js loaded and the card mounted (again after a move). `{}`
 * @fires {CustomEvent<SscChangeDetail>} ssc-change - The customer edited the card or flipped the toggle. `{ complete, empty, brand, error?, save }`
 * @fires {CustomEvent<SscSubmitDetail>} ssc-submit - Before anything is sent; **cancelable** (`preventDefault()`: nothing is sent). `{ mode, save }`
 * @fires {CustomEvent<SscActionRequiredDetail>} ssc-action-required - 3D Secure needed, the challenge is about to show. `{ intentId, type }` (`next_action.type`)
 * @fires {CustomEvent<SscAuthenticatedDetail>} ssc-authenticated - The customer passed the challenge. `{ intentId }`
 * @fires {CustomEvent<SscAuthenticationFailedDetail>} ssc-authentication-failed - The challenge failed or was closed. `{ intentId, code, message }`
 * @fires {CustomEvent<SscDeclinedDetail>} ssc-declined - The card was declined; the message shows, the card stays editable, the next submit confirms the same intent. `{ intentId?, code, declineCode?, message }`
 * @fires {CustomEvent<SscErrorDetail>} ssc-error - Anything else (`stage: 'stripe'` with `code: 'api_connection_error'`: Stripe could not be reached, even to read the intent back). `message` is for the developer (also in `console.error`); the shopper reads a sentence of the translation table instead, except for a card problem (Stripe's own words). `{ stage: 'load' | 'backend' | 'stripe' | 'validation', message, status?, code? }`
 * @fires {CustomEvent<SscSucceededDetail>} ssc-succeeded - Succeeded (or `requires_capture`, or `processing`: `status` says which). `{ intentId, status, paymentMethodId, saved, mode }`
 *
 * @slot save-label - Text of the save toggle (default "Save this card for future payments").
 * @slot disclosure - The "we will charge this card later" text, shown when saving for off-session use.
 * @slot submit-label - Text of the submit button (default "Pay $19.99", "Pay" or "Save card").
 *
 * @csspart form - The form wrapping every control.
 * @csspart card - The box around the Card Element (class `skeleton` while loading).
 * @csspart saved-cards - The fieldset listing saved cards.
 * @csspart save - The save toggle's label.
 * @csspart disclosure - The off-session disclosure text.
 * @csspart button - The submit button: "Retry" after a load failure, `aria-disabled` while loading or paying (it keeps focus).
 * @csspart try-another - "Try another card", shown after a decline or a failed 3D Secure: empties and focuses the card.
 * @csspart message - The status line (`role=status`): "Loading payment form…", progress, success (focused after it).
 * @csspart error - The error line (`role=alert`): the decline, error or load failure message.
 *
 * @cssprop [--ssc-color=#1a1f36] - Text color, also inside the card iframe.
 * @cssprop [--ssc-font-family=system-ui] - Font family, also inside the card iframe.
 * @cssprop [--ssc-font-size=16px] - Font size, also inside the card iframe.
 * @cssprop [--ssc-placeholder-color=#6b7280] - Placeholder color inside the card iframe.
 * @cssprop [--ssc-invalid-color=#b42318] - Color of invalid card input and of error messages.
 * @cssprop [--ssc-icon-color=#4b5563] - Card brand icon color inside the iframe.
 * @cssprop [--ssc-background=#ffffff] - Background of the form.
 * @cssprop [--ssc-field-background=#ffffff] - Background of the card box.
 * @cssprop [--ssc-border-color=#6b7280] - Border of the card box (4.8:1 on white), also the loading skeleton's fill.
 * @cssprop [--ssc-radius=6px] - Corner radius of the form, card box and button.
 * @cssprop [--ssc-spacing=12px] - Gap and padding unit.
 * @cssprop [--ssc-focus-ring=0 0 0 3px #2563eb] - Box shadow of focused controls (5.2:1 on white).
 * @cssprop [--ssc-accent=#1d4ed8] - Button background and toggle accent.
 * @cssprop [--ssc-accent-text=#ffffff] - Button text color.
 */
export class StripeSaveCard extends StripeSaveCardView {
  private _card: StripeCardElement | undefined;
  private _applied: StripeCardElementOptions = {};
  /** The intent kept across the attempts of this checkout, and the flows that confirm it. */
  private readonly _checkout = new Checkout();
  /** reset() was called during an attempt: it runs once the attempt has reported its outcome. */
  private _resetPending = false;
  private _changeSignature = '';

  // ----- lifecycle (started, rebuilt and torn down by StripeSaveCardBase) ------------------------------------

  protected _updateStripe(changed: PropertyValues<this>): void {
    if (changed.get('savedCardsUrl') !== undefined) void this._loadCards();
    if (changed.has('paymentMethod')) this._selected = this._defaultSelection();
    // The kept intent is of the other kind now (PaymentIntent vs SetupIntent): a new checkout.
    if (changed.has('mode')) this._checkout._forget();
    // Cheap and idempotent, so they run on every update instead of naming the state they depend on
    // (private names are shortened in the script-tag build, so `changed.has('_busy')` would never match).
    this._applyCardOptions();
    this._updateValidity();
  }

  protected get _inputs(): unknown[] {
    return [this.stripe, this.publishableKey, this._language._lang];
  }

  protected _unmountStripe(): void {
    this._card?.destroy();
    this._card = undefined;
  }

  /** After the card starts loading, the saved cards (the card doesn't wait for them). */
  protected override _start(): void {
    super._start();
    if (this.savedCardsUrl) void this._loadCards();
  }

  protected _mountStripe(stripe: Stripe, locale: string, generation: number): void {
    const own = this.cardOptions;
    const disabled = this._cardDisabled;
    // Stripe's iframe can't see our CSS: the theme's custom properties go in as the Card Element's style.
    const card = this._card = stripe.elements({ locale: locale as never })
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
    card.mount(this._mount._mountNode);
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

  private get _cardDisabled(): boolean {
    return this._locked || this.cardOptions.disabled === true;
  }

  // ----- saved cards ------------------------------------------------------------------------------------------

  /** `refresh`: after a card was saved; the choice on screen stays (reset() picks the default again). */
  private async _loadCards(refresh?: boolean): Promise<void> {
    const generation = this._generation;
    try {
      const cards = await loadSavedCards(this.savedCardsUrl!, StripeSaveCard.backendTimeout);
      if (generation != this._generation) return;
      this._cards = cards;
      if (!refresh) this._selected = this._defaultSelection();
    } catch (error) {
      // A new card still pays: nothing on screen.
      if (generation == this._generation) this._background({ stage: 'backend', message: messageOf(error), status: (error as BackendError).status });
    }
  }

  private _defaultSelection(): string {
    return defaultSelection(this.paymentMethod, this._cards);
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

  protected _onSaveToggle(event: Event): void {
    this.save = (event.target as HTMLInputElement).checked;
    this._emitChange();
  }

  protected _onCardChoice(event: Event): void {
    this._selected = (event.target as HTMLInputElement).value;
    this._error = '';
  }

  /** Our inner form: the button and Enter in our own controls land here. */
  protected _onInnerSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  protected _tryAnotherCard(): void {
    this._selected = NEW_CARD;
    this._declined = false;
    this._card?.clear();
    this._focusAfterRender(() => this._card?.focus());
  }

  /** Focus moves once the render is done: a control being enabled or shown again can't take focus before that. */
  private _focusAfterRender(move: () => void): void {
    void this.updateComplete.then(move);
  }

  /** Why the new card can't be used yet: Stripe's message, or empty/incomplete. */
  private get _cardProblem(): string {
    return this._change?.error?.message ?? this._language._t[this._change?.empty === false ? 'incomplete' : 'enterCard'];
  }

  private _updateValidity(): void {
    if (this._done || this._selected != NEW_CARD || this._change?.complete || this.paymentMethod) this._internals.setValidity({});
    else this._internals.setValidity(this._change?.error ? { customError: true } : { valueMissing: true }, this._cardProblem, this._part('button') ?? undefined);
  }

  // ----- public methods ------------------------------------------------------------------------------------------

  /** Moves focus to the card field (or the selected saved card). */
  override focus(options?: FocusOptions): void {
    if (this._selected != NEW_CARD) this.renderRoot.querySelector<HTMLElement>(':checked')?.focus(options);
    else if (this._card) this._card.focus();
    else super.focus(options);
  }

  /**
   * Starts a new checkout: clears the card, the error and the result, and drops the intent kept for retries; retries
   * Stripe.js when it failed to load. During a payment it first waits for the outcome and reports it; a payment that
   * went through then stays final (value set, button disabled): call reset() again to start another.
   */
  reset(): void {
    if (this._busy) {
      this._abort?.abort();
      this._resetPending = true;
      return;
    }
    this._checkout._forget();
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
   * Does nothing while an attempt runs, and after success until reset(). An attempt that reached Stripe always
   * reports, even across reset(), `disabled` or a disconnect (then on the detached element).
   */
  async submit(): Promise<void> {
    if (this._locked) return;
    // The load failed earlier: this submit retries it (the customer can pay once the card shows up).
    if (this._phase == 'failed') return this._restart();
    const stripe = this._stripe;
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

    const { signal } = this._abort = new AbortController();
    const focused = this._hasFocus;
    this._show('', mode == 'setup' ? 'saving' : 'processing');
    // The card, the toggle and the saved cards lock while paying: focus in them would fall to <body>. The button
    // takes it and keeps it (aria-disabled, not disabled) while the status line speaks.
    if (this._hasFocus) this._part('button')!.focus();
    this._busy = true;
    const outcome = await this._checkout._run({
      _stripe: stripe, _card: this._card!, _mode: mode, _save: save, _saved: saved, _server: server, _signal: signal,
      _saveUsage: this.saveUsage, _intentUrl: this.intentUrl, _confirmUrl: this.confirmUrl, _clientSecret: this.clientSecret, _intentBody: this.intentBody,
      _backendTimeout: StripeSaveCard.backendTimeout, _stripeTimeout: StripeSaveCard.stripeTimeout,
      _notify: (type, detail) => {
        if (type == 'ssc-action-required') this._message = 'bank';
        emit(this, type, detail);
      },
    }).catch((error: unknown) => new Outcome('ssc-error', { stage: 'stripe', message: messageOf(error) }));
    this._busy = false;
    if (outcome) this._report(outcome, focused);
    else this._message = ''; // abandoned before anything reached Stripe (reset or disconnect)
    if (this._resetPending) {
      this._resetPending = false;
      if (!this._done) this.reset();
    }
  }

  // ----- outcomes -------------------------------------------------------------------------------------------------

  /** `focused`: the customer was in the form when the attempt started (a 3D Secure challenge took focus since). */
  private _report(outcome: Outcome, focused: boolean): void {
    if (outcome.type != 'ssc-succeeded') {
      const { type, detail } = outcome as Outcome<Failure>;
      return this._end(type, detail, type == 'ssc-error' ? 'error' : 'card');
    }
    const { intentId, mode, saved } = (outcome as Outcome<'ssc-succeeded'>).detail;
    this._done = intentId;
    this._internals.setFormValue(intentId);
    this._internals.setValidity({});
    this._show('', mode == 'setup' ? 'cardSaved' : 'succeeded');
    // The form is final (its button disabled): the customer's focus goes to the status that says so. Also when the
    // challenge overlay held it and, removed, dropped it to <body> (a screen reader would restart at the page top).
    const active = document.activeElement;
    if (this._hasFocus || (focused && (!active || active == document.body))) this._focusAfterRender(() => this._part('message')!.focus());
    // The card just saved joins the list.
    if (saved && this.savedCardsUrl) void this._loadCards(true);
    emit(this, 'ssc-succeeded', outcome.detail as SscEventDetail<'ssc-succeeded'>);
    this._submitForm();
  }

  /**
   * Shows an error (Stripe's words, or a key of ours) and a status line (a key of ours); either may be empty. Never
   * touches `_busy`: only submit() owns it.
   */
  private _show(error: string, message: Message): void {
    this._error = error;
    this._message = message;
    this._declined = false;
  }

  /**
   * Every outcome but success ends here: the message shows (the attempt is over before anyone hears about it, so
   * listeners get a usable form), the event fires, and focus goes where the customer acts next: the card to fix
   * it ('card', or the error line when paying with a saved card), the error line so it is read out ('error'), or
   * nowhere (configuration problems found while rendering).
   */
  private _end<K extends Failure>(type: K, detail: SscEventDetail<K> & { message: string }, focus?: 'card' | 'error'): undefined {
    // Shoppers read shoppers' words: a decline and a card problem as Stripe.js words them (in the shopper's
    // language), the rest in ours. A developer's detail (a backend's answer, a configuration problem, an unexpected
    // status, the API's 3D Secure failure text) goes to the event, and errors to the console too.
    const { code, stage } = detail as Partial<SscErrorDetail>;
    const stripes = type == 'ssc-declined' || (stage == 'validation' && !/^invalid_/.test(code!));
    const key = type == 'ssc-declined' ? 'declined' : type != 'ssc-error' ? 'authFailed' : code == 'api_connection_error' ? 'unreachable' : 'failed';
    if (type == 'ssc-error' && !stripes) console.error(detail.message);
    // Ours stand in for a message Stripe did not give (in the event too).
    detail.message ||= this._language._t[key];
    this._show(stripes ? detail.message : key, '');
    // A decline or a failed challenge: the shopper's next step is another card.
    this._declined = type != 'ssc-error';
    emit(this, type, detail);
    // After the render that unlocks the card (a disabled field can't take focus).
    if (focus) this._focusAfterRender(() => (focus == 'card' && this._selected == NEW_CARD ? this._card?.focus() : this._part('error')?.focus()));
  }

  protected _problem(problem: ConfigProblem): void {
    this._end('ssc-error', { stage: 'validation', message: problem.message, code: `invalid_${problem.attribute.replace(/-/g, '_')}` });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stripe-save-card': StripeSaveCard;
  }
}
