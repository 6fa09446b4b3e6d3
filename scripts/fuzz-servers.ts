#!/usr/bin/env node
// Fuzzes both HTTP servers, the reference server (with its embedded emulator) and the emulator's own, with COUNT
// random and malformed requests each (default 100,000), and reports the answers by status, every 5xx and every
// request that got no answer within 10 s. Exit code 1 when there was any. The suite runs 2,000 each
// (test/node/servers-fuzz.test.ts); this is the long run. FUZZ_SEED replays a run.
//   node --import tsx scripts/fuzz-servers.ts [count]
import { fuzz } from '../test/node/helpers/http-fuzz.js';
import { startFuzzServers } from '../test/node/helpers/fuzz-targets.js';

const count = Number(process.argv[2] ?? process.env.COUNT ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
if (!Number.isInteger(count) || count < 1) throw new Error(`count: expected a whole number of requests, got ${JSON.stringify(process.argv[2])}`);
const servers = await startFuzzServers();
let failed = false;
try {
  for (const [name, target] of [['reference server', servers.demoTarget], ['emulator server', servers.emulatorTarget]] as const) {
    const report = await fuzz(target, { count, seed, concurrency: 16, timeoutMs: 10_000 });
    const statuses = Object.entries(report.byStatus).sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status}: ${n}`).join(', ');
    console.log(`${name}: ${report.sent} requests in ${(report.ms / 1000).toFixed(1)} s (seed ${seed}); ${statuses}`);
    console.log(`  5xx: ${report.serverErrors.length ? report.serverErrors.join('; ') : 'none'}; no answer in 10 s: ${report.hangs.length ? report.hangs.join('; ') : 'none'}`);
    if (report.serverErrors.length || report.hangs.length) failed = true;
  }
  const after = await fetch(`${servers.demo.url}/config`);
  console.log(`after the run: GET /config → ${after.status}; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
} finally {
  await servers.close();
}
process.exit(failed ? 1 : 0);
