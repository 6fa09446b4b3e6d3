// GET /docs and /docs/:page: the README and docs/*.md, rendered simply (headings with GitHub's anchors, paragraphs,
// lists, tables, code, links between the pages), so `npm start` serves the reference next to the demo. Only those
// files: a page name is checked against the docs directory's own listing, never joined into a path unchecked.
import { readdirSync, readFileSync } from 'node:fs';
import { ApiError } from '../errors.js';
import { escapeHtml, sendHtml, type RequestContext } from '../http.js';
import { page } from '../pages.js';
import type { AppContext } from '../context.js';

const ROOT = new URL('../../../', import.meta.url);

/** Page name → file: `readme` (served at /docs) and every docs/*.md by its base name. */
function pages(): Map<string, URL> {
  const found = new Map([['readme', new URL('README.md', ROOT)]]);
  for (const name of readdirSync(new URL('docs/', ROOT))) if (/^[a-z-]+\.md$/.test(name)) found.set(name.slice(0, -3), new URL(`docs/${name}`, ROOT));
  return found;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
}

/** Links between the Markdown files become links between the served pages. */
function href(target: string): string {
  const [path = '', hash] = target.split('#');
  const local = /^(?:\.\.\/)?(?:docs\/)?([a-z-]+)\.md$/i.exec(path);
  const to = local ? (local[1]!.toLowerCase() == 'readme' ? '/docs' : `/docs/${local[1]}`) : path;
  return hash === undefined ? to : `${to}#${hash}`;
}

/** Inline Markdown of one escaped line: `code`, **bold**, [links](...). Code spans are left as they are. */
function inline(text: string): string {
  return escapeHtml(text).split(/(`[^`]*`)/).map((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return `<code>${part.slice(1, -1)}</code>`;
    return part.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, target: string) => {
        const url = href(target.replace(/&amp;/g, '&'));
        return /^(\/|#|https?:)/.test(url) ? `<a href="${escapeHtml(url)}">${label}</a>` : label;
      });
  }).join('');
}

/** Cells of a table row; `\|` is a pipe inside a cell. */
const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));

export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
      const stop = end == -1 ? lines.length : end;
      out.push(`<pre><code>${escapeHtml(lines.slice(i + 1, stop).join('\n'))}</code></pre>`);
      i = stop + 1;
    } else if (/^#{1,4} /.test(line)) {
      const level = line.indexOf(' ');
      const text = line.slice(level + 1);
      out.push(`<h${level} id="${escapeHtml(anchor(text))}">${inline(text)}</h${level}>`);
      i++;
    } else if (line.startsWith('|')) {
      const rows: string[] = [];
      while (lines[i]?.startsWith('|')) rows.push(lines[i++]!);
      const [head = '', , ...body] = rows;
      out.push(`<table><thead><tr>${cells(head).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>` +
        body.map((row) => `<tr>${cells(row).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') + '</tbody></table>');
    } else if (/^\s*- /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && (/^\s*- /.test(lines[i]!) || /^\s{2,}\S/.test(lines[i]!))) {
        if (/^\s*- /.test(lines[i]!)) items.push(lines[i]!.replace(/^\s*- /, ''));
        else items[items.length - 1] += ` ${lines[i]!.trim()}`;
        i++;
      }
      out.push(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    } else if (line.trim() == '') {
      i++;
    } else {
      const paragraph: string[] = [];
      while (i < lines.length && lines[i]!.trim() != '' && !/^(```|#{1,4} |\||\s*- )/.test(lines[i]!)) paragraph.push(lines[i++]!);
      out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

/** GET /docs (the README) and GET /docs/:page (docs/<page>.md). */
export function docsPage(_app: AppContext, ctx: RequestContext): void {
  const name = ctx.params.page ?? 'readme';
  const all = pages();
  const file = all.get(name);
  if (!file) {
    throw new ApiError(404, { message: `page: expected one of ${[...all.keys()].join(', ')}, got ${JSON.stringify(name.slice(0, 60))}`, code: 'not_found' });
  }
  const markdown = readFileSync(file, 'utf8');
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.replace(/`/g, '') ?? name;
  const nav = [...all.keys()].map((key) => `<a href="${key == 'readme' ? '/docs' : `/docs/${key}`}">${escapeHtml(key)}</a>`).join(' · ');
  sendHtml(ctx.res, 200, page(title, `<nav class="docs-nav">${nav}</nav>\n<article class="docs">${renderMarkdown(markdown)}</article>`));
}
