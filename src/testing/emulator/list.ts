// Stripe list envelopes `{ object: 'list', data, has_more, url }` with limit / starting_after / ending_before.
import { invalidRequest } from './errors.js';
import type { Params } from './params.js';

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** `items` newest first. Reads `limit`, `starting_after`, `ending_before` from params. */
export function paginate<T extends { id: string }>(items: T[], params: Params, url: string): StripeList<T> {
  const limit = params.int('limit', { min: 1, max: 100 }) ?? 10;
  const startingAfter = params.str('starting_after');
  const endingBefore = params.str('ending_before');
  let start = 0;
  let end = items.length;
  if (startingAfter) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index === -1) throw invalidRequest(`Invalid starting_after: no object with id '${startingAfter}' in this list.`, 'starting_after');
    start = index + 1;
  }
  if (endingBefore) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index === -1) throw invalidRequest(`Invalid ending_before: no object with id '${endingBefore}' in this list.`, 'ending_before');
    end = index;
    start = Math.max(start, end - limit);
  }
  const data = items.slice(start, Math.min(end, start + limit));
  return { object: 'list', data, has_more: start + limit < end, url };
}

/** Map values, newest first (Maps keep insertion order). */
export function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}
