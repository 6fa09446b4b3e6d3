// node:http plumbing: a tiny router, body reading (raw bytes kept for webhook signatures), JSON/HTML answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, describe } from './errors.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The body exactly as sent (webhook signatures are computed over these bytes). */
  rawBody: Buffer;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

const MAX_BODY_BYTES = 1_000_000;

export class Router {
  private routes: Route[] = [];

  /** `path` may hold `:name` segments, e.g. `/saved-cards/:id`. */
  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/\/:([a-zA-Z]+)/g, (_m, key: string) => { keys.push(key); return '/([^/]+)'; }) + '/?$',
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  /** Finds the route; `allowed` lists the methods of a path that exists under another method (for 405). */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => { params[key] = decodeURIComponent(m[i + 1]!); });
      return { handler: route.handler, params };
    }
    return { allowed };
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, { message: `body: expected at most ${MAX_BODY_BYTES} bytes, got more` }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON object body (or an HTML form post); anything else is a 400 naming the body. */
export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim();
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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
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

/** The origin the browser used to reach us, for URLs we hand to Stripe (Checkout success/cancel). */
export function requestOrigin(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost';
  return `http://${host}`;
}
