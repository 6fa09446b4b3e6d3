// The customer's saved cards, as the merchant's backend lists them (`GET saved-cards-url`), and which one the form
// starts with.
import { callBackend } from './backend.js';

/** One saved card as the backend lists it (`GET saved-cards-url`). */
export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** When the card was saved (Stripe's `created`, unix seconds): tells identical cards apart ("added Nov 2026"). */
  created?: number;
}

/** The radio value of "Use a new card". */
export const NEW_CARD = 'new';

/** The usable cards of `GET url` (entries without an id or last4 are skipped); throws a BackendError naming the URL. */
export async function loadSavedCards(url: string, timeoutMs: number): Promise<SavedCard[]> {
  const cards = await callBackend(url, undefined, '{cards}', (data) => (Array.isArray(data.cards) ? data.cards as Array<Partial<SavedCard> | null> : undefined), timeoutMs);
  return cards.filter((card): card is SavedCard => typeof card?.id == 'string' && typeof card.last4 == 'string');
}

/** `payment-method` if given (and listed, when there is a list), else the first saved card, else a new card. */
export function defaultSelection(paymentMethod: string | undefined, cards: SavedCard[]): string {
  return paymentMethod && (!cards.length || cards.some((card) => card.id == paymentMethod)) ? paymentMethod : cards[0]?.id ?? NEW_CARD;
}
