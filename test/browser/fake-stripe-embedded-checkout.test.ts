// Embedded Checkout on the fake Stripe.js: initEmbeddedCheckout / createEmbeddedCheckoutPage with a clientSecret or
// fetchClientSecret, mounted in the page, paid with real keystrokes and clicks, then off to the session's return_url
// (recorded here instead of leaving the test page). The emulator core answers in the page through msw.
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import { sendKeys } from '@web/test-runner-commands';
import { installFakeStripe, type FakeStripeInstallation } from '../../src/testing/browser/index.js';
import { clickField, frameReady, typeCard } from './helpers/card.js';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { until as waitUntil } from './helpers/until.js';

/** The slice of Stripe.js's Stripe object this file uses (Embedded Checkout under both of its names). */
interface EmbeddedStripe {
  initEmbeddedCheckout(options: object): Promise<EmbeddedCheckout>;
  createEmbeddedCheckoutPage(options: object): Promise<EmbeddedCheckout>;
}
interface EmbeddedCheckout {
  mount(location: string | HTMLElement): void;
  unmount(): void;
  destroy(): void;
}

const RETURN = 'https://shop.test/return?session_id={CHECKOUT_SESSION_ID}';
const FUTURE = '12 / 34';

describe('fake Stripe.js: Embedded Checkout', function () {
  this.timeout(30000);
  let env: EmulatorSetup;
  let fake: FakeStripeInstallation;
  let stripe: EmbeddedStripe;
  let host: HTMLElement;
  let navigations: string[];
  let checkout: EmbeddedCheckout | undefined;

  beforeEach(async () => {
    env = await setupEmulator({ installStripe: false });
    navigations = [];
    fake = installFakeStripe({ apiBase: env.apiBase, navigate: (url) => navigations.push(url) });
    stripe = (await loadStripe(env.publishableKey)) as unknown as EmbeddedStripe;
    host = document.createElement('div');
    host.id = 'checkout';
    document.body.append(host);
  });

  afterEach(() => {
    checkout?.destroy();
    checkout = undefined;
    host.remove();
    fake();
    env.teardown();
  });

  function embeddedSession(params: Record<string, unknown> = {}) {
    const { status, body } = env.emulator.request('POST', '/v1/checkout/sessions', {
      mode: 'payment', ui_mode: 'embedded_page', return_url: RETURN,
      line_items: [{ quantity: 2, price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Mug' } } }], ...params,
    });
    expect(status, JSON.stringify(body)).to.equal(200);
    return body as { id: string; client_secret: string };
  }

  const frame = () => host.querySelector<HTMLIFrameElement>('iframe[name="embedded-checkout"]');
  const frameText = (id: string) => frame()!.contentDocument!.getElementById(id)?.textContent ?? '';
  const session = (id: string) => env.emulator.request('GET', `/v1/checkout/sessions/${id}`).body;

  async function pay(number: string): Promise<void> {
    const iframe = frame()!;
    await frameReady(iframe);
    await typeCard(iframe, { number, exp: FUTURE, cvc: '123', postal: '42424' });
    await sendKeys({ press: 'Enter' });
  }

  const until = (check: () => boolean, what: string) => waitUntil(check, what, 8000);

  it('4242 with a clientSecret: mounts the form with the line items, pays, and sends the page to return_url with the id', async () => {
    const created = embeddedSession();
    checkout = await stripe.initEmbeddedCheckout({ clientSecret: created.client_secret });
    checkout.mount('#checkout');
    await frameReady(frame()!);
    expect(frameText('heading')).to.equal('Pay $25.00');
    expect(frameText('line-items')).to.contain('Mug × 2');
    await pay('4242 4242 4242 4242');
    await until(() => navigations.length > 0, 'the return_url navigation');
    expect(navigations).to.deep.equal([`https://shop.test/return?session_id=${created.id}`]);
    expect([session(created.id).status, session(created.id).payment_status]).to.deep.equal(['complete', 'paid']);
    const posted = fake.requests.filter((r) => r.path.endsWith('/complete'));
    expect(posted.map((r) => [r.params['card[number]'], r.params.client_secret])).to.deep.equal([['[redacted]', '[redacted]']], 'no card data or secret in the log');
  });

  it('createEmbeddedCheckoutPage with fetchClientSecret: 3155 shows the challenge, completing it completes the session', async () => {
    const created = embeddedSession();
    let fetched = 0;
    checkout = await stripe.createEmbeddedCheckoutPage({ fetchClientSecret: async () => (fetched++, created.client_secret) });
    expect(fetched).to.equal(1);
    checkout.mount(host);
    await pay('4000 0025 0000 3155');
    await answerChallenge('complete');
    await until(() => navigations.length > 0, 'the return_url navigation');
    expect(navigations).to.deep.equal([`https://shop.test/return?session_id=${created.id}`]);
    expect(session(created.id).status).to.equal('complete');
  });

  it('a decline shows the issuer\'s message in the form and leaves the session open; a second card then pays', async () => {
    const created = embeddedSession();
    checkout = await stripe.initEmbeddedCheckout({ clientSecret: created.client_secret });
    checkout.mount(host);
    await pay('4000 0000 0000 9995');
    await until(() => frameText('message') !== '', 'the decline message');
    expect(frameText('message')).to.equal('Your card has insufficient funds.');
    expect([session(created.id).status, navigations]).to.deep.equal(['open', []]);
    const iframe = frame()!;
    await clickField(iframe, 'number');
    const input = iframe.contentDocument!.querySelector<HTMLInputElement>('input[name="cardnumber"]')!;
    input.select();
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Enter' });
    await until(() => navigations.length > 0, 'the return_url navigation');
    expect(session(created.id).status).to.equal('complete');
  });

  it('redirect_on_completion never: onComplete runs and the page stays', async () => {
    const created = embeddedSession({ mode: 'setup', currency: 'usd', line_items: undefined, return_url: undefined, redirect_on_completion: 'never' });
    let completed = 0;
    checkout = await stripe.initEmbeddedCheckout({ clientSecret: created.client_secret, onComplete: () => completed++ });
    checkout.mount(host);
    await pay('4242 4242 4242 4242');
    await until(() => completed > 0, 'onComplete');
    expect([completed, navigations, frameText('message')]).to.deep.equal([1, [], 'Your card was saved.']);
    expect(session(created.id).status).to.equal('complete');
  });

  it('unmount removes the frame and mount brings it back; destroy is final and frees the page for a new one', async () => {
    const created = embeddedSession();
    checkout = await stripe.initEmbeddedCheckout({ clientSecret: created.client_secret });
    checkout.mount(host);
    expect(frame()).to.not.equal(null);
    checkout.unmount();
    expect(frame()).to.equal(null);
    checkout.mount(host);
    expect(frame()).to.not.equal(null);
    let second: unknown;
    try {
      await stripe.initEmbeddedCheckout({ clientSecret: created.client_secret });
    } catch (error) {
      second = error;
    }
    expect(String(second)).to.match(/multiple Embedded Checkout objects/);
    checkout.destroy();
    expect(frame()).to.equal(null);
    expect(() => checkout!.mount(host)).to.throw(/destroyed/);
    checkout = await stripe.initEmbeddedCheckout({ clientSecret: created.client_secret });
    checkout.mount(host);
    expect(frame()).to.not.equal(null);
  });

  it('integration mistakes reject with IntegrationError naming the option; a hosted session or wrong secret does not load', async () => {
    const reasons: string[] = [];
    const attempt = async (options: object) => {
      try {
        await stripe.initEmbeddedCheckout(options);
        reasons.push('resolved');
      } catch (error) {
        reasons.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
    };
    const created = embeddedSession();
    await attempt({});
    await attempt({ clientSecret: created.client_secret, fetchClientSecret: async () => created.client_secret });
    await attempt({ clientSecret: 'pi_123_secret_abc' });
    await attempt({ clientSecret: `${created.id}_secret_wrong` });
    expect(reasons[0]).to.match(/^IntegrationError: .*exactly one of clientSecret and fetchClientSecret/);
    expect(reasons[1]).to.match(/exactly one of clientSecret and fetchClientSecret/);
    expect(reasons[2]).to.match(/clientSecret should be a Checkout Session client_secret/);
    expect(reasons[3]).to.match(/^IntegrationError: initEmbeddedCheckout could not load the Checkout Session: The client_secret provided does not match/);
  });
});
