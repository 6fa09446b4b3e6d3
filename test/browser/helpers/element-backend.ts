// A merchant backend for the element's browser tests, as msw handlers in the page: it creates PaymentIntents and
// SetupIntents on the project's emulator with the secret key (the way a real server uses stripe-node), and the
// fake Stripe.js confirms them from the page. Every request the element sends is logged so tests can count them.
// Like the reference server, it honours `intentId`: an intent Stripe still lets us update is reused, not replaced.
// Faults: `dropAnswer` lets Stripe process a request and loses its answer; `hold` keeps a request in flight.
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { createEmulator } from '../../../src/testing/emulator/index.js';
import type { Emulator } from '../../../src/testing/emulator/types.js';
import { setupEmulatorWorker } from '../../../src/testing/browser/worker.js';
import { startTestWorker } from './start-worker.js';
import './dom-safe-errors.js';
import { installFakeStripe, type FakeStripeInstallation } from '../../../src/testing/browser/index.js';
import { CHALLENGE_FRAME_NAME } from '../../../src/testing/browser/index.js';

export const API_BASE = '/stripe-emulator';
export const PUBLISHABLE_KEY = 'pk_test_emulator';
export const INTENT_URL = '/shop/intent';
export const CONFIRM_URL = '/shop/confirm';
export const CARDS_URL = '/shop/cards';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Stripe JSON read field by field in tests
type Json = Record<string, any>;

export interface Shop {
  emulator: Emulator;
  worker: SetupWorker;
  fake: FakeStripeInstallation;
  customerId: string;
  /** Bodies the element POSTed, oldest first. */
  intentRequests: Json[];
  confirmRequests: Json[];
  /** The `checkoutId` of every backend POST (intent-url and confirm-url), in order; kept out of the bodies above. */
  checkoutIds: unknown[];
  cardListRequests: number;
  /** Forget every object and request; a fresh customer. Call in beforeEach. */
  reset(): void;
  /** Answer one of our routes differently for the rest of the test (msw `worker.use`). */
  use(...handlers: RequestHandler[]): void;
  /** Gives the customer a saved card (a fresh PaymentMethod from `pm_card_*`), returning its id. */
  saveCard(testPaymentMethod?: string): string;
  retrieve(intentId: string): Json;
  /** Every PaymentIntent (or SetupIntent) the emulator holds, newest first. */
  intents(kind?: 'payment_intents' | 'setup_intents'): Json[];
  /**
   * The next `method` request to the emulator whose path matches reaches Stripe (the emulator processes it) but the
   * page gets a network error instead of the answer. `times` such requests in a row (default 1).
   */
  dropAnswer(path: RegExp, method?: string, times?: number): void;
  /** Keeps the next matching request in flight until `release()`: Stripe only sees it then. */
  hold(path: RegExp, method?: string): Held;
}

export interface Held {
  /** Resolves when the request has been sent by the page. */
  arrived: Promise<void>;
  release(): void;
}

/** Statuses in which Stripe lets an intent be updated and confirmed again. */
const REUSABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/** Records a request's `checkoutId` (element-checkout-id.test.ts checks it) and returns the rest of the body. */
function takeCheckoutId(shop: Shop, body: Json): Json {
  const { checkoutId, ...rest } = body;
  shop.checkoutIds.push(checkoutId);
  return rest;
}

function backendHandlers(shop: Shop): RequestHandler[] {
  return [
    http.post(INTENT_URL, async ({ request }) => {
      const body = takeCheckoutId(shop, (await request.json()) as Json);
      shop.intentRequests.push(body);
      const em = shop.emulator;
      const reused = reusable(shop, body.intentId);
      if (reused) {
        // Update what this request decides about the intent, the way a merchant's server would: the cart, and no
        // saving when the customer turned the toggle off (Stripe.js can't unset setup_future_usage with a publishable key).
        const update: Json = { 'metadata[cart]': body.cart ?? '' };
        if (!body.save) update.setup_future_usage = '';
        if (reused.object === 'payment_intent') em.request('POST', `/v1/payment_intents/${reused.id}`, update);
        return HttpResponse.json({ clientSecret: reused.client_secret });
      }
      if (body.mode === 'setup') {
        const si = em.request('POST', '/v1/setup_intents', { customer: shop.customerId, 'allowed_payment_method_types[]': 'card' });
        return HttpResponse.json({ clientSecret: si.body.client_secret });
      }
      const params: Json = { amount: 1999, currency: 'usd', customer: shop.customerId, 'allowed_payment_method_types[]': 'card' };
      if (body.cart) params['metadata[cart]'] = body.cart;
      if (body.paymentMethodId) params.payment_method = body.paymentMethodId;
      if (body.captureMethod) params.capture_method = body.captureMethod;
      const pi = em.request('POST', '/v1/payment_intents', params);
      if (pi.status !== 200) return HttpResponse.json({ error: pi.body.error }, { status: pi.status });
      // Stripe's own objects spell it client_secret; the element accepts both.
      return HttpResponse.json(body.snakeCase ? { client_secret: pi.body.client_secret } : { clientSecret: pi.body.client_secret });
    }),
    http.post(CONFIRM_URL, async ({ request }) => {
      const body = takeCheckoutId(shop, (await request.json()) as Json);
      shop.confirmRequests.push(body);
      const em = shop.emulator;
      let answer;
      const reused = reusable(shop, body.intentId);
      if (body.paymentIntentId) {
        answer = em.request('GET', `/v1/payment_intents/${body.paymentIntentId}`);
        if (answer.body.status === 'requires_confirmation') answer = em.request('POST', `/v1/payment_intents/${body.paymentIntentId}/confirm`, {});
      } else if (reused) {
        // The previous attempt's intent takes the new card: no second PaymentIntent for one checkout.
        answer = em.request('POST', `/v1/payment_intents/${reused.id}/confirm`, {
          payment_method: body.paymentMethodId, setup_future_usage: body.save ? 'off_session' : '',
        });
      } else {
        const params: Json = {
          amount: 1999, currency: 'usd', customer: shop.customerId, payment_method: body.paymentMethodId,
          confirm: 'true', 'allowed_payment_method_types[]': 'card',
        };
        if (body.save) params.setup_future_usage = 'off_session';
        answer = em.request('POST', '/v1/payment_intents', params);
      }
      if (answer.status !== 200) {
        const e = answer.body.error ?? {};
        return HttpResponse.json(
          { error: { code: e.code, declineCode: e.decline_code, message: e.message, intentId: e.payment_intent?.id } },
          { status: answer.status },
        );
      }
      const pi = answer.body;
      // nextActionType spares the element a read of the intent before the challenge.
      return HttpResponse.json({ status: pi.status, clientSecret: pi.client_secret, intentId: pi.id, nextActionType: pi.next_action?.type });
    }),
    http.get(CARDS_URL, () => {
      shop.cardListRequests++;
      const list = shop.emulator.request('GET', '/v1/payment_methods', { customer: shop.customerId, type: 'card' });
      const cards = (list.body.data as Json[]).map((pm) => ({
        id: pm.id, brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year, created: pm.created,
      }));
      return HttpResponse.json({ cards });
    }),
  ];
}

/** The intent `intentId` names, when Stripe still lets the backend update and confirm it. */
function reusable(shop: Shop, intentId: unknown): Json | undefined {
  if (typeof intentId !== 'string') return undefined;
  const kind = intentId.startsWith('seti_') ? 'setup_intents' : 'payment_intents';
  const { status, body } = shop.emulator.request('GET', `/v1/${kind}/${intentId}`);
  return status === 200 && REUSABLE.includes(body.status) ? body : undefined;
}

/** Hands a page request to the emulator core, as the emulator's own msw handler does. */
async function toEmulator(emulator: Emulator, request: Request): Promise<void> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  emulator.handle({
    method: request.method,
    path: url.pathname.slice(API_BASE.length) + url.search,
    headers,
    body: request.method === 'GET' ? '' : await request.text(),
  });
}

/** msw predicate: a request to the emulator with this method whose path (under the API base) matches. */
export const toStripe = (path: RegExp, method: string) => ({ request }: { request: Request }) =>
  request.method === method && new URL(request.url).pathname.startsWith(`${API_BASE}/`) && path.test(new URL(request.url).pathname.slice(API_BASE.length));

let started: Shop | undefined;

/** Starts (once per test file) msw with the emulator and the merchant backend, and installs the fake Stripe.js. */
export async function startShop(): Promise<Shop> {
  if (started) {
    started.reset();
    return started;
  }
  const emulator = createEmulator();
  const shop = {
    emulator,
    customerId: '',
    intentRequests: [] as Json[],
    confirmRequests: [] as Json[],
    checkoutIds: [] as unknown[],
    cardListRequests: 0,
  } as Shop;
  const worker = setupEmulatorWorker(emulator, { apiBase: API_BASE }, ...backendHandlers(shop));
  await startTestWorker(worker);
  shop.worker = worker;
  shop.fake = installFakeStripe({ apiBase: API_BASE });
  shop.reset = () => {
    worker.resetHandlers();
    emulator.reset();
    shop.intentRequests.length = 0;
    shop.confirmRequests.length = 0;
    shop.checkoutIds.length = 0;
    shop.cardListRequests = 0;
    shop.fake.clearRequests();
    shop.customerId = emulator.request('POST', '/v1/customers', { email: 'jenny@example.com' }).body.id;
  };
  shop.use = (...handlers) => worker.use(...handlers);
  shop.saveCard = (testPaymentMethod = 'pm_card_visa') => {
    const attached = emulator.request('POST', `/v1/payment_methods/${testPaymentMethod}/attach`, { customer: shop.customerId });
    if (attached.status !== 200) throw new Error(`attach ${testPaymentMethod}: ${JSON.stringify(attached.body)}`);
    return attached.body.id as string;
  };
  shop.intents = (kind = 'payment_intents') => emulator.request('GET', `/v1/${kind}`, { limit: 100 }).body.data as Json[];
  shop.dropAnswer = (path, method = 'POST', times = 1) => {
    let left = times;
    worker.use(http.all(toStripe(path, method), async ({ request }) => {
      if (left-- <= 0) return undefined; // fall through to the emulator
      await toEmulator(emulator, request);
      return HttpResponse.error();
    }));
  };
  shop.hold = (path, method = 'POST') => {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((r) => { arrive = r; });
    const released = new Promise<void>((r) => { release = r; });
    worker.use(http.all(toStripe(path, method), async () => {
      arrive();
      await released;
      return undefined; // now on to the emulator
    }, { once: true }));
    return { arrived, release };
  };
  shop.retrieve = (intentId) => {
    const kind = intentId.startsWith('seti_') ? 'setup_intents' : 'payment_intents';
    return emulator.request('GET', `/v1/${kind}/${intentId}`).body;
  };
  shop.reset();
  started = shop;
  return shop;
}

/** The fake Stripe.js's confirm calls (POST .../confirm), to count them. */
export const confirms = (shop: Shop) => shop.fake.requests.filter((r) => r.method === 'POST' && /\/confirm$/.test(r.path));

/** The 3DS overlay the fake shows, once it has its buttons. */
export async function challengeFrame(timeoutMs = 5000): Promise<HTMLIFrameElement> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = document.querySelector<HTMLIFrameElement>(`iframe[name="${CHALLENGE_FRAME_NAME}"]`);
    // The fake wires its buttons in the frame's load handler: wait for load to be over, not just for the markup.
    const doc = frame?.contentDocument;
    if (frame && doc?.readyState === 'complete' && doc.getElementById('test-source-authorize-3ds')) {
      await new Promise((r) => setTimeout(r, 50));
      return frame;
    }
    if (Date.now() > deadline) throw new Error('No 3D Secure challenge appeared');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Answers the 3DS challenge by clicking its Complete or Fail button. */
export async function answerChallenge(outcome: 'complete' | 'fail'): Promise<void> {
  const frame = await challengeFrame();
  frame.contentDocument!.getElementById(outcome === 'complete' ? 'test-source-authorize-3ds' : 'test-source-fail-3ds')!.click();
}
