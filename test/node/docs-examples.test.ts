// The docs' code runs as written: the first startEmulator() example of docs/emulator.md, run in a child process
// with the package's import specifiers pointed at this checkout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The first ```ts block after `heading` in a docs page. */
function codeAfter(page: string, heading: string): string {
  const text = readFileSync(`${root}docs/${page}`, 'utf8');
  const from = text.indexOf(heading);
  assert.notEqual(from, -1, `${page} has "${heading}"`);
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(from));
  assert.ok(block, `a ts block after "${heading}"`);
  return block[1]!;
}

test('docs/emulator.md: the startEmulator() example prints "succeeded" with the stripe SDK in package.json', async () => {
  const code = codeAfter('emulator.md', '## `startEmulator()`')
    .replace("'stripe-save-card/testing/server'", JSON.stringify(`${root}src/testing/server/index.ts`));
  // Inside the checkout, so `import Stripe from 'stripe'` resolves as it does for a user.
  mkdirSync(`${root}test-results`, { recursive: true });
  const file = `${root}test-results/docs-emulator-example.mts`;
  writeFileSync(file, code);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { timeout: 30_000 });
  assert.equal(stdout.trim(), 'succeeded');
});
