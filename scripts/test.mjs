#!/usr/bin/env node
// Runs every test suite (or the ones named on the command line) and ends with one plain line,
// `N passed, N failed`, summing them all: CI reads that line, and no runner prints it on its own.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function testFiles(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true })
    .filter((f) => /\.test\.ts$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// node:test writes TAP to a file next to its spec output; the TAP footer has the counts.
async function nodeSuite(name, dir, extra = []) {
  const files = testFiles(dir);
  if (files.length === 0) return { passed: 0, failed: 0 };
  const tap = join(results, `${name}.tap`);
  rmSync(tap, { force: true });
  const code = await run(process.execPath, [
    '--import', 'tsx', '--test', ...extra,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  // A crash before any test reported still has to count as a failure.
  const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') + count('cancelled') === 0 ? 1 : 0);
  return { passed, failed };
}

// Web Test Runner: our reporter (test/browser/count-reporter.mjs) writes the counts as JSON.
async function browserSuite() {
  const out = join(results, 'browser.json');
  rmSync(out, { force: true });
  const code = await run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs']);
  if (!existsSync(out)) return { passed: 0, failed: 1 };
  const { passed, failed } = JSON.parse(readFileSync(out, 'utf8'));
  return { passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) };
}

const suites = {
  node: () => nodeSuite('node', 'test/node'),
  browser: () => browserSuite(),
  e2e: () => nodeSuite('e2e', 'test/e2e', ['--test-concurrency=1']),
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(suites);
let passed = 0;
let failed = 0;
for (const name of wanted) {
  if (!suites[name]) {
    console.error(`Unknown suite "${name}"; expected one of: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} tests ===`);
  const r = await suites[name]();
  console.log(`=== ${name}: ${r.passed} passed, ${r.failed} failed ===`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
