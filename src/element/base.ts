// The public surface of <stripe-save-card>: its attributes and properties (with their docs and defaults), the
// statics, and what makes it a form control (value, validity, the surrounding form's submit and reset). Also the
// lifecycle both tags share (<stripe-save-card> and <stripe-save-payment>): check the configuration and load
// Stripe.js when connected, rebuild when what it was built from changes, tear down when disconnected; each tag
// supplies what it mounts (_mountStripe), destroys (_unmountStripe) and how it reports a configuration problem (_problem).
// The payment behaviour and the rendering live in StripeSaveCard (stripe-save-card.ts), which extends this class.
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Stripe, StripeCardElementOptions } from '@stripe/stripe-js';
import { checkEnums, checkPublishableKey, type ConfigProblem, type ConfirmFlow, type Mode, type SaveUsage } from './config.js';
import { CardMount } from './card-mount.js';
import { emit, type SscEventDetail } from './events.js';
import { messageOf } from './format.js';
import { getStripe } from './stripe-loader.js';
import { elements, registerTranslation, type Translation } from './language.js';
import { DEV_MODE } from './dev-mode.js';

export abstract class StripeSaveCardBase extends LitElement {
  static formAssociated = true;

  /** Upper bound for loading Stripe.js before `ssc-error {stage:'load'}` (ms). Lower it in tests. */
  static loadTimeout = 10_000;
  /** Upper bound for one backend request before `ssc-error {stage:'backend'}` (ms). */
  static backendTimeout = 15_000;
  /** Upper bound for one Stripe.js request (not the 3D Secure challenge); after it the intent is read back (ms). */
  static stripeTimeout = 30_000;
  /** Adds or patches a language for every element (the script-tag build has no exports: translation scripts call this). */
  static registerTranslation = registerTranslation;

  /**
   * Registers the element. Tolerates being called twice (two bundles on one page): if `tag` is already defined
   * it returns without throwing, and warns (development build) when the existing definition is a different class.
   */
  static define(this: CustomElementConstructor, tag = 'stripe-save-card', registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag);
    if (!existing) registry.define(tag, this);
    else if (DEV_MODE && existing != this) console.warn(`<${tag}> already defined by another copy; keeping it`);
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
    businessName: { attribute: 'business-name' },
    translations: { attribute: false },
    disabled: { type: Boolean, reflect: true },
    name: { reflect: true },
    stripe: { attribute: false },
    intentBody: { attribute: false },
    cardOptions: { attribute: false },
    // Internal state: re-renders, no attribute. `attribute: false` rather than `state: true` (the same thing to
    // Lit) because the custom-elements manifest analyzer only recognises the former and would list these as attributes.
    _busy: { attribute: false },
    _phase: { attribute: false },
  };

  /**
   * `pk_test_…`/`pk_live_…` (required unless `stripe` is set). A secret key, a malformed key or `pk_live_` on an
   * `http:` page is refused with a console error and `ssc-error {stage:'validation'}`.
   */
  publishableKey?: string;
  /** Backend endpoint that creates the intent and answers `{ clientSecret }` (see the backend contract). */
  intentUrl?: string;
  /** A client secret the page already has (then `intent-url` is not called). */
  clientSecret?: string;
  /** `payment` (confirmCardPayment) or `setup` (confirmCardSetup: save without paying; button "Save card", no toggle). */
  mode: Mode = 'payment';
  /** `client` (the browser confirms, webhooks fulfil) or `server` (createPaymentMethod → `confirm-url`: without webhooks). */
  confirm: ConfirmFlow = 'client';
  /** Backend endpoint for `confirm="server"`. */
  confirmUrl?: string;
  /**
   * Backend endpoint listing saved cards; they are offered as a radio group with "Use a new card" ("Visa ending in
   * 4242, expires 04/29, added Nov 2026"). Fetched again after a card is saved.
   */
  savedCardsUrl?: string;
  /** The save toggle's state (the attribute sets its initial state). */
  save = false;
  /** Hides the save toggle. */
  hideSave = false;
  /** `setup_future_usage` used when saving: `off_session` (default) or `on_session`. */
  saveUsage: SaveUsage = 'off_session';
  /** Display only, in minor units: the button reads "Pay $19.99" (`Intl.NumberFormat`); the server decides the price. */
  amount?: number;
  /** ISO currency code for the button label, e.g. `usd`. */
  currency?: string;
  /** Confirm with this saved PaymentMethod (with `client-secret`: recover an off-session payment on-session). */
  paymentMethod?: string;
  /**
   * The language of the words, the amount and Stripe.js (`de`, `de-AT`, `ar`...). Unset or `auto`: the nearest
   * `lang` attribute, else the browser's languages.
   */
  locale?: string;
  /** Who may charge the saved card later: the disclosure names it (missing: a console warning in the development build). */
  businessName?: string;
  /** Words for this element only, over its language's (any keys: `{ pay: (amount) => ... }`). */
  translations?: Partial<Translation>;
  /** Disables every control, the card field included (`card.update({disabled})`). */
  disabled = false;
  /** Form field name; after success the form value is the intent id. */
  name?: string;

  /** A ready Stripe instance (then Stripe.js is not loaded by the element). */
  stripe?: Stripe;
  /** Extra JSON merged into every backend request body. */
  intentBody: Record<string, unknown> = {};
  /** Options for `elements.create('card', …)`; changes are diffed and applied with `card.update()`. */
  cardOptions: StripeCardElementOptions = {};


  protected readonly _internals = this.attachInternals();
  /** An attempt is running (one at a time). */
  protected _busy = false;
  /** The succeeded intent id (our form value). Set, the form is final until reset(). */
  protected _done: string | undefined;
  private _form: HTMLFormElement | null = null;
  /** Set (to the submitter, or null) while a payment runs because the surrounding form was submitted. */
  protected _trigger: HTMLElement | null | undefined;
  /**
   * idle (not started) → loading → ready; failed: bad configuration or Stripe.js didn't load (the button then
   * reads Retry: submit() and reset() retry). Until ready the field and button show as a skeleton.
   */
  protected _phase: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** Bumped on every (re)start and teardown: async work from an older generation is ignored. */
  protected _generation = 0;
  /** Aborts what an attempt has not sent to Stripe yet (reset, disconnect). */
  protected _abort: AbortController | undefined;
  /** The Stripe instance, once loaded. */
  protected _stripe: Stripe | undefined;
  /** The values of _inputs the Stripe element was built from. */
  protected _builtFrom: unknown[] = [];

  /** Pays (or saves the card). */
  abstract submit(): Promise<void>;
  /** Starts a new checkout. */
  abstract reset(): void;
  /** What the Stripe element is built from: a change rebuilds it. */
  protected abstract get _inputs(): unknown[];
  /** Mounts the Stripe element into `_mount` (Stripe.js is loaded); its late callbacks check `generation` is current. */
  protected abstract _mountStripe(stripe: Stripe, locale: string, generation: number): void;
  /** Destroys the Stripe element (the mount node is emptied and detached here). */
  protected abstract _unmountStripe(): void;
  /** Reports an attribute with a bad value (console, ssc-error, and the shopper's line). */
  protected abstract _problem(problem: ConfigProblem): void;
  /** What updated() does once the Stripe element stands and is current. */
  protected abstract _updateStripe(changed: PropertyValues<this>): void;

  override connectedCallback(): void {
    // Configured already (attributes parsed or set before insertion, the usual case): start at once, not after the
    // first render, and before Lit makes our shadow root and parses our styles. The mount node lives in the light
    // DOM, so with Stripe.js on the page the iframe goes in first thing in this very task. Otherwise updated()
    // starts it after the first render, which sees the properties a framework sets right after inserting the element.
    if (this.stripe || this.publishableKey) this._start();
    super.connectedCallback();
    this._bindForm();
    elements.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._bindForm(null);
    elements.delete(this);
    this._teardown();
  }

  protected override willUpdate(changed: PropertyValues): void {
    for (const problem of checkEnums(this, changed)) this._problem(problem);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    if (this._phase == 'idle') return this._start(); // connected without a key or a stripe (see connectedCallback)
    // Compared with what the element was built from rather than read from `changed`: they may change between the
    // start at connect and the first render, whose `changed` has no previous values.
    if (this._inputs.some((value, i) => value !== this._builtFrom[i])) return this._restart();
    this._updateStripe(changed);
    this._mount._refresh();
  }

  protected _start(): void {
    this._builtFrom = this._inputs;
    this._mount._attach();
    void this._load(++this._generation);
  }

  /** What keeps the element from loading Stripe: a missing or bad publishable key (a tag may add its own checks). */
  protected _configProblem(): ConfigProblem | undefined {
    return this.stripe ? undefined : checkPublishableKey(this.publishableKey, location.protocol);
  }

  /** Loads Stripe.js (if needed), then mounts; a configuration problem or a load failure leaves the phase failed. */
  private async _load(generation: number): Promise<void> {
    const problem = this._configProblem();
    if (problem) {
      this._phase = 'failed';
      return this._problem(problem);
    }
    this._phase = 'loading';
    let stage: 'load' | 'stripe' = 'load';
    try {
      // The resolved language (see _inputs): Stripe.js speaks the same language as our words.
      const locale = this._builtFrom[2] as string;
      let stripe = this.stripe ?? getStripe(this.publishableKey!, locale, (this.constructor as typeof StripeSaveCardBase).loadTimeout);
      // Awaited only when Stripe.js is still loading: a ready instance mounts without yielding.
      if (stripe instanceof Promise) stripe = await stripe;
      if (generation != this._generation) return;
      this._stripe = stripe;
      stage = 'stripe';
      this._mountStripe(stripe, locale, generation);
    } catch (error) {
      if (generation != this._generation) return;
      this._phase = 'failed';
      // The shopper reads `loadFailed` and a Retry button instead.
      this._background({ stage, message: messageOf(error) });
    }
  }

  /** A problem found in the background, for the merchant to fix: the event and the console, no words for the shopper. */
  protected _background(detail: SscEventDetail<'ssc-error'>): void {
    console.error(detail.message);
    emit(this, 'ssc-error', detail);
  }

  /**
   * Unmounts and destroys the Stripe element, cancels requests that have not reached Stripe. Safe to call twice. An
   * attempt already at Stripe runs on and reports its outcome on the element, even a detached one.
   */
  private _teardown(): void {
    this._generation++;
    this._abort?.abort();
    this._unmountStripe();
    this._mount._mountNode.replaceChildren();
    this._mount._detach();
    if (this._phase != 'failed') this._phase = 'idle';
  }

  protected _restart(): void {
    this._teardown();
    this._start();
  }

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
    if (this._busy) return; // the running payment keeps its own submitter
    this._trigger = event.submitter;
    void this.submit().finally(() => { this._trigger = undefined; });
  };

  /**
   * Enter in the card field. Stripe.js submits the form around the node the card is mounted in, and that node is a
   * form of ours (CardMount), so it lands here whether or not a form surrounds the element. In a surrounding form
   * it submits that form, as Enter in any of its text fields does (its validation runs, then it pays as above);
   * on its own the element pays. The event stops here: the page never sees a submit of our mount node.
   */
  protected readonly _onCardEnter = (event: Event): void => {
    event.preventDefault();
    event.stopPropagation();
    const { form } = this._internals;
    if (form) form.requestSubmit();
    else void this.submit();
  };

  /** Where the Stripe element mounts: a form of ours, so Enter in it (Stripe submits the mount node's form) pays. */
  protected readonly _mount = new CardMount(this, this._onCardEnter);

  protected get _isDisabled(): boolean {
    return this.disabled || this.matches(':disabled');
  }

  /** Nothing to edit: disabled, paying, or paid (final until reset()). */
  protected get _locked(): boolean {
    return this._isDisabled || this._busy || !!this._done;
  }

  /** After success: when the surrounding form started the payment, submit it for real (our value now lets it through). */
  protected _submitForm(): void {
    const { form } = this._internals;
    const trigger = this._trigger;
    this._trigger = undefined;
    if (form && trigger !== undefined) form.requestSubmit(trigger?.isConnected && form.contains(trigger) ? trigger : null);
  }

  formAssociatedCallback(): void {
    this._bindForm();
  }

  formResetCallback(): void {
    this.reset();
  }

  /** A disabled ancestor fieldset: `:disabled` already says so; re-render with it. */
  formDisabledCallback(): void {
    this.requestUpdate();
  }

  /** The form value: the succeeded intent id (null before success). */
  get value(): string | null {
    return this._done ?? null;
  }

  /** The surrounding form, if any. */
  get form(): HTMLFormElement | null { return this._internals.form; }
  /** Invalid (`valueMissing`, or `customError` with Stripe's message) until the card is complete or a saved card is chosen. */
  get validity(): ValidityState { return this._internals.validity; }
  /** Why the element is invalid, e.g. "Your card details are incomplete.". */
  get validationMessage(): string { return this._internals.validationMessage; }
  /** Whether the surrounding form validates the element. */
  get willValidate(): boolean { return this._internals.willValidate; }
  /** Form validation: false until the card is complete or a saved card is chosen. */
  checkValidity(): boolean { return this._internals.checkValidity(); }
  /** As checkValidity(), and shows the browser's message on the button when invalid. */
  reportValidity(): boolean { return this._internals.reportValidity(); }
}
