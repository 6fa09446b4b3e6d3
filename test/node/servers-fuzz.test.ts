// A bounded fuzz of both HTTP servers (issue #17): a few thousand random and malformed requests each, and not one
// 5xx, not one request left without an answer. scripts/fuzz-servers.ts runs the same for 100,000 (FUZZ_SEED replays).
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './helpers/http-fuzz.js';
import { startFuzzServers, type FuzzServers } from './helpers/fuzz-targets.js';

let servers: FuzzServers;
before(async () => { servers = await startFuzzServers(); });
after(async () => { await servers.close(); });

const seed = Number(process.env.FUZZ_SEED ?? 17_2026);

for (const which of ['demoTarget', 'emulatorTarget'] as const) {
  it(`${which === 'demoTarget' ? 'reference server' : 'emulator server'}: 2,000 fuzzed requests, no 5xx, no hang`, async () => {
    const report = await fuzz(servers[which], { count: 2000, seed, concurrency: 12, timeoutMs: 8000 });
    assert.deepEqual(report.serverErrors, [], JSON.stringify(report.byStatus));
    assert.deepEqual(report.hangs, []);
    assert.equal(report.sent, 2000);
    // The fuzz reached past the front door: some requests were accepted, some refused for their input.
    const accepted = Object.entries(report.byStatus).filter(([status]) => /^2/.test(status)).reduce((sum, [, n]) => sum + n, 0);
    assert.ok(accepted > 20 && (report.byStatus['400'] ?? 0) > 50, JSON.stringify(report.byStatus));
    // And the server still works for a normal request afterwards.
    const config = await fetch(which === 'demoTarget' ? `${servers.demo.url}/config` : `${servers.emulator.url}/v3/`);
    assert.equal(config.status, 200);
  });
}
