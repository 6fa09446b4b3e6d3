// Talks JSON to the merchant's backend. Every way that can go wrong (non-2xx, HTML instead of JSON, a missing
// client secret, a timeout, the network being down) becomes a BackendError with the HTTP status and a message a
// developer can act on, naming the URL.

export class BackendError extends Error {
  override name = 'BackendError';
  constructor(message: string, readonly url: string, readonly status?: number, readonly code?: string) {
    super(message);
  }
}

export interface JsonAnswer {
  status: number;
  ok: boolean;
  /** The parsed JSON body (an object), or undefined for an empty body. */
  data: Record<string, unknown> | undefined;
}

export interface RequestOptions {
  timeoutMs: number;
  /** Aborts the request (the element was disconnected or reset). */
  signal?: AbortSignal;
}

function describeType(contentType: string | null, text: string): string {
  if (contentType) return contentType.split(';')[0]!.trim();
  return text.trim() === '' ? 'an empty body' : 'a body without a content type';
}

/**
 * GET (no body) or POST (JSON body) `url` and parse its JSON answer. Non-2xx JSON answers are returned
 * (`ok: false`) so callers can read a structured `error`; everything else that is not a JSON object throws.
 */
export async function requestJson(method: 'GET' | 'POST', url: string, body: unknown, options: RequestOptions): Promise<JsonAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, options.timeoutMs);
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: method === 'POST' ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      credentials: 'same-origin',
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    if (timedOut) throw new BackendError(`The payment server did not answer ${method} ${url} within ${options.timeoutMs} ms`, url, undefined, 'timeout');
    if (options.signal?.aborted) throw new BackendError(`The request to ${url} was cancelled`, url, undefined, 'aborted');
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackendError(`Could not reach the payment server at ${url} (${reason}); check the connection and try again`, url, undefined, 'network');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }

  const contentType = response.headers.get('content-type');
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let data: unknown;
  const looksJson = contentType ? /[/+]json\b/i.test(contentType) : /^\s*[{[]/.test(text);
  if (looksJson) {
    try {
      data = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw new BackendError(`The payment server answered ${statusLine} from ${url} with invalid JSON`, url, response.status);
    }
  }
  if (!response.ok) {
    const serverMessage = readErrorMessage(data);
    if (data !== undefined && typeof data === 'object' && data !== null) return { status: response.status, ok: false, data: data as Record<string, unknown> };
    throw new BackendError(
      `The payment server answered ${statusLine} from ${url}${serverMessage ? `: ${serverMessage}` : ''}`,
      url, response.status,
    );
  }
  if (!looksJson || typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = looksJson ? (Array.isArray(data) ? 'an array' : typeof data) : describeType(contentType, text);
    throw new BackendError(`Expected JSON from ${url}, got ${got} (status ${statusLine})`, url, response.status);
  }
  return { status: response.status, ok: true, data: data as Record<string, unknown> };
}

/** `{ error: { message } }` or `{ error: "text" }` or `{ message }`, whichever the server used. */
export function readErrorMessage(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') {
    return (error as Record<string, unknown>).message as string;
  }
  return typeof record.message === 'string' ? record.message : undefined;
}

/** Reads the client secret (`clientSecret`, or `client_secret` as Stripe's own objects spell it). */
export function readClientSecret(answer: JsonAnswer, url: string): string {
  const data = answer.data ?? {};
  const secret = data.clientSecret ?? data.client_secret;
  if (typeof secret === 'string' && /_secret_/.test(secret)) return secret;
  const keys = Object.keys(data);
  throw new BackendError(
    typeof secret === 'string'
      ? `Expected clientSecret from ${url} to look like "pi_..._secret_...", got "${secret.slice(0, 12)}..."`
      : `Expected JSON with clientSecret from ${url}, got ${keys.length ? `keys ${keys.join(', ')}` : 'an empty object'}`,
    url, answer.status,
  );
}
