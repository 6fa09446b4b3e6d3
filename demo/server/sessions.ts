// Who is asking. A shopper is a session cookie: a random id signed with HMAC-SHA256 (so nobody can make up another
// shopper's id), HttpOnly (page scripts never read it), SameSite=Lax (a cross-site POST never carries it), Secure
// when the page is served over TLS. The session is bound to one Stripe customer, created the first time the shopper
// needs one (a saved card, an order); until then nothing is stored, so a flood of cookie-less requests writes nothing.
// The merchant is a bearer token (`Authorization: Bearer ...`) compared in constant time; no cookie ever grants it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'ssc_session';
/** A session lives 30 days from its creation (the cookie's Max-Age); the shopper's records stay in the database. */
const SESSION_MAX_AGE_S = 30 * 24 * 3600;

export interface SessionOptions {
  /** HMAC key for the cookie; a random one per start when not given (then sessions end with the process). */
  secret: Buffer;
  /** `auto`: Secure when the request came over TLS, or through a trusted proxy that says `X-Forwarded-Proto: https`. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Believe `X-Forwarded-Proto` (only behind a proxy that sets it; otherwise any client could). */
  trustProxy: boolean;
}

export interface SessionStore {
  /** The Stripe customer bound to session `id`, if one was made. */
  getSessionCustomer(id: string): string | undefined;
  setSessionCustomer(id: string, customerId: string): void;
}

/** One shopper: their session id and, made on first need, their Stripe customer. */
export interface Shopper {
  readonly sessionId: string;
  /** The customer already bound to this session, or null (then the shopper owns nothing yet). */
  knownCustomer(): string | null;
  /** The session's customer, created (once, even under concurrent requests) when it doesn't exist yet. */
  customerId(): Promise<string>;
}

export interface SessionManager {
  /** The request's shopper: its valid cookie's, or a new session (the cookie is set on `res`). */
  shopper(req: IncomingMessage, res: ServerResponse): Shopper;
  /** The shopper of a cookie header value (tests and embedding: which customer a browser is). Null when invalid. */
  fromCookieHeader(header: string | undefined): Shopper | null;
}

export function signSession(id: string, secret: Buffer): string {
  return `${id}.${createHmac('sha256', secret).update(id).digest('base64url')}`;
}

/** The session id of a signed cookie value, or null when the signature does not match. */
export function verifySession(value: string, secret: Buffer): string | null {
  const dot = value.indexOf('.');
  if (dot <= 0 || value.length > 200) return null;
  const id = value.slice(0, dot);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  const expected = Buffer.from(signSession(id, secret));
  const given = Buffer.from(value);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the browser reached us over TLS: our own socket, or a trusted proxy's word. */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  return typeof proto === 'string' && proto.split(',')[0]!.trim().toLowerCase() === 'https';
}

export function createSessions(options: SessionOptions, store: SessionStore, createCustomer: (sessionId: string) => Promise<Stripe.Customer>): SessionManager {
  const pending = new Map<string, Promise<string>>();
  const shopperOf = (sessionId: string): Shopper => ({
    sessionId,
    knownCustomer: () => store.getSessionCustomer(sessionId) ?? null,
    customerId() {
      const known = store.getSessionCustomer(sessionId);
      if (known) return Promise.resolve(known);
      let creating = pending.get(sessionId);
      if (!creating) {
        // One creation per session at a time (and an idempotency key per session), so two first requests make one customer.
        creating = createCustomer(sessionId)
          .then((customer) => {
            store.setSessionCustomer(sessionId, customer.id);
            return customer.id;
          })
          .finally(() => pending.delete(sessionId));
        pending.set(sessionId, creating);
      }
      return creating;
    },
  });
  return {
    shopper(req, res) {
      const id = verifySession(readCookie(req.headers.cookie, SESSION_COOKIE) ?? '', options.secret);
      if (id) return shopperOf(id);
      const fresh = randomBytes(18).toString('base64url');
      const secure = options.cookieSecure === 'always' || (options.cookieSecure === 'auto' && isHttps(req, options.trustProxy));
      const cookie = `${SESSION_COOKIE}=${signSession(fresh, options.secret)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_S}${secure ? '; Secure' : ''}`;
      if (!res.headersSent) res.setHeader('Set-Cookie', cookie);
      return shopperOf(fresh);
    },
    fromCookieHeader(header) {
      const value = readCookie(header, SESSION_COOKIE) ?? header ?? '';
      const id = verifySession(value, options.secret);
      return id ? shopperOf(id) : null;
    },
  };
}

/**
 * The merchant's credential: `Authorization: Bearer <token>`. Throws 401 without one, 403 with a wrong one; a shopper's
 * cookie is never enough. Only a header (never the URL, which ends up in logs and Referer) carries it.
 */
export function requireMerchant(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization;
  if (!header) {
    throw new ApiError(401, { message: 'Authorization: expected "Bearer <merchant token>" (this route is for the merchant), got nothing', field: 'Authorization', code: 'merchant_token_required' }, { 'WWW-Authenticate': 'Bearer realm="merchant"' });
  }
  if (!isMerchant(req, token)) {
    throw new ApiError(403, { message: 'Authorization: expected the merchant token, got another value', field: 'Authorization', code: 'merchant_token_invalid' });
  }
}

export function isMerchant(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function newSecret(): Buffer {
  return randomBytes(32);
}

export function newMerchantToken(): string {
  return randomBytes(24).toString('base64url');
}
