// Rate limits on the routes that cost a Stripe API call (creating intents, confirming, listing cards). Without them
// anyone could spend the merchant's Stripe rate limit (and, with the embedded emulator, its memory) from one
// browser tab. Two budgets, both must allow the request: one per shopper session, one per client address (a
// client that drops its cookie gets a new session each time, but keeps its address). A refused request is a 429
// with `Retry-After` (whole seconds), before any Stripe call is made.
import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.js';

export interface RateLimits {
  /** Stripe-costing requests per session per window. Default 60. */
  perSession: number;
  /** Stripe-costing requests per client address per window. Default 300. */
  perAddress: number;
  /** The window, in ms. Default 60,000. */
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perSession: 60, perAddress: 300, windowMs: 60_000 };

/** A fixed-window counter per key; windows are forgotten when they end, so memory stays bounded by active clients. */
class Windows {
  private counts = new Map<string, { count: number; resetAt: number }>();
  private sweepAt = 0;

  /** Counts one request for `key`; returns the ms to wait when over `limit`, else 0. */
  take(key: string, limit: number, windowMs: number, now: number): number {
    if (now >= this.sweepAt) {
      for (const [k, w] of this.counts) if (w.resetAt <= now) this.counts.delete(k);
      this.sweepAt = now + windowMs;
    }
    let w = this.counts.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.counts.set(key, w);
    }
    if (w.count >= limit) return w.resetAt - now;
    w.count++;
    return 0;
  }
}

export interface RateLimiter {
  /** Throws the 429 when `sessionId` or the request's address has used its budget. */
  check(req: IncomingMessage, sessionId: string): void;
}

export function createRateLimiter(options: Partial<RateLimits> = {}, clock: () => number = Date.now): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options };
  const sessions = new Windows();
  const addresses = new Windows();
  return {
    check(req, sessionId) {
      const now = clock();
      const address = req.socket.remoteAddress ?? 'unknown';
      const waitAddress = addresses.take(address, limits.perAddress, limits.windowMs, now);
      const waitSession = waitAddress ? 0 : sessions.take(sessionId, limits.perSession, limits.windowMs, now);
      const wait = Math.max(waitAddress, waitSession);
      if (wait > 0) {
        const which = waitAddress ? `this address (${limits.perAddress}` : `this session (${limits.perSession}`;
        throw new ApiError(429, {
          message: `Too many requests from ${which} per ${Math.round(limits.windowMs / 1000)} s on routes that call Stripe); retry after ${Math.ceil(wait / 1000)} s.`,
          code: 'rate_limited',
        }, { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) });
      }
    },
  };
}
