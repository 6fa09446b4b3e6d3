#!/usr/bin/env node
// Measures what a merchant pays for the element: the script-tag bundle's gzip size and the time from creating
// <stripe-save-card> to its ssc-ready (Stripe.js already on the page: the offline fake). Plain lines of numbers.
// Not a test: it reports, it never fails on a threshold. Run `npm run build` first.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const bundlePath = join(root, 'dist/stripe-save-card.min.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);

if (!existsSync(bundlePath)) {
  console.error('dist/stripe-save-card.min.js is missing: run `npm run build` first.');
  process.exit(1);
}
const bundle = readFileSync(bundlePath);
console.log(`bundle_bytes ${bundle.length}`);
console.log(`bundle_gzip_bytes ${gzipSync(bundle, { level: 9 }).length}`);

// The fake Stripe.js, bundled for a plain script tag.
const fake = await build({
  stdin: {
    contents: "import { installFakeStripe } from './src/testing/browser/index.ts'; installFakeStripe({ apiBase: '/stripe-emulator' });",
    resolveDir: root, loader: 'ts',
  },
  bundle: true, format: 'iife', write: false, minify: true, logLevel: 'silent',
});
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/fake-stripe.js"></script><script src="/stripe-save-card.min.js"></script></head><body><main></main></body></html>`;
const files = {
  '/': ['text/html', page],
  '/fake-stripe.js': ['text/javascript', fake.outputFiles[0].text],
  '/stripe-save-card.min.js': ['text/javascript', bundle],
};
const server = createServer((req, res) => {
  const file = files[new URL(req.url, 'http://x').pathname];
  if (!file) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${port}/`);
  const times = await tab.evaluate(async (n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      const el = document.createElement('stripe-save-card');
      el.setAttribute('publishable-key', 'pk_test_emulator');
      el.setAttribute('intent-url', '/intent');
      const ready = new Promise((resolve) => el.addEventListener('ssc-ready', resolve, { once: true }));
      document.querySelector('main').append(el);
      await ready;
      out.push(performance.now() - start);
      el.remove();
    }
    return out;
  }, runs);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`mount_ms_first ${times[0].toFixed(1)}`);
  console.log(`mount_ms_median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} (runs ${runs})`);
} finally {
  await browser.close();
  server.close();
}

const emulatorBench = join(root, 'scripts/bench-emulator.mjs');
if (existsSync(emulatorBench)) {
  // The emulator's own bench imports TypeScript sources directly.
  const result = spawnSync(process.execPath, ['--import', 'tsx', emulatorBench], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
