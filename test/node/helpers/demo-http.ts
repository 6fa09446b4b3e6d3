// Real HTTP calls to a running reference server, answers parsed for field-by-field assertions.

/** JSON answers, asserted field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose by design: an assertion failure names the field
export type Json = any;

export interface Answer {
  status: number;
  data: Json;
  text: string;
  headers: Headers;
}

/** `body` objects are sent as JSON (with `Content-Type: application/json` unless `headers` says otherwise); strings as they are. */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    redirect: 'manual',
    headers: body === undefined || typeof body === 'string' ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let data: Json = null;
  try { data = JSON.parse(text); } catch { data = text; }
  return { status: res.status, data, text, headers: res.headers };
}
