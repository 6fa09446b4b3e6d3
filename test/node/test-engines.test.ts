// The test infrastructure's own parts: which engines a run asks for, WebDriver key actions for WebKit, and how the
// browser suite's results are counted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countReporter } from '../browser/count-reporter.mjs';
import { selectedEngines } from '../browser/helpers/engines/engines.mjs';
import { keyActions } from '../browser/helpers/engines/webdriver.mjs';

describe('engine selection (ENGINES / --engine)', () => {
  it('means all three, in a fixed order, when nothing is asked for', () => {
    assert.deepEqual(selectedEngines(''), ['chromium', 'firefox', 'webkit']);
    assert.deepEqual(selectedEngines(' '), ['chromium', 'firefox', 'webkit']);
  });

  it('keeps the fixed order and drops repeats, whatever order they were named in', () => {
    assert.deepEqual(selectedEngines('webkit, Firefox,webkit'), ['firefox', 'webkit']);
  });

  it('names the variable, what it expects and what it got for an unknown engine', () => {
    assert.throws(() => selectedEngines('chromium,safari'), /ENGINES: expected a comma-separated list of chromium, firefox, webkit; got "safari"/);
  });
});

describe('WebDriver key actions (WebKit typing)', () => {
  it('types a character as one key down and up', () => {
    assert.deepEqual(keyActions('a'), [{ type: 'keyDown', value: 'a' }, { type: 'keyUp', value: 'a' }]);
  });

  it("maps named keys to WebDriver's code points", () => {
    assert.deepEqual(keyActions('Backspace').map((a) => a.value), ['\uE003', '\uE003']);
    assert.deepEqual(keyActions('Enter').map((a) => a.value), ['\uE007', '\uE007']);
  });

  it('presses a chord in order and releases it in reverse', () => {
    assert.deepEqual(keyActions('Shift+Tab'), [
      { type: 'keyDown', value: '\uE008' }, { type: 'keyDown', value: '\uE004' },
      { type: 'keyUp', value: '\uE004' }, { type: 'keyUp', value: '\uE008' },
    ]);
  });

  it('treats a lone + as the character', () => {
    assert.deepEqual(keyActions('+').map((a) => a.value), ['+', '+']);
  });

  it('refuses an unknown key name, listing the known ones', () => {
    assert.throws(() => keyActions('Hyper'), /WebDriver: unknown key "Hyper"; expected one character or one of Backspace, Tab/);
  });
});

describe('browser count reporter', () => {
  it('counts skipped tests as skipped, never as passed, per browser and in total, and a broken file as a failure; names each failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssc-count-'));
    const file = join(dir, 'counts.json');
    const results = (skippedOnThisEngine: boolean) => ({
      name: '', tests: [], suites: [{
        name: 'suite',
        tests: [
          { name: 'a', passed: true, skipped: false },
          { name: 'b [skipped on webkit: reason]', passed: false, skipped: skippedOnThisEngine },
          { name: 'c', passed: false, skipped: false, error: { message: 'expected 1 to equal 2\n    at a.test.ts:3' } },
        ],
        suites: [],
      }],
    });
    const log = console.log;
    const printed: string[] = [];
    console.log = (line: string) => printed.push(line);
    try {
      countReporter({ file }).onTestRunFinished({
        sessions: [
          { browser: { name: 'Chromium' }, testFile: '/x/test/browser/a.test.ts', passed: false, testResults: results(false), errors: [] },
          { browser: { name: 'WebKit' }, testFile: '/x/test/browser/a.test.ts', passed: false, testResults: results(true), errors: [] },
          { browser: { name: 'WebKit' }, testFile: '/x/test/browser/b.test.ts', passed: false, errors: [{ message: 'failed to load' }] },
        ],
      });
    } finally {
      console.log = log;
    }
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(counts, {
      passed: 2, failed: 4, skipped: 1,
      byBrowser: { Chromium: { passed: 1, failed: 2, skipped: 0 }, WebKit: { passed: 1, failed: 2, skipped: 1 } },
      // scripts/test.mjs prints these again above its last line (a CI page shows only the end of the log).
      failedNames: [
        'test/browser/a.test.ts > suite > b [skipped on webkit: reason]: failed',
        'test/browser/a.test.ts > suite > c: expected 1 to equal 2',
        'test/browser/a.test.ts > suite > c: expected 1 to equal 2',
        'test/browser/b.test.ts: failed to load',
      ],
    });
    assert.match(printed.join('\n'), /Skipped \(1\):\n {2}- test\/browser\/a\.test\.ts > suite > b \[skipped on webkit: reason\]/);
  });
});
