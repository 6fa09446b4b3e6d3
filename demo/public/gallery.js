// State gallery: one small frame per state, each driving a real element against the emulator (test cards typed
// into the card field the way a person would). Frames load only when the section scrolls into view.
import { el } from './common.js';
import { languagePicker } from './language.js';

export const GALLERY_STATES = [
  { state: 'loading', title: 'Loading', caption: 'Stripe.js has not arrived yet' },
  { state: 'ready', title: 'Ready', caption: 'Card field mounted, nothing typed' },
  { state: 'invalid', title: 'Invalid card', caption: '4242 4242 4242 4241 (fails the checksum)' },
  { state: 'processing', title: 'Processing', caption: 'Submitted; the backend is thinking' },
  { state: '3ds', title: '3D Secure challenge', caption: '4000 0027 6000 3184' },
  { state: 'declined', title: 'Declined', caption: '4000 0000 0000 9995 (insufficient funds)' },
  { state: 'succeeded', title: 'Succeeded', caption: '4242 4242 4242 4242' },
  { state: 'saved', title: 'Saved cards', caption: 'saved-cards-url lists the customer\u2019s cards' },
  { state: 'setup', title: 'Setup mode', caption: 'Save a card without paying' },
  { state: 'load-failure', title: 'Load failure', caption: 'Stripe.js never loads (blocked)' },
];

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
  for (const tile of GALLERY_STATES) {
    const frame = el('iframe', { title: `${tile.title} state`, 'data-state': tile.state, loading: 'eager' });
    const status = el('span', { class: 'tile-status', 'data-testid': 'tile-status' }, 'not started');
    frames.push(frame);
    statuses.set(tile.state, status);
    grid.append(el('article', { class: 'tile', 'data-tile': tile.state },
      el('header', {}, el('strong', {}, tile.title), el('small', {}, tile.caption)),
      el('div', { class: 'tile-body' }, frame),
      el('footer', {}, status, el('button', { type: 'button', class: 'link', onclick: () => { status.textContent = 'replaying'; frame.src = frame.dataset.src; } }, 'Replay'))));
  }
  const start = () => {
    for (const frame of frames) {
      if (frame.dataset.src) continue;
      frame.dataset.src = tileSrc(frame);
      frame.src = frame.dataset.src;
    }
  };
  // Ten live elements cost some CPU: start them only when someone looks (or when asked with ?gallery=now).
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
