// Stripe list envelopes `{ object: 'list', data, has_more, url }` with limit / starting_after / ending_before.
// Lists page through a Store listing (all records, or one index bucket such as a customer's) from the cursor
// outwards and stop after one page, so their cost follows the page, not the number of stored objects.
import { invalidRequest } from './errors.js';
import type { Params } from './params.js';
import type { Listing } from './store.js';

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/**
 * One page of `listing`, newest first. `pick` turns a stored record into the listed object, or returns undefined to
 * leave it out (a filter no index covers). Reads `limit`, `starting_after`, `ending_before` from params.
 */
export function page<R, T>(listing: Listing<R>, params: Params, url: string, pick: (record: R) => T | undefined): StripeList<T> {
  const limit = params.int('limit', { min: 1, max: 100 }) ?? 10;
  const startingAfter = params.str('starting_after');
  const endingBefore = params.str('ending_before');
  if (startingAfter && endingBefore) {
    throw invalidRequest('You may only specify one of these parameters: starting_after, ending_before.', 'ending_before');
  }
  const source = endingBefore ? listing.oldestFirst(endingBefore) : listing.newestFirst(startingAfter || undefined);
  if (!source) {
    const [param, id] = endingBefore ? ['ending_before', endingBefore] : ['starting_after', startingAfter];
    throw invalidRequest(`Invalid ${param}: no object with id '${id}' in this list.`, param);
  }
  const data: T[] = [];
  let hasMore = false;
  for (const record of source) {
    const item = pick(record);
    if (item === undefined) continue;
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    data.push(item);
  }
  // ending_before reads the page just newer than the cursor; lists still show it newest first.
  if (endingBefore) data.reverse();
  return { object: 'list', data, has_more: hasMore, url };
}

/** A listing over a plain array given newest first (for lists not kept in a Store). */
export function arrayListing<T extends { id: string }>(newestFirstItems: readonly T[]): Listing<T> {
  const find = (id: string) => newestFirstItems.findIndex((item) => item.id === id);
  return {
    newestFirst: (after) => {
      const at = after === undefined ? -1 : find(after);
      return after !== undefined && at === -1 ? undefined : newestFirstItems.slice(at + 1);
    },
    oldestFirst: (after) => {
      const at = find(after);
      return at === -1 ? undefined : newestFirstItems.slice(0, at).reverse();
    },
  };
}

/** `items` newest first. Reads `limit`, `starting_after`, `ending_before` from params. */
export function paginate<T extends { id: string }>(items: T[], params: Params, url: string): StripeList<T> {
  return page(arrayListing(items), params, url, (item) => item);
}

/** Map values, newest first (Maps keep insertion order). */
export function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}
