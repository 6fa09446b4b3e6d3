#!/usr/bin/env node
// What a merchant downloads: the script-tag build's gzip size, and what a consumer's bundler makes of the npm entry
// (`import 'stripe-save-card'` bundled and minified with esbuild, resolved through package.json "exports" like any
// installed package, Lit and the Stripe.js loader included). Reports, never fails. Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleLikeAConsumer } from './consumer-bundle.mjs';
import { requireBuild, scriptTagBundle } from './bench-lib.mjs';

const SCRIPT_TAG_BUDGET = 13_500; // B gzip (working agreement)
const ESM_OVER_SCRIPT_TAG_GOAL = 300; // B gzip (issue #12)

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
