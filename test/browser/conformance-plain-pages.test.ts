// Conformance: plain Stripe.js checkout pages (test/fixtures/conformance/*.js: classic scripts written like Stripe's
// own samples of each era, using only the global `Stripe` and `fetch`) run unmodified on the fake, with the current
// call shape and two older ones Stripe.js still accepts. The test plays the browser and the merchant's server: it
// puts the page's markup in the document, installs the fake as `window.Stripe` (what the /v3/ script does), loads the
// page's script, types the card with real keystrokes and clicks Pay.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { cardFrame, frameReady, typeCard } from './helpers/card.js';
import { clickOn, merchantBackend, OUTCOMES, settledOutcome } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';

const PAGES = {
  'current: confirmCardPayment(secret, { payment_method: { card } })': 'current.js',
  'older: handleCardPayment(secret, cardElement, data)': 'older-handle-card-payment.js',
  "older: createPaymentMethod('card', cardElement, data), server confirm, handleCardAction": 'older-server-confirm.js',
} as const;

/** The "finalize on the server" sample's backend: manual confirmation, answers in the sample's own JSON. */
function serverConfirmBackend(env: () => EmulatorSetup) {
  return http.post('/pay', async ({ request }) => {
    const body = (await request.json()) as { payment_method_id?: string; payment_intent_id?: string };
    const { emulator } = env();
    const answer = body.payment_method_id
      ? emulator.request('POST', '/v1/payment_intents', { amount: 1400, currency: 'usd', payment_method: body.payment_method_id, confirmation_method: 'manual', confirm: true, 'allowed_payment_method_types[]': 'card' })
      : emulator.request('POST', `/v1/payment_intents/${body.payment_intent_id}/confirm`, {});
    if (answer.status !== 200) return HttpResponse.json({ error: { code: answer.body.error.code, message: answer.body.error.message } });
    const intent = answer.body;
    if (intent.status === 'requires_action') return HttpResponse.json({ requires_action: true, payment_intent_client_secret: intent.client_secret });
    return HttpResponse.json({ status: intent.status });
  });
}

describe('conformance: plain Stripe.js pages on the fake Stripe.js', function () {
  this.timeout(60000);
  let env: EmulatorSetup;
  let page: HTMLElement;

  beforeEach(async () => {
    env = await setupEmulator({ handlers: [merchantBackend(() => env), serverConfirmBackend(() => env)] });
    page = document.createElement('main');
    page.style.width = '420px';
    page.innerHTML = `<form id="payment-form" data-key="${env.publishableKey}"><div id="card-element"></div>` +
      `<button id="submit">Pay</button><p id="card-error" role="alert"></p><p id="result"></p></form>`;
    document.body.append(page);
  });

  afterEach(() => {
    page.remove();
    env.teardown();
  });

  /** Loads the page's own script as the browser would (a classic <script>), then waits for its card field. */
  async function loadPage(file: string): Promise<HTMLIFrameElement> {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `/test/fixtures/conformance/${file}`;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`could not load ${file}`));
      page.append(script);
    });
    const deadline = Date.now() + 10000;
    while (!page.querySelector('#card-element iframe')) {
      if (Date.now() > deadline) throw new Error(`${file} mounted no card field`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const frame = cardFrame(page);
    await frameReady(frame);
    return frame;
  }

  for (const [shape, file] of Object.entries(PAGES)) {
    for (const outcome of OUTCOMES) {
      it(`${shape}: ${outcome.title}`, async () => {
        const frame = await loadPage(file);
        await typeCard(frame, { number: outcome.number, exp: '1234', cvc: '123', postal: '42424' });
        await clickOn(page.querySelector('#submit')!);
        expect(await settledOutcome(page, outcome)).to.deep.equal(outcome.expected);
      });
    }
  }
});
