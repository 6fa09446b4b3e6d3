#!/usr/bin/env node
// `npm run bench`: every measurement, one script per concern, each printing its own figures against a floor
// measured in the same run. Not a test: nothing here fails on a threshold ("goal ... met/not met" is information).
// Run `npm run build` first. BENCH_RUNS sets the samples per candidate of the timing benches.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const STEPS = [
  ['bench-size.mjs'],
  ['bench-mount.mjs'],
  ['bench-payment-mount.mjs'],
  ['bench-3ds.mjs'],
  // The emulator's own bench imports TypeScript sources directly.
  ['bench-emulator.mjs', '--import', 'tsx'],
  ['bench-soak.mjs'],
];

for (const [script, ...nodeArgs] of STEPS) {
  const result = spawnSync(process.execPath, [...nodeArgs, join(root, 'scripts', script)], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    console.error(`${script} failed (exit ${result.status ?? result.signal})`);
    process.exitCode = 1;
  }
}
