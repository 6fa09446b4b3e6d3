// Delivers the emulator's events to webhook endpoints the way Stripe does: a JSON POST signed with
// `Stripe-Signature: t=...,v1=...`, retried with backoff on a non-2xx answer or a network failure,
// and retries carry the same event id (receivers dedupe by id, so the demo must see that happen).
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type Stripe from 'stripe';

export interface WebhookEndpoint {
  /** Where events are POSTed, e.g. `http://127.0.0.1:4242/webhook`. */
  url: string;
  /** The endpoint's signing secret, `whsec_...`; the whole string is the HMAC key, as with Stripe. */
  secret: string;
}

export interface WebhookRetryOptions {
  /** Delays between attempts in milliseconds; attempts = delays.length + 1. Default `[100, 500, 2000]`. */
  delays?: number[];
  /** Per-attempt timeout in milliseconds. Default 5000. */
  timeoutMs?: number;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** One event's delivery to one endpoint, updated as attempts happen. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  url: string;
  attempts: number;
  state: DeliveryState;
  /** HTTP status of the last attempt; null when it never got an answer. */
  lastStatus: number | null;
  /** Network error of the last attempt, if any. */
  lastError?: string;
}

/**
 * Computes a `Stripe-Signature` header value for `payload`: `t=<unix seconds>,v1=<hex HMAC-SHA256>` keyed with the
 * whole `whsec_...` secret over `${t}.${payload}`. `stripe.webhooks.constructEvent(payload, header, secret)` accepts it.
 */
export function signWebhookPayload(payload: string, secret: string, timestamp: number = Math.floor(Date.now() / 1000)): string {
  if (typeof payload !== 'string') throw new TypeError(`signWebhookPayload: payload must be the raw JSON string, got ${typeof payload}`);
  if (typeof secret !== 'string' || secret === '') throw new TypeError('signWebhookPayload: secret must be a non-empty string (whsec_...)');
  if (!Number.isInteger(timestamp)) throw new TypeError(`signWebhookPayload: timestamp must be integer unix seconds, got ${String(timestamp)}`);
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export function validateEndpoint(endpoint: WebhookEndpoint): WebhookEndpoint {
  if (!endpoint || typeof endpoint.url !== 'string') throw new TypeError('webhook: url must be a string such as http://127.0.0.1:4242/webhook');
  let parsed: URL;
  try {
    parsed = new URL(endpoint.url);
  } catch {
    throw new TypeError(`webhook: url must be an absolute http(s) URL, got "${endpoint.url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`webhook: url must use http or https, got "${parsed.protocol}"`);
  }
  if (typeof endpoint.secret !== 'string' || !endpoint.secret.startsWith('whsec_')) {
    throw new TypeError(`webhook: secret must start with "whsec_", got ${JSON.stringify(endpoint.secret)}`);
  }
  return { url: endpoint.url, secret: endpoint.secret };
}

interface QueuedDelivery {
  payload: string;
  record: WebhookDelivery;
}

/** One FIFO per endpoint: an event is sent only once the one before it succeeded or ran out of attempts. */
class EndpointQueue {
  private readonly queue: QueuedDelivery[] = [];
  private busy = false;
  private timer: NodeJS.Timeout | undefined;
  private inflight: { destroy(): void } | undefined;
  private closed = false;

  constructor(
    readonly endpoint: WebhookEndpoint,
    private readonly delays: number[],
    private readonly timeoutMs: number,
    private readonly settled: () => void,
    private readonly log: (line: string) => void,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(item: QueuedDelivery): void {
    if (this.closed) return;
    this.queue.push(item);
    if (!this.busy) void this.pump();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.inflight?.destroy();
    for (const item of this.queue) item.record.state = 'failed';
    const dropped = this.queue.length;
    this.queue.length = 0;
    for (let i = 0; i < dropped; i++) this.settled();
  }

  private async pump(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0 && !this.closed) {
      const item = this.queue[0]!;
      await this.deliver(item);
      if (this.closed) break;
      this.queue.shift();
      this.settled();
    }
    this.busy = false;
  }

  private async deliver(item: QueuedDelivery): Promise<void> {
    const { record } = item;
    for (let attempt = 0; attempt <= this.delays.length && !this.closed; attempt++) {
      if (attempt > 0) await this.sleep(this.delays[attempt - 1]!);
      if (this.closed) return;
      record.attempts++;
      // Stripe signs each attempt with that attempt's time, so a late retry still passes the 300 s tolerance.
      const result = await this.post(item.payload, signWebhookPayload(item.payload, this.endpoint.secret));
      record.lastStatus = result.status;
      if (result.error) record.lastError = result.error;
      else delete record.lastError;
      if (result.status !== null && result.status >= 200 && result.status < 300) {
        record.state = 'delivered';
        return;
      }
      this.log(`webhook ${record.eventId} (${record.type}) -> ${record.url}: attempt ${record.attempts} ${result.error ?? `HTTP ${result.status}`}`);
    }
    record.state = 'failed';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timer = setTimeout(resolve, ms);
    });
  }

  private post(payload: string, signature: string): Promise<{ status: number | null; error?: string }> {
    return new Promise((resolve) => {
      const url = new URL(this.endpoint.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      // agent: false = one connection per delivery, closed after: no keep-alive socket outlives close().
      const req = send(url, {
        method: 'POST',
        agent: false,
        timeout: this.timeoutMs,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signature,
        },
      });
      let done = false;
      const finish = (value: { status: number | null; error?: string }): void => {
        if (done) return;
        done = true;
        this.inflight = undefined;
        resolve(value);
      };
      this.inflight = req;
      req.on('response', (res) => {
        res.resume(); // the answer's body is irrelevant; drain it so the socket closes
        res.on('end', () => finish({ status: res.statusCode ?? null }));
        res.on('error', () => finish({ status: res.statusCode ?? null }));
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', (err) => finish({ status: null, error: err.message }));
      req.on('close', () => finish({ status: null, error: 'connection closed' }));
      req.end(payload);
    });
  }
}

/** Fans the emulator's events out to every endpoint and keeps a log of each delivery. */
export class WebhookDispatcher {
  private readonly queues: EndpointQueue[] = [];
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly delays: number[];
  private readonly timeoutMs: number;
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: WebhookRetryOptions = {}, private readonly log: (line: string) => void = () => {}) {
    const delays = options.delays ?? [100, 500, 2000];
    if (!Array.isArray(delays) || delays.some((d) => typeof d !== 'number' || !(d >= 0))) {
      throw new TypeError(`webhookRetry.delays must be an array of non-negative milliseconds, got ${JSON.stringify(delays)}`);
    }
    this.delays = [...delays];
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Adds an endpoint; it receives events recorded from now on. Returns a function that removes it. */
  add(endpoint: WebhookEndpoint): () => void {
    const queue = new EndpointQueue(validateEndpoint(endpoint), this.delays, this.timeoutMs, () => this.settleOne(), this.log);
    this.queues.push(queue);
    return () => {
      const i = this.queues.indexOf(queue);
      if (i !== -1) this.queues.splice(i, 1);
      queue.close();
    };
  }

  get endpoints(): WebhookEndpoint[] {
    return this.queues.map((q) => ({ ...q.endpoint }));
  }

  dispatch(event: Stripe.Event): void {
    if (this.queues.length === 0) return;
    // Stripe sends pretty-printed JSON; receivers must verify the exact bytes, so serialise once per event.
    const payload = JSON.stringify(event, null, 2);
    for (const queue of this.queues) {
      const record: WebhookDelivery = { eventId: event.id, type: event.type, url: queue.endpoint.url, attempts: 0, state: 'pending', lastStatus: null };
      this.deliveries.push(record);
      this.outstanding++;
      queue.push({ payload, record });
    }
  }

  /** A copy of every delivery so far, oldest first. */
  history(): WebhookDelivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Resolves once every queued delivery has succeeded or given up. */
  idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    for (const queue of this.queues.splice(0)) queue.close();
    this.outstanding = 0;
    this.wakeIdle();
  }

  private settleOne(): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    if (this.outstanding === 0) this.wakeIdle();
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
