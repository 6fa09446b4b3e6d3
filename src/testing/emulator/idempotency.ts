// Idempotency keys: scoped to method + path + API key; the same key with the same params replays the stored
// answer, with different params it is a 400 idempotency_error. Stored for 24 hours, like Stripe.
import { invalidRequest, ApiError } from './errors.js';
import type { FormObject, FormValue } from './form.js';
import type { IdempotentEntry, State } from './state.js';

const TTL_MS = 24 * 60 * 60 * 1000;

/** Params in a canonical text form, so key order does not matter. */
export function paramsFingerprint(params: FormObject): string {
  const canonical = (value: FormValue): string => {
    if (typeof value === 'string') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`).join(',')}}`;
  };
  return canonical(params);
}

export function scopeKey(method: string, pathname: string, apiKey: string, idempotencyKey: string): string {
  return `${method} ${pathname} ${apiKey} ${idempotencyKey}`;
}

export function checkIdempotencyKey(key: string): void {
  if (key.length > 255) throw invalidRequest(`Invalid Idempotency-Key: it must be at most 255 characters long, got ${key.length}.`, 'idempotency_key');
}

/** The stored answer to replay, or undefined; throws for the same key with other params. */
export function findReplay(state: State, scope: string, fingerprint: string, idempotencyKey: string, nowMs: number): IdempotentEntry | undefined {
  const entry = state.idempotency.get(scope);
  if (!entry) return undefined;
  if (entry.expiresAt <= nowMs) {
    state.idempotency.delete(scope);
    return undefined;
  }
  if (entry.fingerprint !== fingerprint) {
    throw new ApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    });
  }
  return entry;
}

/** Stripe saves a result once the endpoint started executing: successes and card errors, not validation failures. */
export function shouldStore(status: number): boolean {
  return status < 300 || status === 402;
}

export function store(state: State, scope: string, entry: Omit<IdempotentEntry, 'expiresAt'>, nowMs: number): void {
  state.idempotency.set(scope, { ...entry, expiresAt: nowMs + TTL_MS });
}
