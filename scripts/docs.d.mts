// Types for scripts/docs.mjs, imported by test/node/docs-api.test.ts.
export const DOC: URL;
/** The API tables of docs/element.md, by marker name, rendered from custom-elements.json. */
export function renderTables(manifest: unknown): Record<string, string>;
/** `doc` with every `<!-- generated:NAME -->` block replaced by its table. */
export function rewrite(doc: string, tables: Record<string, string>): string;
