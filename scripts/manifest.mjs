#!/usr/bin/env node
// Turns the analyzer's custom-elements.json (run over src/) into the manifest the package ships: modules at the paths
// the package has (dist/*.js), the public API only (no `_private`/protected members, no internal modules, no
// abstract base listed as a second element), enum aliases spelled out as their values, defaults as a reader would
// write them, and the cancelable event marked. `npm run build` runs it after `cem analyze`.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const file = new URL('custom-elements.json', root);
const TAG = 'stripe-save-card';
const ELEMENT_MODULE = 'dist/element/stripe-save-card.js';

/** `export type Mode = 'payment' | 'setup';` → { Mode: "'payment' | 'setup'" }, read from the source of truth. */
function typeAliases() {
  const source = readFileSync(new URL('src/element/config.ts', root), 'utf8');
  return Object.fromEntries([...source.matchAll(/^export type (\w+) = ([^;]+);/gm)].map(([, name, value]) => [name, value.trim()]));
}

/** Called by Lit or the browser, not by a page. */
const INTERNAL_MEMBERS = ['properties', 'styles', 'formAssociated', 'formAssociatedCallback', 'formResetCallback', 'formDisabledCallback'];

const isPublic = (member) => !member.name.startsWith('_') && (member.privacy ?? 'public') == 'public';

export function shipManifest(analyzed, aliases = typeAliases()) {
  const modules = analyzed.modules;
  const element = modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement && d.tagName == TAG);
  if (!element) throw new Error(`custom-elements.json: expected a declaration with tagName "${TAG}", found none`);

  const resolveType = (type) => {
    if (!type) return type;
    const text = type.text.replace(/\b\w+\b/g, (word) => (Object.hasOwn(aliases, word) ? `(${aliases[word]})` : word))
      .replace(/^\((.*)\)$/, '$1').replace(/\((.*)\) \| undefined$/, '$1 | undefined');
    return { text };
  };
  // 10_000 is valid JavaScript but not what a reader types; the analyzer keeps the source spelling.
  const resolveDefault = (value) => (typeof value == 'string' && /^\d[\d_]*$/.test(value) ? value.replace(/_/g, '') : value);
  const clean = ({ inheritedFrom: _inherited, privacy: _privacy, ...rest }) => ({
    ...rest,
    ...(rest.type && { type: resolveType(rest.type) }),
    ...(rest.default !== undefined && { default: resolveDefault(rest.default) }),
    ...(rest.parameters && { parameters: rest.parameters.filter((p) => p.name != 'this').map((p) => ({ ...p, ...(p.type && { type: resolveType(p.type) }) })) }),
  });

  const declaration = {
    ...element,
    superclass: { name: 'LitElement', package: 'lit' },
    members: element.members.filter(isPublic).filter((m) => !INTERNAL_MEMBERS.includes(m.name)).map(clean),
    attributes: element.attributes.map(clean),
    events: element.events.map((event) => ({
      ...event,
      // The schema has no cancelable field; the description says it where it applies.
      description: event.name == 'ssc-submit' && !/cancelable/i.test(event.description) ? `${event.description} Cancelable.` : event.description,
    })),
  };
  const reference = { name: 'StripeSaveCard', module: ELEMENT_MODULE };
  return {
    schemaVersion: analyzed.schemaVersion,
    readme: analyzed.readme ?? '',
    modules: [
      {
        kind: 'javascript-module', path: ELEMENT_MODULE, declarations: [declaration],
        exports: [{ kind: 'js', name: 'StripeSaveCard', declaration: reference }],
      },
      {
        kind: 'javascript-module', path: 'dist/index.js', declarations: [],
        exports: [
          { kind: 'js', name: 'StripeSaveCard', declaration: reference },
          { kind: 'custom-element-definition', name: TAG, declaration: reference },
        ],
      },
    ],
  };
}

if (import.meta.url == `file://${process.argv[1]}`) {
  writeFileSync(file, `${JSON.stringify(shipManifest(JSON.parse(readFileSync(file, 'utf8'))), null, 2)}\n`);
}
