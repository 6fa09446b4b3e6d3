// Idempotency keys: scoped to the API key; the same key on the same endpoint with the same params replays the
// stored answer, with other params or on another endpoint it is a 400 idempotency_error. Stored for 24 hours, like Stripe.
import { invalidRequest, ApiError } from './errors.js';
import { flat } from './flat.js';
import type { FormObject, FormValue } from './form.js';
import type { IdempotentEntry, State } from './state.js';

const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A digest of the params in canonical form, so key order does not matter: one pass over the parsed params (keys
 * sorted per hash), then a fixed-size hash, so a stored key costs the same for a 1 MB body as for a small one.
 */
export function paramsFingerprint(params: FormObject): string {
  const parts: string[] = [];
  const walk = (value: FormValue): void => {
    if (typeof value === 'string') {
      parts.push(JSON.stringify(value));
    } else if (Array.isArray(value)) {
      parts.push('[');
      for (const item of value) walk(item);
      parts.push(']');
    } else {
      parts.push('{');
      for (const key of Object.keys(value).sort()) {
        parts.push(JSON.stringify(key), ':');
        walk(value[key]!);
      }
      parts.push('}');
    }
  };
  walk(params);
  return digest(parts.join(','));
}

/** Two independent 32-bit FNV-1a style hashes and the length: a collision between two real requests is not a concern. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return flat(`${(a >>> 0).toString(16)}.${(b >>> 0).toString(16)}.${text.length}`);
}

/** Stripe binds a key to the account (here: the API key) and remembers the endpoint it was first used on. */
export function scopeKey(apiKey: string, idempotencyKey: string): string {
  return `${apiKey} ${idempotencyKey}`;
}

export function checkIdempotencyKey(key: string): void {
  if (key.length > 255) throw invalidRequest(`Invalid Idempotency-Key: it must be at most 255 characters long, got ${key.length}.`, 'idempotency_key');
}

/** The stored answer to replay, or undefined; throws for the same key on another endpoint or with other params. */
export function findReplay(state: State, scope: string, request: { endpoint: string; fingerprint: string }, idempotencyKey: string, nowMs: number): IdempotentEntry | undefined {
  const entry = state.idempotency.get(scope);
  if (!entry) return undefined;
  if (entry.expiresAt <= nowMs) {
    state.idempotency.delete(scope);
    return undefined;
  }
  if (entry.endpoint !== request.endpoint) {
    throw new ApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${request.endpoint.slice(0, 500)}' vs '${entry.endpoint.slice(0, 500)}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    });
  }
  if (entry.fingerprint !== request.fingerprint) {
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
  state.idempotency.set(flat(scope), { ...entry, body: flat(entry.body), expiresAt: nowMs + TTL_MS });
}

