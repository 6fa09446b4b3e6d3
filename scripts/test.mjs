#!/usr/bin/env node
// Runs every test suite (or the ones named on the command line) and ends with one plain line,
// `N passed, N failed` (`, N skipped` when any were), summing them all: CI reads that line, and no runner prints
// it on its own.
//
//   node scripts/test.mjs [node] [browser] [e2e] [--engine chromium|firefox|webkit]... [-- extra Web Test Runner args]
//
// The browser suite runs once per engine (Chromium, Firefox, WebKit), one after the other; `--engine` (repeatable,
// or comma-separated) picks engines for the browser suite and the engine-neutral end-to-end journeys.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_LABELS, selectedEngines } from '../test/browser/helpers/engines/engines.mjs';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function parseArgs(argv) {
  const names = [];
  const engines = [];
  const passThrough = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--engine' || arg === '--engines') {
      if (!argv[i + 1]) throw new Error(`${arg}: expected an engine name (chromium, firefox or webkit)`);
      engines.push(argv[++i]);
    } else if (arg.startsWith('--engine=') || arg.startsWith('--engines=')) engines.push(arg.slice(arg.indexOf('=') + 1));
    else if (arg.startsWith('-')) passThrough.push(arg);
    else if (passThrough.length) passThrough.push(arg); // the value of a pass-through option, e.g. --files x
    else names.push(arg);
  }
  return { names, engines: selectedEngines(engines.join(',') || process.env.ENGINES), passThrough };
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

function testFiles(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true })
    .filter((f) => /\.test\.ts$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

// A log file or CI console is not a terminal: the runners' colours and progress-bar redraws (ANSI escapes) are
// stripped there, and left alone in an interactive terminal.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const plainOutput = !process.stdout.isTTY;

function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, {
      cwd: root,
      stdio: plainOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    if (plainOutput) {
      child.stdout.on('data', (chunk) => process.stdout.write(String(chunk).replace(ANSI, '')));
      child.stderr.on('data', (chunk) => process.stderr.write(String(chunk).replace(ANSI, '')));
    }
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// node:test writes TAP to a file next to its spec output; the TAP footer has the counts.
async function nodeSuite(name, dir, extra = []) {
  const files = testFiles(dir);
  if (files.length === 0) return { passed: 0, failed: 0, skipped: 0 };
  const tap = join(results, `${name}.tap`);
  rmSync(tap, { force: true });
  const code = await run(process.execPath, [
    '--import', 'tsx', '--test', ...extra,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { ENGINES: args.engines.join(',') });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const skipped = count('skipped') + count('todo');
  // A crash before any test reported still has to count as a failure.
  const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') + count('cancelled') === 0 ? 1 : 0);
  // TAP nests a failed subtest's `not ok` under its suite's; the innermost ones name the tests.
  const failedNames = [...text.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => `${name}: ${m[1]}`);
  if (failed > 0 && failedNames.length === 0) failedNames.push(`${name}: exited with ${code} before reporting a failed test`);
  return { passed, failed, skipped, failedNames };
}

// Web Test Runner, once per engine: our reporter (test/browser/count-reporter.mjs) writes the counts as JSON.
async function browserSuite(engine) {
  const out = join(results, `browser-${engine}.json`);
  rmSync(out, { force: true });
  const code = await run(process.execPath, [
    join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs', ...args.passThrough,
  ], { ENGINES: engine, WTR_COUNTS_FILE: out });
  const label = `browser (${ENGINE_LABELS[engine]})`;
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, failedNames: [`${label}: no counts written (exit ${code})`] };
  const { passed, failed, skipped, failedNames = [] } = JSON.parse(readFileSync(out, 'utf8'));
  const crashed = code !== 0 && failed === 0;
  return {
    passed,
    failed: failed + (crashed ? 1 : 0),
    skipped,
    failedNames: [...failedNames.map((n) => `${label}: ${n}`), ...(crashed ? [`${label}: exited with ${code}`] : [])],
  };
}

const suites = {
  node: [['node', () => nodeSuite('node', 'test/node')]],
  browser: args.engines.map((engine) => [`browser (${ENGINE_LABELS[engine]})`, () => browserSuite(engine)]),
  e2e: [['e2e', () => nodeSuite('e2e', 'test/e2e', ['--test-concurrency=1'])]],
};

const wanted = args.names.length ? args.names : Object.keys(suites);
for (const name of wanted) {
  if (!suites[name]) {
    console.error(`Unknown suite "${name}"; expected one of: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
}

const summary = (r) => `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
const total = { passed: 0, failed: 0, skipped: 0 };
const failedNames = [];
for (const name of wanted) {
  for (const [label, runSuite] of suites[name]) {
    console.log(`\n=== ${label} tests ===`);
    const started = Date.now();
    const r = await runSuite();
    console.log(`=== ${label}: ${summary(r)} (${Math.round((Date.now() - started) / 1000)} s) ===`);
    for (const key of Object.keys(total)) total[key] += r[key];
    failedNames.push(...r.failedNames);
  }
}
// Named again here because a CI page shows only the end of the log.
if (failedNames.length) console.log(`\nFailed:\n${failedNames.map((n) => `  - ${n}`).join('\n')}`);
console.log(`\n${summary(total)}`);
process.exit(total.failed > 0 ? 1 : 0);
