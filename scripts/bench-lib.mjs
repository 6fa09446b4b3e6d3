// What the bench scripts share: the built files they measure, a tiny static server, Chromium, the emulator (whose
// /v3/ is the fake Stripe.js every candidate runs on) and the statistics they print.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const root = new URL('..', import.meta.url).pathname;
export const scriptTagBundle = join(root, 'dist/stripe-save-card.min.js');

/** The bench measures the build, not the sources: stop with the fix when there is none. */
export function requireBuild() {
  for (const file of [scriptTagBundle, join(root, 'dist/index.js'), join(root, 'dist/testing/server/index.js')]) {
    if (!existsSync(file)) {
      console.error(`${file.slice(root.length)} is missing: run \`npm run build\` first.`);
      process.exit(1);
    }
  }
}

/** The offline emulator over HTTP, from the build (its /v3/ serves the prebuilt fake Stripe.js). */
export async function startBuiltEmulator() {
  const { startEmulator } = await import(join(root, 'dist/testing/server/index.js'));
  return startEmulator({ port: 0, quiet: true });
}

/**
 * Serves fixed pages and scripts: `files` maps a path to [content type, body]; `routes` maps "METHOD /path" to an
 * async (req, res) handler for the few dynamic answers a bench needs.
 */
export async function serve(files, routes = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const route = routes[`${req.method} ${path}`];
    if (route) {
      route(req, res).catch((error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
      return;
    }
    const file = files[path];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }) };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const ms = (value) => `${value.toFixed(1)} ms`;
export const ratio = (value, floor) => `${(value / floor).toFixed(2)}×`;
