// Real HTTP calls to a running reference server, answers parsed for field-by-field assertions. Each call carries a
// cookie jar, like a browser: by default one jar per server (one shopper per test file), or a `Jar` of its own
// (a second shopper, an attacker).
import type { RunningDemo } from '../../../demo/server/demo.js';

/** JSON answers, asserted field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose by design: an assertion failure names the field
export type Json = any;

export interface Answer {
  status: number;
  data: Json;
  text: string;
  headers: Headers;
}

/** A browser's cookies for one server: what `Set-Cookie` set, sent back as `Cookie`. */
export class Jar {
  private cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  get size(): number {
    return this.cookies.size;
  }
}

const jars = new Map<string, Jar>();
/** The default shopper's jar for a server. */
export function jarOf(base: string): Jar {
  let jar = jars.get(base);
  if (!jar) jars.set(base, jar = new Jar());
  return jar;
}

/**
 * `body` objects are sent as JSON (with `Content-Type: application/json` unless `headers` says otherwise); strings as
 * they are. `jar`: whose cookies (default: the server's default shopper; `null`: none, nothing kept).
 */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, jar: Jar | null = jarOf(base)): Promise<Answer> {
  const cookie = jar?.header();
  const res = await fetch(base + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(body === undefined || typeof body === 'string' ? {} : { 'Content-Type': 'application/json' }),
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  jar?.take(res.headers);
  const text = await res.text();
  let data: Json = null;
  try { data = JSON.parse(text); } catch { data = text; }
  return { status: res.status, data, text, headers: res.headers };
}

/** A new shopper: a jar holding the session cookie the server sets on a first page load. */
export async function newShopper(base: string): Promise<Jar> {
  const jar = new Jar();
  await call(base, 'GET', '/', undefined, {}, jar);
  return jar;
}

/** The Stripe customer of a jar's shopper (the server's default shopper unless given), made when missing. */
export async function customerOf(demo: RunningDemo, jar: Jar = jarOf(demo.url)): Promise<string> {
  if (jar.size === 0) await call(demo.url, 'GET', '/orders', undefined, {}, jar);
  return demo.customerOf(jar.header());
}

/** The merchant's credential header for `demo`. */
export const merchant = (demo: RunningDemo): Record<string, string> => ({ Authorization: `Bearer ${demo.merchantToken}` });
