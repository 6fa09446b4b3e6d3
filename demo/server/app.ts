// createApp: the reference server as a plain node:http request handler, so tests can mount it on any port.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, databaseBusy, isDatabaseBusy } from './errors.js';
import { ClientGone, discardRest, readBody, Router, sendJson, type RequestContext } from './http.js';
import { checkRequest } from './guards.js';
import { createContext, type AppContext, type AppOptions } from './context.js';
import { createPaymentIntent, createSetupIntent, pay } from './routes/payments.js';
import { paymentElementConfirm, paymentElementIntent } from './routes/payment-element.js';
import { paymentElementCustomerSession } from './routes/customer-session.js';
import { detachSavedCard, listSavedCards } from './routes/cards.js';
import { getOrder, listOrders } from './routes/orders.js';
import { receiveWebhook } from './routes/webhook.js';
import { checkoutSuccess, createSetupSession } from './routes/checkout.js';
import { chargeSavedCard, recoverPage } from './routes/offsession.js';
import { brokenBackend, createGalleryIntent, holdRequest, listGallerySavedCards } from './routes/gallery.js';
import { elementBundle, getConfig, paymentBundle, indexPage, publicFile } from './routes/static.js';
import { docsPage } from './routes/docs.js';
import { isEmulatorPath, proxyToEmulator } from './emulator-proxy.js';
import { requireMerchant, type Shopper } from './sessions.js';
import { checkHost } from './hosts.js';
import { createRateLimiter } from './limits.js';

export type DemoHandler = ((req: IncomingMessage, res: ServerResponse) => void) & { context: AppContext };

export function createApp(options: AppOptions): DemoHandler {
  const app = createContext(options);
  type Route = (app: AppContext, ctx: RequestContext) => Promise<void> | void;
  const bind = (fn: Route) => (ctx: RequestContext) => fn(app, ctx);
  const limiter = createRateLimiter(app.rateLimits);
  // Routes that make Stripe calls on a shopper's behalf: counted per session and per address (429 past the budget).
  const costly = (fn: Route) => bind((a, ctx) => {
    limiter.check(ctx.req, ctx.shopper().sessionId);
    return fn(a, ctx);
  });
  // The merchant's routes: the bearer token, whatever the cookie says.
  const merchant = (fn: Route) => bind((a, ctx) => {
    requireMerchant(ctx.req, a.merchantToken);
    return fn(a, ctx);
  });
  const router = new Router()
    .on('GET', '/', bind(indexPage))
    .on('GET', '/docs', bind(docsPage)).on('GET', '/docs/:page', bind(docsPage))
    .on('GET', '/config', bind(getConfig))
    .on('GET', '/stripe-save-card.min.js', bind(elementBundle))
    .on('GET', '/stripe-save-payment.min.js', bind(paymentBundle))
    .on('POST', '/create-payment-intent', costly(createPaymentIntent))
    .on('POST', '/create-setup-intent', costly((a, c) => createSetupIntent(a, c)))
    .on('POST', '/pay', costly(pay))
    .on('POST', '/payment-element/intent', costly(paymentElementIntent))
    .on('POST', '/payment-element/confirm', costly(paymentElementConfirm))
    .on('POST', '/payment-element/customer-session', costly(paymentElementCustomerSession))
    .on('GET', '/saved-cards', costly(listSavedCards))
    .on('DELETE', '/saved-cards/:id', costly(detachSavedCard))
    .on('POST', '/webhook', bind(receiveWebhook), 'signed')
    .on('GET', '/orders', bind(listOrders))
    // Not counted: the page polls it, and its Stripe read-back is already at most one per order per 5 s (reconcile.ts).
    .on('GET', '/orders/:id', bind(getOrder))
    .on('POST', '/checkout/setup-session', costly(createSetupSession), 'form')
    .on('GET', '/checkout/success', costly(checkoutSuccess))
    .on('POST', '/charge-saved-card', merchant(chargeSavedCard))
    .on('GET', '/pay/recover', costly(recoverPage))
    .on('POST', '/gallery/hold', bind(holdRequest))
    .on('POST', '/gallery/broken', bind(brokenBackend))
    .on('POST', '/gallery/intent', costly(createGalleryIntent))
    .on('GET', '/gallery/saved-cards', bind(listGallerySavedCards));

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // `//` or `//x` would parse as a host, not a path: the path is always taken as a path.
    let url = new URL('http://localhost/');
    try {
      url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
      // Before anything else, the emulator's paths included: a name we don't answer as is a DNS-rebinding page.
      checkHost(req, app.allowedHosts);
      if (app.emulatorPort && isEmulatorPath(url.pathname)) {
        await proxyToEmulator(req, res, app.emulatorPort, app.publishableKey);
        return;
      }
      const found = router.match(req.method ?? 'GET', url.pathname);
      if ('handler' in found) {
        // Refuse what we would refuse anyway before reading a byte of the body (415, 403, 413 by Content-Length).
        checkRequest(req, found.body, app.allowedOrigins);
        const rawBody = await readBody(req);
        let shopper: Shopper | undefined;
        await found.handler({ req, res, url, params: found.params, rawBody, shopper: () => (shopper ??= app.sessions.shopper(req, res)) });
        return;
      }
      if (found.allowed.length > 0) {
        throw new ApiError(405, { message: `${req.method} ${url.pathname}: expected ${found.allowed.join(' or ')}`, code: 'method_not_allowed' });
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        await publicFile(app, { req, res, url, params: {}, rawBody: Buffer.alloc(0), shopper: () => app.sessions.shopper(req, res) });
        return;
      }
      throw new ApiError(404, { message: `No route ${req.method} ${url.pathname}`, code: 'not_found' });
    } catch (error) {
      answerError(req, res, url, error);
    }
  }

  function answerError(req: IncomingMessage, res: ServerResponse, url: URL, error: unknown): void {
    if (error instanceof ClientGone) {
      res.destroy();
      return;
    }
    // An early answer (the body not read) closes the connection: its unread bytes must not be taken for a next request.
    const close: Record<string, string> = req.complete ? {} : { Connection: 'close' };
    discardRest(req);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof ApiError) {
      sendJson(res, error.status, { error: error.body }, { ...error.headers, ...close });
      return;
    }
    if (isDatabaseBusy(error)) {
      const busy = databaseBusy();
      app.log(`503 on ${req.method} ${url.pathname}: SQLite is locked by another connection`);
      sendJson(res, busy.status, { error: busy.body }, { ...busy.headers, ...close });
      return;
    }
    // The details (driver messages, stack) go to the log under a reference, never to the client.
    const ref = `err_${randomBytes(6).toString('hex')}`;
    app.log(`500 ${ref} on ${req.method} ${url.pathname}: ${(error as Error)?.stack ?? String(error)}`);
    sendJson(res, 500, { error: { message: `Internal error (reference ${ref}); the details are in the server log.`, code: 'internal_error' } }, close);
  }

  return Object.assign(handler, { context: app });
}
