// The two servers the fuzz aims at, started with what makes fuzzing reach deep code: the reference server (with its
// embedded emulator, rate limits raised so one address isn't cut off after a minute's budget, short body timeouts)
// and the emulator's own HTTP server. Shared by test/node/servers-fuzz.test.ts and scripts/fuzz-servers.ts.
import { startEmulator, type RunningEmulator } from '../../../src/testing/server/index.js';
import { startDemo, type RunningDemo } from '../../../demo/server/demo.js';
import { call, Jar } from './demo-http.js';
import type { FuzzTarget } from './http-fuzz.js';

export const DEMO_PATHS = [
  '/', '/config', '/stripe-save-card.min.js', '/custom-elements.json', '/app.js', '/create-payment-intent', '/create-setup-intent', '/pay',
  '/saved-cards', '/saved-cards/:id', '/webhook', '/orders', '/orders/:id', '/checkout/setup-session', '/checkout/success?session_id=:id',
  '/charge-saved-card', '/pay/recover?order=:id', '/gallery/intent', '/gallery/saved-cards', '/v1/payment_methods', '/v1/payment_intents/:id',
  '/v1/payment_intents/:id/confirm', '/v1/setup_intents/:id', '/v1/tokens', '/v1/customers', '/v3/', '/3ds/:id', '/checkout/:id', '/nope',
  '/payment-element/customer-session', '/customer_sessions/payment_methods/:id/detach',
];
export const EMULATOR_PATHS = [
  '/v1/customers', '/v1/customers/:id', '/v1/customers/:id/payment_methods', '/v1/payment_methods', '/v1/payment_methods/:id',
  '/v1/payment_methods/:id/attach', '/v1/payment_intents', '/v1/payment_intents/:id', '/v1/payment_intents/:id/confirm',
  '/v1/payment_intents/:id/capture', '/v1/payment_intents/:id/cancel', '/v1/setup_intents', '/v1/setup_intents/:id/confirm', '/v1/refunds',
  '/v1/checkout/sessions', '/v1/checkout/sessions/:id', '/v1/events', '/v1/tokens', '/v1/sources', '/3ds/:id', '/3ds/:id/complete',
  '/checkout/:id', '/v3/', '/', '/v2/x', '/v1/customer_sessions', '/customer_sessions/payment_methods/:id/detach',
];

export interface FuzzServers {
  demo: RunningDemo;
  emulator: RunningEmulator;
  demoTarget: FuzzTarget;
  emulatorTarget: FuzzTarget;
  close(): Promise<void>;
}

export async function startFuzzServers(): Promise<FuzzServers> {
  const demo = await startDemo({
    port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0 }, webhookRetry: { delays: [50] },
    rateLimits: { perAddress: 1e9, perSession: 1e9 }, http: { headersTimeoutMs: 2000, requestTimeoutMs: 3000 },
  });
  const emulator = await startEmulator({ port: 0, quiet: true });
  // Real ids to aim at, so requests get past the id checks into route code.
  const shopper = new Jar();
  const order = await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId: 'fuzz-checkout-1' }, {}, shopper);
  const cards = await call(demo.url, 'GET', '/saved-cards', undefined, {}, shopper);
  const em = emulator.emulator;
  const pi = em.request('POST', '/v1/payment_intents', { amount: 1000, currency: 'usd', 'allowed_payment_method_types[]': 'card' }).body;
  const customer = em.request('POST', '/v1/customers', {}).body.id as string;
  const common = ['pm_card_visa', 'pi_nope', 'ord_nope', 'cs_nope', '', '%', '..', 'x'.repeat(300), '💳'];
  const demoTarget: FuzzTarget = {
    port: demo.port,
    paths: DEMO_PATHS,
    ids: [order.data.orderId, order.data.intentId, cards.data.cards[0]?.id ?? 'pm_x', ...common],
    authorizations: [`Bearer ${demo.merchantToken}`, 'Bearer wrong', 'Basic abc', '', `Bearer ${em.secretKey}`],
    cookies: [shopper.header(), 'ssc_session=forged.sig', `ssc_session=${'a'.repeat(4000)}`, 'a=b; ssc_session=', ''],
    hosts: [`127.0.0.1:${demo.port}`, `localhost:${demo.port}`, 'localhost'],
    origins: [demo.url, 'https://evil.example', 'null', `http://localhost:${demo.port}`],
    // Its body timeout (3 s here) answers them 408.
    stalledBodies: true,
  };
  const emulatorTarget: FuzzTarget = {
    port: emulator.port,
    paths: EMULATOR_PATHS,
    ids: [pi.id, customer, ...common],
    authorizations: [`Bearer ${em.secretKey}`, `Bearer ${em.publishableKey}`, 'Bearer sk_test_wrong', ''],
    cookies: [''],
    hosts: [`127.0.0.1:${emulator.port}`, 'localhost'],
    origins: ['https://shop.example', 'null'],
  };
  return {
    demo, emulator, demoTarget, emulatorTarget,
    async close() {
      await demo.close();
      await emulator.close();
    },
  };
}
