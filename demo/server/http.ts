// node:http plumbing: a tiny router, body reading (raw bytes kept for webhook signatures), JSON/HTML answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, describe } from './errors.js';
import type { Shopper } from './sessions.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The body exactly as sent (webhook signatures are computed over these bytes). */
  rawBody: Buffer;
  /** The shopper making the request (their session cookie, or a new session whose cookie goes out with the answer). */
  shopper: () => Shopper;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

/**
 * What a route accepts as a body, which decides the checks made before the body is read (see guards.ts):
 * - `json`: a JSON body (`Content-Type: application/json`), from this site only — the default for POST;
 * - `form`: an HTML form post (or JSON) from one of this site's pages, which must say so with its `Origin`;
 * - `signed`: Stripe's webhook: any origin, the raw bytes are authenticated by their signature;
 * - `none`: no body (GET, DELETE).
 */
export type BodyPolicy = 'json' | 'form' | 'signed' | 'none';

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  body: BodyPolicy;
}

export type RouteMatch = { handler: Handler; params: Record<string, string>; body: BodyPolicy } | { allowed: string[] };

export const MAX_BODY_BYTES = 1_000_000;

export class Router {
  private routes: Route[] = [];

  /** `path` may hold `:name` segments, e.g. `/saved-cards/:id`. */
  on(method: string, path: string, handler: Handler, body: BodyPolicy = method === 'POST' ? 'json' : 'none'): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/\/:([a-zA-Z]+)/g, (_m, key: string) => { keys.push(key); return '/([^/]+)'; }) + '/?$',
    );
    this.routes.push({ method, pattern, keys, handler, body });
    return this;
  }

  /** Finds the route; `allowed` lists the methods of a path that exists under another method (for 405). */
  match(method: string, pathname: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => { params[key] = decodeSegment(m[i + 1]!, key); });
      return { handler: route.handler, params, body: route.body };
    }
    return { allowed };
  }
}

/** Percent-decodes one path segment; malformed escapes (`%ZZ`) are the caller's mistake, so a 400 naming it. */
export function decodeSegment(segment: string, field: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, { message: `${field}: expected a valid percent-encoded path segment, got ${describe(segment)}`, field, code: 'invalid_request' });
  }
}

export class BodyTooLarge extends ApiError {
  constructor(limit: number) {
    super(413, { message: `body: expected at most ${limit} bytes, got more`, field: 'body', code: 'body_too_large' });
  }
}

/** The client closed or reset the connection mid-body: nobody is left to answer, and nothing went wrong here. */
export class ClientGone extends Error {
  constructor() {
    super('the client closed the connection before its body was complete');
  }
}

/**
 * Reads the body, up to `limit` bytes. A declared Content-Length over the limit fails before a byte is read, and a
 * body that grows past it fails as soon as it does: nothing past the limit is kept (see `discardRest`).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      failed = true;
      chunks.length = 0;
      req.off('data', onData);
      reject(new BodyTooLarge(limit));
    };
    let ended = false;
    const gone = (): void => {
      if (failed || ended) return;
      failed = true;
      chunks.length = 0;
      reject(new ClientGone());
    };
    req.on('data', onData);
    req.on('end', () => { ended = true; if (!failed) resolve(Buffer.concat(chunks)); });
    // An aborted upload emits 'error' (ECONNRESET "aborted") and 'close', never 'end'.
    req.on('error', gone);
    req.on('close', gone);
  });
}

/**
 * After answering early (413, 415, 403...), let the client finish its upload so it reads our answer instead of a
 * connection reset; the bytes are dropped as they come, and a client that keeps going past a cap is cut off.
 */
export function discardRest(req: IncomingMessage, cap = 8 * MAX_BODY_BYTES): void {
  if (req.complete) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > cap) req.destroy();
  });
  req.resume();
}

/** Parses a JSON object body (or, on `form` routes, an HTML form post); anything else is a 400 naming the body. */
export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const type = mediaType(ctx.req);
  const text = ctx.rawBody.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, { message: `body: expected JSON (Content-Type: application/json), got ${describe(text)}`, field: 'body', code: 'invalid_json' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, { message: `body: expected a JSON object, got ${describe(parsed)}`, field: 'body', code: 'invalid_json' });
  }
  return parsed as Record<string, unknown>;
}

/** The request's media type, lower-cased and without parameters (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, status = 303): void {
  res.writeHead(status, { Location: location });
  res.end();
}

/** Escapes text for HTML bodies and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
