// Throughput of the emulator core on one thread: PaymentIntent create + confirm with the 4242 card,
// straight through handle() (no HTTP). Run: node --import tsx scripts/bench-emulator.mjs [seconds]
import { createEmulator } from '../src/testing/emulator/index.ts';

const seconds = Number(process.argv[2] ?? 2);
const emulator = createEmulator();
const headers = { authorization: `Bearer ${emulator.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', 'stripe-version': '2026-10-28.endive' };

function createAndConfirm() {
  const created = emulator.handle({ method: 'POST', path: '/v1/payment_intents', headers, body: 'amount=1999&currency=usd&allowed_payment_method_types[0]=card' });
  const { id } = JSON.parse(created.body);
  const confirmed = emulator.handle({ method: 'POST', path: `/v1/payment_intents/${id}/confirm`, headers, body: 'payment_method=pm_card_visa' });
  if (confirmed.status !== 200 || JSON.parse(confirmed.body).status !== 'succeeded') throw new Error(`unexpected answer: ${confirmed.body}`);
}

// Warm up the JIT, then measure on a fresh emulator so state size matches a long test run's start.
for (let i = 0; i < 2000; i++) createAndConfirm();
emulator.reset();

let pairs = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();
const deadline = start + seconds * 1000;
while (performance.now() < deadline) {
  for (let i = 0; i < 100; i++) createAndConfirm();
  pairs += 100;
}
const elapsed = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// CPU time as well as wall time: on a shared machine the wall-clock rate mostly measures the neighbours.
console.log(`emulator core: ${Math.round((pairs * 2) / elapsed)} requests/s wall, ${Math.round((pairs * 2) / cpuSeconds)} requests/s per CPU-second (create+confirm with 4242, one thread, ${pairs} pairs in ${elapsed.toFixed(1)} s)`);
