// docs/element.md's API tables are generated from custom-elements.json (scripts/docs.mjs): this fails when the code's
// doc comments, defaults or types changed and `npm run docs` was not run, so the reference can't drift.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC, renderTables, rewrite } from '../../scripts/docs.mjs';

const root = new URL('../../', import.meta.url).pathname;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifest's JSON, read field by field
let manifest: any;

before(() => {
  // The manifest is a build product: rebuilt when src/ is newer than dist/.
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { cwd: root, stdio: 'inherit' });
  manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
});

describe('docs/element.md API tables', () => {
  it('match the manifest (run `npm run docs` after changing a doc comment)', () => {
    const doc = readFileSync(DOC, 'utf8');
    assert.equal(rewrite(doc, renderTables(manifest)), doc);
    for (const name of Object.keys(renderTables(manifest))) assert.ok(doc.includes(`<!-- generated:${name} -->`), `no ${name} table`);
  });

  it('would notice a changed default or description', () => {
    const doc = readFileSync(DOC, 'utf8');
    const changed = structuredClone(manifest);
    const element = changed.modules[0].declarations[0];
    element.members.find((m: { name: string }) => m.name == 'mode').default = "'setup'";
    const next = rewrite(doc, renderTables(changed));
    assert.notEqual(next, doc);
    assert.match(next, /\| `mode` \| `mode` \| `'payment' \\\| 'setup'` \| `'setup'` \|/);
  });

  it('names the marker it has no table for', () => {
    assert.throws(() => rewrite('<!-- generated:colours -->\nx\n<!-- /generated:colours -->', renderTables(manifest)), /no generated table called "colours"; expected one of properties, /);
  });
});
