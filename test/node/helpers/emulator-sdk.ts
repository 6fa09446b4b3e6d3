// Drives the emulator core with the real `stripe` SDK, through the SDK's own pluggable fetch client:
// every request the SDK builds goes through emulator.handle(), no socket involved.
import Stripe from 'stripe';
import { createEmulator } from '../../../src/testing/emulator/index.js';
import type { Emulator, EmulatorOptions } from '../../../src/testing/emulator/index.js';

export interface SdkHarness {
  emulator: Emulator;
  stripe: Stripe;
  /** Calls the emulator's own routes (/3ds, /checkout) or Stripe.js routes with the publishable key. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
  asBrowser(method: string, path: string, params?: Record<string, unknown>): { status: number; body: any };
}

export function emulatorFetch(emulator: Emulator) {
  return async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = new URL(String(url));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const answer = emulator.handle({
      method: init?.method ?? 'GET',
      path: target.pathname + target.search,
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}

export function sdkHarness(options: EmulatorOptions = {}): SdkHarness {
  const emulator = createEmulator(options);
  const stripe = new Stripe(emulator.secretKey, {
    httpClient: Stripe.createFetchHttpClient(emulatorFetch(emulator)),
    maxNetworkRetries: 0,
    telemetry: false,
  });
  return {
    emulator,
    stripe,
    asBrowser: (method, path, params) => emulator.request(method, path, params, { key: emulator.publishableKey }),
  };
}

/** A Stripe SDK client that presents another key (a publishable one, a wrong one). */
export function sdkWithKey(emulator: Emulator, key: string): Stripe {
  return new Stripe(key, { httpClient: Stripe.createFetchHttpClient(emulatorFetch(emulator)), maxNetworkRetries: 0, telemetry: false });
}

/** Raw card data, as Stripe.js sends it when creating a PaymentMethod. */
export function cardParams(number: string, extra: Record<string, string> = {}) {
  return { type: 'card', card: { number, exp_month: '12', exp_year: String(new Date().getUTCFullYear() + 2), cvc: number.startsWith('3') ? '1234' : '123', ...extra } };
}
