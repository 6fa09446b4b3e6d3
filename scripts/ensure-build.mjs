#!/usr/bin/env node
// `npm start` runs this first: the demo page loads the script-tag build (dist/stripe-save-card.min.js), so on a new
// machine (or after editing src/) it is built here instead of leaving the page without its element. The build takes
// minutes on a small machine, so each step of `npm run build` (read from package.json, the one list of steps) is
// announced, a line every 15 s says it is still going, and each step reports how long it took.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const bundle = join(root, 'dist/stripe-save-card.min.js');
const TICK_MS = 15_000;

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const file = join(dir, String(name));
    if (/\.ts$/.test(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

function runStep(command, label, index, total) {
  const started = Date.now();
  console.log(`  [${index}/${total}] ${label}...`);
  const ticker = setInterval(() => console.log(`        still on ${label} (${seconds(started)})`), TICK_MS);
  return new Promise((resolve) => {
    const child = spawn(command, {
      cwd: root, shell: true, stdio: 'inherit',
      env: {
        ...process.env,
        PATH: [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter),
        // Rollup colours its lines even into a file; a log (CI, the e2e run) gets plain text.
        ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }),
      },
    });
    child.on('exit', (code, signal) => {
      clearInterval(ticker);
      if (code === 0) console.log(`        done in ${seconds(started)}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const LABELS = { tsc: 'TypeScript: the npm build and its types', rollup: 'the bundles (script tag, minified npm entries)', cem: 'custom-elements.json' };

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src'));
if (stale) {
  const steps = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.build.split(' && ');
  const started = Date.now();
  console.log(`Building dist/ first (the demo page uses the script-tag build): ${steps.length} steps, a few minutes on a small machine.`);
  for (const [i, step] of steps.entries()) {
    const code = await runStep(step, LABELS[step.split(' ')[0]] ?? step, i + 1, steps.length);
    if (code !== 0) {
      console.error(`The build failed at step ${i + 1} (${step}); fix the error above, or run \`npm run build\` to see it again.`);
      process.exit(code);
    }
  }
  console.log(`Built in ${seconds(started)}.`);
}
