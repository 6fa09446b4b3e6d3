// `stripe-save-card/testing/msw`: the emulator behind msw, for browser tests that run Stripe's API in the page.
// Needs the optional peer `msw`; `stripe-save-card/testing/fake-stripe` (the fake Stripe.js alone) does not.
export { emulatorHandlers, type EmulatorHandlersOptions } from './browser/msw.js';
export { CLAIM_REQUEST, setupEmulatorWorker, startEmulatorWorker } from './browser/worker.js';
