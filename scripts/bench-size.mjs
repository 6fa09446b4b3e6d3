#!/usr/bin/env node
// What a merchant downloads: the script-tag build's gzip size, and what a consumer's bundler makes of the npm entry
// (`import 'stripe-save-card'` bundled and minified with esbuild, resolved through package.json "exports" like any
// installed package, Lit and the Stripe.js loader included). Reports, never fails. Run `npm run build` first.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { requireBuild, root, scriptTagBundle } from './bench-lib.mjs';

const SCRIPT_TAG_BUDGET = 13_500; // B gzip (working agreement)
const ESM_OVER_SCRIPT_TAG_GOAL = 300; // B gzip (issue #12)

requireBuild();
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

const scriptTag = readFileSync(scriptTagBundle);
const scriptTagGzip = gzip(scriptTag);

// A consumer project whose node_modules holds this package: the import resolves by name, through "exports".
const consumer = mkdtempSync(join(tmpdir(), 'ssc-bench-consumer-'));
let esm;
try {
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules/stripe-save-card'), 'dir');
  const result = await build({
    stdin: { contents: "import 'stripe-save-card';", resolveDir: consumer, loader: 'js' },
    bundle: true, format: 'esm', minify: true, write: false, logLevel: 'silent', platform: 'browser',
  });
  esm = Buffer.from(result.outputFiles[0].contents);
} finally {
  rmSync(consumer, { recursive: true, force: true });
}
const esmGzip = gzip(esm);
const over = esmGzip - scriptTagGzip;

console.log('size (gzip -9)');
console.log(`  script tag dist/stripe-save-card.min.js: ${scriptTagGzip} B gzip (${scriptTag.length} B); budget ${SCRIPT_TAG_BUDGET} B: ${scriptTagGzip <= SCRIPT_TAG_BUDGET ? 'met' : 'not met'}`);
console.log(`  ESM entry bundled by esbuild (import 'stripe-save-card', minified): ${esmGzip} B gzip (${esm.length} B); ` +
  `script tag ${over >= 0 ? '+' : ''}${over} B; goal <= script tag +${ESM_OVER_SCRIPT_TAG_GOAL} B: ${over <= ESM_OVER_SCRIPT_TAG_GOAL ? 'met' : 'not met'}`);
