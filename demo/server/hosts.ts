// DNS rebinding: a page on attacker.example can make its own name resolve to 127.0.0.1, and then its scripts talk
// to this server as "same origin" (the browser sees attacker.example on both sides, so Origin checks pass). What
// gives it away is the Host header: it names the attacker's host. So the server answers only as the names it is
// configured for (localhost names by default, the public URL's host, any allowed origin's host) and refuses the
// rest with 421 Misdirected Request, before a route, a proxy or a static file is reached.
import type { IncomingMessage } from 'node:http';
import { ApiError, describe } from './errors.js';

/** The host name of a Host header (`localhost:4242` → `localhost`, `[::1]:80` → `[::1]`), lower-cased. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** `allowed` entries are host names (any port) or `name:port` (that port only). */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const lower = host.trim().toLowerCase();
  return allowed.includes(lower) || allowed.includes(hostName(lower));
}

export function checkHost(req: IncomingMessage, allowed: readonly string[]): void {
  if (isAllowedHost(req.headers.host, allowed)) return;
  throw new ApiError(421, {
    message: `Host: expected one of ${allowed.join(', ')} (the names this server answers as; add yours with ALLOWED_HOSTS), got ${describe(req.headers.host)}`,
    field: 'Host', code: 'host_not_allowed',
  }, { Connection: 'close' });
}
