// Small node:http helpers: a bounded body reader, Stripe-shaped error answers, and CORS headers.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from '../emulator/index.js';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes.`);
  }
}

/** The client closed or reset the connection before its body was complete: there is nobody left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before the request body was complete.');
  }
}

/**
 * Reads the raw body as UTF-8, failing with BodyTooLargeError as soon as it passes `limit`: nothing beyond the limit
 * is kept in memory (the rest is discarded as it arrives, so the client can finish sending and read our 413).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discard(req);
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        discard(req);
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // An aborted upload emits 'error' (ECONNRESET "aborted") then 'close', or only 'close'; either way no 'end'.
    const gone = (): void => {
      if (failed || ended) return;
      failed = true;
      chunks.length = 0;
      reject(new ClientGoneError());
    };
    req.on('error', gone);
    req.on('close', gone);
  });
}

// Let the client finish its upload (so it reads the 413 instead of a reset) but cut it off past a hard cap.
function discard(req: IncomingMessage): void {
  let drained = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > 16 * MAX_BODY_BYTES) req.destroy();
  });
  req.resume();
}

export function requestId(): string {
  return `req_${randomBytes(10).toString('hex')}`;
}

/** The JSON body of a Stripe API error. */
export function stripeErrorBody(type: string, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: { type, message, ...extra } }, null, 2);
}

/**
 * api.stripe.com answers CORS for publishable-key routes: any origin, the Stripe.js request headers.
 * Credentials are never used (the key travels in the body or the Authorization header), so `*` is right.
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers':
      req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account, X-Stripe-Client-User-Agent',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-expose-headers': 'Request-Id, Stripe-Version, Idempotency-Key',
    'access-control-max-age': '300',
  };
}

export function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent) return;
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  res.end(bytes);
}

/** Lower-cased, single-valued header map for the core (repeated headers are joined like Node does for most). */
export function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
