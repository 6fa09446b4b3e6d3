// What the customer sees of <stripe-save-card>: the internal state that drives the rendering, the template and the
// styles. The behaviour (loading Stripe.js, paying, reporting outcomes, moving focus) lives in StripeSaveCard
// (stripe-save-card.ts), which extends this class and implements the handlers the template calls.
import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { StripeCardElementChangeEvent } from '@stripe/stripe-js';
import { StripeSaveCardBase } from './base.js';
import { NEW_CARD, type SavedCard } from './saved-cards.js';
import { CardMount } from './card-mount.js';
import { styles } from './styles.js';
import { formatAmount, cardLabel } from './format.js';
import { languageOf, type Language } from './language.js';
import { expected } from './backend.js';
import { DEV_MODE } from './dev-mode.js';

/** What the status line can say (keys of the words). */
export type Message = '' | 'processing' | 'saving' | 'bank' | 'succeeded' | 'cardSaved';

export abstract class StripeSaveCardView extends StripeSaveCardBase {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    // Internal state, declared as in StripeSaveCardBase (which holds the public properties).
    _error: { attribute: false },
    _message: { attribute: false },
    _cards: { attribute: false },
    _selected: { attribute: false },
    _change: { attribute: false },
    _focused: { attribute: false },
    _declined: { attribute: false },
  };

  protected _error = '';
  /** The status line: a key of the words. */
  protected _message: Message = '';
  protected _cards: SavedCard[] = [];
  /** The chosen saved card's id, or NEW_CARD. */
  protected _selected = NEW_CARD;
  /** Stripe's last change event for the card: complete, empty, brand, error all derive from it. */
  protected _change: StripeCardElementChangeEvent | undefined;
  protected _focused = false;
  /** The last attempt was declined (or failed 3D Secure): "Try another card" is offered. */
  protected _declined = false;
  /** The missing business-name was reported (once per element). */
  private _warned = false;

  /** Our inner form was submitted (the button, or Enter in our own controls). */
  protected abstract _onInnerSubmit(event: SubmitEvent): void;
  protected abstract _onSaveToggle(event: Event): void;
  protected abstract _onCardChoice(event: Event): void;
  /** "Try another card": the card field, empty and focused. */
  protected abstract _tryAnotherCard(): void;

  /** The customer's focus is in the element: one of our controls, or the card (its iframe; :focus-within misses that). */
  protected get _hasFocus(): boolean {
    return this._focused || !!this.shadowRoot!.activeElement;
  }

  /** The words and their language, as of now (see language.ts): render(), the status and error lines, validity. */
  protected get _language(): Language {
    return languageOf(this);
  }

  protected _part(name: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[part=${name}]`);
  }

  protected override firstUpdated(): void {
    setTimeout(() => this.requestUpdate()); // the render with the amount (see render())
  }

  protected override render(): TemplateResult {
    const { _t: t, _lang: lang, _dir: dir, _format: format } = this._language;
    // Our keys (status and error lines) to words; Stripe's own messages are not keys and show as they are.
    const words = t as unknown as Record<string, string | undefined>;
    const phase = this._phase;
    const failed = phase == 'failed';
    // Loading: the field and the button stand as a skeleton; the status line says so.
    const loading = phase != 'ready' && !failed;
    const skeleton = loading ? 'skeleton ' : '';
    const usingSaved = this._selected != NEW_CARD;
    const setup = this.mode == 'setup';
    const showSave = phase == 'ready' && !setup && !this.hideSave && !usingSaved;
    const saving = setup ? phase == 'ready' && !usingSaved : showSave && this.save;
    const locked = this._locked;
    const mandate = saving && this.saveUsage == 'off_session';
    // The mandate should name who will charge the card: the developer hears it (development build), the shopper reads "us".
    if (DEV_MODE && mandate && !this.businessName && !this.querySelector('[slot=disclosure]') && !this._warned) {
      this._warned = true;
      console.warn(`<stripe-save-card> ${expected('business-name', 'the name the disclosure gives', 'nothing')}`);
    }
    // Not in the first render: a page's first Intl formatter costs tens of milliseconds (hundreds on a slow phone),
    // which would hold back the first paint of the card (it mounts alongside this render). The button is a
    // skeleton then anyway; firstUpdated() brings the amount one task later.
    const amount = this.hasUpdated && formatAmount(this.amount, this.currency, format);
    // Nothing loaded, nothing to pay: the button retries the load (submit() does that when the load failed).
    const label = failed ? t.retry : html`<slot name="submit-label">${setup ? t.saveCard : t.pay(amount || undefined)}</slot>`;
    const choice = (id: string, label: string) => html`
      <label>
        <input type="radio" name="ssc-card-choice" .value=${id} .checked=${this._selected == id} @change=${this._onCardChoice} />
        <span>${label}</span>
      </label>`;
    // Separate templates and labels computed outside them: the build collapses whitespace one literal at a time and
    // stops at a backtick nested inside a template.
    const savedCards = this._cards.length && !failed ? html`
      <fieldset part="saved-cards" ?disabled=${locked}>
        <legend>${t.payWith}</legend>
        ${this._cards.map((card) => choice(card.id, cardLabel(card, t, format)))}
        ${choice(NEW_CARD, t.newCard)}
      </fieldset>` : nothing;
    const tryAnother = this._declined ? html`
      <button part="try-another" type="button" @click=${this._tryAnotherCard}>${t.tryAnother}</button>` : nothing;
    // While paying the button keeps focus and stays in the tab order: aria-disabled, and submit() ignores it.
    // Only a disabled element or a final form disables it for real.
    return html`
      <form part="form" novalidate lang=${lang} dir=${dir ?? nothing} @submit=${this._onInnerSubmit}>
        ${savedCards}
        <div part="card" class=${skeleton + (this._focused ? 'focused ' : '') + (this._change?.error ? 'invalid' : '')} ?hidden=${usingSaved || failed}>
          <div class="mount-area" role="group" aria-label=${t.cardDetails}><slot name=${CardMount.slotName}></slot></div>
        </div>
        <label part="save" ?hidden=${!showSave}>
          <input type="checkbox" .checked=${this.save} ?disabled=${locked}
                 aria-describedby="disclosure" @change=${this._onSaveToggle} />
          <span><slot name="save-label">${t.saveToggle}</slot></span>
        </label>
        <p part="disclosure" id="disclosure" ?hidden=${!mandate}>
          <slot name="disclosure">${t.disclosure(this.businessName)}</slot>
        </p>
        <button part="button" type="submit" class=${skeleton} ?disabled=${this._isDisabled || !!this._done} aria-disabled=${locked || loading}>${label}</button>
        <p part="message" role="status" tabindex="-1">${words[loading ? 'loading' : this._message]}</p>
        <p part="error" role="alert" tabindex="-1">${failed ? t.loadFailed : words[this._error] ?? this._error}</p>
        ${tryAnother}
      </form>
    `;
  }
}
