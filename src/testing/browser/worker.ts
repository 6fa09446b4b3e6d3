// A ready-made msw worker for the emulator, with room for the test's own handlers (a merchant backend, say).
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import type { Emulator } from '../emulator/types.js';
import { emulatorHandlers, type EmulatorHandlersOptions } from './msw.js';

/**
 * `setupWorker(...extraHandlers, ...emulatorHandlers(emulator, options))`, not started yet:
 * `await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })`. Extra handlers come first, so a test can
 * also override one emulator route (e.g. answer 500 to simulate an outage). `worker.use(...)` adds more later.
 */
export function setupEmulatorWorker(emulator: Emulator, options: EmulatorHandlersOptions, ...extraHandlers: RequestHandler[]): SetupWorker {
  return setupWorker(...extraHandlers, ...emulatorHandlers(emulator, options));
}

/**
 * `worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...options })`, safe when several pages of one browser
 * start at once (test runners run files in parallel). msw reloads a page that an already registered worker does not
 * control yet, which aborts whatever the page was running; waiting for the worker to claim the page avoids that.
 */
export async function startEmulatorWorker(worker: SetupWorker, options: Parameters<SetupWorker['start']>[0] = {}): Promise<void> {
  await waitForPendingWorkerControl();
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...options });
}

async function waitForPendingWorkerControl(timeoutMs = 5000): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller || (await container.getRegistrations()).length === 0) return;
  // Our worker calls clients.claim() when it activates: that fires controllerchange on this page.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    container.addEventListener('controllerchange', () => { clearTimeout(timer); resolve(); }, { once: true });
    if (container.controller) resolve();
  });
}
