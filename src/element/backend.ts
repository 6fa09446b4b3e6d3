// Talks JSON to the merchant's backend. Every way that can go wrong (HTML instead of JSON, a timeout, the network
// down, a missing key) becomes an Error naming the URL, what was expected and what came, with the HTTP status.

/** `what: expected X, got Y` — the one shape of every developer-facing message (backend and attributes). */
export const expected = (what: string, wanted: string, got: string): string => `${what}: expected ${wanted}, got ${got}`;

export type Json = Record<string, unknown>;
export interface Answer { status: number; ok: boolean; data: Json }
export type BackendError = Error & { status?: number; code?: string };

/** A string from untyped JSON, or undefined. */
export const str = (value: unknown): string | undefined => (typeof value == 'string' ? value : undefined);

const failure = (message: string, status?: number, code?: string): BackendError => Object.assign(new Error(message), { status, code });

/** `{ error: { message, code } }`, `{ error: "text" }` or `{ message }`, whichever the server used, as an object. */
export const errorOf = (data: Json): Json => (data.error && typeof data.error == 'object' ? data.error as Json : { message: data.error ?? data.message });

/**
 * GET (no body) or POST (JSON body) `url`. Any JSON object is returned, non-2xx ones too (`ok: false`) so callers
 * can read a structured `error`; anything else throws.
 */
export async function requestJson(url: string, body: Json | undefined, shape: string, timeoutMs: number, signal?: AbortSignal): Promise<Answer> {
  const method = body ? 'POST' : 'GET';
  const abort = new AbortController();
  const cancel = () => abort.abort();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; cancel(); }, timeoutMs);
  signal?.addEventListener('abort', cancel);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      // GET sends no Content-Type: that keeps a cross-origin GET a simple request (no preflight).
      headers: body ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: body && JSON.stringify(body),
      signal: abort.signal,
    });
    text = await response.text();
  } catch (error) {
    throw timedOut
      ? failure(expected(`${method} ${url}`, `an answer within ${timeoutMs} ms`, 'none'), undefined, 'timeout')
      : failure(expected(`${method} ${url}`, 'an answer', `a network error (${(error as Error).message})`), undefined, signal?.aborted ? 'aborted' : 'network');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
  const { status, ok, statusText } = response;
  let data: unknown;
  try { data = JSON.parse(text); } catch { /* not JSON: reported below */ }
  if (data && typeof data == 'object' && !Array.isArray(data)) return { status, ok, data: data as Json };
  const type = response.headers.get('content-type')?.split(';')[0];
  throw failure(expected(url, `JSON ${shape}`, `${text.trim() ? type || 'text' : 'an empty body'} (${`${status} ${statusText}`.trim()})`), status);
}

/** A JSON answer without what we need: lists its keys (short string values too) and the server's message. */
export function unexpected(url: string, shape: string, { status, data }: Answer): BackendError {
  const keys = Object.entries(data).map(([key, value]) => (typeof value == 'string' ? `${key}: "${value.length > 24 ? `${value.slice(0, 24)}...` : value}"` : key));
  const { message, code } = errorOf(data);
  return failure(expected(url, `JSON ${shape}`, `{${keys.join(', ')}} (${status})${str(message) ? `: ${message}` : ''}`), status, str(code));
}
