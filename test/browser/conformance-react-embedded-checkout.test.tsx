// Conformance: @stripe/react-stripe-js's <EmbeddedCheckoutProvider> and <EmbeddedCheckout> (the published package,
// unmodified, React 19 in StrictMode) on the fake Stripe.js: the library calls createEmbeddedCheckoutPage with the
// page's fetchClientSecret, mounts the form, and the customer pays with real keystrokes; the page then goes to the
// session's return_url (recorded instead of leaving the test page). Unmounting destroys the checkout.
import { expect } from '@open-wc/testing';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { EmbeddedCheckout, EmbeddedCheckoutProvider } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { installFakeStripe, type FakeStripeInstallation } from '../../src/testing/browser/index.js';
import { frameReady, typeCard } from './helpers/card.js';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';

const RETURN = 'https://shop.test/return?session_id={CHECKOUT_SESSION_ID}';

describe('conformance: @stripe/react-stripe-js <EmbeddedCheckout> on the fake Stripe.js', function () {
  this.timeout(60000);
  let env: EmulatorSetup;
  let fake: FakeStripeInstallation;
  let host: HTMLDivElement;
  let root: Root;
  let navigations: string[];
  let sessions: string[];

  beforeEach(async () => {
    sessions = [];
    // The merchant's server, as Stripe's embedded quickstart writes it: a session with ui_mode embedded and a return_url.
    const backend = http.post('/create-checkout-session', () => {
      const { body } = env.emulator.request('POST', '/v1/checkout/sessions', {
        mode: 'payment', ui_mode: 'embedded_page', return_url: RETURN,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2000, product_data: { name: 'Stubborn Attachments' } } }],
      });
      sessions.push(body.id);
      return HttpResponse.json({ clientSecret: body.client_secret });
    });
    env = await setupEmulator({ installStripe: false, handlers: [backend] });
    navigations = [];
    fake = installFakeStripe({ apiBase: env.apiBase, navigate: (url) => navigations.push(url) });
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    root.unmount();
    host.remove();
    fake();
    env.teardown();
  });

  function render(): void {
    const stripePromise = loadStripe(env.publishableKey);
    const fetchClientSecret = () => fetch('/create-checkout-session', { method: 'POST' }).then((r) => r.json()).then((data) => data.clientSecret as string);
    root.render(
      <StrictMode>
        <div id="checkout">
          <EmbeddedCheckoutProvider stripe={stripePromise} options={{ fetchClientSecret }}>
            <EmbeddedCheckout />
          </EmbeddedCheckoutProvider>
        </div>
      </StrictMode>,
    );
  }

  async function checkoutFrame(): Promise<HTMLIFrameElement> {
    const deadline = Date.now() + 10000;
    for (;;) {
      const frame = host.querySelector<HTMLIFrameElement>('iframe[name="embedded-checkout"]');
      if (frame) {
        await frameReady(frame);
        return frame;
      }
      if (Date.now() > deadline) throw new Error('<EmbeddedCheckout> mounted no checkout frame.');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function navigated(): Promise<string[]> {
    const deadline = Date.now() + 10000;
    while (navigations.length === 0) {
      if (Date.now() > deadline) throw new Error('The page was never sent to return_url.');
      await new Promise((r) => setTimeout(r, 20));
    }
    return navigations;
  }

  for (const { title, number, challenge } of [
    { title: '4242 4242 4242 4242 pays and returns', number: '4242424242424242' },
    { title: '4000 0025 0000 3155 with 3D Secure completed pays and returns', number: '4000002500003155', challenge: true },
  ]) {
    it(title, async () => {
      render();
      const frame = await checkoutFrame();
      expect(sessions.length, 'one session, even in StrictMode').to.equal(1);
      expect(frame.contentDocument!.getElementById('heading')!.textContent).to.equal('Pay $20.00');
      await typeCard(frame, { number, exp: '12 / 34', cvc: '123', postal: '42424' });
      await sendKeys({ press: 'Enter' });
      if (challenge) await answerChallenge('complete');
      expect(await navigated()).to.deep.equal([`https://shop.test/return?session_id=${sessions[0]}`]);
      expect(env.emulator.request('GET', `/v1/checkout/sessions/${sessions[0]}`).body.status).to.equal('complete');
    });
  }

  it('4000 0000 0000 9995 shows the decline in the form and stays; unmounting the provider removes the checkout', async () => {
    render();
    const frame = await checkoutFrame();
    await typeCard(frame, { number: '4000000000009995', exp: '12 / 34', cvc: '123', postal: '42424' });
    await sendKeys({ press: 'Enter' });
    const message = frame.contentDocument!.getElementById('message')!;
    const deadline = Date.now() + 10000;
    while (message.textContent === '') {
      if (Date.now() > deadline) throw new Error('No decline message.');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect([message.textContent, navigations]).to.deep.equal(['Your card has insufficient funds.', []]);
    root.render(<StrictMode><p>gone</p></StrictMode>);
    // React commits the new tree when it gets to it (a loaded machine took longer than 50 ms): wait for it.
    const unmounted = Date.now() + 5000;
    const settled = () => host.querySelector('p')?.textContent === 'gone' && !host.querySelector('iframe');
    while (!settled() && Date.now() < unmounted) await new Promise((r) => setTimeout(r, 20));
    expect(host.querySelector('p')?.textContent).to.equal('gone');
    expect(host.querySelector('iframe[name="embedded-checkout"]')).to.equal(null);
  });
});
