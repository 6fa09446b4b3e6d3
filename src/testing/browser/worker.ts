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

/** The message that asks an active worker to claim the pages it does not control yet (see docs/emulator.md). */
export const CLAIM_REQUEST = 'stripe-save-card:claim';

/**
 * `worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...options })`, safe when several pages of one browser
 * start at once (test runners run files in parallel). msw reloads a page that a registered worker does not control
 * yet, and a reload aborts whatever the page was running. Two ways a page ends up so: another page registered the
 * worker a moment ago and it is still activating (it claims every open page when it activates), or the page loaded
 * just as the worker activated, too late for that claim. So the page registers the worker itself (the same
 * registration when another page already did), asks it once active to claim the page too (CLAIM_REQUEST), and waits
 * up to 30 s for the worker to control it.
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
  // msw's worker script ignores the request (only its activation claims); the listener in docs/emulator.md answers it.
  void within(timeoutMs, container.ready).then((ready) => container.controller || ready?.active?.postMessage(CLAIM_REQUEST));
  // Bounded: msw's own reload is what is left when the claim never comes.
  await within(timeoutMs, claimed);
}

/** `promise`'s value, or undefined once `timeoutMs` pass first. */
export async function within<T>(timeoutMs: number, promise: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
