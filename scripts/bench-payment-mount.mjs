#!/usr/bin/env node
// Payment Element mount time (issue #20): from "Stripe.js ready" (the fake Stripe.js already on the page) to the
// Payment Element's iframe inserted into the document, for plain `Stripe(pk).elements({ mode, amount, currency })
// .create('payment').mount()` (the floor) and <stripe-save-payment> from its script-tag build, on the same fake.
// Method in bench-mount-lib.mjs; medians at normal CPU and 4× throttling. Reports, never fails.
// Also prints the script-tag file's gzip size against its 15,000 B budget. Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, ms, ratio, requireBuild, root, startBuiltEmulator } from './bench-lib.mjs';
import { mountBench } from './bench-mount-lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const THROTTLE = 4;
const GOAL_MS = 16; // issue #20: within 16 ms of plain Stripe.js
const BUDGET = 15_000;
const bundleFile = join(root, 'dist/stripe-save-payment.min.js');

requireBuild();
const bundle = readFileSync(bundleFile);
const size = gzipSync(bundle, { level: 9 }).length;
console.log(`size: dist/stripe-save-payment.min.js ${size} B gzip (budget ${BUDGET} B: ${size <= BUDGET ? 'met' : 'not met'})`);

const emulator = await startBuiltEmulator();
const PK = JSON.stringify(emulator.publishableKey);
const CANDIDATES = [
  { name: 'floor', label: 'plain Stripe.js Payment Element', script: null,
    start: `(host) => { const node = document.createElement('div'); host.append(node); Stripe(${PK}).elements({ mode: 'payment', amount: 1999, currency: 'usd' }).create('payment').mount(node); }` },
  { name: 'ours', label: '<stripe-save-payment>', script: '/stripe-save-payment.min.js',
    start: `(host) => { const el = document.createElement('stripe-save-payment'); el.setAttribute('publishable-key', ${PK});
      el.setAttribute('intent-url', '/intent'); el.setAttribute('amount', '1999'); el.setAttribute('currency', 'usd'); host.append(el); }` },
];

const browser = await launchChromium();
const bench = await mountBench({
  browser, emulatorUrl: emulator.url, candidates: CANDIDATES, runs, scripts: { '/stripe-save-payment.min.js': bundle },
});

try {
  console.log(`payment mount: Stripe.js ready -> Payment Element iframe inserted, median of ${runs} interleaved fresh-page runs`);
  for (const rate of [1, THROTTLE]) {
    const m = await bench.measure(rate);
    const over = m.ours - m.floor;
    console.log(`  ${rate === 1 ? 'normal CPU' : `${rate}x CPU throttling`}: floor (plain Stripe.js Payment Element) ${ms(m.floor)}; ` +
      `<stripe-save-payment> ${ms(m.ours)} (floor +${ms(over)}, ${ratio(m.ours, m.floor)})${rate === 1 ? `; goal <= floor +${GOAL_MS} ms: ${over <= GOAL_MS ? 'met' : 'not met'}` : ''}`);
  }
} finally {
  await browser.close();
  await bench.close();
  await emulator.close();
}
