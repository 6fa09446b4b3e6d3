// createEmulator: turns one EmulatorRequest into one EmulatorResponse. Parsing, auth, idempotency and events
// happen here; the routes in resources/ do the rest. handle() never throws: anything unexpected becomes
// a Stripe-shaped 500 api_error.
import type Stripe from 'stripe';
import { authenticate, presentedKey } from './auth.js';
import { checkApiVersion, DEFAULT_API_VERSION, NEWEST_API_VERSION, resolveApiVersion, VERSION_SERVED_HEADER, versionRules, type ResolvedVersion } from './api-versions.js';
import type { Caller, Context } from './context.js';
import { ApiError, apiError, invalidRequest } from './errors.js';
import { buildEvent, recordEvent } from './events.js';
import { encodeForm, FormError, parseForm, type FormObject } from './form.js';
import { newId } from './ids.js';
import { checkIdempotencyKey, findReplay, paramsFingerprint, scopeKey, shouldStore, store } from './idempotency.js';
import { Params } from './params.js';
import { resolvePaymentMethodTypes } from './payment-method-types.js';
import { Router, type RouteReply } from './router.js';
import { resolveLimits, State } from './state.js';
import { applyExpand, checkExpand, snapshot } from './views.js';
import { captureRelated, liveRelated, renderEvent, shapeForVersion } from './version-shapes.js';
import { bankRedirectRoutes } from './resources/bank-redirects.js';
import { chargeRoutes } from './resources/charges.js';
import { confirmationTokenRoutes } from './resources/confirmation-tokens.js';
import { customerSessionRoutes } from './resources/customer-sessions.js';
import { elementsSessionRoutes } from './resources/elements-sessions.js';
import { mandateRoutes } from './resources/mandates.js';
import { checkoutRoutes } from './resources/checkout.js';
import { customerRoutes } from './resources/customers.js';
import { eventRoutes } from './resources/events.js';
import { paymentIntentRoutes } from './resources/payment-intents.js';
import { paymentMethodRoutes } from './resources/payment-methods.js';
import { refundRoutes } from './resources/refunds.js';
import { searchRoutes } from './resources/search.js';
import { setupIntentRoutes } from './resources/setup-intents.js';
import { sourceRoutes } from './resources/sources.js';
import { threeDSecureRoutes } from './resources/three-d-secure.js';
import { tokenRoutes } from './resources/tokens.js';
import type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, EventListener } from './types.js';

/** Bodies above this are refused with 413 (Stripe's own limit is of the same order). */
export const MAX_BODY_BYTES = 1_000_000;
const MAX_PATH_LENGTH = 16_384;

const router = new Router().add(
  ...searchRoutes, ...customerRoutes, ...paymentMethodRoutes, ...paymentIntentRoutes, ...setupIntentRoutes,
  ...chargeRoutes, ...refundRoutes, ...checkoutRoutes, ...eventRoutes, ...threeDSecureRoutes, ...tokenRoutes, ...sourceRoutes,
  ...confirmationTokenRoutes, ...customerSessionRoutes, ...mandateRoutes, ...bankRedirectRoutes, ...elementsSessionRoutes,
);

class JsonReply {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const secretKey = options.secretKey ?? 'sk_test_emulator';
  const publishableKey = options.publishableKey ?? 'pk_test_emulator';
  const nowMs = options.now ?? (() => Date.now());
  const limits = Object.freeze(resolveLimits(options.limits));
  let keepOpen: ((id: string) => boolean) | null = null;
  // Open intents the embedder still references are never evicted (a shop's checkout would lose its intent).
  const newState = (): State => {
    const fresh = new State(limits);
    const keep = (id: string) => keepOpen?.(id) ?? false;
    fresh.paymentIntents.keep = keep;
    fresh.setupIntents.keep = keep;
    return fresh;
  };
  let state = newState();
  const listeners = new Set<EventListener>();
  const enabledTypes = resolvePaymentMethodTypes(options.paymentMethodTypes);
  const settleDelayMs = options.settleDelayMs ?? 1500;
  if (!Number.isFinite(settleDelayMs) || settleDelayMs < 0) throw new TypeError(`createEmulator: settleDelayMs must be a number of milliseconds >= 0, got ${String(options.settleDelayMs)}`);
  /** Background work waiting on a timer (SEPA settlements); cleared by reset(). */
  const timers = new Set<ReturnType<typeof setTimeout>>();

  function notify(pending: Stripe.Event[]): void {
    for (const event of pending) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // A failing listener must not break the request that caused the event.
        }
      }
    }
  }

  /** A Context for one unit of work: a request, or a task `later` scheduled. */
  function makeContext(caller: Caller, requestId: string | null, idempotencyKey: string | null, apiVersion: string, pending: Stripe.Event[]): Context {
    const ctx: Context = {
      state,
      caller,
      requestId,
      idempotencyKey,
      apiVersion,
      publicUrl: emulator.publicUrl,
      now: () => Math.floor(nowMs() / 1000),
      emit: (type, object) => {
        const event = buildEvent(type, object, { requestId: ctx.requestId, idempotencyKey: ctx.idempotencyKey, apiVersion, created: ctx.now() });
        recordEvent(state, event);
        captureRelated(state, event);
        pending.push(event);
      },
      enabledTypes,
      settleDelayMs,
      later: (delayMs, task) => {
        const owner = state;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (state !== owner) return;
          const events: Stripe.Event[] = [];
          try {
            task(makeContext('secret', null, null, apiVersion, events));
          } catch {
            // Background work that fails leaves the objects as they were; there is no caller to tell.
          }
          state.settle();
          notify(events);
        }, delayMs);
        timers.add(timer);
      },
    };
    return ctx;
  }

  let publicUrl = trimSlashes(options.publicUrl ?? 'http://localhost:12111');
  const log = options.log ?? ((line: string) => console.warn(`[stripe emulator] ${line}`));
  const account = accountVersion(options.apiVersion);
  // One line per version newer than the emulator knows, not one per request.
  const announced = new Set<string>();
  const announce = (resolved: ResolvedVersion): void => {
    if (!resolved.unknown || announced.has(resolved.version)) return;
    announced.add(resolved.version);
    log(`API version ${resolved.version} is newer than any this emulator knows: answering it as ${NEWEST_API_VERSION} (header ${VERSION_SERVED_HEADER} says so on each answer).`);
  };
  announce(account);

  const emulator: Emulator = {
    secretKey,
    publishableKey,
    limits,
    apiVersion: account.version,
    // Adapters set this once they know their address; a trailing slash would double up in `${publicUrl}/3ds/...`.
    get publicUrl() {
      return publicUrl;
    },
    set publicUrl(url: string) {
      publicUrl = trimSlashes(String(url));
    },

    handle(request: EmulatorRequest): EmulatorResponse {
      const requestId = newId('request');
      const headers = safeHeaders(request);
      // An invalid version is refused once the key is checked (dispatch throws it); the answer still names a version.
      let resolved = account;
      let versionError: unknown;
      try {
        resolved = checkApiVersion(headers['stripe-version'], account, new Date(nowMs()));
      } catch (error) {
        versionError = error;
      }
      const apiVersion = resolved.version;
      if (versionError === undefined) announce(resolved);
      const pending: Stripe.Event[] = [];
      let reply: JsonReply;
      try {
        reply = dispatch(request, headers, requestId, apiVersion, versionError, pending);
      } catch (error) {
        reply = errorReply(error);
      }
      // Re-file what the request touched and evict past the caps, before anyone can call back in.
      state.settle();
      // Listeners hear events once the request's work is done, so a listener that calls back in sees a settled state.
      notify(pending);
      return {
        status: reply.status,
        headers: {
          'content-type': 'application/json', 'request-id': requestId, 'stripe-version': apiVersion,
          ...(resolved.unknown && versionError === undefined ? { [VERSION_SERVED_HEADER]: NEWEST_API_VERSION } : {}),
          ...reply.extraHeaders,
        },
        body: reply.body,
      };
    },

    request(method, path, params = {}, requestOptions = {}) {
      const upper = method.toUpperCase();
      const encoded = encodeForm(params);
      const hasBody = upper !== 'GET' && upper !== 'DELETE';
      const fullPath = !hasBody && encoded ? `${path}${path.includes('?') ? '&' : '?'}${encoded}` : path;
      const response = emulator.handle({
        method: upper,
        path: fullPath,
        headers: {
          authorization: `Bearer ${requestOptions.key ?? secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...(requestOptions.idempotencyKey ? { 'idempotency-key': requestOptions.idempotencyKey } : {}),
        },
        body: hasBody ? encoded : '',
      });
      return { status: response.status, body: JSON.parse(response.body) };
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    get keepOpen() {
      return keepOpen;
    },
    set keepOpen(fn: ((id: string) => boolean) | null) {
      keepOpen = fn;
    },

    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      state = newState();
    },

    renderEvent(event, version) {
      return renderEvent(event, version === undefined ? account.version : resolveOption(version, 'renderEvent: apiVersion').version);
    },
  };

  function dispatch(request: EmulatorRequest, headers: Record<string, string>, requestId: string, apiVersion: string, versionError: unknown, pending: Stripe.Event[]): JsonReply {
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
    const rawPath = typeof request.path === 'string' ? request.path : '';
    const body = typeof request.body === 'string' ? request.body : '';
    const bodyBytes = utf8Length(body);
    if (bodyBytes > MAX_BODY_BYTES) {
      throw invalidRequest(`Request body too large: ${bodyBytes} bytes; the limit is ${MAX_BODY_BYTES}.`, undefined, 'request_too_large', 413);
    }
    if (rawPath.length > MAX_PATH_LENGTH) throw invalidRequest(`Request URL too long: ${rawPath.length} characters.`, undefined, 'url_too_long', 414);

    const queryAt = rawPath.indexOf('?');
    const pathname = (queryAt === -1 ? rawPath : rawPath.slice(0, queryAt)) || '/';
    const query = readForm(queryAt === -1 ? '' : rawPath.slice(queryAt + 1));
    const segments = decodeSegments(pathname);
    const isApi = segments[0] === 'v1';
    const match = router.match(method, segments);

    let params: FormObject = query;
    if (method === 'POST' && body) {
      const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType && contentType !== 'application/x-www-form-urlencoded') {
        throw invalidRequest(`Invalid request: unsupported Content-Type ${contentType.slice(0, 100)}. Send application/x-www-form-urlencoded, as Stripe's libraries do.`, undefined, 'unsupported_content_type');
      }
      params = { ...query, ...readForm(body) };
    }

    const key = presentedKey(headers.authorization, params);
    // Stripe checks the key before it looks at the URL.
    const caller: Caller = authenticate({ secretKey, publishableKey }, key, match ? match.route.access : isApi ? 'either' : 'open');
    if (!match) {
      throw invalidRequest(`Unrecognized request URL (${method.slice(0, 20)}: ${pathname.slice(0, 500)}).`, undefined, undefined, 404);
    }
    if (isApi && versionError !== undefined) throw versionError;

    const idempotencyKey = method === 'POST' ? headers['idempotency-key'] : undefined;
    let scope: string | undefined;
    let fingerprint = '';
    if (idempotencyKey !== undefined) {
      checkIdempotencyKey(idempotencyKey);
      scope = scopeKey(key ?? '', idempotencyKey);
      fingerprint = paramsFingerprint(params);
      const replay = findReplay(state, scope, { endpoint: pathname, fingerprint }, idempotencyKey, nowMs());
      if (replay) {
        return new JsonReply(replay.status, replay.body, { 'idempotent-replayed': 'true', 'idempotency-key': idempotencyKey, 'original-request': replay.requestId });
      }
    }

    const isAction = !isApi;
    const ctx = makeContext(caller, isAction ? null : requestId, isAction ? null : (idempotencyKey ?? null), apiVersion, pending);

    // Objects are kept in the newest shape; older versions see theirs (version-shapes.ts).
    const shape = versionRules(apiVersion).chargesListed ? <T>(copy: T): T => shapeForVersion(copy, apiVersion, liveRelated(state)) : undefined;
    let reply: JsonReply;
    try {
      const reader = new Params(params);
      if (key !== undefined && !headers.authorization) reader.ignore('key');
      const expand = checkExpand(reader.list('expand', { max: 20 }), match.route.expand ?? []);
      const result = match.route.handle({ ctx, params: reader, path: match.path, expand }) as RouteReply | unknown;
      const { status, body: payload } = isReply(result) ? result : { status: 200, body: result };
      // Expanding and shaping rewrite the answer: only then is it copied first.
      const answer = expand.length ? applyExpand(ctx, snapshot(payload), expand) : shape ? snapshot(payload) : payload;
      reply = new JsonReply(status ?? 200, JSON.stringify(shape ? shape(answer) : answer));
    } catch (error) {
      reply = errorReply(error, shape);
    }
    if (scope !== undefined && shouldStore(reply.status)) store(state, scope, { endpoint: pathname, fingerprint, status: reply.status, body: reply.body, requestId }, nowMs());
    if (idempotencyKey !== undefined) reply.extraHeaders['idempotency-key'] = idempotencyKey;
    return reply;
  }

  return emulator;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

function isReply(value: unknown): value is RouteReply {
  return typeof value === 'object' && value !== null && 'body' in value && Object.keys(value).every((k) => k === 'body' || k === 'status') && !('object' in value);
}

function errorReply(error: unknown, shape?: <T>(copy: T) => T): JsonReply {
  const known = error instanceof ApiError ? error : error instanceof FormError ? invalidRequest(error.message.slice(0, 500), error.param.slice(0, 200)) : undefined;
  const failure = known ?? apiError(`The emulator failed to handle this request: ${describe(error)}`);
  // An error may carry the intent it is about (last_payment_error and the like): in the request's version too.
  return new JsonReply(failure.status, JSON.stringify({ error: shape ? shape(snapshot(failure.body)) : failure.body }));
}

/** A configured version (the account's, a webhook endpoint's), or a TypeError naming the option and what exists. */
function resolveOption(version: unknown, option: string): ResolvedVersion {
  if (typeof version !== 'string') throw new TypeError(`${option} must be a Stripe API version such as ${NEWEST_API_VERSION}, got ${JSON.stringify(version)}`);
  try {
    return resolveApiVersion(version);
  } catch (error) {
    throw new TypeError(`${option}: ${error instanceof ApiError ? error.message : String(error)}`);
  }
}

function accountVersion(version: string | undefined): ResolvedVersion {
  return version === undefined ? { version: DEFAULT_API_VERSION, unknown: false } : resolveOption(version, 'createEmulator: apiVersion');
}

function describe(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).slice(0, 300);
  } catch {
    return 'unknown error';
  }
}

/** UTF-8 size of the body; only encoded when the character count alone can't decide. */
function utf8Length(text: string): number {
  if (text.length > MAX_BODY_BYTES) return text.length;
  if (text.length * 3 <= MAX_BODY_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

function readForm(text: string): FormObject {
  return parseForm(text);
}

function decodeSegments(pathname: string): string[] {
  return pathname.split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw invalidRequest(`Invalid URL encoding in path segment: ${segment.slice(0, 100)}`, undefined, undefined, 404);
    }
  });
}

/** Lower-cased header names with string values only; adapters may hand us anything. */
function safeHeaders(request: EmulatorRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const headers = request && typeof request.headers === 'object' && request.headers ? request.headers : {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') out[name.toLowerCase()] = value;
  return out;
}
