// Cross-site request forgery defence for the routes that change something (they charge cards, detach them, create
// orders). Any web page can make a visitor's browser send a "simple" cross-site request: a form post or a fetch with
// `Content-Type: text/plain`, with no CORS preflight, and the browser attaches the visitor's cookies. Two rules close
// that door, checked before the body is even read:
// 1. JSON routes accept only `Content-Type: application/json` (415 otherwise). A cross-site page can send that type
//    only after a preflight, which this server never grants, so such a request cannot come from another site.
// 2. A request whose `Origin` (or `Sec-Fetch-Site`) says it comes from another site is refused (403), whatever its type.
// The one HTML form post (`form` routes) must carry this site's own `Origin`: browsers send it on every POST.
// The webhook is exempt from both: Stripe is another site, and the signature over the raw body authenticates it.
import type { IncomingMessage } from 'node:http';
import { ApiError, describe } from './errors.js';
import { mediaType, type BodyPolicy } from './http.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

/** Throws the 403/415 a request deserves before its body is read; `allowedOrigins` are other origins that serve our page. */
export function checkRequest(req: IncomingMessage, policy: BodyPolicy, allowedOrigins: readonly string[]): void {
  const method = req.method ?? 'GET';
  if (SAFE_METHODS.has(method) || policy === 'signed') return;
  checkOrigin(req, policy === 'form', allowedOrigins);
  const type = mediaType(req);
  if (policy === 'json' && type !== 'application/json') {
    throw unsupported(req, 'application/json');
  }
  if (policy === 'form' && !FORM_TYPES.has(type)) {
    throw unsupported(req, 'application/x-www-form-urlencoded (a form post) or application/json');
  }
}

function unsupported(req: IncomingMessage, expected: string): ApiError {
  const got = req.headers['content-type'];
  return new ApiError(415, { message: `Content-Type: expected ${expected}, got ${describe(got)}`, field: 'Content-Type', code: 'unsupported_media_type' });
}

function checkOrigin(req: IncomingMessage, required: boolean, allowedOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  // A configured origin (a front end on another host of the same site, a tunnel) is trusted as it is.
  if (origin !== undefined && allowedOrigins.includes(origin.replace(/\/+$/, ''))) return;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw forbidden('Sec-Fetch-Site', `expected same-origin (a request from this site's own pages), got ${describe(site)}`);
  }
  if (origin === undefined) {
    // Servers and scripts send no Origin; only browsers do, and they always do on a cross-site POST.
    if (required) throw forbidden('Origin', `expected this site's origin (a form post from one of its pages), got nothing`);
    return;
  }
  if (!isOwnOrigin(origin, req.headers.host, allowedOrigins)) {
    throw forbidden('Origin', `expected this site's origin${req.headers.host ? ` (http(s)://${req.headers.host})` : ''}, got ${describe(origin)}`);
  }
}

/** Same host as the request was sent to (behind a TLS proxy the scheme differs, the host doesn't), or an allowed origin. */
export function isOwnOrigin(origin: string, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (allowedOrigins.includes(origin.replace(/\/+$/, ''))) return true;
  if (origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function forbidden(field: string, detail: string): ApiError {
  return new ApiError(403, { message: `${field}: ${detail}. State-changing requests are accepted from this site's own pages only.`, field, code: 'cross_site_request' });
}
