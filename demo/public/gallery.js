// State gallery: one small frame per state of each tag (<stripe-save-card>, then <stripe-save-payment>), each
// driving a real element against the emulator (test cards typed into Stripe's fields the way a person would). Frames
// load only when the section scrolls into view.
import { el } from './common.js';
import { languagePicker } from './language.js';
import { CARD_STATES, PAYMENT_STATES } from './gallery-states.js';

export function setupGallery() {
  const grid = document.getElementById('gallery-grid');
  const frames = [];
  // Every tile in the language picked (each tile loads that language's script tag itself).
  let lang = 'en';
  const tileSrc = (frame) => `/gallery-frame.html?state=${encodeURIComponent(frame.dataset.state)}${lang === 'en' ? '' : `&lang=${lang}`}`;
  grid.before(languagePicker('gallery-language', (picked) => {
    lang = picked;
    for (const frame of frames) {
      if (!frame.dataset.src) continue;
      statuses.get(frame.dataset.state).textContent = 'replaying';
      frame.src = frame.dataset.src = tileSrc(frame);
    }
  }));
  const statuses = new Map();
  // Each tile posts what it is showing (the last ssc-* event) for its footer; only our own origin is heard.
  window.addEventListener('message', (event) => {
    const { galleryTile, status } = event.data ?? {};
    if (event.origin !== location.origin || typeof galleryTile !== 'string' || typeof status !== 'string') return;
    const target = statuses.get(galleryTile);
    if (target) target.textContent = status;
  });
  const replay = (frame) => {
    statuses.get(frame.dataset.state).textContent = 'replaying';
    frame.src = frame.dataset.src;
  };
  for (const tile of [{ heading: 'stripe-save-card' }, ...CARD_STATES, { heading: 'stripe-save-payment' }, ...PAYMENT_STATES]) {
    if (tile.heading) {
      grid.append(el('h3', { class: 'gallery-group' }, el('code', {}, `<${tile.heading}>`)));
      continue;
    }
    const frame = el('iframe', { title: `${tile.title} state`, 'data-state': tile.state, loading: 'eager' });
    const status = el('span', { class: 'tile-status', 'data-testid': 'tile-status' }, 'not started');
    frames.push(frame);
    statuses.set(tile.state, status);
    grid.append(el('article', { class: 'tile', 'data-tile': tile.state, 'data-tag': tile.tag },
      el('header', {}, el('strong', {}, tile.title), el('small', {}, tile.caption)),
      el('div', { class: 'tile-body' }, frame),
      el('footer', {}, status, el('button', { type: 'button', class: 'link', onclick: () => replay(frame) }, 'Replay'))));
  }
  // The Payment Element takes the theme (as its `appearance`) when it mounts, and Stripe's iframe can't see page
  // CSS: when the designer stops changing the theme, the Payment Element tiles play again in it.
  let rethemed;
  window.addEventListener('demo-theme-change', () => {
    clearTimeout(rethemed);
    rethemed = setTimeout(() => {
      for (const frame of frames) if (frame.dataset.src && frame.closest('.tile').dataset.tag === 'stripe-save-payment') replay(frame);
    }, 800);
  });
  const start = () => {
    for (const frame of frames) {
      if (frame.dataset.src) continue;
      frame.dataset.src = tileSrc(frame);
      frame.src = frame.dataset.src;
    }
  };
  // Two dozen live elements cost some CPU: start them only when someone looks (or when asked with ?gallery=now).
  if (new URLSearchParams(location.search).has('gallery') || location.hash === '#gallery') start();
  else {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    });
    observer.observe(grid);
  }
}
