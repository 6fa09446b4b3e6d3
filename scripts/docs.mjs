#!/usr/bin/env node
// `npm run docs`: rewrites the API tables of docs/element.md from custom-elements.json (run `npm run build` first),
// between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, so the reference can't drift from the code's
// own docs. `--check` changes nothing and exits 1 when a table is out of date (test/node/docs-api.test.ts runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
export const DOC = new URL('docs/element.md', root);

const cell = (text = '') => String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text) => (text === undefined || text === '' ? '—' : `\`${cell(text)}\``);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The tables, by marker name, rendered from the manifest's one element. */
export function renderTables(manifest) {
  const element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.customElement);
  const fields = element.members.filter((m) => m.kind == 'field' && !m.static);
  const attributeOf = new Map(element.attributes.map((a) => [a.fieldName, a.name]));
  const type = (m) => (m.type ? code(m.type.text.replace(/ \| undefined$/, '')) : '—');
  return {
    properties: table(['attribute', 'property', 'type', 'default', 'meaning'], fields.map((m) => [
      attributeOf.has(m.name) ? code(attributeOf.get(m.name)) : '—',
      `\`${m.name}\`${m.readonly || !m.type || ['value', 'form', 'validity', 'validationMessage', 'willValidate'].includes(m.name) ? ' (read-only)' : ''}`,
      type(m), code(m.default), cell(m.description),
    ])),
    statics: table(['static', 'type', 'default', 'meaning'], element.members.filter((m) => m.static).map((m) => [
      `\`StripeSaveCard.${m.name}${m.kind == 'method' ? `(${(m.parameters ?? []).map((p) => (p.default ? `${p.name} = ${p.default}` : p.name)).join(', ')})` : ''}\``,
      m.kind == 'method' ? 'method' : type(m), code(m.default), cell(m.description),
    ])),
    methods: table(['method', 'returns', 'does'], element.members.filter((m) => m.kind == 'method' && !m.static).map((m) => [
      `\`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})\``, m.return ? code(m.return.type.text) : '—', cell(m.description),
    ])),
    events: table(['event', 'type', 'when, and the `detail`'], element.events.map((e) => [code(e.name), code(e.type?.text), cell(e.description)])),
    slots: table(['slot', 'what goes there'], element.slots.map((s) => [code(s.name), cell(s.description)])),
    parts: table(['part', 'what it is'], element.cssParts.map((p) => [code(p.name), cell(p.description)])),
    'custom-properties': table(['custom property', 'default', 'used for'], element.cssProperties.map((p) => [code(p.name), code(p.default), cell(p.description)])),
  };
}

/** `doc` with each marked block replaced by its table; throws naming a marker that has no table or no end. */
export function rewrite(doc, tables) {
  return doc.replace(/<!-- generated:([\w-]+) -->\n[\s\S]*?<!-- \/generated:\1 -->/g, (_, name) => {
    if (!Object.hasOwn(tables, name)) throw new Error(`docs/element.md: no generated table called "${name}"; expected one of ${Object.keys(tables).join(', ')}`);
    return `<!-- generated:${name} -->\n${tables[name]}\n<!-- /generated:${name} -->`;
  });
}

if (import.meta.url == `file://${process.argv[1]}`) {
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
  const doc = readFileSync(DOC, 'utf8');
  const next = rewrite(doc, renderTables(manifest));
  if (process.argv.includes('--check')) {
    if (next != doc) {
      console.error('docs/element.md: the API tables differ from custom-elements.json; run `npm run build && npm run docs`');
      process.exit(1);
    }
  } else writeFileSync(DOC, next);
}
