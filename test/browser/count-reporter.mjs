// A Web Test Runner reporter that writes pass/fail/skip counts to test-results/browser.json (in total and per
// browser), so scripts/test.mjs can add them to the other suites' counts and name the failed tests again in its last
// lines (CI shows only the end of a long log), and lists the skipped tests at the end: their titles say on which
// engine and why (see helpers/engine.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function count(suite, totals, skipped, failedNames, path) {
  for (const test of suite.tests ?? []) {
    const name = [...path, test.name].join(' > ');
    if (test.skipped) {
      totals.skipped += 1;
      skipped.push(name);
    } else if (test.passed) totals.passed += 1;
    else {
      totals.failed += 1;
      failedNames.push(`${name}: ${test.error?.message?.split('\n')[0] ?? 'failed'}`);
    }
  }
  for (const child of suite.suites ?? []) count(child, totals, skipped, failedNames, [...path, child.name]);
}

export function countReporter({ file = process.env.WTR_COUNTS_FILE ?? 'test-results/browser.json' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const byBrowser = {};
      const skipped = [];
      const failedNames = [];
      for (const session of sessions) {
        const browser = (byBrowser[session.browser.name] ??= { passed: 0, failed: 0, skipped: 0 });
        const before = { ...totals };
        const file = session.testFile.replace(/^.*\/test\//, 'test/');
        if (session.testResults) count(session.testResults, totals, skipped, failedNames, [file]);
        // A file that failed to load or threw outside a test has no results: count it as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          totals.failed += 1;
          failedNames.push(`${file}: ${session.errors[0]?.message?.split('\n')[0] ?? 'failed outside a test'}`);
        }
        for (const key of Object.keys(totals)) browser[key] += totals[key] - before[key];
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ ...totals, byBrowser, failedNames }));
      if (skipped.length) console.log(`\nSkipped (${skipped.length}):\n${[...new Set(skipped)].map((t) => `  - ${t}`).join('\n')}`);
    },
  };
}
