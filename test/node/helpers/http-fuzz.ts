// HTTP fuzzing of a running server (the reference server, or the emulator's HTTP server): random methods, paths,
// headers (Host, Origin, Cookie, Authorization, Content-Type, Content-Length) and bodies (JSON of odd shapes, bad
// JSON, forms, binary, card-number-looking strings), sent over raw node:http so the Host header is ours to choose.
// Seeded, so a failure replays. It reports every 5xx and every request that got no answer within `timeoutMs`.
import { request } from 'node:http';

/** Small seeded PRNG (mulberry32) so a failure can be replayed with the same seed. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzTarget {
  port: number;
  /** Path templates; `:id` is replaced by one of `ids`. */
  paths: readonly string[];
  ids: readonly string[];
  /** Header values worth trying (e.g. the real merchant token, a real session cookie). */
  authorizations: readonly string[];
  cookies: readonly string[];
  hosts: readonly string[];
  origins: readonly string[];
  /**
   * Also send bodies shorter than their Content-Length (a stalled upload). Only for a server with a body timeout
   * shorter than the fuzz's `timeoutMs`: any other server rightly waits for the rest.
   */
  stalledBodies?: boolean;
}

export interface FuzzReport {
  sent: number;
  byStatus: Record<string, number>;
  /** `METHOD path → status` of every 5xx (the first 20). */
  serverErrors: string[];
  /** Requests with no answer in time (the first 20). */
  hangs: string[];
  /** Requests whose connection was closed without an answer (a 413 cut-off or a 421 close counts only when answered). */
  resets: number;
  ms: number;
}

const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'POST', 'POST', 'GET'] as const;
const TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'APPLICATION/JSON'];
const KEYS = ['items', 'sku', 'quantity', 'save', 'usage', 'mode', 'paymentMethodId', 'intentId', 'paymentIntentId', 'checkoutId', 'plan', 'amount',
  'id', 'type', 'data', 'object', '__proto__', 'constructor', 'toString', 'metadata', 'customer', 'return_url', 'client_secret', 'expand[]', 'card[number]'];

export async function fuzz(target: FuzzTarget, options: { count: number; seed: number; concurrency?: number; timeoutMs?: number }): Promise<FuzzReport> {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 9 : 12)) {
      case 0: return null;
      case 1: return int(3) === 0 ? -1 : int(2_000_000);
      case 2: return random() < 0.5;
      case 3: return pick(['4242424242424242', '4242 4242 4242 4242', 'pm_card_visa', 'pm_card_chargeDeclined', 'tshirt', 'mug', 'monthly', 'deposit', 'payment', 'setup', 'off_session', '', '%', '💳', 'x'.repeat(int(400))]);
      case 4: return pick(target.ids);
      case 5: return 1e308;
      case 6: return 'evt_' + int(1e9);
      case 7: return `javascript:alert(${int(9)})`;
      case 8: return String.fromCharCode(...Array.from({ length: int(30) }, () => int(0xd800)));
      case 9: return Array.from({ length: int(4) }, () => value(depth + 1));
      case 10: return [{ sku: pick(['tshirt', 'mug', 'stickers', 'yacht']), quantity: int(120) - 10 }];
      default: return Object.fromEntries(Array.from({ length: int(6) }, () => [pick(KEYS), value(depth + 1)]));
    }
  };
  const body = (): Buffer | string => {
    switch (int(9)) {
      case 0: return '';
      case 1: return '{"items":[{"sku":"mug"';
      case 2: return JSON.stringify(value());
      case 3: return Buffer.from(Array.from({ length: int(600) }, () => int(256)));
      case 4: return Array.from({ length: int(8) }, () => `${encodeURIComponent(pick(KEYS))}=${encodeURIComponent(String(value(3)))}`).join('&');
      case 5: return 'null';
      default: return JSON.stringify(Object.fromEntries(Array.from({ length: 1 + int(6) }, () => [pick(KEYS), value()])));
    }
  };
  const path = (): string => {
    let p = pick(target.paths).replace(/:id/g, () => encodeURIComponent(pick(target.ids)));
    if (int(6) === 0) p += `?${pick(['order', 'session_id', 'token', 'expand[]', 'limit'])}=${encodeURIComponent(String(value(3)))}`;
    if (int(20) === 0) p = pick(['/%', '/%zz', '/..%2f..%2fetc/passwd', '//', '/\u00e9', `/${'a'.repeat(5000)}`]);
    return p;
  };

  const report: FuzzReport = { sent: 0, byStatus: {}, serverErrors: [], hangs: [], resets: 0, ms: 0 };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = Date.now();
  const one = (): Promise<void> => {
    const method = pick(METHODS);
    const url = path();
    const payload = method === 'GET' || method === 'HEAD' ? '' : body();
    const headers: Record<string, string> = { Host: int(12) === 0 ? pick(['attacker.example', 'localhost.attacker.example', '', `127.0.0.1:${target.port}:1`]) : pick(target.hosts) };
    if (int(2) === 0) headers['Content-Type'] = pick(TYPES);
    if (int(3) === 0) headers.Origin = pick(target.origins);
    if (int(3) === 0) headers['Sec-Fetch-Site'] = pick(['same-origin', 'cross-site', 'none', 'same-site']);
    if (int(3) === 0) headers.Cookie = pick(target.cookies);
    if (int(3) === 0) headers.Authorization = pick(target.authorizations);
    if (int(8) === 0) headers['Stripe-Signature'] = pick(['t=1,v1=abc', '', 't=,v1=', 'garbage']);
    if (int(10) === 0) headers['X-Forwarded-Proto'] = 'https';
    if (int(15) === 0) headers['Content-Length'] = String(target.stalledBodies ? pick([0, 5, 2_000_000, 99_999_999]) : pick([2_000_000, 99_999_999]));
    else if (payload.length) headers['Content-Length'] = String(Buffer.byteLength(payload));
    const what = `${method} ${url.slice(0, 120)}${process.env.FUZZ_VERBOSE ? ` ${JSON.stringify(headers)} ${String(payload).length}` : ""}`;
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = (status: string) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
        if (/^5/.test(status) && report.serverErrors.length < 20) report.serverErrors.push(`${what} → ${status}`);
        resolve();
      };
      // Answered once the status line is in: a server that answered an unfinished upload (413, 408) and then waits for
      // the client to finish or leave is not hanging. The socket is dropped rather than reused after a short wait.
      // A connection per request (no pool): one left open by an unfinished upload must not hold up the next request.
      const req = request({ host: '127.0.0.1', port: target.port, method, path: url, headers, agent: false, setHost: false }, (res) => {
        res.resume();
        const drop = setTimeout(() => req.destroy(), 1000);
        res.on('end', () => { clearTimeout(drop); req.destroy(); });
        res.on('error', () => clearTimeout(drop));
        finish(String(res.statusCode));
      });
      const timer = setTimeout(() => {
        if (report.hangs.length < 20) report.hangs.push(what);
        report.byStatus.hang = (report.byStatus.hang ?? 0) + 1;
        done = true;
        req.destroy();
        resolve();
      }, timeoutMs);
      req.on('error', () => {
        report.resets++;
        finish('reset');
      });
      // A declared length that doesn't match what we send: the server must cope (it closes or times out the body).
      req.end(headers['Content-Length'] && Number(headers['Content-Length']) !== Buffer.byteLength(payload) ? payload.slice(0, 10) : payload);
    });
  };
  let next = 0;
  const worker = async () => {
    while (next < options.count) {
      next++;
      report.sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  report.ms = Date.now() - started;
  return report;
}
