// msw adapter: runs the emulator core inside the page. Every request under `apiBase` (whatever its method) is
// handed to `emulator.handle` as Stripe would receive it; everything else passes through untouched.
//
//   import { setupWorker } from 'msw/browser';
//   const emulator = createEmulator();
//   const worker = setupWorker(...emulatorHandlers(emulator, { apiBase: '/stripe-emulator' }), ...yourHandlers);
//   await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
//   installFakeStripe({ apiBase: '/stripe-emulator' });
//
// The page must be able to load `/mockServiceWorker.js` from its root (msw's worker script).
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { Emulator } from '../emulator/types.js';

export interface EmulatorHandlersOptions {
  /** Where the emulator "lives": an absolute URL or a path on the page's origin, e.g. `/stripe-emulator`. */
  apiBase: string;
  /**
   * Point the emulator's `publicUrl` (used in the URLs it hands out: 3DS pages, Checkout) at `apiBase`.
   * Default true; set false when you set `publicUrl` yourself.
   */
  setPublicUrl?: boolean;
}

/** Resolves `apiBase` against the page (when there is one) and drops trailing slashes. */
export function absoluteApiBase(apiBase: string): string {
  if (typeof apiBase !== 'string' || apiBase === '') {
    throw new TypeError(`emulatorHandlers: options.apiBase must be a non-empty string (a URL or a path); got ${JSON.stringify(apiBase)}.`);
  }
  const base = typeof location === 'undefined' ? new URL(apiBase) : new URL(apiBase, location.href);
  return `${base.origin}${base.pathname}`.replace(/\/+$/, '');
}

export function emulatorHandlers(emulator: Emulator, options: EmulatorHandlersOptions): RequestHandler[] {
  if (!emulator || typeof emulator.handle !== 'function') {
    throw new TypeError('emulatorHandlers: the first argument must be an emulator from createEmulator().');
  }
  const base = absoluteApiBase(options?.apiBase);
  if (options.setPublicUrl !== false) emulator.publicUrl = base;
  const prefix = `${base}/`;
  const handler = http.all(
    ({ request }) => request.url.startsWith(prefix),
    async ({ request }) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const response = emulator.handle({
        method: request.method,
        path: `${url.origin}${url.pathname}`.slice(base.length) + url.search,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
      });
      return new HttpResponse(response.body, { status: response.status, headers: response.headers });
    },
  );
  return [handler];
}
