// Importing the package on a server (Next.js, Remix, a React renderToString) must leave the process as it found it:
// no `customElements` shim or other global from Lit, which pages test for. Each entry is resolved by name through
// package.json "exports" with Node's own conditions, then the TypeScript source of the file it resolves to is loaded
// (tsc maps src/x.ts to dist/x.js one to one) in a fresh process, and the globals are compared.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);

interface Loaded { resolved: string; added: string[]; exports: string[]; result?: string; error?: string }

/** Runs `body` (ES module code with `module` bound to the import) in a fresh Node after importing `specifier`. */
async function importInFreshNode(specifier: string, body = ''): Promise<Loaded> {
  const script = `
    const before = new Set(Reflect.ownKeys(globalThis));
    const resolved = ${specifier.startsWith('./') ? `new URL(${JSON.stringify(specifier)}, ${JSON.stringify(root.href)}).href` : `import.meta.resolve(${JSON.stringify(specifier)})`};
    const module = await import(resolved.replace('/dist/', '/src/').replace(/\\.js$/, '.ts'));
    const added = Reflect.ownKeys(globalThis).filter((key) => !before.has(key)).map(String);
    let result, error;
    try { result = await (async () => { ${body} })(); } catch (e) { error = String(e.message); }
    console.log(JSON.stringify({ resolved: resolved.slice(${JSON.stringify(root.href)}.length), added, exports: Object.keys(module), result, error }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
  return JSON.parse(stdout) as Loaded;
}

describe('the package on a server (Node export condition)', () => {
  it('resolves the root and ./element to the server stand-in, which adds no global and registers nothing', async () => {
    for (const specifier of ['stripe-save-card', 'stripe-save-card/element']) {
      const loaded = await importInFreshNode(specifier, 'module.StripeSaveCard.define(); module.StripeSaveCard.loadTimeout = 5000; return typeof globalThis.customElements;');
      assert.equal(loaded.resolved, 'dist/server.js', specifier);
      assert.deepEqual(loaded.added, [], specifier);
      assert.deepEqual(loaded.exports, ['StripeSaveCard']);
      assert.equal(loaded.result, 'undefined');
      assert.equal(loaded.error, undefined);
    }
  });

  it('says where the element runs when server code tries to construct it', async () => {
    const loaded = await importInFreshNode('stripe-save-card', 'new module.StripeSaveCard();');
    assert.match(loaded.error!, /<stripe-save-card> runs in the browser/);
  });

  it('resolves ./react to the component alone, which renders the tag and its mount node with no global added', async () => {
    const body = `
      const { renderToString } = await import('react-dom/server');
      const { createElement } = await import('react');
      return renderToString(createElement(module.StripeSaveCard, { publishableKey: 'pk_test_1', amount: 1999, save: true, hideSave: false, intentBody: { cart: 1 }, onSscSucceeded: () => {} }));`;
    const loaded = await importInFreshNode('stripe-save-card/react', body);
    assert.equal(loaded.error, undefined);
    assert.equal(loaded.resolved, 'dist/react/component.js');
    assert.deepEqual(loaded.added, []);
    assert.equal(loaded.result,
      '<stripe-save-card publishable-key="pk_test_1" save="" amount="1999"><form slot="ssc-card" class="ssc-card-mount" style="all:unset;display:block"></form></stripe-save-card>');
  });

  it('would notice: the browser entry loaded in Node leaves Lit\'s globals behind', async () => {
    const loaded = await importInFreshNode('./dist/index.js');
    assert.ok(loaded.added.includes('customElements'), `added: ${loaded.added.join(', ')}`);
  });
});
