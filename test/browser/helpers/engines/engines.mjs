// The three browser engines the suites run on, where each one lives on this machine, and which ones a run wants.
export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Display names, as reports and test titles show them. */
export const ENGINE_LABELS = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/**
 * The engines named in `value` (comma-separated, e.g. the ENGINES variable `firefox,webkit`), or all three when empty;
 * always in the order chromium, firefox, webkit.
 * @returns {Array<'chromium' | 'firefox' | 'webkit'>}
 */
export function selectedEngines(value = process.env.ENGINES) {
  if (!value || !value.trim()) return [...ENGINES];
  const wanted = value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  for (const name of wanted) {
    if (!ENGINES.includes(name)) throw new Error(`ENGINES: expected a comma-separated list of ${ENGINES.join(', ')}; got "${name}"`);
  }
  return ENGINES.filter((name) => wanted.includes(name));
}
