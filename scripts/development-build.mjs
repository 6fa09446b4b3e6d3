#!/usr/bin/env node
// Two builds, like Lit: tsc's readable output of the element's entries is kept as the `development` export
// condition (dist/development/: our code as written, and Lit's own development build with its warnings, which that
// condition selects too); rollup then writes the production files in their place, minified with private names
// shortened (rollup.config.mjs, `esmBundle`). Run between tsc (and collapse-templates) and rollup.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const development = join(dist, 'development');

/** The files the development entries import: the package entries and every element module. */
const copied = (name) => /\.js(\.map)?$/.test(name);
for (const dir of ['', 'element', 'react', 'translations', 'payment']) {
  for (const name of readdirSync(join(dist, dir)).filter(copied)) cpSync(join(dist, dir, name), join(development, dir, name));
}
// The production element is one bundled module (dist/element/stripe-save-card.js): its parts are not shipped twice.
for (const name of readdirSync(join(dist, 'element')).filter(copied)) {
  if (!name.startsWith('stripe-save-card.')) rmSync(join(dist, 'element', name));
}
