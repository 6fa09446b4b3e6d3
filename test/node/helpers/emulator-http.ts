// The emulator behind its real node:http server, driven by the official `stripe` SDK over a socket, as a
// merchant's server drives Stripe. One server per test file (`before`/`after`), a fresh state per test.
import { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startEmulator } from '../../../src/testing/server/index.js';
import type { RunningEmulator } from '../../../src/testing/server/index.js';

export interface HttpHarness {
  readonly server: RunningEmulator;
  readonly stripe: Stripe;
  /** Event types recorded since the test began, in order. */
  readonly events: Stripe.Event[];
  types(): string[];
  /** A call with the publishable key, as Stripe.js makes it (form body, `key` in the Authorization header). */
  asBrowser(method: string, path: string, params?: Record<string, string>): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A raw call with the secret key and any headers (Stripe-Version, Idempotency-Key...). */
  raw(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function httpHarness(): HttpHarness {
  let server: RunningEmulator | undefined;
  let stripe: Stripe | undefined;
  const events: Stripe.Event[] = [];
  before(async () => {
    server = await startEmulator({ port: 0, quiet: true });
    stripe = new Stripe(server.secretKey, { ...server.stripeConfig, maxNetworkRetries: 0, telemetry: false });
    server.emulator.onEvent((event) => events.push(event));
  });
  beforeEach(() => {
    server!.emulator.reset();
    events.length = 0;
  });
  after(() => server?.close());
  const call = async (method: string, path: string, key: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${server!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      ...(method === 'GET' ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get server() {
      assert.ok(server, 'the emulator server starts in before()');
      return server;
    },
    get stripe() {
      assert.ok(stripe, 'the SDK client is made in before()');
      return stripe;
    },
    events,
    types: () => events.map((e) => e.type),
    asBrowser: (method, path, params = {}) => call(method, path, server!.publishableKey, new URLSearchParams(params).toString(), {}),
    raw: (method, path, body = '', headers = {}) => call(method, path, server!.secretKey, body, headers),
  };
}

/**
 * What Stripe said, as the SDK shows it: stripe-node 23.2 puts `[req_...] ` (the request's id, from the answer's
 * Request-Id header) before the message. Checks that prefix and returns the rest.
 */
export function sdkMessage(error: Stripe.errors.StripeError): string {
  const prefix = `[${error.requestId}] `;
  assert.ok(error.requestId && error.message.startsWith(prefix), `expected the message to start with "${prefix}", got ${JSON.stringify(error.message)}`);
  return error.message.slice(prefix.length);
}

/** The Stripe error a promise rejects with (fails the test if it resolves or throws something else). */
export async function stripeFailure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Stripe.errors.StripeError, `expected a Stripe error, got ${String(error)}`);
  return error;
}
