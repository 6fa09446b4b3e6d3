// Helpers shared by the server-*.test.ts files: a real webhook receiver, a tiny page server, and Chromium.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { RunningEmulator } from '../../src/testing/server/index.js';

export function stripeFor(server: RunningEmulator, key = server.secretKey): Stripe {
  return new Stripe(key, { ...server.stripeConfig, maxNetworkRetries: 0, telemetry: false });
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  status: number;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A node:http webhook endpoint. `answer(n, rawBody)` picks the HTTP status for the n-th request (0-based);
 * by default every request gets 200.
 */
export async function startReceiver(answer: (n: number, rawBody: string) => number = () => 200): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const status = answer(received.length, rawBody);
      received.push({ headers: req.headers, rawBody, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Serves test pages: `routes[pathname]` handles a request; anything else is a small HTML page naming its URL. */
export async function startPageServer(
  routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>> = {},
): Promise<PageServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      const route = routes[pathname];
      if (route) {
        Promise.resolve(route(req, res, Buffer.concat(chunks).toString('utf8'))).catch((err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(err));
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>landed</title><h1 id="landed">Landed on ${pathname}</h1>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
