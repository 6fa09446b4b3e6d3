#!/usr/bin/env node
// Collapses the indentation inside our own html`` and css`` templates (whitespace between tags and CSS rules
// carries no meaning there); saves bytes Lit would otherwise ship and parse. Our templates hold no <pre>, no
// nested template literals, no inline text right next to a tag or an expression (every such run sits in grid or
// flex containers, where whitespace-only text renders nothing) and no CSS comments inside rules: that is what makes
// this safe for them (not for arbitrary code).
//
// Used twice: by rollup.config.mjs on the script-tag bundle's sources, and as
// `node scripts/collapse-templates.mjs dist/element` on the npm ESM build tsc emitted, so a consumer's bundler gets
// the same templates. Its source maps then place code after a collapsed template a few lines off; our templates
// close their files (render() and the styles), so little follows them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const collapseCss = (tpl) => tpl.replace(/\/\*[^*]*\*\//g, '').replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':').replace(/;}/g, '}');
const collapseHtml = (tpl) => tpl.replace(/\s+/g, ' ').replace(/(>|\}) (<|\$\{)/g, '$1$2').replace(/` </, '`<').replace(/> `$/, '>`');

/** `code` with every html`` and css`` template collapsed. */
export const collapseTemplates = (code) =>
  code.replace(/\b(css|html)\s*`[^`]*`/g, (tpl) => (tpl.startsWith('css') ? collapseCss(tpl) : collapseHtml(tpl)));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/collapse-templates.mjs <directory of built .js files>');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const path = join(dir, file);
    const code = readFileSync(path, 'utf8');
    const collapsed = collapseTemplates(code);
    if (collapsed != code) writeFileSync(path, collapsed);
  }
}
