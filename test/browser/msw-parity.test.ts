/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON from two transports, compared field by field */
// Parity: the same customer journeys through the fake Stripe.js give the same answers whether the emulator core
// runs in the page behind msw or in Node behind its HTTP server (real cross-origin requests, CORS and all).
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe } from '@stripe/stripe-js';
import { encodeForm, installFakeStripe } from '../../src/testing/index.js';
import { typeCard } from './helpers/card.js';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator } from './helpers/emulator.js';
import { mountCard } from './helpers/mount.js';

type ServerCall = (method: 'GET' | 'POST', path: string, params?: Record<string, unknown>) => Promise<Record<string, any>>;

interface Transport {
  apiBase: string;
  publishableKey: string;
  server: ServerCall;
  requests(): Array<{ method: string; path: string; status: number }>;
  done(): void;
}

/** Ids differ between runs; their shape does not. */
const shape = (path: string): string => path.replace(/(pi|seti|pm|src|cus)_[A-Za-z0-9]+/g, '$1_*');

/** Keys present on an object and the JSON type of each: what a client can rely on. */
function keyTypes(object: Record<string, unknown> | undefined): string[] {
  return Object.entries(object ?? {}).map(([k, v]) => `${k}:${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`).sort();
}

async function journeys(transport: Transport): Promise<unknown> {
  const stripe: Stripe = (await loadStripe(transport.publishableKey))!;
  const out: Record<string, unknown> = {};
  const summary = (result: { error?: any; paymentIntent?: any; setupIntent?: any; paymentMethod?: any }) => ({
    error: result.error ? { type: result.error.type, code: result.error.code, decline_code: result.error.decline_code, message: result.error.message, param: result.error.param } : null,
    status: (result.paymentIntent ?? result.setupIntent ?? result.error?.payment_intent ?? result.error?.setup_intent)?.status ?? null,
    keys: keyTypes(result.paymentIntent ?? result.setupIntent ?? result.paymentMethod),
  });

  const customer = await transport.server('POST', '/v1/customers', { email: 'parity@example.com' });
  let mounted = await mountCard(stripe);
  try {
    await typeCard(mounted.frame, { number: '4242424242424242', exp: '1234', cvc: '123', postal: '42424' });
    const pi = await transport.server('POST', '/v1/payment_intents', { amount: 1999, currency: 'usd', customer: customer.id });
    out.pay = summary(await stripe.confirmCardPayment(pi.client_secret, { payment_method: { card: mounted.card }, setup_future_usage: 'off_session' }));
    const pm = await stripe.createPaymentMethod({ type: 'card', card: mounted.card });
    out.createPaymentMethod = summary(pm);
    const si = await transport.server('POST', '/v1/setup_intents', { customer: customer.id });
    out.setup = summary(await stripe.confirmCardSetup(si.client_secret, { payment_method: { card: mounted.card } }));
    const saved = await transport.server('GET', `/v1/customers/${customer.id}/payment_methods`, { type: 'card' });
    out.savedCount = saved.data.length;
    out.retrieve = summary(await stripe.retrievePaymentIntent(pi.client_secret));
    mounted.remove();

    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number: '4000000000009995', exp: '1234', cvc: '123', postal: '42424' });
    const declined = await transport.server('POST', '/v1/payment_intents', { amount: 500, currency: 'usd' });
    out.decline = summary(await stripe.confirmCardPayment(declined.client_secret, { payment_method: { card: mounted.card } }));
    mounted.remove();

    mounted = await mountCard(stripe);
    await typeCard(mounted.frame, { number: '4000002760003184', exp: '1234', cvc: '123', postal: '42424' });
    const passes = await transport.server('POST', '/v1/payment_intents', { amount: 700, currency: 'usd' });
    const passing = stripe.confirmCardPayment(passes.client_secret, { payment_method: { card: mounted.card } });
    await answerChallenge('complete');
    out.threeDsComplete = summary(await passing);
    const fails = await transport.server('POST', '/v1/payment_intents', { amount: 700, currency: 'usd' });
    const first = await stripe.confirmCardPayment(fails.client_secret, { payment_method: { card: mounted.card } }, { handleActions: false });
    out.requiresAction = summary(first);
    const failing = stripe.handleNextAction({ clientSecret: fails.client_secret });
    await answerChallenge('fail');
    out.threeDsFail = summary(await failing);
  } finally {
    mounted.remove();
  }
  out.requests = transport.requests().map((r) => `${r.method} ${shape(r.path)} ${r.status}`);
  return out;
}

describe('parity: msw in the page vs the Node HTTP server', () => {
  it('the same journeys give the same statuses, errors, object shapes and requests', async function () {
    this.timeout(60000);
    const info = await (await fetch('/__stripe-emulator-server')).json();
    expect(info.error ?? '').to.equal('');
    const url = String(info.url);

    // 1. msw: the core inside this page.
    const env = await setupEmulator();
    const viaMsw = await journeys({
      apiBase: env.apiBase,
      publishableKey: env.publishableKey,
      server: async (method, path, params) => {
        const { status, body } = env.emulator.request(method, path, params);
        if (status !== 200) throw new Error(`${path}: ${status}`);
        return body;
      },
      requests: () => env.fake!.requests,
      done: () => env.teardown(),
    });
    env.teardown();

    // 2. Node: the emulator server, reached over real HTTP.
    const fake = installFakeStripe({ apiBase: url });
    let viaServer: unknown;
    try {
      viaServer = await journeys({
        apiBase: url,
        publishableKey: 'pk_test_emulator',
        server: async (method, path, params = {}) => {
          const query = encodeForm(params);
          const response = await fetch(method === 'GET' ? `${url}${path}?${query}` : `${url}${path}`, {
            method,
            headers: { authorization: 'Bearer sk_test_emulator', 'content-type': 'application/x-www-form-urlencoded' },
            ...(method === 'POST' && { body: query }),
          });
          const body = await response.json();
          if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
          return body;
        },
        requests: () => fake.requests,
        done: () => fake(),
      });
    } finally {
      fake();
    }

    expect(JSON.stringify(viaServer, null, 1)).to.equal(JSON.stringify(viaMsw, null, 1));
    // And the journeys did what they say (so equal is not "equally broken").
    const msw = viaMsw as Record<string, { status: string; error: { code: string } | null }>;
    expect([msw.pay!.status, msw.setup!.status, msw.decline!.error?.code, msw.threeDsComplete!.status, msw.requiresAction!.status, msw.threeDsFail!.error?.code])
      .to.deep.equal(['succeeded', 'succeeded', 'card_declined', 'succeeded', 'requires_action', 'payment_intent_authentication_failure']);
  });
});
