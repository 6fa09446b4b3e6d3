// Theming panel: one control per CSS custom property the element documents (read from its custom-elements.json,
// so a property added to the element shows up here), applied live to every element on the page, gallery tiles
// included. The card field lives in an iframe that page CSS can't reach, so each element also gets the values as
// its `cardOptions.style` (the element passes that on with card.update()).
import { el } from './common.js';

const PAGE_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const FONTS = {
  'This page (system UI)': PAGE_FONT,
  'System UI': 'system-ui, sans-serif',
  Georgia: 'Georgia, "Times New Roman", serif',
  Monospace: 'ui-monospace, Menlo, Consolas, monospace',
  'Trebuchet / humanist': '"Trebuchet MS", "Gill Sans", sans-serif',
};

/** Words a designer uses for each property, in panel order; anything new falls back to the element's own description. */
const LABELS = {
  '--ssc-accent': 'Accent (button, toggle)',
  '--ssc-accent-text': 'Button text',
  '--ssc-color': 'Text',
  '--ssc-background': 'Form background',
  '--ssc-field-background': 'Card field background',
  '--ssc-border-color': 'Card field border',
  '--ssc-invalid-color': 'Errors',
  '--ssc-placeholder-color': 'Placeholder',
  '--ssc-icon-color': 'Card brand icon',
  '--ssc-radius': 'Corner radius',
  '--ssc-spacing': 'Spacing',
  '--ssc-font-size': 'Font size',
  '--ssc-font-family': 'Font',
  '--ssc-focus-ring': 'Focus ring',
};
const RANGES = { '--ssc-radius': [0, 24], '--ssc-spacing': [4, 24], '--ssc-font-size': [12, 22] };

/** A dark page's values (README "Dark pages"), with the page's accent lightened to read on dark. */
const DARK = {
  '--ssc-accent': '#818cf8',
  '--ssc-accent-text': '#0b1220',
  '--ssc-color': '#f3f4f6',
  '--ssc-background': '#111827',
  '--ssc-field-background': '#1f2937',
  '--ssc-border-color': '#6b7280',
  '--ssc-invalid-color': '#fca5a5',
  '--ssc-placeholder-color': '#9ca3af',
  '--ssc-icon-color': '#d1d5db',
  '--ssc-focus-ring': '0 0 0 2px var(--ssc-background), 0 0 0 5px #a5b4fc',
};

const COLOR = /^(#[0-9a-f]{3,8}|rgba?\([^)]*\))$/i;
const LENGTH = /^\d+(\.\d+)?px$/;

/** #rgb, #rrggbb or rgb(a)(...) as #rrggbb (what <input type=color> takes); alpha is dropped. */
export function toHex(color) {
  const value = color.trim();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (short) return `#${short.slice(1).map((c) => c + c).join('')}`.toLowerCase();
  if (/^#[0-9a-f]{6}/i.test(value)) return value.slice(0, 7).toLowerCase();
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(value);
  if (rgb) return `#${rgb.slice(1, 4).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
  return '#000000';
}

/** The focus ring as the panel edits it: a gap in the form's background, then a solid ring of `width` px. */
const ring = (color, width) => `0 0 0 2px var(--ssc-background), 0 0 0 ${2 + width}px ${color}`;
/** The outermost ring's colour and width of any `0 0 0 Npx colour` box-shadow, for the controls. */
function parseRing(value) {
  const layers = value.split(/,(?![^(]*\))/).map((layer) => layer.trim());
  const last = /(\d+(?:\.\d+)?)px\s+(\S.*)$/.exec(layers.at(-1) ?? '');
  const inner = layers.length > 1 ? Number(/(\d+(?:\.\d+)?)px\s+\S/.exec(layers[0])?.[1] ?? 0) : 0;
  return { color: toHex(last?.[2] ?? '#000'), width: Math.max(1, Math.round(Number(last?.[1] ?? 3) - inner)) };
}

const normalize = (value) => (COLOR.test(value.trim()) && !/rgba/i.test(value) ? toHex(value) : value.replace(/\s*,\s*/g, ',').replace(/\s+/g, ' ').trim().toLowerCase());

function kindOf(name, fallback) {
  if (name === '--ssc-font-family') return 'font';
  if (name === '--ssc-focus-ring') return 'ring';
  if (COLOR.test(fallback)) return 'color';
  if (LENGTH.test(fallback)) return 'length';
  return 'text';
}

let properties = []; // [{ name, description, default, kind }] in the element's documented order
let elementDefaults = {};
let pageTheme = {};
let values = {};
let dark = false;

/** Only what differs from the element's own defaults: the lines a merchant would paste. */
export function themeCss() {
  const lines = properties.filter((p) => normalize(values[p.name]) !== normalize(elementDefaults[p.name])).map((p) => `  ${p.name}: ${values[p.name]};`);
  return `stripe-save-card {\n${lines.length ? lines.join('\n') : "  /* the element's defaults: nothing to override */"}\n}\n`;
}

export function themeHtml() {
  return `<script src="/node_modules/stripe-save-card/dist/stripe-save-card.min.js"></script>
<style>
${themeCss()}</style>
<stripe-save-card publishable-key="pk_test_..." intent-url="/create-payment-intent"
                  amount="1999" currency="usd"></stripe-save-card>
`;
}

function cardStyle() {
  const placeholder = values['--ssc-placeholder-color'];
  return {
    base: {
      color: values['--ssc-color'],
      fontFamily: values['--ssc-font-family'],
      fontSize: values['--ssc-font-size'],
      iconColor: values['--ssc-icon-color'] ?? placeholder,
      '::placeholder': { color: placeholder },
    },
    invalid: { color: values['--ssc-invalid-color'], iconColor: values['--ssc-invalid-color'] },
  };
}

/** Puts the theme into one document (the page or a gallery tile) and restyles the card iframes in it. */
export function applyThemeTo(doc) {
  if (properties.length === 0) return;
  let tag = doc.getElementById('ssc-theme');
  if (!tag) {
    tag = doc.createElement('style');
    tag.id = 'ssc-theme';
    doc.head.append(tag);
  }
  tag.textContent = `stripe-save-card, stripe-save-payment {\n${properties.map((p) => `  ${p.name}: ${values[p.name]};`).join('\n')}\n}\n`;
  doc.body?.classList.toggle('theme-dark', dark);
  const style = cardStyle();
  for (const element of doc.querySelectorAll('stripe-save-card')) {
    element.cardOptions = { ...(element.cardOptions ?? {}), style };
  }
}

/** Set once the panel has drawn: later applications are the designer's changes. */
let drawn = false;

function applyEverywhere() {
  applyThemeTo(document);
  // The Payment Element reads the theme as it mounts (gallery.js plays its tiles again when the designer pauses).
  if (drawn) window.dispatchEvent(new CustomEvent('demo-theme-change'));
  for (const frame of document.querySelectorAll('#gallery-grid iframe')) {
    // null for a tile still navigating or one that failed to load: it picks the theme up itself when it loads.
    const doc = frame.contentDocument;
    if (doc?.head && doc.readyState !== 'loading') applyThemeTo(doc);
  }
  document.getElementById('theme-css').textContent = themeCss();
  document.getElementById('theme-html').textContent = themeHtml();
}

/** The element's documented custom properties, from the custom-elements.json its build generates. */
async function loadProperties() {
  const res = await fetch('/custom-elements.json');
  if (!res.ok) throw new Error(`custom-elements.json: HTTP ${res.status}`);
  const manifest = await res.json();
  const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'stripe-save-card');
  const order = Object.keys(LABELS);
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
  // The order a designer works in (accent first); properties the labels don't know yet go last, in the element's order.
  return (declaration?.cssProperties ?? [])
    .map((p) => ({ ...p, kind: kindOf(p.name, p.default ?? '') }))
    .sort((a, b) => rank(a.name) - rank(b.name));
}

/** What this page's own CSS (style.css) gives the element: the "This page" preset, read before the panel overrides it. */
function readPageTheme() {
  const probe = document.querySelector('stripe-save-card');
  const computed = probe ? getComputedStyle(probe) : null;
  return Object.fromEntries(properties.map((p) => [p.name, computed?.getPropertyValue(p.name).trim() || elementDefaults[p.name]]));
}

function controlFor(property, inputs) {
  const { name, kind, description } = property;
  const set = (value) => { values[name] = value; applyEverywhere(); };
  const caption = el('span', { class: 'theme-label' }, LABELS[name] ?? description ?? name, el('code', {}, name));
  if (kind === 'color') {
    const output = el('output', {});
    const input = el('input', { type: 'color', name, title: description, oninput: (e) => { output.value = e.target.value; set(e.target.value); } });
    inputs.push(() => { input.value = toHex(values[name]); output.value = input.value; });
    return el('label', {}, caption, el('span', { class: 'color-row' }, input, output));
  }
  if (kind === 'length') {
    const [min, max] = RANGES[name] ?? [0, 48];
    const output = el('output', {});
    const input = el('input', { type: 'range', min, max, name, title: description, oninput: (e) => { output.value = `${e.target.value}px`; set(`${e.target.value}px`); } });
    inputs.push(() => { input.value = parseFloat(values[name]); output.value = `${input.value}px`; });
    return el('label', { class: 'range' }, caption, el('span', { class: 'range-row' }, input, output));
  }
  if (kind === 'font') {
    const select = el('select', { name, title: description, onchange: (e) => set(e.target.value) });
    inputs.push(() => {
      const known = Object.entries(FONTS).map(([label, stack]) => el('option', { value: stack }, label));
      const custom = Object.values(FONTS).includes(values[name]) ? [] : [el('option', { value: values[name] }, values[name])];
      select.replaceChildren(...known, ...custom);
      select.value = values[name];
    });
    return el('label', { class: 'wide' }, caption, select);
  }
  if (kind === 'ring') {
    const color = el('input', { type: 'color', name, title: description, 'aria-label': 'Focus ring colour' });
    const output = el('output', {});
    const width = el('input', { type: 'range', min: 1, max: 6, name: `${name}-width`, 'aria-label': 'Focus ring width' });
    const update = () => { output.value = `${width.value}px`; set(ring(color.value, Number(width.value))); };
    color.addEventListener('input', update);
    width.addEventListener('input', update);
    inputs.push(() => { const r = parseRing(values[name]); color.value = r.color; width.value = r.width; output.value = `${r.width}px`; });
    return el('div', { class: 'wide ring', role: 'group', 'aria-label': 'Focus ring' }, caption, el('span', { class: 'range-row' }, color, width, output));
  }
  const input = el('input', { type: 'text', name, title: description, oninput: (e) => set(e.target.value) });
  inputs.push(() => { input.value = values[name]; });
  return el('label', { class: 'wide' }, caption, input);
}

async function copyInto(text, note) {
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = 'Copied to the clipboard.';
  } catch {
    note.textContent = 'Copy blocked by the browser: select the text above instead.';
  }
}

export async function setupTheme() {
  const form = document.getElementById('theme-form');
  try {
    properties = await loadProperties();
  } catch (error) {
    form.replaceChildren(el('p', { class: 'empty', role: 'status' }, `The element's custom-elements.json did not load (${error.message}): run "npm run build", then reload.`));
    return;
  }
  elementDefaults = Object.fromEntries(properties.map((p) => [p.name, p.default ?? '']));
  pageTheme = readPageTheme();
  values = { ...pageTheme };
  const PRESETS = { page: () => pageTheme, element: () => elementDefaults, dark: () => ({ ...pageTheme, ...DARK }) };

  const inputs = [];
  const render = () => {
    for (const sync of inputs) sync();
    applyEverywhere();
  };
  const preset = (key) => el('label', {}, el('input', { type: 'radio', name: 'preset', value: key, checked: key === 'page',
    onchange: () => { values = { ...PRESETS[key]() }; dark = key === 'dark'; render(); } }), ' ', { page: 'This page', element: 'Element defaults', dark: 'Dark page' }[key]);
  const colors = properties.filter((p) => p.kind === 'color');
  const others = properties.filter((p) => p.kind !== 'color');
  form.replaceChildren(
    el('div', { class: 'segmented wide', role: 'radiogroup', 'aria-label': 'Start from' }, ...Object.keys(PRESETS).map(preset)),
    el('fieldset', { class: 'theme-group' }, el('legend', {}, 'Colours'), ...colors.map((p) => controlFor(p, inputs))),
    el('fieldset', { class: 'theme-group' }, el('legend', {}, 'Shape and type'), ...others.map((p) => controlFor(p, inputs))),
  );
  document.getElementById('copy-css').addEventListener('click', () => copyInto(themeCss(), document.getElementById('copy-note')));
  document.getElementById('copy-html').addEventListener('click', () => copyInto(themeHtml(), document.getElementById('copy-note')));
  document.getElementById('reset-theme').addEventListener('click', () => {
    values = { ...pageTheme };
    dark = false;
    form.querySelector('input[name=preset][value=page]').checked = true;
    render();
  });
  // Tiles (same-origin frames) call this when they load.
  window.demoTheme = { applyTo: applyThemeTo };
  render();
  drawn = true;
}
