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
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
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
  const stop = (): void => {
    void demo.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Could not start the demo: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
