// The mount benches' shared method (card and Payment Element): each candidate is a page with the fake Stripe.js
// and its script; every sample is a fresh page; candidates are interleaved (rotating order) so machine noise hits
// all of them alike; the median of each at a given CPU throttling rate.
import { median, serve } from './bench-lib.mjs';

// The clock starts after two frames (the page has settled) and stops in the first MutationObserver callback that
// sees a Stripe iframe (named like Stripe's, __privateStripeFrameN) added anywhere in the document.
const MEASURE = `const FRAME = 'iframe[name^="__privateStripeFrame"]';
window.benchMount = (start) => new Promise((resolve, reject) => {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const observer = new MutationObserver((records) => {
      const stop = performance.now();
      const frame = (n) => n.matches?.(FRAME) || n.querySelector?.(FRAME);
      if (!records.some((r) => [...r.addedNodes].some(frame))) return;
      observer.disconnect();
      resolve(stop - t0);
    });
    observer.observe(document, { childList: true, subtree: true });
    setTimeout(() => reject(new Error('no Stripe iframe within 20 s')), 20000);
    const t0 = performance.now();
    start(document.querySelector('main'));
  }));
});`;

/**
 * Serves one page per candidate ({ name, label, script, start }: `start` is the source of a function given the
 * page's <main>) plus `scripts` (path → body), and returns `measure(rate)`: the median mount time per candidate name.
 */
export async function mountBench({ browser, emulatorUrl, candidates, scripts, runs }) {
  const page = (candidate) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench ${candidate.name}</title><link rel="icon" href="data:,">
<script src="${emulatorUrl}/v3/"></script>${candidate.script ? `<script src="${candidate.script}"></script>` : ''}
<script>${MEASURE}\nwindow.benchStart = ${candidate.start};</script></head><body><main></main></body></html>`;
  const site = await serve({
    ...Object.fromEntries(candidates.map((c) => [`/${c.name}.html`, ['text/html; charset=utf-8', page(c)]])),
    ...Object.fromEntries(Object.entries(scripts).map(([path, body]) => [path, ['text/javascript; charset=utf-8', body]])),
  });

  async function sample(context, candidate, rate) {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    try {
      if (rate !== 1) await (await context.newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate });
      await tab.goto(`${site.url}/${candidate.name}.html`);
      const time = await tab.evaluate(() => window.benchMount(window.benchStart));
      // A candidate that threw measured something other than a mount.
      if (errors.length) throw new Error(`${candidate.label}: page error ${errors.join('; ')}`);
      return time;
    } finally {
      await tab.close();
    }
  }

  async function measure(rate) {
    const context = await browser.newContext();
    const times = Object.fromEntries(candidates.map((c) => [c.name, []]));
    try {
      for (const candidate of candidates) await sample(context, candidate, rate); // warm-up round, not counted
      for (let i = 0; i < runs; i++) {
        for (let k = 0; k < candidates.length; k++) {
          const candidate = candidates[(i + k) % candidates.length];
          times[candidate.name].push(await sample(context, candidate, rate));
        }
      }
    } finally {
      await context.close();
    }
    return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
  }

  return { measure, close: () => site.close() };
}
