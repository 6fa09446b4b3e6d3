// The service worker the browser tests register at /mockServiceWorker.js: msw's own worker script, and the listener
// docs/emulator.md gives merchants. msw's worker claims the open pages only when it activates, so a test page that
// loaded just then stays uncontrolled and msw reloads it, which aborts its tests; startEmulatorWorker asks again.
importScripts('/node_modules/msw/lib/mockServiceWorker.js');

self.addEventListener('message', (event) => {
  if (event.data === 'stripe-save-card:claim') event.waitUntil(self.clients.claim());
});
