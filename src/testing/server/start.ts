// The node:http adapter of the emulator: the official `stripe` SDK, Stripe.js pages and webhook receivers talk to it
// over real HTTP. The core answers every API route; this file adds what only a server can do: the socket, body
// limits, CORS, webhook delivery, the hosted 3DS/Checkout pages and the /v3/ fake Stripe.js.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, createEmulator } from '../emulator/index.js';
import type { Emulator, EmulatorLimits, EmulatorOptions } from '../emulator/types.js';
import { answerClientError, MAX_HEADER_BYTES } from './client-errors.js';
import { BodyTooLargeError, ClientGoneError, corsHeaders, flattenHeaders, readBody, requestId, send, stripeErrorBody } from './http.js';
import { renderBankPage } from './bank-page.js';
import { renderCheckoutPage, renderThreeDsPage } from './pages.js';
import { fakeStripeScript } from './stripe-js.js';
import { WebhookDispatcher } from './webhooks.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookRetryOptions } from './webhooks.js';

export interface StartEmulatorOptions {
  /** TCP port; 0 picks a free one. Default 0 (the CLI defaults to 12111, like stripe-mock). */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Secret key the server routes accept (ignored when `emulator` is given). Default `sk_test_emulator`. */
  secretKey?: string;
  /** Publishable key the Stripe.js routes accept (ignored when `emulator` is given). Default `pk_test_emulator`. */
  publishableKey?: string;
  /** Endpoints that receive every event, signed like Stripe. More can be added with `addWebhook`. */
  webhooks?: WebhookEndpoint[];
  /** Retry schedule for webhook deliveries. */
  webhookRetry?: WebhookRetryOptions;
  /** Serve an existing core (shared state with in-process code) instead of creating one. */
  emulator?: Emulator;
  /** Caps on stored objects, events and idempotency keys (ignored when `emulator` is given); see `EmulatorLimits`. */
  limits?: Partial<EmulatorLimits>;
  /**
   * The emulated account's API version (ignored when `emulator` is given): requests without `Stripe-Version` and
   * webhook endpoints without their own `apiVersion` get it. Any version Stripe released; default the newest known.
   */
  apiVersion?: string;
  /** Payment method types the account has turned on (ignored when `emulator` is given); see `EmulatorOptions`. */
  paymentMethodTypes?: EmulatorOptions['paymentMethodTypes'];
  /** How long SEPA Debit stays processing before its webhook (ignored when `emulator` is given). Default 1,500 ms. */
  settleDelayMs?: number;
  /** Largest accepted request body in bytes; larger ones get a 413. Default 1 MB. */
  maxBodyBytes?: number;
  /** No log lines (webhook failures, listening address) on stderr. */
  quiet?: boolean;
}

export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:12111`. */
  url: string;
  port: number;
  emulator: Emulator;
  secretKey: string;
  publishableKey: string;
  /** The emulated account's API version: what requests without `Stripe-Version` and webhooks are answered in. */
  apiVersion: string;
  /** Spread into `new Stripe(secretKey, { ...stripeConfig })` to point the SDK here. */
  stripeConfig: { host: string; port: number; protocol: 'http' };
  /** Starts sending events to one more endpoint; returns a function that stops it. */
  addWebhook(endpoint: WebhookEndpoint): () => void;
  /** Resolves once every webhook delivery so far has succeeded or given up retrying. */
  webhooksIdle(): Promise<void>;
  /** The latest deliveries (event id, url, attempts, last status), oldest first: as many as `limits.events`. */
  webhookDeliveries(): WebhookDelivery[];
  /** Stops listening, cancels pending webhook retries, drops keep-alive connections. */
  close(): Promise<void>;
}

/** Starts the emulator on a local port. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`startEmulator: port must be an integer 0-65535, got ${String(port)}`);
  if (typeof host !== 'string' || host === '') throw new TypeError(`startEmulator: host must be a non-empty string, got ${JSON.stringify(host)}`);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.quiet ? () => {} : (line: string) => process.stderr.write(`[stripe emulator] ${line}\n`);

  const emulator: Emulator =
    options.emulator ??
    createEmulator({
      ...(options.secretKey !== undefined && { secretKey: options.secretKey }),
      ...(options.publishableKey !== undefined && { publishableKey: options.publishableKey }),
      ...(options.limits !== undefined && { limits: options.limits }),
      ...(options.apiVersion !== undefined && { apiVersion: options.apiVersion }),
      log,
      ...(options.paymentMethodTypes !== undefined && { paymentMethodTypes: options.paymentMethodTypes }),
      ...(options.settleDelayMs !== undefined && { settleDelayMs: options.settleDelayMs }),
    });
  const webhooks = new WebhookDispatcher(options.webhookRetry, log, emulator.limits.events, (event, version) => emulator.renderEvent(event, version));
  for (const endpoint of options.webhooks ?? []) webhooks.add(endpoint);
  const unsubscribe = emulator.onEvent((event) => webhooks.dispatch(event));

  // Past Node's default 16 KB of request line and headers, so that the core's own 414 (URLs over 16,384
  // characters) is what a long URL gets; what the parser still refuses, and a request without Host (checked in
  // handleRequest), get Stripe-shaped JSON too instead of Node's bare status line.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false }, (req, res) => {
    handleRequest(req, res, emulator, maxBodyBytes).catch((err: unknown) => {
      if (err instanceof ClientGoneError) return; // nobody to answer, nothing went wrong here
      log(`${req.method} ${req.url} failed: ${err instanceof Error ? err.stack : String(err)}`);
      send(res, 500, { 'content-type': 'application/json' }, stripeErrorBody('api_error', 'The emulator failed to handle this request.'));
    });
  });
  server.on('clientError', answerClientError);
  // stripe-node keeps connections alive; keep sockets a little past its idle timeout so it never hits a closed one.
  server.keepAliveTimeout = 65_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    unsubscribe();
    webhooks.close();
    throw err;
  }

  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${actualPort}`;
  emulator.publicUrl = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    emulator,
    secretKey: emulator.secretKey,
    publishableKey: emulator.publishableKey,
    apiVersion: emulator.apiVersion,
    stripeConfig: { host: urlHost.replace(/^\[|\]$/g, ''), port: actualPort, protocol: 'http' },
    addWebhook: (endpoint) => webhooks.add(endpoint),
    webhooksIdle: () => webhooks.idle(),
    webhookDeliveries: () => webhooks.history(),
    close() {
      closing ??= closeServer(server).finally(() => {
        unsubscribe();
        webhooks.close();
      });
      return closing;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections(); // idle keep-alive sockets would otherwise hold close() open for a minute
  });
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, emulator: Emulator, maxBodyBytes: number): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = req.url ?? '/';
  const pathname = path.split('?')[0]!;
  const cors = corsHeaders(req);

  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1 && req.headers.host === undefined) {
    res.setHeader('connection', 'close');
    send(res, 400, { ...cors, 'content-type': 'application/json', 'request-id': requestId() },
      stripeErrorBody('invalid_request_error', 'Missing Host header: every HTTP/1.1 request must name the host it is for.'));
    req.resume();
    return;
  }

  if (method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }

  if (method === 'GET' || method === 'HEAD') {
    if (pathname === '/v3' || pathname === '/v3/') return serveStripeJs(req, res, cors);
    if (wantsHtml(req)) {
      const page = renderPage(pathname, emulator);
      if (page) {
        send(res, page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, page.html);
        return;
      }
    }
  }

  let body: string;
  try {
    body = await readBody(req, maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      send(
        res,
        413,
        { ...cors, 'content-type': 'application/json', 'request-id': requestId() },
        stripeErrorBody('invalid_request_error', `Request body too large: the limit is ${err.limit} bytes.`, { code: 'request_too_large' }),
      );
      return;
    }
    throw err;
  }

  const answer = emulator.handle({ method, path, headers: flattenHeaders(req), body });
  const headers: Record<string, string> = { ...cors, ...lowerKeys(answer.headers) };
  headers['content-type'] ??= 'application/json';
  headers['request-id'] ??= requestId();
  send(res, answer.status, headers, method === 'HEAD' ? '' : answer.body);
}

/** A browser navigating (Accept: text/html) gets the hosted page; fetch() from that page gets the core's JSON. */
function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

function renderPage(pathname: string, emulator: Emulator): { status: number; html: string } | undefined {
  const bank = /^\/bank\/([A-Za-z0-9_]+)\/?$/.exec(pathname);
  if (bank) return renderBankPage(emulator, bank[1]!);
  const threeDs = /^\/3ds\/([A-Za-z0-9_]+)\/?$/.exec(pathname);
  if (threeDs) return renderThreeDsPage(emulator, threeDs[1]!);
  const checkout = /^\/checkout\/([A-Za-z0-9_]+)\/?$/.exec(pathname);
  if (checkout) return renderCheckoutPage(emulator, checkout[1]!);
  return undefined;
}

async function serveStripeJs(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): Promise<void> {
  const headers = { ...cors, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' };
  try {
    const script = await fakeStripeScript();
    // Fallback API base for a script evaluated without a <script> tag (document.currentScript is null then).
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const prelude = `globalThis.__stripeSaveCardEmulatorUrl = globalThis.__stripeSaveCardEmulatorUrl || ${JSON.stringify(origin)};\n`;
    send(res, 200, headers, req.method === 'HEAD' ? '' : prelude + script);
  } catch (err) {
    const message = `stripe-save-card emulator: cannot serve the fake Stripe.js: ${err instanceof Error ? err.message : String(err)}`;
    send(res, 500, headers, `console.error(${JSON.stringify(message)});\n`);
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
