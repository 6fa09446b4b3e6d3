// What `npm publish` would ship, read from `npm pack --dry-run --json` after the build: the licence, a manifest whose
// paths are files of the package, source maps that resolve inside the package, and each `exports` target present.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

let packed: Set<string>;

before(() => {
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { cwd: root, stdio: 'inherit' });
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  packed = new Set((result.files as { path: string }[]).map((f) => f.path));
});

/** Every string leaf of package.json "exports" (conditions nested or not). */
function exportTargets(node: unknown): string[] {
  if (typeof node == 'string') return [node];
  return Object.values(node as Record<string, unknown>).flatMap(exportTargets);
}

describe('the packed package', () => {
  it('ships the MIT licence, and the script tag keeps the notice of the Lit it bundles', () => {
    assert.ok(packed.has('LICENSE'), 'LICENSE is not in the package');
    assert.match(read('LICENSE'), /^MIT License/);
    assert.match(read('dist/stripe-save-card.min.js'), /^\/\*! stripe-save-card, MIT\. Bundles Lit: Copyright 2017 Google LLC, BSD-3-Clause \*\//);
  });

  it('has a file for every "exports" target', () => {
    const pkg = JSON.parse(read('package.json'));
    // A `*` target (./translations/*) must match at least one packed file.
    const exists = (path: string) => (path.includes('*')
      ? [...packed].some((file) => new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`).test(file))
      : packed.has(path));
    const missing = exportTargets(pkg.exports).map((target) => normalize(target)).filter((path) => !exists(path));
    assert.deepEqual(missing, []);
  });

  it('ships two builds: production minified with private names shortened, `development` as written', () => {
    const production = read('dist/element/stripe-save-card.js');
    const development = read('dist/development/element/stripe-save-card.js');
    assert.doesNotMatch(production, /_busy|_applyCardOptions/);
    assert.ok(production.split('\n').length < 5, 'production is not minified');
    assert.match(development, /this\._busy/);
    assert.match(development, /_applyCardOptions\(\)/);
  });

  it('ships a manifest whose module paths are files of the package, with only the public element', () => {
    const manifest = JSON.parse(read('custom-elements.json'));
    const paths: string[] = manifest.modules.flatMap((m: { path: string; exports?: { declaration: { module?: string } }[] }) =>
      [m.path, ...(m.exports ?? []).map((e) => e.declaration.module).filter((p): p is string => !!p)]);
    assert.deepEqual(paths.filter((path) => !packed.has(path)), []);
    const declarations = manifest.modules.flatMap((m: { declarations: { name: string; customElement?: boolean; members: { name: string; privacy?: string }[] }[] }) => m.declarations);
    assert.deepEqual(declarations.filter((d: { customElement?: boolean }) => d.customElement).map((d: { name: string }) => d.name), ['StripeSaveCard']);
    const members = declarations[0].members;
    assert.deepEqual(members.filter((m: { name: string; privacy?: string }) => m.name.startsWith('_') || (m.privacy && m.privacy != 'public')), []);
    const mode = members.find((m: { name: string }) => m.name == 'mode');
    assert.deepEqual({ type: mode.type.text, default: mode.default }, { type: "'payment' | 'setup'", default: "'payment'" });
    assert.equal(members.find((m: { name: string }) => m.name == 'loadTimeout').default, '10000');
  });

  it('ships source maps whose every source is embedded or a file of the package', () => {
    const maps = [...packed].filter((path) => path.endsWith('.map'));
    assert.ok(maps.length > 0);
    const unresolved: string[] = [];
    for (const path of maps) {
      const map = JSON.parse(read(path)) as { sources: string[]; sourcesContent?: (string | null)[]; sourceRoot?: string };
      map.sources.forEach((source, i) => {
        const file = normalize(join(dirname(path), map.sourceRoot ?? '', source));
        if (typeof map.sourcesContent?.[i] != 'string' && !packed.has(file)) unresolved.push(`${path}: ${source}`);
      });
    }
    assert.deepEqual(unresolved.slice(0, 10), [], `${unresolved.length} sources resolve nowhere`);
  });
});

describe('stripe-save-card/testing/fake-stripe', () => {
  it('bundles without msw or the stripe SDK (a consumer without either still builds)', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: { contents: "export { installFakeStripe } from 'stripe-save-card/testing/fake-stripe';", resolveDir: root, loader: 'js' },
      bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((input) => input.startsWith('dist/testing/browser/')), inputs.join(', '));
    assert.deepEqual(inputs.filter((input) => input.includes('node_modules')), []);
  });

  it('has declarations that never name msw or stripe', () => {
    const seen = new Set<string>();
    const foreign: string[] = [];
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const [, specifier] of read(path).matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (specifier!.startsWith('.')) visit(normalize(join(dirname(path), specifier!.replace(/\.js$/, '.d.ts'))));
        else foreign.push(`${path}: ${specifier}`);
      }
    };
    visit('dist/testing/browser/index.d.ts');
    assert.ok(seen.size > 3);
    assert.deepEqual(foreign.filter((line) => /: (msw|stripe)(\/|$)/.test(line)), []);
  });
});
