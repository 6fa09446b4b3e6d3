// One call gives a browser test the whole offline Stripe: the emulator core running in the page behind msw, the
// fake Stripe.js installed on window.Stripe, and shortcuts to play the merchant's server (create intents with the
// secret key). Other test files may import this; add your own msw handlers (a merchant backend) through `handlers`.
import type Stripe from 'stripe';
import type { RequestHandler } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../src/testing/emulator/index.js';
import { installFakeStripe, type FakeStripeInstallation } from '../../../src/testing/browser/index.js';
import { emulatorHandlers } from '../../../src/testing/browser/msw.js';
import { setupEmulatorWorker } from '../../../src/testing/browser/worker.js';
import { startTestWorker } from './start-worker.js';

export const DEFAULT_API_BASE = '/stripe-emulator';

export interface EmulatorSetupOptions {
  /** Where the fake Stripe.js sends its requests; msw answers there. Default `/stripe-emulator`. */
  apiBase?: string;
  /** Your own msw handlers (e.g. the merchant backend), checked before the emulator's. */
  handlers?: RequestHandler[];
  emulator?: EmulatorOptions;
  /** Install the fake on window.Stripe (default true). */
  installStripe?: boolean;
  /** Where the fake sends the page instead of navigating (a redirect to return_url); default: a real navigation. */
  navigate?: (url: string) => void;
}

export interface EmulatorSetup {
  emulator: Emulator;
  worker: SetupWorker;
  /** Test hooks of the fake Stripe.js (recorded requests); undefined when `installStripe: false`. */
  fake: FakeStripeInstallation | undefined;
  apiBase: string;
  publishableKey: string;
  /** As the merchant's server: `POST /v1/payment_intents` with the secret key; returns the intent. */
  createPaymentIntent(params?: Record<string, unknown>): Stripe.PaymentIntent & { client_secret: string };
  /** As the merchant's server: `POST /v1/setup_intents`. */
  createSetupIntent(params?: Record<string, unknown>): Stripe.SetupIntent & { client_secret: string };
  /** Stops answering, uninstalls the fake Stripe.js. */
  teardown(): void;
}

// One service worker per page, started once: starting is the slow part (registration), swapping handlers is not.
let started: Promise<SetupWorker> | undefined;

async function sharedWorker(emulator: Emulator, apiBase: string, handlers: RequestHandler[]): Promise<SetupWorker> {
  if (!started) {
    const worker = setupEmulatorWorker(emulator, { apiBase }, ...handlers);
    started = startTestWorker(worker).then(() => worker);
    started.catch(() => {
      started = undefined;
    });
    return started;
  }
  const worker = await started;
  worker.resetHandlers(...handlers, ...emulatorHandlers(emulator, { apiBase }));
  return worker;
}

export async function setupEmulator(options: EmulatorSetupOptions = {}): Promise<EmulatorSetup> {
  const apiBase = options.apiBase ?? DEFAULT_API_BASE;
  const emulator = createEmulator(options.emulator);
  const worker = await sharedWorker(emulator, apiBase, options.handlers ?? []);
  const fake = options.installStripe === false ? undefined : installFakeStripe({ apiBase, navigate: options.navigate });
  const serverCall = (path: string, params: Record<string, unknown>) => {
    const { status, body } = emulator.request('POST', path, params);
    if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  return {
    emulator,
    worker,
    fake,
    apiBase,
    publishableKey: emulator.publishableKey,
    createPaymentIntent: (params = {}) => serverCall('/v1/payment_intents', { amount: 1999, currency: 'usd', ...params }),
    createSetupIntent: (params = {}) => serverCall('/v1/setup_intents', params),
    teardown() {
      fake?.();
      worker.resetHandlers();
    },
  };
}
