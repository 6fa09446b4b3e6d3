#!/usr/bin/env node
// `npm start` runs this first: the demo page loads the script-tag build (dist/stripe-save-card.min.js), so on a new
// machine (or after editing src/) it is built here instead of leaving the page without its element.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const bundle = join(root, 'dist/stripe-save-card.min.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const file = join(dir, String(name));
    if (/\.ts$/.test(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src'));
if (stale) {
  console.log('Building dist/ (the demo page uses the script-tag build)...');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
