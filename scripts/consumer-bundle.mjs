// The npm entry as a merchant's bundler sees it: `import 'stripe-save-card'` from a project whose node_modules holds
// this package (resolved by name, through package.json "exports"), bundled and minified by esbuild. The bench weighs
// it; an e2e test runs it in a browser.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

/**
 * The consumer's bundle of `source` (default: the main entry), as esbuild writes it (run `npm run build` first: the
 * package resolves to dist/).
 */
export async function bundleLikeAConsumer(source = "import 'stripe-save-card';") {
  const consumer = mkdtempSync(join(tmpdir(), 'ssc-consumer-'));
  try {
    mkdirSync(join(consumer, 'node_modules'));
    symlinkSync(root, join(consumer, 'node_modules/stripe-save-card'), 'dir');
    const result = await build({
      stdin: { contents: source, resolveDir: consumer, loader: 'js' },
      bundle: true, format: 'esm', minify: true, write: false, logLevel: 'silent', platform: 'browser',
    });
    return result.outputFiles[0].contents;
  } finally {
    rmSync(consumer, { recursive: true, force: true });
  }
}
