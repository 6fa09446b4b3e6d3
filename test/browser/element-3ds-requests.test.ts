// 3D Secure without extra round trips (issue #12): the Stripe API requests the page sends, counted at the network
// (msw sees every request to the emulator), for the element and for plain Stripe.js in the same test.
import { expect, html } from '@open-wc/testing';
import type { Stripe } from '@stripe/stripe-js';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CONFIRM_URL, API_BASE, answerChallenge, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay } from './helpers/element-fixture.js';
import { mountCard } from './helpers/mount.js';
import { typeCard } from './helpers/card.js';

const CARD_3155 = '4000 0025 0000 3155';

describe('<stripe-save-card> 3D Secure request count', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  /** `METHOD /path` of every request to the emulator while `run` runs, intent ids replaced by `:id`. */
  async function stripeRequests(run: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const listener = ({ request }: { request: Request }) => {
      const path = new URL(request.url).pathname;
      if (path.startsWith(`${API_BASE}/`)) seen.push(`${request.method} ${path.slice(API_BASE.length).replace(/(pi|seti|src)_\w+/g, ':id')}`);
    };
    shop.worker.events.on('request:start', listener);
    try {
      await run();
    } finally {
      shop.worker.events.removeListener('request:start', listener);
    }
    return seen;
  }

  /** Plain Stripe.js: confirmCardPayment(secret, { payment_method: { card } }) with the challenge completed. */
  async function plainConfirm(): Promise<string[]> {
    const stripe = (window as unknown as { Stripe: (key: string) => Stripe }).Stripe(PUBLISHABLE_KEY);
    const mounted = await mountCard(stripe);
    try {
      await typeCard(mounted.frame, { number: CARD_3155, exp: '12 / 34', cvc: '123', postal: '42424' });
      const pi = shop.emulator.request('POST', '/v1/payment_intents', { amount: 1999, currency: 'usd', 'allowed_payment_method_types[]': 'card' }).body;
      return await stripeRequests(async () => {
        const paid = stripe.confirmCardPayment(pi.client_secret, { payment_method: { card: mounted.card } });
        await answerChallenge('complete');
        expect((await paid).paymentIntent?.status).to.equal('succeeded');
      });
    } finally {
      mounted.remove();
    }
  }

  it('client confirm with 3155: plain Stripe.js\'s requests plus only the read handleNextAction makes before the challenge', async () => {
    const plain = await plainConfirm();
    expect(plain).to.deep.equal(['POST /v1/payment_intents/:id/confirm', 'POST /3ds/:id/complete', 'GET /v1/payment_intents/:id']);

    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard(CARD_3155);
    const ours = await stripeRequests(async () => {
      clickPay(el);
      await log.first('ssc-action-required');
      await answerChallenge('complete');
      await log.first('ssc-succeeded');
    });
    // Confirming with handleActions:false is what lets ssc-action-required fire before the challenge shows; Stripe.js's
    // handleNextAction then reads the intent to find its action. Nothing else: handleNextAction's result is the final intent.
    expect(ours).to.deep.equal([plain[0], 'GET /v1/payment_intents/:id', ...plain.slice(1)]);
  });

  it('server confirm with 3155: the backend names the action type, so the only reads are handleNextAction\'s', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} confirm="server" confirm-url=${CONFIRM_URL}></stripe-save-card>`);
    await fillCard(CARD_3155);
    const ours = await stripeRequests(async () => {
      clickPay(el);
      const action = await log.first('ssc-action-required');
      expect(action.detail.type).to.equal('use_stripe_sdk');
      await answerChallenge('complete');
      await log.first('ssc-succeeded');
    });
    expect(ours).to.deep.equal(['POST /v1/payment_methods', 'GET /v1/payment_intents/:id', 'POST /3ds/:id/complete', 'GET /v1/payment_intents/:id']);
  });
});
