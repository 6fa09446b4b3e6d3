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
import type { WebhookRetryOptions } from '../../src/testing/server/index.js';
import { createApp, type DemoHandler } from './app.js';
import { openDb, type DemoDb } from './db.js';
import { startReconciler, type ReconcileOptions } from './reconcile.js';
import type { DemoMode, Faults } from './context.js';

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
  /** Emulator mode: webhook retry schedule (default: the emulator's, exponential over ~37 min; tests shorten it). */
  webhookRetry?: WebhookRetryOptions;
  /** Reconciliation of open orders: a sweep at start, then every `intervalMs` (default 60 s); `graceMs` for the webhook first. */
  reconcile?: ReconcileOptions;
  /** SQLite busy timeout: how long a write waits for another process's lock before the route answers 503. Default 100 ms. */
  busyTimeoutMs?: number;
  /** Other origins allowed to call the state-changing routes (e.g. a tunnel that rewrites Host). */
  allowedOrigins?: string[];
  /** Where the element's build lives; default the project's dist/. */
  distDir?: string;
  log?: (line: string) => void;
}

export interface RunningDemo {
  url: string;
  port: number;
  mode: DemoMode;
  db: DemoDb;
  /** The embedded emulator (emulator mode only). */
  emulator: RunningEmulator | null;
  stripe: Stripe;
  customerId: () => Promise<string>;
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
    let customerAccount: string;
    if (keys) {
      stripe = new Stripe(keys.secretKey, { maxNetworkRetries: 2, appInfo: { name: 'stripe-save-card demo' } });
      publishableKey = keys.publishableKey;
      webhookSecret = keys.webhookSecret ?? null;
      stripeJsUrl = STRIPE_JS_URL;
      customerAccount = `stripe:${keys.secretKey.slice(-8)}`;
    } else {
      emulator = await startEmulator({
        port: 0, quiet: true,
        ...(options.webhookRetry ? { webhookRetry: options.webhookRetry } : {}),
        ...(options.emulatorApiVersion ? { apiVersion: options.emulatorApiVersion } : {}),
      });
      stripe = new Stripe(emulator.secretKey, { ...emulator.stripeConfig, maxNetworkRetries: 0, telemetry: false });
      publishableKey = emulator.publishableKey;
      webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
      // Same origin as the page: this server proxies the emulator's paths (see emulator-proxy.ts).
      stripeJsUrl = '/v3/';
      customerAccount = 'emulator';
    }
    const mode: DemoMode = keys ? 'stripe' : 'emulator';
    const handler = createApp({
      stripe, publishableKey, webhookSecret, db, mode, stripeJsUrl, customerAccount, faults, log,
      emulatorPort: emulator?.port ?? null,
      ...(options.distDir ? { distDir: options.distDir } : {}),
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
      ...(options.reconcile ? { reconcile: options.reconcile } : {}),
    });
    const listen = async (port: number): Promise<Server> => {
      const created = createServer(handler);
      created.keepAliveTimeout = 5_000;
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

    if (emulator) {
      // URLs the emulator hands out (Checkout's session.url, 3DS redirects) point at this server, which proxies them.
      emulator.emulator.publicUrl = url;
      emulator.addWebhook({ url: `${url}/webhook`, secret: webhookSecret! });
      // The emulator forgets everything on exit: a fresh customer per start (a stale id from the DB would 404).
      const customer = await stripe.customers.create({ name: 'Demo Customer', email: 'demo.customer@example.com' });
      db.setCustomer(customerAccount, customer.id);
      if (options.seedCard ?? true) await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    }

    // After the seed, so the sweep at start reads the right customer's orders.
    const reconciler = startReconciler(handler.context);
    let running: Server | null = server;
    return {
      url, port, mode, db, emulator, stripe, faults, handler,
      customerId: () => handler.context.customerId(),
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
