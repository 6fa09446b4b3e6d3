// Emulator mode: the page reaches the embedded emulator through this server's own origin, so the whole demo works
// through one port (a forwarded port, a container, a tunnel). That origin is public, so it forwards only what a
// browser needs, the way api.stripe.com serves a browser: the routes Stripe.js calls with the publishable key, the
// Stripe.js script itself (/v3/) and the hosted 3D Secure and Checkout pages. Everything else under /v1 is a 404
// here, and a secret key is refused (401) even on a listed route: the secret-key API (customers, events with their
// client secrets, refunds...) stays on the emulator's own port, which listens on 127.0.0.1 only.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { discardRest, mediaType } from './http.js';

/** `publishable`: the request must present the publishable key (query, form body or Authorization), and no other key. */
type Auth = 'publishable' | 'none';

interface BrowserRoute {
  method: 'GET' | 'POST';
  path: RegExp;
  auth: Auth;
  /** What calls it, for the reader adding the next one. */
  why: string;
}

const ID = '[A-Za-z0-9_]{1,255}';

/**
 * The allow-list. To forward another Stripe.js call (elements sessions, radar sessions...), add its method and
 * path here with `auth: 'publishable'`: the key rule then applies to it as to the others. A test compares this list
 * with the emulator's route table, so a publishable-key route added there and not here (or a secret one here) fails.
 */
export const BROWSER_ROUTES: readonly BrowserRoute[] = [
  { method: 'GET', path: /^\/v3\/?$/, auth: 'none', why: 'the Stripe.js script' },
  { method: 'POST', path: /^\/v1\/payment_methods$/, auth: 'publishable', why: 'createPaymentMethod, confirm with card data' },
  { method: 'GET', path: new RegExp(`^/v1/payment_intents/pi_${ID}$`), auth: 'publishable', why: 'retrievePaymentIntent (with its client secret)' },
  { method: 'POST', path: new RegExp(`^/v1/payment_intents/pi_${ID}/confirm$`), auth: 'publishable', why: 'confirmCardPayment' },
  { method: 'GET', path: new RegExp(`^/v1/setup_intents/seti_${ID}$`), auth: 'publishable', why: 'retrieveSetupIntent (with its client secret)' },
  { method: 'POST', path: new RegExp(`^/v1/setup_intents/seti_${ID}/confirm$`), auth: 'publishable', why: 'confirmCardSetup' },
  { method: 'GET', path: /^\/v1\/elements\/sessions$/, auth: 'publishable', why: 'the Payment Element\'s session (methods on offer, saved methods)' },
  { method: 'POST', path: /^\/v1\/confirmation_tokens$/, auth: 'publishable', why: 'createConfirmationToken (confirm="server")' },
  { method: 'GET', path: new RegExp(`^/bank/${ID}/?$`), auth: 'none', why: 'the test bank page of a redirect method (iDEAL, Bancontact)' },
  { method: 'POST', path: new RegExp(`^/bank/${ID}/(authorize|fail)$`), auth: 'publishable', why: 'the bank page\'s buttons' },
  { method: 'GET', path: new RegExp(`^/customer_sessions/${ID}$`), auth: 'publishable', why: 'a CustomerSession\'s saved methods (save-ui="stripe")' },
  { method: 'POST', path: new RegExp(`^/customer_sessions/payment_methods/pm_${ID}/detach$`), auth: 'publishable', why: 'the Payment Element\'s remove button (payment_method_remove)' },
  { method: 'POST', path: /^\/v1\/tokens$/, auth: 'publishable', why: 'createToken' },
  { method: 'POST', path: /^\/v1\/sources$/, auth: 'publishable', why: 'createSource' },
  { method: 'GET', path: new RegExp(`^/v1/sources/src_${ID}$`), auth: 'publishable', why: 'retrieveSource (with its client secret)' },
  { method: 'GET', path: new RegExp(`^/3ds/${ID}/?$`), auth: 'none', why: 'the hosted 3D Secure page and its status' },
  { method: 'POST', path: new RegExp(`^/3ds/${ID}/(complete|fail)$`), auth: 'publishable', why: 'the 3D Secure page\'s buttons' },
  { method: 'GET', path: new RegExp(`^/checkout/cs_${ID}/?$`), auth: 'none', why: 'the hosted Checkout page and its status' },
  { method: 'POST', path: new RegExp(`^/checkout/cs_${ID}/complete$`), auth: 'publishable', why: 'the hosted Checkout page\'s pay button' },
];

/** Paths this proxy answers for (forwarded or refused). The demo's own /checkout/setup-session and /checkout/success don't match. */
export function isEmulatorPath(pathname: string): boolean {
  return /^\/(v1|v3)(\/|$)/.test(pathname) || /^\/(3ds|bank|customer_sessions)\//.test(pathname) || pathname.startsWith('/checkout/cs_');
}

const MAX_FORWARDED_BODY = 64 * 1024;

/** Forwards an allowed browser call to the emulator on 127.0.0.1:`port`; answers anything else itself, Stripe-shaped. */
export async function proxyToEmulator(req: IncomingMessage, res: ServerResponse, port: number, publishableKey: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = BROWSER_ROUTES.find((r) => r.method === method && r.path.test(url.pathname));
  if (!route) {
    refuse(req, res, 404, 'resource_missing', `${req.method} ${url.pathname} is not served on this origin: it forwards only the calls Stripe.js and the hosted pages make. Server code talks to the Stripe API directly.`);
    return;
  }
  const body = await readSmallBody(req);
  if (body === null) {
    refuse(req, res, 413, 'request_too_large', `Request body too large: this origin forwards at most ${MAX_FORWARDED_BODY} bytes.`);
    return;
  }
  if (route.auth === 'publishable') {
    const keys = presentedKeys(req, url, body);
    if (keys === 'unreadable') {
      refuse(req, res, 415, 'unsupported_media_type', 'Content-Type: expected application/x-www-form-urlencoded, as Stripe.js sends.');
      return;
    }
    if (keys.length === 0 || keys.some((key) => key !== publishableKey)) {
      refuse(req, res, 401, undefined, keys.length === 0
        ? 'You did not provide an API key: this origin forwards Stripe.js calls made with the publishable key.'
        : 'This origin accepts the publishable key only. Secret keys never belong in a browser: call the Stripe API from your server.');
      return;
    }
  }
  forward(req, res, port, body);
}

function forward(req: IncomingMessage, res: ServerResponse, port: number, body: Buffer): void {
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    refuse(req, res, 502, undefined, `The embedded Stripe emulator did not answer: ${error.message}`, 'api_connection_error');
  });
  upstream.end(body);
}

/** The body, or null past the limit (the rest is drained, not kept, so the client reads our answer). */
function readSmallBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_FORWARDED_BODY) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      discardRest(req);
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Every API key the request presents: `Authorization` (Bearer, or Basic with the key as user), `key` in the query or the form body. */
function presentedKeys(req: IncomingMessage, url: URL, body: Buffer): string[] | 'unreadable' {
  const keys: string[] = [];
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^\s*(Bearer|Basic)\s+(\S+)\s*$/i.exec(authorization);
    if (!match) keys.push(authorization.trim());
    else if (match[1]!.toLowerCase() === 'bearer') keys.push(match[2]!);
    else keys.push(Buffer.from(match[2]!, 'base64').toString('utf8').split(':')[0]!);
  }
  keys.push(...url.searchParams.getAll('key'));
  if (body.length > 0) {
    // Stripe.js sends form bodies; a body we can't read could hide a key, so it is not forwarded.
    if (mediaType(req) !== 'application/x-www-form-urlencoded') return 'unreadable';
    keys.push(...new URLSearchParams(body.toString('utf8')).getAll('key'));
  }
  return keys;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string | undefined, message: string, type = 'invalid_request_error'): void {
  const text = JSON.stringify({ error: { type, ...(code ? { code } : {}), message } }, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? '' : text);
}
