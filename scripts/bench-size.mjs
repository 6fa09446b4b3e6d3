#!/usr/bin/env node
// What a merchant downloads: the script-tag build's gzip size, and what a consumer's bundler makes of the npm entry
// (`import 'stripe-save-card'` bundled and minified with esbuild, resolved through package.json "exports" like any
// installed package, Lit and the Stripe.js loader included). Reports, never fails. Run `npm run build` first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleLikeAConsumer } from './consumer-bundle.mjs';
import { requireBuild, root, scriptTagBundle } from './bench-lib.mjs';

const SCRIPT_TAG_BUDGET = 14_300; // B gzip, the translation machinery, the Lit licence banner and the checkout id included (issues #18, #19)
const ESM_OVER_SCRIPT_TAG_GOAL = 300; // B gzip (issue #12)
const WITH_LANGUAGES_CAP = 14_300; // B gzip, the translation machinery and English included (issue #18)

requireBuild();
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

const scriptTag = readFileSync(scriptTagBundle);
const scriptTagGzip = gzip(scriptTag);

const esm = await bundleLikeAConsumer();
const esmGzip = gzip(esm);
const over = esmGzip - scriptTagGzip;

console.log('size (gzip -9)');
console.log(`  script tag dist/stripe-save-card.min.js: ${scriptTagGzip} B gzip (${scriptTag.length} B); budget ${SCRIPT_TAG_BUDGET} B: ${scriptTagGzip <= SCRIPT_TAG_BUDGET ? 'met' : 'not met'}`);
console.log(`  ESM entry bundled by esbuild (import 'stripe-save-card', minified): ${esmGzip} B gzip (${esm.length} B); ` +
  `script tag ${over >= 0 ? '+' : ''}${over} B; goal <= script tag +${ESM_OVER_SCRIPT_TAG_GOAL} B: ${over <= ESM_OVER_SCRIPT_TAG_GOAL ? 'met' : 'not met'}`);
console.log(`  script tag with the translation machinery and English: cap ${WITH_LANGUAGES_CAP} B: ${scriptTagGzip <= WITH_LANGUAGES_CAP ? 'met' : `not met (+${scriptTagGzip - WITH_LANGUAGES_CAP} B)`}`);
// What a page in another language adds: one script tag per language it uses, nothing for the others.
const languages = readdirSync(join(root, 'dist/translations')).filter((file) => file.endsWith('.min.js')).sort();
console.log(`  one language's script tag (dist/translations/<lang>.min.js): ${languages.map((file) => `${file.slice(0, -7)} ${gzip(readFileSync(join(root, 'dist/translations', file)))} B`).join(', ')}`);
