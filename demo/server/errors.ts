// One error shape for every route: `{ error: { message, field?, code?, declineCode? } }` with an HTTP status.
// Messages name the field, what was expected and what came, so a developer can fix the request from the answer alone.

export interface ApiErrorBody {
  message: string;
  field?: string;
  code?: string;
  declineCode?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    /** Extra response headers, e.g. `Retry-After` on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** Describes a value for "expected X, got Y" messages without echoing long or sensitive input. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  // A card number typed into the wrong field must not come back in an error (and from there into logs, screenshots).
  if (looksLikeCardNumber(value)) return `a ${typeof value === 'number' ? 'number' : 'string'} that looks like a card number (not repeated here)`;
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** 12 to 19 digits, possibly grouped by spaces or dashes: what a PAN looks like (the Luhn check is not needed to hide it). */
export function looksLikeCardNumber(value: unknown): boolean {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return /(?:\d[ -]?){12,19}/.test(text);
}

export function invalid(field: string, expected: string, got: unknown): ApiError {
  return new ApiError(400, { message: `${field}: expected ${expected}, got ${describe(got)}`, field, code: 'invalid_request' });
}

/** Stripe's ids are at most 255 characters; anything longer is refused here rather than sent on (a 100 kB id gave a 502). */
export const MAX_ID_LENGTH = 255;

/**
 * Checks that `value` is an id with one of `prefixes` (`pm`, `pi`...), e.g. `pm_1Abc`; `what` names it in the error.
 * The pattern is anchored and bounded, so nothing but a well-formed id ever reaches Stripe or SQLite.
 */
export function requireId(value: unknown, field: string, prefixes: readonly string[], what: string): string {
  const pattern = new RegExp(`^(?:${prefixes.join('|')})_[A-Za-z0-9_-]+$`);
  if (typeof value !== 'string' || value.length > MAX_ID_LENGTH || !pattern.test(value)) {
    throw invalid(field, `${what} (${prefixes.map((p) => `${p}_...`).join(' or ')}, at most ${MAX_ID_LENGTH} characters)`, value);
  }
  return value;
}

/** SQLite said another connection holds the lock (better-sqlite3's SqliteError codes SQLITE_BUSY*, SQLITE_LOCKED*). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** A 503 the client can act on: the database is locked by someone else for now; retry after a second. */
export function databaseBusy(): ApiError {
  return new ApiError(503, {
    message: 'The order database is busy (another process holds its write lock); nothing was changed. Retry in a moment.',
    code: 'database_busy',
  }, { 'Retry-After': '1' });
}
