// The demo page, its assets, and the element's script-tag build and custom-elements.json from the build.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ApiError } from '../errors.js';
import { decodeSegment, escapeHtml, sendHtml, sendJson, type RequestContext } from '../http.js';
import { CATALOG, PLANS } from '../pricing.js';
import type { AppContext } from '../context.js';
import { scriptTags } from './offsession.js';

const PUBLIC_DIR = new URL('../../public/', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export function pageConfig(app: AppContext) {
  return {
    publishableKey: app.publishableKey,
    mode: app.mode,
    stripeJsUrl: app.stripeJsUrl,
    catalog: CATALOG,
    plans: PLANS,
  };
}

export function getConfig(app: AppContext, ctx: RequestContext): void {
  sendJson(ctx.res, 200, pageConfig(app));
}

export async function indexPage(app: AppContext, ctx: RequestContext): Promise<void> {
  // The session starts with the page, so its cookie exists before the first request that could lose its answer.
  ctx.shopper();
  const template = await readFile(join(PUBLIC_DIR, 'index.html'), 'utf8');
  const config = JSON.stringify(pageConfig(app)).replace(/</g, '\\u003c');
  const html = template
    .replace('<!--STRIPE_SCRIPTS-->', `${scriptTags(app)}\n<script src="/stripe-save-payment.min.js"></script>`)
    .replace('<!--CONFIG-->', `<script type="application/json" id="demo-config">${config}</script>`)
    .replace(/<!--MODE-->/g, escapeHtml(app.mode));
  sendHtml(ctx.res, 200, html);
}

/** Missing build: a script that says so in the console and on the page, with the fix. */
const MISSING_BUILD = `console.error('[demo] dist/stripe-save-card.min.js is missing: run \`npm run build\`, then reload.');
document.addEventListener('DOMContentLoaded', () => {
  const note = document.createElement('div');
  note.className = 'build-missing';
  note.setAttribute('role', 'alert');
  note.textContent = 'The element is not built yet: run "npm run build" in the project, then reload this page.';
  document.body.prepend(note);
});
window.__sscBuildMissing = true;`;

export async function elementBundle(app: AppContext, ctx: RequestContext): Promise<void> {
  await sendBundle(app, ctx, 'stripe-save-card.min.js');
}

/** <stripe-save-payment>'s own script-tag file, served the same way (the card tag's file doesn't carry it). */
export async function paymentBundle(app: AppContext, ctx: RequestContext): Promise<void> {
  await sendBundle(app, ctx, 'stripe-save-payment.min.js');
}

async function sendBundle(app: AppContext, ctx: RequestContext, file: string): Promise<void> {
  let body: Buffer | string;
  try {
    body = await readFile(join(app.distDir, file));
  } catch {
    body = MISSING_BUILD.replace('stripe-save-card.min.js', file);
  }
  ctx.res.writeHead(200, { 'Content-Type': TYPES['.js']!, 'Cache-Control': 'no-store' });
  ctx.res.end(body);
}

/**
 * The element's custom-elements.json (generated next to dist/ by the build): the Theme panel builds one control per
 * custom property it documents. 404 without a build, like the bundle's absence, and the panel says so.
 */
async function elementManifest(app: AppContext, ctx: RequestContext): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(join(app.distDir, '..', 'custom-elements.json'));
  } catch {
    throw new ApiError(404, { message: 'custom-elements.json is missing: run `npm run build`.', code: 'not_found' });
  }
  ctx.res.writeHead(200, { 'Content-Type': TYPES['.json']!, 'Cache-Control': 'no-store' });
  ctx.res.end(body);
}

/**
 * A language's script tag from the build (dist/translations/<lang>.min.js), for the demo's language picker. Only
 * two-letter names: the path never reaches the file system otherwise.
 */
async function languageBundle(app: AppContext, ctx: RequestContext, lang: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(join(app.distDir, 'translations', `${lang}.min.js`));
  } catch {
    throw new ApiError(404, { message: `No language ${lang}: dist/translations/${lang}.min.js is missing (run \`npm run build\`).`, code: 'not_found' });
  }
  ctx.res.writeHead(200, { 'Content-Type': TYPES['.js']!, 'Cache-Control': 'no-cache' });
  ctx.res.end(body);
}

export async function publicFile(app: AppContext, ctx: RequestContext): Promise<void> {
  if (ctx.url.pathname === '/custom-elements.json') return elementManifest(app, ctx);
  const language = /^\/translations\/([a-z]{2})\.min\.js$/.exec(ctx.url.pathname);
  if (language) return languageBundle(app, ctx, language[1]!);
  const relative = normalize(decodeSegment(ctx.url.pathname, 'path')).replace(/^[/\\]+/, '');
  if (relative.startsWith('..') || relative.includes('\0') || relative === 'index.html') {
    throw new ApiError(404, { message: `No page at ${ctx.url.pathname}`, code: 'not_found' });
  }
  const type = TYPES[extname(relative)];
  if (!type) throw new ApiError(404, { message: `No page at ${ctx.url.pathname}`, code: 'not_found' });
  let body: Buffer;
  try {
    body = await readFile(join(PUBLIC_DIR, relative));
  } catch {
    throw new ApiError(404, { message: `No page at ${ctx.url.pathname}`, code: 'not_found' });
  }
  ctx.res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  ctx.res.end(body);
}
