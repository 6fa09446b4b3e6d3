// Talks to the emulator exactly like Stripe.js talks to Stripe: form-encoded bodies (query string for GET) with the
// publishable key as the `key` param. Every request is recorded for tests without card data or secrets.
import { encodeForm } from '../emulator/form.js';
import { localizeError } from './card-locale.js';

export interface RecordedRequest {
  method: string;
  /** Path under the API base, without the query string, e.g. `/v1/payment_intents/pi_123/confirm`. */
  path: string;
  /** Params as sent, flattened to form keys, with card data, client secrets and the key replaced by `[redacted]`. */
  params: Record<string, string>;
  /** HTTP status, or 0 when the request never got an answer. */
  status: number;
}

export interface ApiResult {
  status: number;
  /** Parsed JSON body, or undefined when the answer was not JSON or never came. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Stripe's JSON, read field by field by the caller
  body: any;
}

// Keys whose values must never reach a test log: card data, client secrets (an intent's, a CustomerSession's) and the publishable key.
const SENSITIVE = /(^|\[)(number|cvc|exp_month|exp_year|client_secret|customer_session_client_secret|key)\]?$/;

export class ApiClient {
  /** `requests` is the log this client appends to (shared by every instance of one installation). */
  /** `locale`: Stripe()'s; card errors come back in that language, as Stripe.js shows them (card-locale.ts). */
  constructor(private readonly apiBase: string, private readonly publishableKey: string, readonly requests: RecordedRequest[] = [], private readonly locale?: unknown) {}

  async call(method: 'GET' | 'POST', path: string, params: Record<string, unknown> = {}): Promise<ApiResult> {
    const form = encodeForm({ ...params, key: this.publishableKey });
    const url = `${this.apiBase.replace(/\/+$/, '')}${path}`;
    const record: RecordedRequest = { method, path, params: redact(form), status: 0 };
    this.requests.push(record);
    let response: Response;
    try {
      response = method === 'GET'
        ? await fetch(`${url}?${form}`, { method, headers: { accept: 'application/json' } })
        : await fetch(url, {
          method,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form,
        });
    } catch {
      return { status: 0, body: undefined };
    }
    record.status = response.status;
    const text = await response.text();
    try {
      return { status: response.status, body: text ? localizeBody(JSON.parse(text), this.locale) : undefined };
    } catch {
      return { status: response.status, body: undefined };
    }
  }
}

/** A card error and an intent's last error, in the shopper's language (nested: the intent inside an error). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Stripe's JSON, read field by field
function localizeBody(body: any, locale: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  for (const key of ['last_payment_error', 'last_setup_error']) if (body[key]) body[key] = localizeError(body[key], locale);
  if (body.error && typeof body.error === 'object') {
    body.error = localizeError(body.error, locale);
    for (const key of ['payment_intent', 'setup_intent']) if (body.error[key]) body.error[key] = localizeBody(body.error[key], locale);
  }
  return body;
}

function redact(form: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of form.split('&')) {
    if (!pair) continue;
    const [rawKey, rawValue = ''] = pair.split('=');
    const key = decodeURIComponent(rawKey!);
    params[key] = SENSITIVE.test(key) ? '[redacted]' : decodeURIComponent(rawValue.replace(/\+/g, ' '));
  }
  return params;
}

/** Stripe.js's error shape, as the emulator sends it (and as the fake builds it for answers that never came). */
export interface StripeErrorShape {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  doc_url?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Stripe's JSON objects, passed through
  [object: string]: any;
}

export function succeeded(result: ApiResult): boolean {
  return result.status >= 200 && result.status < 300 && result.body !== undefined;
}

/** Turns a non-2xx answer (or no answer) into Stripe.js's `{ error }` value. */
export function errorFrom(result: ApiResult): StripeErrorShape {
  if (result.status === 0) {
    return { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe. Request was retried 1 times.' };
  }
  const error = result.body?.error;
  if (error && typeof error === 'object') return error as StripeErrorShape;
  return { type: 'api_error', message: `Unexpected response from the Stripe emulator: HTTP ${result.status}.` };
}

/** `{ [key]: body }` for a success, `{ error }` otherwise: the result objects Stripe.js resolves with. */
export function resultOf(key: string, result: ApiResult): Record<string, unknown> {
  return succeeded(result) ? { [key]: result.body } : { error: errorFrom(result) };
}
