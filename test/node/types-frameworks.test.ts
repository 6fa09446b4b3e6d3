// The package's Vue and Svelte template declarations (src/types/vue.ts, src/types/svelte.ts) checked by the tools a
// user runs: vue-tsc with strictTemplates and svelte-check, each on a checkout that must pass and on a twin whose
// wrong attribute values, wrong `detail` access, wrong property type and misspelt attribute must each be reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** Runs a checker to the end; its exit code and everything it printed. */
function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code == 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** What a fixture with the deliberate errors must be told, line by line. */
const expectedErrors = [
  /Type '\\?"refund\\?"' is not assignable to type 'Mode \| undefined'/,
  /Property 'declineCode' does not exist on type 'SscSucceededDetail'/,
  /Type 'string' is not assignable to type 'Record<string, unknown>'/,
  /Type '\\?"grid\\?"' is not assignable to type '\\?"tabs\\?" \| \\?"accordion\\?" \| undefined'/,
];

function assertFailsWithEach(result: { code: number; output: string }): void {
  assert.notEqual(result.code, 0, `the broken fixture passed:\n${result.output}`);
  for (const expected of expectedErrors) assert.match(result.output, expected);
}

describe('Vue 3 templates (vue-tsc, strictTemplates)', () => {
  const vueTsc = (config: string) => run(bin('vue-tsc'), ['--noEmit', '-p', join(root, 'test/types/vue', config)]);

  it('accept the checkout: kebab-case attributes, .prop objects and @ssc-* listeners with typed detail', async () => {
    const result = await vueTsc('tsconfig.json');
    assert.equal(result.code, 0, result.output);
  });

  it('reject a wrong attribute value, a wrong detail field, a string for an object property and a misspelt attribute', async () => {
    const result = await vueTsc('tsconfig.broken.json');
    assertFailsWithEach(result);
    assert.match(result.output, /Broken\.vue\(6,/, 'the error points at the template line');
    assert.match(result.output, /'publishableKee' does not exist .*Did you mean to write 'publishableKey'\?/);
  });
});

describe('Svelte 5 templates (svelte-check)', () => {
  const workspace = join(root, 'test/types/svelte');
  const svelteCheck = (config: string) =>
    run(bin('svelte-check'), ['--workspace', workspace, '--tsconfig', join(workspace, config), '--output', 'machine', '--fail-on-warnings']);

  it('accept the checkout: attributes, object properties and onssc-* handlers with typed detail', async () => {
    const result = await svelteCheck('tsconfig.json');
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
  });

  it('reject a wrong attribute value, a wrong detail field, a string for an object property and a misspelt attribute', async () => {
    const result = await svelteCheck('tsconfig.broken.json');
    assertFailsWithEach(result);
    assert.match(result.output, /'\\?"publishable-kee\\?"' does not exist in type/);
    assert.match(result.output, /COMPLETED \d+ FILES 5 ERRORS/);
  });
});
