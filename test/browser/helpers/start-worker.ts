// startEmulatorWorker for the browser tests, bounded: a worker that never starts fails the test file within 40 s
// with the service worker's state in the first line of the error (CI keeps only that line), not a silent hang
// that the hook's own timeout reports without a cause.
import type { SetupWorker } from 'msw/browser';
import { startEmulatorWorker, within } from '../../../src/testing/browser/worker.js';

export async function startTestWorker(worker: SetupWorker, timeoutMs = 40000): Promise<void> {
  const started = await within(timeoutMs, startEmulatorWorker(worker).then(() => true));
  if (!started) throw new Error(`msw's worker did not start in ${timeoutMs / 1000} s: ${await workerState()}`);
}

async function workerState(): Promise<string> {
  const container = navigator.serviceWorker;
  const registrations = await container.getRegistrations();
  const workers = registrations.map((r) => `{active: ${r.active?.state}, waiting: ${r.waiting?.state}, installing: ${r.installing?.state}}`);
  return `page controlled by ${container.controller ? `a worker (${container.controller.state})` : 'no worker'}; registrations: ${workers.join(', ') || 'none'}`;
}
