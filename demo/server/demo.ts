// startDemo: the reference server on a port, in one of two modes.
// - emulator (no keys): the offline Stripe emulator runs in this process on a free port; the SDK, the page's fake
//   Stripe.js and webhook deliveries all go to it. A demo customer (and a saved Visa) is seeded on every start,
//   since the emulator keeps its state in memory.
// - stripe (STRIPE_SECRET_KEY + STRIPE_PUBLISHABLE_KEY): real Stripe, real Stripe.js; webhooks need STRIPE_WEBHOOK_SECRET.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../../src/testing/server/index.js';
import type { StartEmulatorOptions, WebhookRetryOptions } from '../../src/testing/server/index.js';
import { createApp, type DemoHandler } from './app.js';
import { openDb, type DemoDb } from './db.js';
import { startReconciler, type ReconcileOptions } from './reconcile.js';
import type { DemoMode, Faults } from './context.js';
import { DEFAULT_ALLOWED_HOSTS } from './context.js';
import { newMerchantToken, newSecret } from './sessions.js';
import type { RateLimits } from './limits.js';
import { hostName } from './hosts.js';

export const DEFAULT_DB_PATH = new URL('../data/demo.sqlite', import.meta.url).pathname;
const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

export interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret?: string | undefined;
}

export interface StartDemoOptions {
  /** Default 4242; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** SQLite file (created on first start) or ':memory:'. Default demo/data/demo.sqlite. */
  dbPath?: string;
  /** Real Stripe keys; without them the emulator is embedded. */
  keys?: StripeKeys | null;
  /** Emulator mode: attach a test Visa to the demo customer at start. Default true. */
  seedCard?: boolean;
  /** Emulator mode: the emulated account's Stripe API version (default the newest the emulator knows). */
  emulatorApiVersion?: string;
  /** Emulator mode: the embedded emulator's caps (objects kept in memory, events, idempotency keys). */
  emulatorLimits?: StartEmulatorOptions['limits'];
  /** Emulator mode: how long a SEPA debit stays `processing` before it settles (tests shorten it). */
  settleDelayMs?: number;
  /** Emulator mode: webhook retry schedule (default: the emulator's, exponential over ~37 min; tests shorten it). */
  webhookRetry?: WebhookRetryOptions;
  /** Reconciliation of open orders: a sweep at start, then every `intervalMs` (default 60 s); `graceMs` for the webhook first. */
  reconcile?: ReconcileOptions;
  /** SQLite busy timeout: how long a write waits for another process's lock before the route answers 503. Default 100 ms. */
  busyTimeoutMs?: number;
  /** Other origins allowed to call the state-changing routes (e.g. a tunnel that rewrites Host). */
  allowedOrigins?: string[];
  /** Host names the server answers as (default localhost names, plus publicUrl's and allowedOrigins' hosts). */
  allowedHosts?: string[];
  /** The origin shoppers use (`https://shop.example`); default `url`. Checkout's return URLs use it (same host, same cookie). */
  publicUrl?: string;
  /** The merchant's bearer token; default a random one (printed by `npm start` in the merchant panel's URL). */
  merchantToken?: string;
  /** HMAC key for session cookies; default random per start. */
  sessionSecret?: Buffer;
  /** `auto` (default): Secure cookies over TLS or behind a trusted proxy saying https. */
  cookieSecure?: 'auto' | 'always' | 'never';
  /** Trust `X-Forwarded-Proto` (only behind a proxy that sets it). Default false. */
  trustProxy?: boolean;
  /** Per-session and per-address budgets of Stripe-costing requests. */
  rateLimits?: Partial<RateLimits>;
  /** Connection limits of the HTTP server (slow clients are cut off, at most `maxConnections` at once). */
  http?: Partial<HttpLimits>;
  /** Where the element's build lives; default the project's dist/. */
  distDir?: string;
  log?: (line: string) => void;
}

export interface HttpLimits {
  /** Time to receive a request's headers. Default 10 s. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (headers and body). Default 30 s. */
  requestTimeoutMs: number;
  /** Open connections at most; more are refused at once. Default 500 (under a default `ulimit -n` of 1024). */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 500 };

export interface RunningDemo {
  url: string;
  port: number;
  mode: DemoMode;
  db: DemoDb;
  /** The embedded emulator (emulator mode only). */
  emulator: RunningEmulator | null;
  stripe: Stripe;
  /** The merchant's bearer token (`Authorization: Bearer ...` on /charge-saved-card, GET /orders for all orders). */
  merchantToken: string;
  /** The Stripe customer of a shopper's session (a `Cookie` header or the cookie's value); created when missing. */
  customerOf(cookie: string): Promise<string>;
  /** Test hooks (fault injection). */
  faults: Faults;
  handler: DemoHandler;
  /** Runs one reconciliation sweep now; resolves to the number of orders whose status changed. */
  reconcileNow(): Promise<number>;
  /** Stops the HTTP server (open connections dropped), as in an outage; the emulator and database stay. */
  stopHttp(): Promise<void>;
  /** Listens again on the same port after stopHttp(). */
  startHttp(): Promise<void>;
  close(): Promise<void>;
}

/** Reads the mode from the environment; half-configured keys are an error, not a silent fallback. */
export function keysFromEnv(env: NodeJS.ProcessEnv = process.env): StripeKeys | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY?.trim();
  if (!secretKey && !publishableKey) return null;
  if (!secretKey || !/^(sk|rk)_/.test(secretKey)) throw new Error(`STRIPE_SECRET_KEY: expected sk_test_... (with STRIPE_PUBLISHABLE_KEY set), got ${secretKey ? 'a value not starting with sk_/rk_' : 'nothing'}`);
  if (!publishableKey || !publishableKey.startsWith('pk_')) throw new Error(`STRIPE_PUBLISHABLE_KEY: expected pk_test_... (with STRIPE_SECRET_KEY set), got ${publishableKey ? 'a value not starting with pk_' : 'nothing'}`);
  return { secretKey, publishableKey, webhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || undefined };
}

export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const db = openDb(options.dbPath ?? DEFAULT_DB_PATH, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  const faults: Faults = { failWebhooks: 0 };
  const keys = options.keys ?? null;
  let emulator: RunningEmulator | null = null;
  let server: Server | null = null;
  try {
    let stripe: Stripe;
    let publishableKey: string;
    let webhookSecret: string | null;
    let stripeJsUrl: string;
    if (keys) {
      stripe = new Stripe(keys.secretKey, { maxNetworkRetries: 2, appInfo: { name: 'stripe-save-card demo' } });
      publishableKey = keys.publishableKey;
      webhookSecret = keys.webhookSecret ?? null;
      stripeJsUrl = STRIPE_JS_URL;
    } else {
      emulator = await startEmulator({
        port: 0, quiet: true,
        // The Dashboard's list of methods for the Payment Element (<stripe-save-payment>): the redirect and debit ones too.
        paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'],
        ...(options.settleDelayMs !== undefined ? { settleDelayMs: options.settleDelayMs } : {}),
        ...(options.webhookRetry ? { webhookRetry: options.webhookRetry } : {}),
        ...(options.emulatorApiVersion ? { apiVersion: options.emulatorApiVersion } : {}),
        ...(options.emulatorLimits ? { limits: options.emulatorLimits } : {}),
      });
      stripe = new Stripe(emulator.secretKey, { ...emulator.stripeConfig, maxNetworkRetries: 0, telemetry: false });
      publishableKey = emulator.publishableKey;
      webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
      // Same origin as the page: this server proxies the emulator's paths (see emulator-proxy.ts).
      stripeJsUrl = '/v3/';
    }
    const mode: DemoMode = keys ? 'stripe' : 'emulator';
    const limits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
    const merchantToken = options.merchantToken ?? newMerchantToken();
    const extraHosts = [...(options.allowedOrigins ?? []), ...(options.publicUrl ? [options.publicUrl] : [])].map((origin) => {
      try { return hostName(new URL(origin).host); } catch { return ''; }
    }).filter(Boolean);
    const handler = createApp({
      stripe, publishableKey, webhookSecret, db, mode, stripeJsUrl, faults, log, merchantToken,
      publicUrl: options.publicUrl ?? 'http://localhost',
      allowedHosts: [...(options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS), ...extraHosts],
      session: { secret: options.sessionSecret ?? newSecret(), cookieSecure: options.cookieSecure ?? 'auto', trustProxy: options.trustProxy ?? false },
      seedCard: !keys && (options.seedCard ?? true),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      emulatorPort: emulator?.port ?? null,
      ...(options.distDir ? { distDir: options.distDir } : {}),
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
      ...(options.reconcile ? { reconcile: options.reconcile } : {}),
    });
    const listen = async (port: number): Promise<Server> => {
      const created = createServer({
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // How often Node looks for connections past those timeouts (its default, 30 s, would let short ones overrun).
        connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(limits.headersTimeoutMs / 4))),
      }, handler);
      created.keepAliveTimeout = 5_000;
      // Past the cap Node closes new sockets at once: stalled clients can't use up the process's file descriptors.
      created.maxConnections = limits.maxConnections;
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(port, host, () => resolve());
      });
      return created;
    };
    const stop = (target: Server): Promise<void> => new Promise<void>((resolve) => {
      target.close(() => resolve());
      target.closeAllConnections();
    });
    server = await listen(options.port ?? 4242);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    // Known once the port is (port 0 picks one): the origin handed to Stripe for Checkout's return URLs.
    handler.context.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');

    if (emulator) {
      // URLs the emulator hands out (Checkout's session.url, 3DS redirects) point at this server, which proxies them.
      emulator.emulator.publicUrl = url;
      emulator.addWebhook({ url: `${url}/webhook`, secret: webhookSecret! });
      // An open order's intent stays in the emulator's memory however many other intents come and go.
      emulator.emulator.keepOpen = (intentId) => db.isOpenIntent(intentId);
    }

    const reconciler = startReconciler(handler.context);
    let running: Server | null = server;
    return {
      url, port, mode, db, emulator, stripe, faults, handler, merchantToken,
      customerOf(cookie) {
        const shopper = handler.context.sessions.fromCookieHeader(cookie);
        if (!shopper) return Promise.reject(new Error('customerOf: not a valid session cookie of this server'));
        return shopper.customerId();
      },
      reconcileNow: () => reconciler.sweep(),
      async stopHttp() {
        if (running) await stop(running);
        running = null;
      },
      async startHttp() {
        running ??= await listen(port);
      },
      async close() {
        // A sweep in flight finishes before the database goes away.
        await reconciler.stop();
        if (running) await stop(running);
        running = null;
        await emulator?.close();
        db.close();
      },
    };
  } catch (error) {
    server?.close();
    await emulator?.close();
    db.close();
    throw error;
  }
}
