// Talks JSON to the merchant's backend. Every way that can go wrong (HTML instead of JSON, a timeout, the network
// down, a missing key) becomes an Error naming the URL, what was expected and what came, with the HTTP status.

/** `what: expected X, got Y` — the one shape of every developer-facing message (backend and attributes). */
export const expected = (what: string, wanted: string, got: string): string => `${what}: expected ${wanted}, got ${got}`;

export type Json = Record<string, unknown>;
/** `data`: the JSON object the backend answered with, when it answered with one (e.g. a structured decline). */
export type BackendError = Error & { status?: number; code?: string; data?: Json };

/** A string from untyped JSON, or undefined. */
export const str = (value: unknown): string | undefined => (typeof value == 'string' ? value : undefined);

const failure = (message: string, status?: number, code?: string, data?: Json): BackendError =>
  Object.assign(new Error(message), { status, code, data });

/** `{ error: { message, code } }`, `{ error: "text" }` or `{ message }`, whichever the server used, as an object. */
export const errorOf = (data: Json): Json => (data.error && typeof data.error == 'object' ? data.error as Json : { message: data.error ?? data.message });

/**
 * GET (no body) or POST (JSON body) `url` and return what `pick` finds in a 2xx JSON answer. Anything else throws
 * a BackendError: no answer in time, the network, not a JSON object, or a JSON object without what `pick` wants
 * (`shape` says what that is); a JSON answer rides along as `data` so callers can read a structured decline.
 */
export async function callBackend<T>(url: string, body: Json | undefined, shape: string, pick: (data: Json) => T | undefined, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  const method = body ? 'POST' : 'GET';
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      // GET sends no Content-Type: that keeps a cross-origin GET a simple request (no preflight).
      headers: { Accept: 'application/json', ...body && { 'Content-Type': 'application/json' } },
      body: body && JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    text = await response.text();
  } catch (error) {
    throw timeout.aborted
      ? failure(expected(`${method} ${url}`, `an answer within ${timeoutMs} ms`, 'none'), undefined, 'timeout')
      : failure(expected(`${method} ${url}`, 'an answer', `a network error (${(error as Error).message})`), undefined, signal?.aborted ? 'aborted' : 'network');
  }
  const { status, statusText } = response;
  const wanted = `JSON ${shape}`;
  let data: Json | undefined;
  try { data = JSON.parse(text) as Json; } catch { /* not JSON: reported below */ }
  if (!data || typeof data != 'object' || Array.isArray(data)) {
    const type = response.headers.get('content-type')?.split(';')[0];
    throw failure(expected(url, wanted, `${text.trim() ? type || 'text' : 'an empty body'} (${`${status} ${statusText}`.trim()})`), status);
  }
  const picked = response.ok ? pick(data) : undefined;
  if (picked !== undefined) return picked;
  // A JSON answer without what we need: name its keys, and the server's own message when it sent one.
  const { message, code } = errorOf(data);
  throw failure(expected(url, wanted, `{${Object.keys(data).join(', ')}} (${status})${str(message) ? `: ${message}` : ''}`), status, str(code), data);
}
