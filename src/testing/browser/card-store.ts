// What one card form holds: the typed values, which fields the customer has left, and whether a confirm asked for
// every error to show. A Card Element has its own store; the split elements (cardNumber, cardExpiry, cardCvc) of one
// Elements group share one, so the CVC field knows the brand typed next door and a confirm reads all three fields.
// Values live in private fields: nothing enumerable or serialisable here carries card data.
import { evaluateCard, onlyDigits, parseExpiry, type CardFieldKey, type CardFields, type CardState, type CardValidationError } from './card-rules.js';

/** What a confirm (or createToken/createSource) sends for the card typed into the fields. */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  postalCode: string | undefined;
}

/** An element showing some of the store's fields; told to re-render when another member changed the card. */
export interface StoreMember {
  refresh(): void;
}

export class CardStore {
  #values: CardFields = { number: '', expiry: '', cvc: '', postal: '' };
  #blurred = new Set<CardFieldKey>();
  #strict = false;
  #members = new Set<StoreMember>();

  value(field: CardFieldKey): string {
    return this.#values[field];
  }

  /** Sets one field; true when it changed. The customer is editing it again, so its "left half-filled" mark goes. */
  set(field: CardFieldKey, value: string): boolean {
    this.#blurred.delete(field);
    if (this.#values[field] === value) return false;
    this.#values[field] = value;
    return true;
  }

  /** The customer left `field`: an incomplete value now shows its error. */
  markLeft(field: CardFieldKey): void {
    this.#blurred.add(field);
  }

  /** The customer is back in `field`: no "incomplete" error while they type. */
  markEntered(field: CardFieldKey): void {
    this.#blurred.delete(field);
  }

  /** Empties `fields` (postal to `postal`), forgets that they were left, and stops showing every error. */
  clear(fields: readonly CardFieldKey[], postal = ''): void {
    for (const field of fields) {
      this.#values[field] = field === 'postal' ? postal : '';
      this.#blurred.delete(field);
    }
    this.#strict = false;
  }

  evaluate(fields: readonly CardFieldKey[], strict = this.#strict): CardState {
    return evaluateCard(this.#values, { fields, now: new Date(), strict, blurred: this.#blurred });
  }

  join(member: StoreMember): void {
    this.#members.add(member);
  }

  part(member: StoreMember): void {
    this.#members.delete(member);
  }

  /** Re-renders every member but `except` (the one that made the change renders itself). */
  notify(except?: StoreMember): void {
    for (const member of [...this.#members]) if (member !== except) member.refresh();
  }

  /**
   * The card in `fields`, or the first validation error. On an error every field shows its problem from now on,
   * as Stripe does when a confirm is attempted with an incomplete card.
   */
  read(fields: readonly CardFieldKey[]): { card: CardDetails } | { error: CardValidationError } {
    const state = this.evaluate(fields, true);
    if (state.error) {
      this.#strict = true;
      this.notify();
      return { error: state.error };
    }
    // Fields not asked for read as empty (a cvc_update token reads the CVC alone).
    const expiry = fields.includes('expiry') ? parseExpiry(this.#values.expiry) : undefined;
    const read = (field: CardFieldKey): string => (fields.includes(field) ? onlyDigits(this.#values[field]) : '');
    return {
      card: {
        number: read('number'), expMonth: expiry?.month ?? 0, expYear: expiry?.year ?? 0, cvc: read('cvc'),
        postalCode: fields.includes('postal') ? this.#values.postal.trim() : undefined,
      },
    };
  }
}
