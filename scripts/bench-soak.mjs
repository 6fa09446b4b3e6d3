#!/usr/bin/env node
// Soak: 50,000 PaymentIntent create+confirm pairs through the built emulator core, with an Idempotency-Key on
// every POST as stripe-node sends one. Prints the process RSS as it goes (it should level off once the caps are
// reached) and after the run, and how a list's cost at the end compares with the same list on a nearly empty
// emulator (a floor measured in the same run). Not a test: it reports; "goal ... met/not met" is information.
// Run `npm run build` first; PAIRS overrides the count.
// bench-lib.mjs is not imported: it loads playwright-core, which would add its own memory to the RSS measured here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist/testing/emulator/index.js');
if (!existsSync(entry)) {
  console.error('dist/testing/emulator/index.js is missing: run `npm run build` first.');
  process.exit(1);
}
const { createEmulator } = await import(entry);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ratio = (value, floor) => `${(value / floor).toFixed(2)}×`;

const PAIRS = Number(process.env.PAIRS ?? 50_000);
const RSS_GOAL_MB = 200;
const mb = (bytes) => Math.round(bytes / (1024 * 1024));
const emulator = createEmulator();
const base = { authorization: `Bearer ${emulator.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', 'stripe-version': '2026-10-28.endive' };
let keys = 0;
const post = (path, body) => emulator.handle({ method: 'POST', path, headers: { ...base, 'idempotency-key': `stripe-node-retry-${++keys}` }, body });
const customer = JSON.parse(post('/v1/customers', 'email=soak%40example.com').body).id;

function pair(i) {
  // Every tenth intent belongs to one customer, so the per-customer list has something to page through.
  const owner = i % 10 === 0 ? `&customer=${customer}` : '';
  const created = post('/v1/payment_intents', `amount=1999&currency=usd&allowed_payment_method_types[0]=card${owner}`);
  const confirmed = post(`/v1/payment_intents/${JSON.parse(created.body).id}/confirm`, 'payment_method=pm_card_visa');
  if (confirmed.status !== 200) throw new Error(`unexpected answer: ${confirmed.body}`);
}

/** Median time of one list request, over `runs` calls. */
function listMs(path, runs = 200) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const answer = emulator.handle({ method: 'GET', path, headers: base, body: '' });
    times.push(performance.now() - start);
    if (answer.status !== 200) throw new Error(`list failed: ${answer.body}`);
  }
  return median(times);
}

for (let i = 0; i < 20; i++) pair(i);
const floors = { all: listMs('/v1/payment_intents?limit=10'), customer: listMs(`/v1/payment_intents?limit=10&customer=${customer}`) };
console.log(`soak_rss_mb_start ${mb(process.memoryUsage().rss)}`);

const cpuStart = process.cpuUsage();
for (let i = 1; i <= PAIRS; i++) {
  pair(i);
  if (i % 10_000 === 0 && i < PAIRS) console.log(`soak_rss_mb_at_${i}_pairs ${mb(process.memoryUsage().rss)}`);
}
const cpu = process.cpuUsage(cpuStart);
const rss = mb(process.memoryUsage().rss);
console.log(`soak_rss_mb_after_${PAIRS}_pairs ${rss} (heap used ${mb(process.memoryUsage().heapUsed)}; limits ${JSON.stringify(emulator.limits)}; goal < ${RSS_GOAL_MB}: ${rss < RSS_GOAL_MB ? 'met' : 'not met'})`);
console.log(`soak_pairs_per_cpu_second ${Math.round(PAIRS / ((cpu.user + cpu.system) / 1e6))}`);
const full = { all: listMs('/v1/payment_intents?limit=10'), customer: listMs(`/v1/payment_intents?limit=10&customer=${customer}`) };
// The stores are full now (thousands of intents): a list should cost about what it cost with twenty.
console.log(`soak_list_ms ${full.all.toFixed(3)} (${ratio(full.all, floors.all)} the nearly empty emulator's ${floors.all.toFixed(3)})`);
console.log(`soak_list_by_customer_ms ${full.customer.toFixed(3)} (${ratio(full.customer, floors.customer)} the nearly empty emulator's ${floors.customer.toFixed(3)})`);
