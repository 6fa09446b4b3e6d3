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
  ) {
    super(body.message);
  }
}

/** Describes a value for "expected X, got Y" messages without echoing long or sensitive input. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function invalid(field: string, expected: string, got: unknown): ApiError {
  return new ApiError(400, { message: `${field}: expected ${expected}, got ${describe(got)}`, field, code: 'invalid_request' });
}
