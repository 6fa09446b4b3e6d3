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
