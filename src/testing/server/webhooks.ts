// Delivers the emulator's events to webhook endpoints the way Stripe does: a JSON POST signed with
// `Stripe-Signature: t=...,v1=...`, retried with exponential backoff on a non-2xx answer, a timeout or a network
// failure, and retries carry the same event id (receivers dedupe by id, so the demo must see that happen).
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type Stripe from 'stripe';

export interface WebhookEndpoint {
  /** Where events are POSTed, e.g. `http://127.0.0.1:4242/webhook`. */
  url: string;
  /** The endpoint's signing secret, `whsec_...`; the whole string is the HMAC key, as with Stripe. */
  secret: string;
  /**
   * The API version events are rendered at for this endpoint (Stripe's webhook endpoint `api_version`), e.g.
   * `2020-08-27` for a receiver written then. Default: the emulated account's version.
   */
  apiVersion?: string;
}

/** Renders an event at an endpoint's version (undefined: the account's); throws a TypeError for an invalid version. */
export type EventRenderer = (event: Stripe.Event, apiVersion?: string) => Stripe.Event;

export interface WebhookRetryOptions {
  /**
   * Explicit delays in milliseconds before each retry (attempts = delays.length + 1). When given, the exponential
   * schedule below is not used; tests pass short lists such as `[50, 100]`.
   */
  delays?: number[];
  /** Exponential schedule: the first retry's delay. Default 1000 ms. */
  initialDelayMs?: number;
  /** Exponential schedule: each delay is the previous one times this. Default 2. */
  factor?: number;
  /** Exponential schedule: no single delay is longer than this. Default 600,000 ms (10 minutes). */
  maxDelayMs?: number;
  /** Exponential schedule: how many retries after the first attempt. Default 12. */
  retries?: number;
  /** Per-attempt timeout in milliseconds. Default 10,000. */
  timeoutMs?: number;
}

/**
 * Stripe retries a failed delivery with exponential backoff (for up to three days in live mode, a few times over
 * hours in test mode) and documents no exact intervals. The default here keeps that shape at a local scale:
 * 1 s, 2 s, 4 s ... 512 s, then 10 min twice: 12 retries over about 37 minutes, long enough that a receiver
 * restarted or briefly down (a deploy, a locked database) still gets every event.
 */
export const DEFAULT_WEBHOOK_RETRY = { initialDelayMs: 1000, factor: 2, maxDelayMs: 600_000, retries: 12, timeoutMs: 10_000 } as const;

/** The delays (ms) between attempts that `options` describe; throws a TypeError naming a bad option. */
export function retrySchedule(options: WebhookRetryOptions = {}): number[] {
  if (options.delays !== undefined) {
    const { delays } = options;
    if (!Array.isArray(delays) || delays.some((d) => typeof d !== 'number' || !Number.isFinite(d) || d < 0)) {
      throw new TypeError(`webhookRetry.delays must be an array of non-negative milliseconds, got ${JSON.stringify(delays)}`);
    }
    return [...delays];
  }
  const initial = positive(options, 'initialDelayMs', DEFAULT_WEBHOOK_RETRY.initialDelayMs);
  const factor = positive(options, 'factor', DEFAULT_WEBHOOK_RETRY.factor);
  const max = positive(options, 'maxDelayMs', DEFAULT_WEBHOOK_RETRY.maxDelayMs);
  const retries = options.retries ?? DEFAULT_WEBHOOK_RETRY.retries;
  if (!Number.isInteger(retries) || retries < 0 || retries > 100) {
    throw new TypeError(`webhookRetry.retries must be an integer from 0 to 100, got ${JSON.stringify(retries)}`);
  }
  const delays: number[] = [];
  for (let i = 0, delay = initial; i < retries; i++, delay *= factor) delays.push(Math.min(Math.round(delay), max));
  return delays;
}

function positive(options: WebhookRetryOptions, name: 'initialDelayMs' | 'factor' | 'maxDelayMs', fallback: number): number {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`webhookRetry.${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
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
  /** When the next retry is due (ms since the epoch), while one is scheduled; null otherwise. */
  nextAttemptAt: number | null;
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

export function validateEndpoint(endpoint: WebhookEndpoint, render?: EventRenderer): WebhookEndpoint {
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
  if (endpoint.apiVersion === undefined) return { url: endpoint.url, secret: endpoint.secret };
  if (typeof endpoint.apiVersion !== 'string') throw new TypeError(`webhook: apiVersion must be a Stripe API version such as 2020-08-27, got ${JSON.stringify(endpoint.apiVersion)}`);
  // Rendering a probe event checks the version now, when the endpoint is added, not at its first delivery.
  const probe = { id: 'evt_probe', object: 'event', api_version: null, data: { object: { object: 'probe' } } } as unknown as Stripe.Event;
  try {
    render?.(probe, endpoint.apiVersion);
  } catch (error) {
    throw new TypeError(`webhook: apiVersion: ${error instanceof Error ? error.message.replace(/^renderEvent: apiVersion: /, '') : String(error)}`);
  }
  return { url: endpoint.url, secret: endpoint.secret, apiVersion: endpoint.apiVersion };
}

interface QueuedDelivery {
  payload: string;
  record: WebhookDelivery;
  /** Set once the delivery succeeded or gave up, so it is counted as settled exactly once. */
  finished?: boolean;
}

/**
 * One endpoint's deliveries. First attempts go out one at a time in the order the core recorded the events; a failed
 * delivery then waits for its retry on its own timer, so it never holds back later events. Like Stripe, that means
 * a retried event can arrive after newer ones: receivers dedupe by event id and don't rely on order.
 */
class EndpointQueue {
  private readonly firstAttempts: QueuedDelivery[] = [];
  private sending = false;
  private readonly waiting = new Map<QueuedDelivery, NodeJS.Timeout>();
  private readonly inflight = new Set<{ destroy(): void }>();
  private closed = false;

  constructor(
    readonly endpoint: WebhookEndpoint,
    private readonly delays: number[],
    private readonly timeoutMs: number,
    private readonly settled: () => void,
    private readonly log: (line: string) => void,
    /** Most deliveries waiting for a first attempt or a retry; past it the oldest retry is given up. */
    private readonly maxPending: number,
  ) {}

  push(item: QueuedDelivery): void {
    if (this.closed) return;
    this.firstAttempts.push(item);
    this.bound();
    if (!this.sending) void this.pump();
  }

  /**
   * An endpoint that stays down would otherwise hold every event's payload until its last retry (~37 min by
   * default): past `maxPending` the oldest scheduled retry is given up (then the oldest first attempt), and said so.
   */
  private bound(): void {
    while (this.firstAttempts.length + this.waiting.size > this.maxPending) {
      const retry = this.waiting.keys().next();
      let dropped: QueuedDelivery;
      if (!retry.done) {
        dropped = retry.value;
        clearTimeout(this.waiting.get(dropped));
        this.waiting.delete(dropped);
      } else {
        dropped = this.firstAttempts.shift()!;
      }
      this.log(`webhook ${dropped.record.eventId} (${dropped.record.type}) -> ${dropped.record.url}: giving up, more than ${this.maxPending} deliveries pending for this endpoint`);
      this.finish(dropped, 'failed');
    }
  }

  /** Cancels every scheduled retry and the attempt in flight; what was not delivered is marked failed. */
  close(): void {
    this.closed = true;
    for (const request of this.inflight) request.destroy();
    const dropped = [...this.firstAttempts, ...this.waiting.keys()];
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.firstAttempts.length = 0;
    this.waiting.clear();
    for (const item of dropped) this.finish(item, 'failed');
  }

  private async pump(): Promise<void> {
    this.sending = true;
    while (this.firstAttempts.length > 0 && !this.closed) await this.attempt(this.firstAttempts.shift()!);
    this.sending = false;
  }

  private async attempt(item: QueuedDelivery): Promise<void> {
    const { record } = item;
    record.attempts++;
    // Stripe signs each attempt with that attempt's time, so a late retry still passes the 300 s tolerance.
    const result = await this.post(item.payload, signWebhookPayload(item.payload, this.endpoint.secret));
    record.lastStatus = result.status;
    if (result.error) record.lastError = result.error;
    else delete record.lastError;
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      this.finish(item, 'delivered');
      return;
    }
    const delay = this.closed ? undefined : this.delays[record.attempts - 1];
    this.log(`webhook ${record.eventId} (${record.type}) -> ${record.url}: attempt ${record.attempts} ${result.error ?? `HTTP ${result.status}`}${delay === undefined ? ', giving up' : `, next in ${delay} ms`}`);
    if (delay === undefined) {
      this.finish(item, 'failed');
      return;
    }
    record.nextAttemptAt = Date.now() + delay;
    this.waiting.set(item, setTimeout(() => {
      this.waiting.delete(item);
      record.nextAttemptAt = null;
      void this.attempt(item);
    }, delay));
    this.bound();
  }

  private finish(item: QueuedDelivery, state: 'delivered' | 'failed'): void {
    if (item.finished) return;
    item.finished = true;
    item.record.state = state;
    item.record.nextAttemptAt = null;
    this.settled();
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
        this.inflight.delete(req);
        resolve(value);
      };
      this.inflight.add(req);
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

/** Fans the emulator's events out to every endpoint and keeps a log of the latest `maxHistory` deliveries. */
export class WebhookDispatcher {
  private readonly queues: EndpointQueue[] = [];
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly delays: number[];
  private readonly timeoutMs: number;
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    options: WebhookRetryOptions = {},
    private readonly log: (line: string) => void = () => {},
    /**
     * Deliveries kept in `history()` (the newest; older ones leave the log, their retries still run), and the most
     * each endpoint holds waiting for an attempt (past it the oldest retry is given up).
     */
    private readonly maxHistory = 2_000,
    /** Renders each event at the endpoint's version; without it events go out as the core recorded them. */
    private readonly render?: EventRenderer,
  ) {
    this.delays = retrySchedule(options);
    const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_RETRY.timeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw new TypeError(`webhookRetry.timeoutMs must be a positive number, got ${JSON.stringify(timeoutMs)}`);
    this.timeoutMs = timeoutMs;
  }

  /** Adds an endpoint; it receives events recorded from now on. Returns a function that removes it. */
  add(endpoint: WebhookEndpoint): () => void {
    const queue = new EndpointQueue(validateEndpoint(endpoint, this.render), this.delays, this.timeoutMs, () => this.settleOne(), this.log, this.maxHistory);
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
    // Stripe sends pretty-printed JSON; receivers must verify the exact bytes, so serialise once per event and version.
    const payloads = new Map<string | undefined, string>();
    for (const queue of this.queues) {
      const version = queue.endpoint.apiVersion;
      let payload = payloads.get(version);
      if (payload === undefined) {
        payload = JSON.stringify(this.render ? this.render(event, version) : event, null, 2);
        payloads.set(version, payload);
      }
      const record: WebhookDelivery = { eventId: event.id, type: event.type, url: queue.endpoint.url, attempts: 0, state: 'pending', lastStatus: null, nextAttemptAt: null };
      this.deliveries.push(record);
      if (this.deliveries.length > this.maxHistory) this.deliveries.shift();
      this.outstanding++;
      queue.push({ payload, record });
    }
  }

  /** A copy of the latest deliveries (at most `maxHistory`), oldest first. */
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
