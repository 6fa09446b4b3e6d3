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
 * start at once (test runners run files in parallel). msw reloads a page that a registered worker does not control
 * yet (another page registered it a moment ago, or its install is slow), and a reload aborts whatever the page was
 * running. So the page registers the worker itself first (the same registration when another page already did) and
 * waits until the worker controls it: msw's worker claims every open page when it activates.
 */
export async function startEmulatorWorker(worker: SetupWorker, options: Parameters<SetupWorker['start']>[0] = {}): Promise<void> {
  await takeWorkerControl(options.serviceWorker?.url ?? '/mockServiceWorker.js', options.serviceWorker?.options);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...options });
}

async function takeWorkerControl(url: string, registration?: RegistrationOptions, timeoutMs = 30000): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return;
  const claimed = new Promise<void>((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
  await container.register(url, registration);
  // Bounded: a page that loaded while the worker was activating is never claimed, and msw's reload is all that is left.
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([claimed, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
