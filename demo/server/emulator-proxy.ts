// Emulator mode: the page reaches the embedded emulator through this server's own origin (the /v3/ Stripe.js, the
// /v1 API it calls, the hosted 3D Secure and Checkout pages), so the whole demo works through one port: a
// forwarded port, a container or a tunnel, not only a browser on the same machine.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendJson } from './http.js';

/** Paths that belong to the emulator. The demo's own /checkout/setup-session and /checkout/success don't match. */
export function isEmulatorPath(pathname: string): boolean {
  return /^\/(v1|v3)(\/|$)/.test(pathname) || pathname.startsWith('/3ds/') || pathname.startsWith('/checkout/cs_');
}

/** Streams the request to the emulator on 127.0.0.1:`port` and its answer back, unchanged. */
export function proxyToEmulator(req: IncomingMessage, res: ServerResponse, port: number): void {
  const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 502, { error: { type: 'api_connection_error', message: `The embedded Stripe emulator did not answer: ${error.message}` } });
  });
  req.pipe(upstream);
}
