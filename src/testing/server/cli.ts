#!/usr/bin/env node
// `stripe-save-card-emulator`: runs the offline Stripe emulator on a local port until Ctrl-C.
import { parseArgs } from 'node:util';
import type { EmulatorLimits } from '../emulator/types.js';
import type { WebhookEndpoint } from './webhooks.js';

const USAGE = `Usage: stripe-save-card-emulator [--port 12111] [--host 127.0.0.1]
                                 [--webhook URL --webhook-secret whsec_...]...
                                 [--secret-key sk_test_...] [--publishable-key pk_test_...]
                                 [--api-version 2026-11-18.endive]
                                 [--max-objects 2000] [--max-events 2000] [--max-idempotency-keys 1000]
                                 [--max-body-bytes 1000000] [--quiet]

Runs an offline Stripe emulator: the stripe SDK, Stripe.js pages (script src <url>/v3/) and
webhook endpoints talk to it instead of Stripe. --webhook may repeat, each followed by its secret.
--max-objects (per kind), --max-events and --max-idempotency-keys cap what it remembers: past a cap
it forgets finished objects first, then the oldest. --max-body-bytes: larger requests get a 413.
--api-version: the account's Stripe API version (any Stripe released, e.g. 2020-08-27), for requests
that send no Stripe-Version and for webhook events; default the newest the emulator knows.`;

/** Flags that take a whole number of at least 1, and the option each one sets. */
const CAPS = {
  'max-objects': 'objects',
  'max-events': 'events',
  'max-idempotency-keys': 'idempotencyKeys',
} as const;

class UsageError extends Error {}

interface CliOptions {
  port: number;
  host: string;
  secretKey?: string;
  publishableKey?: string;
  webhooks: WebhookEndpoint[];
  quiet: boolean;
  limits: Partial<EmulatorLimits>;
  maxBodyBytes?: number;
  apiVersion?: string;
}

function parseCliArgs(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        webhook: { type: 'string', multiple: true },
        'webhook-secret': { type: 'string', multiple: true },
        'secret-key': { type: 'string' },
        'publishable-key': { type: 'string' },
        'api-version': { type: 'string' },
        'max-objects': { type: 'string' },
        'max-events': { type: 'string' },
        'max-idempotency-keys': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    // parseArgs already names the flag ("Unknown option '--prot'", "Option '--port <value>' argument missing").
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) return 'help';

  const portText = v.port ?? '12111';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  const host = v.host ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must not be empty');

  const urls = v.webhook ?? [];
  const secrets = v['webhook-secret'] ?? [];
  if (urls.length !== secrets.length) {
    throw new UsageError(`every --webhook needs one --webhook-secret: got ${urls.length} --webhook and ${secrets.length} --webhook-secret`);
  }
  const webhooks = urls.map((url, i): WebhookEndpoint => {
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw new Error();
    } catch {
      throw new UsageError(`--webhook must be an http(s) URL such as http://127.0.0.1:4242/webhook, got "${url}"`);
    }
    const secret = secrets[i]!;
    if (!secret.startsWith('whsec_')) throw new UsageError(`--webhook-secret must start with "whsec_", got "${secret}"`);
    return { url, secret };
  });
  const secretKey = v['secret-key'];
  if (secretKey !== undefined && !/^sk_test_\w+$/.test(secretKey)) throw new UsageError(`--secret-key must look like sk_test_..., got "${secretKey}"`);
  const publishableKey = v['publishable-key'];
  if (publishableKey !== undefined && !/^pk_test_\w+$/.test(publishableKey)) {
    throw new UsageError(`--publishable-key must look like pk_test_..., got "${publishableKey}"`);
  }
  const limits: Partial<EmulatorLimits> = {};
  for (const [flag, limit] of Object.entries(CAPS)) {
    const value = wholeNumber(v[flag as keyof typeof CAPS], flag);
    if (value !== undefined) limits[limit] = value;
  }
  const maxBodyBytes = wholeNumber(v['max-body-bytes'], 'max-body-bytes');
  const apiVersion = v['api-version'];
  if (apiVersion !== undefined && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(apiVersion)) {
    throw new UsageError(`--api-version must be a Stripe API version such as 2020-08-27 or 2026-11-18.endive, got "${apiVersion}"`);
  }
  return {
    ...(apiVersion !== undefined && { apiVersion }),
    port,
    host,
    webhooks,
    limits,
    ...(maxBodyBytes !== undefined && { maxBodyBytes }),
    quiet: v.quiet ?? false,
    ...(secretKey !== undefined && { secretKey }),
    ...(publishableKey !== undefined && { publishableKey }),
  };
}

function wholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`--${flag} must be a whole number of at least 1, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  let options: CliOptions | 'help';
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`stripe-save-card-emulator: ${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  // Loaded only now, so a typo in a flag is reported at once, without loading the whole emulator first.
  const { startEmulator } = await import('./start.js');
  const server = await startEmulator(options).catch((err: NodeJS.ErrnoException) => {
    const reason = err.code === 'EADDRINUSE'
      ? `port ${options.port} on ${options.host} is already in use (try --port 0)`
      : err.message.replace(/^createEmulator: apiVersion/, '--api-version');
    process.stderr.write(`stripe-save-card-emulator: cannot start: ${reason}\n`);
    process.exit(1);
  });

  const { host, port, protocol } = server.stripeConfig;
  process.stdout.write(
    [
      `Stripe emulator listening on ${server.url}`,
      `  secret key:       ${server.secretKey}`,
      `  publishable key:  ${server.publishableKey}`,
      `  API version:      ${server.apiVersion} (the account's: for requests without Stripe-Version, and webhooks)`,
      `  Stripe.js:        <script src="${server.url}/v3/"></script>`,
      ...options.webhooks.map((w) => `  webhook:          ${w.url}`),
      `  remembers:        ${server.emulator.limits.objects} objects of each kind, ${server.emulator.limits.events} events, ${server.emulator.limits.idempotencyKeys} idempotency keys`,
      '',
      'Point the stripe SDK at it:',
      `  new Stripe('${server.secretKey}', { host: '${host}', port: ${port}, protocol: '${protocol}' })`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!options.quiet) process.stderr.write(`\n${signal}: stopping the emulator\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
