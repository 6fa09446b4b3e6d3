// The `stripe-save-card-emulator` CLI as a user runs it: a child process that prints its URL and keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { startReceiver } from './server-helpers.js';

const CLI = fileURLToPath(new URL('../../src/testing/server/cli.ts', import.meta.url));

function runCli(args: string[]): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

async function waitForOutput(output: () => { stdout: string }, pattern: RegExp, exited: Promise<unknown>): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 15_000;
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    const match = output().stdout.match(pattern);
    if (match) return match;
    if (done || Date.now() > deadline) throw new Error(`CLI did not print ${pattern}; stdout so far:\n${output().stdout}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the CLI prints its URL, keys and an SDK snippet, serves the API, sends webhooks, and stops on SIGTERM', async () => {
  const receiver = await startReceiver();
  const cli = runCli(['--port', '0', '--webhook', receiver.url, '--webhook-secret', 'whsec_cli_test', '--quiet']);
  try {
    const [, url] = await waitForOutput(cli.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/, cli.exited);
    const { stdout } = cli.output();
    const secretKey = stdout.match(/secret key:\s+(sk_test_\S+)/)?.[1];
    const publishableKey = stdout.match(/publishable key:\s+(pk_test_\S+)/)?.[1];
    assert.ok(secretKey && publishableKey, `keys in:\n${stdout}`);
    const port = Number(new URL(url!).port);
    assert.ok(stdout.includes(`new Stripe('${secretKey}', { host: '127.0.0.1', port: ${port}, protocol: 'http' })`), stdout);
    assert.ok(stdout.includes(`${url}/v3/`), 'prints the Stripe.js script URL');
    assert.match(stdout, /API version: +2026-11-18\.endive \(the account's/, 'the account\'s version: the newest known by default');

    const stripe = new Stripe(secretKey, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    const intent = await stripe.paymentIntents.create({ amount: 1234, currency: 'eur' });
    assert.equal(intent.amount, 1234);
    // The webhook given on the command line receives the created event, signed with its secret.
    const deadline = Date.now() + 5000;
    while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const event = stripe.webhooks.constructEvent(receiver.received[0]!.rawBody, String(receiver.received[0]!.headers['stripe-signature']), 'whsec_cli_test');
    assert.equal(event.type, 'payment_intent.created');

    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  } finally {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await receiver.close();
  }
});

test('the CLI rejects bad flags with a message naming the flag', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--prot', '1'], /--prot/],
    [['--port', 'abc'], /--port must be an integer from 0 to 65535, got "abc"/],
    [['--webhook', 'http://127.0.0.1:9/w'], /every --webhook needs one --webhook-secret/],
    [['--webhook', 'ftp://x', '--webhook-secret', 'whsec_1'], /--webhook must be an http\(s\) URL/],
    [['--webhook', 'http://127.0.0.1:9/w', '--webhook-secret', 'secret'], /--webhook-secret must start with "whsec_"/],
    [['--max-objects', '0'], /--max-objects must be a whole number of at least 1, got "0"/],
    [['--max-events', 'lots'], /--max-events must be a whole number of at least 1, got "lots"/],
    [['--max-idempotency-keys', '1.5'], /--max-idempotency-keys must be a whole number of at least 1, got "1.5"/],
    [['--max-body-bytes', '-1'], /--max-body-bytes/],
    [['--api-version', 'banana'], /--api-version must be a Stripe API version such as 2020-08-27 or 2026-11-18\.endive, got "banana"/],
  ];
  await Promise.all(
    cases.map(async ([args, pattern]) => {
      const cli = runCli(args);
      const code = await cli.exited;
      assert.equal(code, 2, `exit code for ${args.join(' ')}`);
      assert.match(cli.output().stderr, pattern);
      assert.match(cli.output().stderr, /Usage: stripe-save-card-emulator/);
    }),
  );
});

test('the CLI caps what it remembers and the bodies it takes with --max-* flags', async () => {
  const cli = runCli(['--port', '0', '--max-objects', '2', '--max-events', '3', '--max-idempotency-keys', '5', '--max-body-bytes', '200', '--quiet']);
  try {
    const [, url] = await waitForOutput(cli.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/, cli.exited);
    assert.match(cli.output().stdout, /remembers: +2 objects of each kind, 3 events, 5 idempotency keys/);
    const stripe = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: Number(new URL(url!).port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    const customers = [];
    for (let i = 0; i < 3; i++) customers.push(await stripe.customers.create({ name: `c${i}` }));
    await assert.rejects(stripe.customers.retrieve(customers[0]!.id), (error: Stripe.errors.StripeError) => error.statusCode === 404);
    assert.equal((await stripe.customers.retrieve(customers[2]!.id)).id, customers[2]!.id);
    assert.equal((await stripe.events.list({ limit: 10 })).data.length, 3);
    await assert.rejects(stripe.customers.create({ description: 'x'.repeat(300) }), (error: Stripe.errors.StripeError) => error.statusCode === 413);
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  } finally {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  }
});

test('--api-version sets the account\'s version: the banner says it, requests without Stripe-Version get it; an unreleased date stops the start', async () => {
  const cli = runCli(['--port', '0', '--api-version', '2020-08-27', '--quiet']);
  try {
    const [, url] = await waitForOutput(cli.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/, cli.exited);
    assert.match(cli.output().stdout, /API version: +2020-08-27 \(the account's/);
    // A 2020 integration: no Stripe-Version header at all.
    const answer = await fetch(`${url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_emulator', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true',
    });
    const intent = await answer.json() as { status: string; charges: { data: unknown[] }; latest_charge?: string };
    assert.equal(answer.headers.get('stripe-version'), '2020-08-27');
    assert.deepEqual([intent.status, intent.charges.data.length, 'latest_charge' in intent], ['succeeded', 1, false]);
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  } finally {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  }
  const never = runCli(['--port', '0', '--api-version', '2021-01-01']);
  assert.equal(await never.exited, 1);
  assert.match(never.output().stderr, /cannot start: --api-version: Invalid Stripe API version: 2021-01-01\. Stripe released no version on 2021-01-01\./);
});
