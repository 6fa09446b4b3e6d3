// `npm start`: the demo page and the reference API on http://localhost:4242 (PORT overrides).
import { DEFAULT_DB_PATH, keysFromEnv, startDemo } from './demo.js';

async function main(): Promise<void> {
  const keys = keysFromEnv();
  const port = process.env.PORT ? Number(process.env.PORT) : 4242;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: expected an integer 0-65535, got ${JSON.stringify(process.env.PORT)}`);
  const demo = await startDemo({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    dbPath: process.env.DEMO_DB ?? DEFAULT_DB_PATH,
    keys,
    // e.g. ALLOWED_ORIGINS=https://my-tunnel.example.dev when a tunnel rewrites the Host header (see README).
    // e.g. STRIPE_EMULATOR_API_VERSION=2020-08-27: the emulated account's version (emulator mode only).
    ...(process.env.STRIPE_EMULATOR_API_VERSION?.trim() ? { emulatorApiVersion: process.env.STRIPE_EMULATOR_API_VERSION.trim() } : {}),
    allowedOrigins: list(process.env.ALLOWED_ORIGINS),
    ...(process.env.ALLOWED_HOSTS ? { allowedHosts: list(process.env.ALLOWED_HOSTS) } : {}),
    // The page is announced as localhost (below): Checkout must return the shopper there, where their cookie is.
    ...(process.env.PUBLIC_URL || port ? { publicUrl: process.env.PUBLIC_URL || `http://localhost:${port}` } : {}),
    ...(process.env.MERCHANT_TOKEN ? { merchantToken: process.env.MERCHANT_TOKEN } : {}),
    ...(process.env.SESSION_SECRET ? { sessionSecret: Buffer.from(process.env.SESSION_SECRET) } : {}),
    cookieSecure: cookieSecure(process.env.COOKIE_SECURE),
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    log: (line) => console.log(`  ${line}`),
  });
  const page = demo.url.replace('127.0.0.1', 'localhost');
  if (demo.mode === 'emulator') {
    console.log(`stripe-save-card demo: EMULATOR mode (offline, no keys; Stripe emulator at ${demo.emulator!.url}, account API version ${demo.emulator!.apiVersion})`);
    console.log(`  Set STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY (and STRIPE_WEBHOOK_SECRET) to use real Stripe test mode.`);
  } else {
    console.log('stripe-save-card demo: STRIPE mode (real Stripe test mode, real Stripe.js)');
    if (!keys?.webhookSecret) console.log('  STRIPE_WEBHOOK_SECRET is not set: /webhook will refuse events, so orders paid in the browser stay pending.');
  }
  console.log(`  Demo page: ${page}/   Database: ${process.env.DEMO_DB ?? DEFAULT_DB_PATH}`);
  // Like a notebook server's token: the fragment never reaches a server log or a Referer.
  console.log(`  Merchant panel (charges saved cards; keep this URL private): ${page}/#token=${demo.merchantToken}`);
  if (!process.env.MERCHANT_TOKEN) console.log('  (MERCHANT_TOKEN sets a fixed token; this one is new at every start.)');
  const stop = (): void => {
    void demo.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function cookieSecure(value: string | undefined): 'auto' | 'always' | 'never' {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'always' || value === 'never') return value;
  throw new Error(`COOKIE_SECURE: expected auto, always or never, got ${JSON.stringify(value)}`);
}

main().catch((error: unknown) => {
  console.error(`Could not start the demo: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
