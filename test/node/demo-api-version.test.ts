// The reference server's emulated account at an older API version (STRIPE_EMULATOR_API_VERSION): the banner says
// which, and a payment still ends paid from a webhook rendered in that version's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../demo/server/demo.js';

const MAIN = fileURLToPath(new URL('../../demo/server/main.ts', import.meta.url));

test('npm start with STRIPE_EMULATOR_API_VERSION: the banner names the account\'s version; a bad one stops the start naming it', async () => {
  const start = (version: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, PORT: '0', DEMO_DB: ':memory:', STRIPE_EMULATOR_API_VERSION: version, STRIPE_SECRET_KEY: '', STRIPE_PUBLISHABLE_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { child, output: () => out, exited };
  };
  const demo = start('2020-08-27');
  try {
    const deadline = Date.now() + 20_000;
    while (!/Demo page:/.test(demo.output()) && Date.now() < deadline && demo.child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    assert.match(demo.output(), /EMULATOR mode .*account API version 2020-08-27\)/, demo.output());
  } finally {
    demo.child.kill('SIGTERM');
    await demo.exited;
  }
  const bad = start('2021-01-01');
  assert.equal(await bad.exited, 1);
  assert.match(bad.output(), /Could not start the demo: createEmulator: apiVersion: Invalid Stripe API version: 2021-01-01\./);
});

test('an account at 2020-08-27: the demo\'s order is paid from a webhook in that version\'s shape', async () => {
  const demo = await startDemo({ port: 0, dbPath: ':memory:', emulatorApiVersion: '2020-08-27', webhookRetry: { delays: [50, 100] } });
  try {
    assert.equal(demo.emulator!.apiVersion, '2020-08-27');
    // One shopper: the session cookie the first answer sets goes with every later request (orders are the session's).
    let cookie = '';
    const post = async (path: string, body: string, type: string) => {
      const answer = await fetch(demo.url + path, { method: 'POST', headers: { 'content-type': type, ...(cookie ? { cookie } : {}) }, body });
      cookie ||= answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return answer.json() as Promise<Record<string, string>>;
    };
    const created = await post('/create-payment-intent', JSON.stringify({ items: [{ sku: 'mug' }] }), 'application/json');
    // What the page's Stripe.js sends, through the demo's proxy of the emulator.
    const confirm = new URLSearchParams({ client_secret: created.clientSecret!, payment_method: 'pm_card_visa', key: demo.emulator!.publishableKey });
    const confirmed = await post(`/v1/payment_intents/${created.intentId}/confirm`, confirm.toString(), 'application/x-www-form-urlencoded');
    assert.equal(confirmed.status, 'succeeded', JSON.stringify(confirmed));
    await demo.emulator!.webhooksIdle();
    const delivered = demo.emulator!.webhookDeliveries().filter((d) => d.type === 'payment_intent.succeeded');
    assert.deepEqual(delivered.map((d) => d.state), ['delivered']);
    const order = await (await fetch(`${demo.url}/orders/${created.intentId}`, { headers: { cookie } })).json() as { order: { status: string; history: Array<{ source: string }> } };
    assert.equal(order.order.status, 'paid');
    assert.equal(order.order.history.at(-1)!.source, 'webhook');
    // The event as the endpoint got it: 2020-08-27's shape (charges, no latest_charge).
    const event = demo.emulator!.emulator.renderEvent((await demo.stripe.events.list({ type: 'payment_intent.succeeded' })).data[0]!);
    assert.equal(event.api_version, '2020-08-27');
    assert.equal('charges' in event.data.object && !('latest_charge' in event.data.object), true);
  } finally {
    await demo.close();
  }
});
