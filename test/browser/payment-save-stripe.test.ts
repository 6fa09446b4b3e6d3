// <stripe-save-payment save-ui="stripe"> in a real browser against the emulator in the page (msw) and the fake
// Stripe.js: the tag asks customer-session-url for a CustomerSession and gives its secret to elements(); Stripe's
// own save checkbox, saved-method list and remove button replace our toggle; the tag never sends setup_future_usage
// (Stripe refuses it beside the session's payment_method_save_usage); a missing URL or a bad answer is named.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/payment/define.js';
import type { StripeSavePayment } from '../../src/payment/stripe-save-payment.js';
import { clickOn } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { clickInPaymentFrame, paymentFrame, typeCardDetails } from './helpers/payment-element.js';
import { until as waitUntil } from './helpers/until.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type Seen = Array<{ type: string; detail: Json }>;

const FEATURES = { payment_method_redisplay: 'enabled', payment_method_save: 'enabled', payment_method_save_usage: 'off_session', payment_method_remove: 'enabled' };

describe('<stripe-save-payment save-ui="stripe">', function () {
  this.timeout(40000);
  let env: EmulatorSetup;
  let customer: string;
  let element: StripeSavePayment;
  let intentRequests: Json[];
  let sessionRequests: Json[];
  /** What the customer-session-url answers; default a real CustomerSession of `customer`. */
  let sessionAnswer: (() => Response) | undefined;

  beforeEach(async () => {
    intentRequests = [];
    sessionRequests = [];
    sessionAnswer = undefined;
    env = await setupEmulator({
      emulator: { paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'] },
      navigate: () => undefined,
      handlers: [
        http.post('/shop/customer-session', async ({ request }) => {
          sessionRequests.push((await request.json()) as Json);
          if (sessionAnswer) return sessionAnswer();
          const session = env.emulator.request('POST', '/v1/customer_sessions', { customer, components: { payment_element: { enabled: true, features: FEATURES } } }).body;
          return HttpResponse.json({ customerSessionClientSecret: session.client_secret });
        }),
        http.post('/shop/intent', async ({ request }) => {
          const body = (await request.json()) as Json;
          intentRequests.push(body);
          const intent = env.createPaymentIntent({ amount: 2500, currency: 'eur', customer, ...(body.save ? { setup_future_usage: 'off_session' } : {}) });
          return HttpResponse.json({ clientSecret: intent.client_secret });
        }),
      ],
    });
    customer = env.emulator.request('POST', '/v1/customers', { email: 'jenny@example.com' }).body.id;
  });

  afterEach(() => {
    document.querySelectorAll('stripe-save-payment').forEach((node) => node.remove());
    env.teardown();
  });

  function events(target: Element): Seen {
    const seen: Seen = [];
    for (const type of ['ssc-ready', 'ssc-change', 'ssc-error', 'ssc-declined', 'ssc-succeeded']) {
      target.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    }
    return seen;
  }

  function place(attributes: Record<string, string>): Seen {
    element = document.createElement('stripe-save-payment');
    const all = { 'publishable-key': env.publishableKey, 'intent-url': '/shop/intent', amount: '2500', currency: 'eur', 'save-ui': 'stripe', 'customer-session-url': '/shop/customer-session', ...attributes };
    for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
    element.style.width = '460px';
    element.intentBody = { items: [{ sku: 'mug' }] };
    // A Stripe instance of this test's fake (the element's own would be the one cached for the key by an earlier test).
    element.stripe = window.Stripe!(env.publishableKey);
    const seen = events(element);
    document.body.append(element);
    return seen;
  }

  async function create(attributes: Record<string, string> = {}): Promise<{ seen: Seen; frame: HTMLIFrameElement }> {
    const seen = place(attributes);
    const frame = await paymentFrame(element);
    await until(() => seen.some((e) => e.type === 'ssc-ready'), 'ssc-ready');
    return { seen, frame };
  }

  // These flows run a whole Payment Element payment: 10 s, not the helper's 5 s.
  const until = (check: () => boolean, what: string, timeoutMs = 10000) => waitUntil(check, what, timeoutMs);

  /** A card saved as Stripe's checkbox saves one: attached to the customer, allow_redisplay=always. */
  function savedCard(token = 'tok_mastercard'): string {
    const pm = env.emulator.request('POST', '/v1/payment_methods', { type: 'card', card: { token }, allow_redisplay: 'always' }).body;
    env.emulator.request('POST', `/v1/payment_methods/${pm.id}/attach`, { customer });
    return pm.id;
  }

  const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;
  const pay = () => clickOn(part('button'));
  const final = (seen: Seen) => seen.filter((e) => /succeeded|declined|error/.test(e.type));
  const requestsTo = (suffix: string) => env.fake!.requests.filter((r) => r.path.endsWith(suffix));

  it("fetches the CustomerSession, hides our toggle, and Stripe's checkbox saves the card: setup_future_usage and allow_redisplay=always, never sent by the tag", async () => {
    // `save` would turn our toggle on: with save-ui="stripe" it must not reach Stripe.js or the backend.
    const { seen, frame } = await create({ save: '' });
    expect(sessionRequests.length).to.equal(1);
    const [{ checkoutId, ...sessionBody }] = sessionRequests as [Json];
    expect(sessionBody).to.deep.equal({ mode: 'payment', items: [{ sku: 'mug' }] });
    expect(checkoutId).to.be.a('string');
    // The session's secret went to elements(): the fake asked for the elements session with it.
    const [elementsSession] = requestsTo('/v1/elements/sessions');
    expect(elementsSession!.params).to.include({ customer_session_client_secret: '[redacted]' });
    expect(Object.keys(elementsSession!.params).filter((key) => key.includes('setup_future_usage'))).to.deep.equal([]);
    expect(part('save').hidden).to.equal(true);
    const checkbox = frame.contentDocument!.querySelector<HTMLInputElement>('[name="save-payment-method"]')!;
    expect(checkbox.closest('label')!.textContent).to.match(/^Save payment details to .+ for future purchases$/);
    await clickInPaymentFrame(frame, '[name="save-payment-method"]');
    await until(() => seen.some((e) => e.type === 'ssc-change' && e.detail.save === true), 'ssc-change with save');
    await typeCardDetails(frame, '4242424242424242');
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    const done = final(seen)[0]!;
    expect(done.type, JSON.stringify(done.detail)).to.equal('ssc-succeeded');
    expect(done.detail).to.include({ saved: true, mode: 'payment' });
    expect(intentRequests.map((r) => r.save)).to.deep.equal([false]);
    expect(intentRequests[0]!.checkoutId).to.equal(checkoutId);
    const [confirm] = requestsTo('/confirm');
    expect(confirm!.params).to.include({ setup_future_usage: 'off_session', 'payment_method_data[allow_redisplay]': 'always' });
    const pi = env.emulator.request('GET', `/v1/payment_intents/${done.detail.intentId}`).body;
    expect(pi.setup_future_usage).to.equal('off_session');
    const pm = env.emulator.request('GET', `/v1/payment_methods/${pi.payment_method}`).body;
    expect(pm).to.include({ customer, allow_redisplay: 'always' });
  });

  it('without the checkbox ticked nothing is saved', async () => {
    const { seen, frame } = await create();
    await typeCardDetails(frame, '4242424242424242');
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.detail).to.include({ saved: false });
    const pi = env.emulator.request('GET', `/v1/payment_intents/${final(seen)[0]!.detail.intentId}`).body;
    expect(pi.setup_future_usage).to.equal(null);
    expect(env.emulator.request('GET', `/v1/payment_methods/${pi.payment_method}`).body.customer).to.equal(null);
  });

  it("shows the customer's saved card preselected and pays with it; the remove button detaches it", async () => {
    const saved = savedCard();
    const { seen, frame } = await create();
    const doc = frame.contentDocument!;
    expect(doc.querySelector(`[data-payment-method="${saved}"]`)!.textContent).to.match(/^Mastercard •••• 4444 Expires \d\d\/\d\dRemove$/);
    expect(doc.querySelector<HTMLInputElement>(`[name="saved-payment-method"][value="${saved}"]`)!.checked).to.equal(true);
    expect(doc.querySelector<HTMLElement>('.p-NewPaymentMethod')!.hidden).to.equal(true);
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.type, JSON.stringify(final(seen)[0]!.detail)).to.equal('ssc-succeeded');
    expect(final(seen)[0]!.detail).to.include({ paymentMethodId: saved, saved: false });
    expect(requestsTo('/confirm').length, JSON.stringify(env.fake!.requests.map((r) => r.path))).to.equal(1);
    expect(requestsTo('/confirm')[0]!.params).to.include({ payment_method: saved });

    element.reset();
    element.remove();
    const again = await create();
    await clickInPaymentFrame(again.frame, `[data-remove="${saved}"]`);
    await until(() => !again.frame.contentDocument!.querySelector(`[data-payment-method="${saved}"]`), 'the card gone from the list');
    expect(env.emulator.request('GET', `/v1/payment_methods/${saved}`).body.customer).to.equal(null);
    // No saved method left: the new-method form shows, with Stripe's checkbox.
    expect(again.frame.contentDocument!.querySelector<HTMLElement>('.p-NewPaymentMethod')!.hidden).to.equal(false);
  });

  it('a missing customer-session-url is named: ssc-error at stage validation, no request', async () => {
    const seen = place({ 'customer-session-url': '' });
    await until(() => final(seen).length > 0, 'an error');
    expect(final(seen)[0]!.detail).to.deep.include({ stage: 'validation', code: 'invalid_customer_session_url' });
    expect(final(seen)[0]!.detail.message).to.equal('<stripe-save-payment> customer-session-url: expected a URL that answers { customerSessionClientSecret } (save-ui="stripe"), got nothing');
    expect(part('error').textContent).to.equal('Something went wrong on our side. Please try again later.');
    expect(sessionRequests).to.deep.equal([]);
  });

  it('an unknown save-ui is named', async () => {
    const seen = place({ 'save-ui': 'stripes' });
    await until(() => final(seen).length > 0, 'an error');
    expect(final(seen)[0]!.detail).to.deep.equal({ stage: 'validation', code: 'invalid_save_ui', message: '<stripe-save-payment> save-ui: expected "toggle" or "stripe", got "stripes"' });
  });

  it('an answer without a CustomerSession secret is ssc-error at stage backend naming the URL, the field and what came; Retry asks again', async () => {
    sessionAnswer = () => HttpResponse.json({ clientSecret: 'pi_1_secret_2' });
    const seen = place({});
    await until(() => final(seen).length > 0, 'an error');
    expect(final(seen)[0]!.detail).to.include({
      stage: 'backend', status: 200,
      message: '/shop/customer-session: expected JSON {customerSessionClientSecret: "cuss_secret_..."}, got {clientSecret} (200)',
    });
    await element.updateComplete;
    expect(part('error').textContent).to.equal("We couldn't load the payment form. Check your connection and try again.");
    expect(part('button').textContent!.trim()).to.equal('Retry');
    sessionAnswer = () => HttpResponse.json({ error: { message: 'Sign in first', code: 'not_signed_in' } }, { status: 401 });
    await pay();
    await until(() => final(seen).length > 1, 'a second error');
    expect(final(seen)[1]!.detail).to.include({ stage: 'backend', status: 401, code: 'not_signed_in' });
    expect(final(seen)[1]!.detail.message).to.contain('Sign in first');
    expect(sessionRequests.length).to.equal(2);
  });
});

describe('the fake Payment Element with a CustomerSession', function () {
  this.timeout(20000);
  let env: EmulatorSetup;

  beforeEach(async () => {
    env = await setupEmulator({ emulator: { paymentMethodTypes: ['card'] } });
  });
  afterEach(() => env.teardown());

  it("refuses, as Stripe.js does since dahlia, payment_method_save_usage on the session together with the group's setupFutureUsage", async () => {
    const customer = env.emulator.request('POST', '/v1/customers', {}).body.id;
    const session = env.emulator.request('POST', '/v1/customer_sessions', { customer, components: { payment_element: { enabled: true, features: FEATURES } } }).body;
    const stripe = window.Stripe!(env.publishableKey);
    const elements = stripe.elements({ mode: 'payment', amount: 1000, currency: 'eur', setupFutureUsage: 'off_session', customerSessionClientSecret: session.client_secret });
    const element = elements.create('payment');
    const host = document.createElement('div');
    document.body.append(host);
    const failed = new Promise<Json>((resolve) => element.on('loaderror', (event) => resolve(event as Json)));
    element.mount(host);
    const event = await failed;
    expect(event.error.message).to.contain('payment_method_save_usage (off_session)').and.contain('setupFutureUsage (off_session)');
    element.destroy();
    host.remove();
  });
});
