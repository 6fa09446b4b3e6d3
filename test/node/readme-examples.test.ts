// The README's React and Next.js examples (its ```tsx blocks) type-check as a consumer writes them: strict, against
// the package's own entries (`stripe-save-card/react` → src/react/index.ts and so on), with React 19's types.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = new URL('../../', import.meta.url).pathname;
const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```tsx\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** tsc's messages for `sources` compiled as .tsx files of a consumer project (empty when they type-check). */
function typeErrors(sources: string[]): string[] {
  // Inside the repository, so `react` and its types resolve from node_modules like in a consumer's project.
  const dir = mkdtempSync(join(root, 'test', '.readme-'));
  try {
    const files = sources.map((source, i) => {
      const file = join(dir, `example-${i}.tsx`);
      writeFileSync(file, source);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true, noEmit: true, skipLibCheck: true, jsx: ts.JsxEmit.ReactJSX, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], types: [],
      paths: {
        'stripe-save-card': [join(root, 'src/index.ts')],
        'stripe-save-card/react': [join(root, 'src/react/index.ts')],
        'stripe-save-card/types/react': [join(root, 'src/types/react.ts')],
      },
    });
    return ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => `${d.file!.fileName.slice(dir.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README examples', () => {
  it('has the React and Next.js examples, and they type-check', () => {
    assert.ok(examples.length >= 2, `expected the React and Next.js tsx blocks, found ${examples.length}`);
    assert.deepEqual(typeErrors(examples), []);
  });

  it('would notice a wrong prop or a wrong detail field', () => {
    const [react] = examples;
    const errors = typeErrors([react!.replace('intentUrl=', 'intentURL=').replace('e.detail.declineCode', 'e.detail.status')]);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors.join('\n'), /intentURL/);
    assert.match(errors.join('\n'), /Property 'status' does not exist on type 'SscDeclinedDetail'/);
  });
});
