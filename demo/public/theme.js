// Theming panel: edits the element's CSS custom properties and applies them live to every element on the page
// (gallery tiles included). The card field lives in an iframe that page CSS can't reach, so each element also gets
// the same values as its `cardOptions.style` (the element passes that on with card.update()).
import { el } from './common.js';

const DEFAULTS = {
  '--ssc-accent': '#1d4ed8',
  '--ssc-accent-text': '#ffffff',
  '--ssc-color': '#1a1f36',
  '--ssc-background': '#ffffff',
  '--ssc-field-background': '#ffffff',
  '--ssc-border-color': '#9ca3af',
  '--ssc-invalid-color': '#b42318',
  '--ssc-placeholder-color': '#6b7280',
  '--ssc-radius': '6px',
  '--ssc-font-family': 'system-ui, sans-serif',
  '--ssc-font-size': '16px',
};

const DARK = {
  '--ssc-accent': '#60a5fa',
  '--ssc-accent-text': '#0b1220',
  '--ssc-color': '#f3f4f6',
  '--ssc-background': '#111827',
  '--ssc-field-background': '#1f2937',
  '--ssc-border-color': '#6b7280',
  '--ssc-invalid-color': '#fca5a5',
  '--ssc-placeholder-color': '#9ca3af',
};

const FONTS = {
  'System UI': DEFAULTS['--ssc-font-family'],
  Georgia: 'Georgia, "Times New Roman", serif',
  Monospace: 'ui-monospace, Menlo, Consolas, monospace',
  'Trebuchet / humanist': '"Trebuchet MS", "Gill Sans", sans-serif',
};

const COLOR_FIELDS = [
  ['--ssc-accent', 'Accent (button)'],
  ['--ssc-accent-text', 'Button text'],
  ['--ssc-color', 'Text'],
  ['--ssc-background', 'Background'],
  ['--ssc-field-background', 'Card field background'],
  ['--ssc-border-color', 'Border'],
  ['--ssc-invalid-color', 'Error'],
  ['--ssc-placeholder-color', 'Placeholder'],
];

let values = { ...DEFAULTS };
let dark = false;

export function themeCss() {
  const lines = Object.entries(values).map(([name, value]) => `  ${name}: ${value};`);
  return `stripe-save-card {\n${lines.join('\n')}\n}\n`;
}

function cardStyle() {
  return {
    base: {
      color: values['--ssc-color'],
      fontFamily: values['--ssc-font-family'],
      fontSize: values['--ssc-font-size'],
      iconColor: values['--ssc-placeholder-color'],
      '::placeholder': { color: values['--ssc-placeholder-color'] },
    },
    invalid: { color: values['--ssc-invalid-color'], iconColor: values['--ssc-invalid-color'] },
  };
}

/** Puts the theme into one document (the page or a gallery tile) and restyles the card iframes in it. */
export function applyThemeTo(doc) {
  let tag = doc.getElementById('ssc-theme');
  if (!tag) {
    tag = doc.createElement('style');
    tag.id = 'ssc-theme';
    doc.head.append(tag);
  }
  tag.textContent = themeCss();
  doc.body?.classList.toggle('theme-dark', dark);
  const style = cardStyle();
  for (const element of doc.querySelectorAll('stripe-save-card')) {
    element.cardOptions = { ...(element.cardOptions ?? {}), style };
  }
}

function applyEverywhere() {
  applyThemeTo(document);
  for (const frame of document.querySelectorAll('#gallery-grid iframe')) {
    try {
      if (frame.contentDocument?.readyState !== 'loading' && frame.contentDocument?.head) applyThemeTo(frame.contentDocument);
    } catch {
      // a tile still navigating: it picks the theme up itself when it loads
    }
  }
  document.getElementById('theme-css').textContent = themeCss();
}

export function setupTheme() {
  const form = document.getElementById('theme-form');
  const inputs = new Map();
  const render = () => {
    for (const [name, input] of inputs) {
      if (name === '--ssc-radius') input.value = parseInt(values[name], 10);
      else if (name === '--ssc-font-size') input.value = parseInt(values[name], 10);
      else if (name === '--ssc-font-family') input.value = Object.keys(FONTS).find((k) => FONTS[k] === values[name]) ?? 'System UI';
      else if (name === 'dark') input.checked = dark;
      else input.value = values[name];
    }
    applyEverywhere();
  };
  for (const [name, label] of COLOR_FIELDS) {
    const input = el('input', { type: 'color', name, oninput: (e) => { values[name] = e.target.value; applyEverywhere(); } });
    inputs.set(name, input);
    form.append(el('label', {}, label, input));
  }
  const radius = el('input', { type: 'range', min: 0, max: 24, name: '--ssc-radius', oninput: (e) => { values['--ssc-radius'] = `${e.target.value}px`; applyEverywhere(); } });
  const size = el('input', { type: 'range', min: 12, max: 22, name: '--ssc-font-size', oninput: (e) => { values['--ssc-font-size'] = `${e.target.value}px`; applyEverywhere(); } });
  const font = el('select', { name: '--ssc-font-family', onchange: (e) => { values['--ssc-font-family'] = FONTS[e.target.value]; applyEverywhere(); } },
    ...Object.keys(FONTS).map((k) => el('option', { value: k }, k)));
  const darkToggle = el('input', { type: 'checkbox', name: 'dark', onchange: (e) => {
    dark = e.target.checked;
    values = { ...values, ...(dark ? DARK : Object.fromEntries(Object.keys(DARK).map((k) => [k, DEFAULTS[k]]))) };
    render();
  } });
  inputs.set('--ssc-radius', radius).set('--ssc-font-size', size).set('--ssc-font-family', font).set('dark', darkToggle);
  form.append(
    el('label', {}, 'Corner radius', radius),
    el('label', {}, 'Font size', size),
    el('label', { class: 'wide' }, 'Font', font),
    el('label', { class: 'wide inline' }, darkToggle, 'Dark mode'),
  );
  document.getElementById('copy-css').addEventListener('click', async () => {
    const note = document.getElementById('copy-note');
    try {
      await navigator.clipboard.writeText(themeCss());
      note.textContent = 'Copied to the clipboard.';
    } catch {
      note.textContent = 'Copy blocked by the browser: select the text above instead.';
    }
  });
  document.getElementById('reset-theme').addEventListener('click', () => { values = { ...DEFAULTS }; dark = false; render(); });
  // Tiles (same-origin frames) call this when they load.
  window.demoTheme = { applyTo: applyThemeTo };
  render();
}
