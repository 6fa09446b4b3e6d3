// <stripe-save-payment> in a real browser against the emulator in the page (msw) and the fake Stripe.js: the deferred
// flow (elements.submit, intent-url, confirmPayment), one intent per checkout across a decline, the save toggle for
// savable types only, 3D Secure failure, a redirect method that leaves and comes back (reported once), intent first.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/payment/define.js';
import type { StripeSavePayment } from '../../src/payment/stripe-save-payment.js';
import { answerChallenge } from './helpers/challenge.js';
import { clickOn } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { sendKeys } from '@web/test-runner-commands';
import { answerBankPage, chooseType, navigation, paymentFrame, typeCardDetails, typeField } from './helpers/payment-element.js';
import { until as waitUntil } from './helpers/until.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe('<stripe-save-payment>', function () {
  this.timeout(40000);
  let env: EmulatorSetup;
  let navigated: string[];
  let intentRequests: Json[];
  let confirmRequests: Json[];
  let customer: string;
  let element: StripeSavePayment;
  const home = location.pathname + location.search;

  beforeEach(async () => {
    navigated = [];
    intentRequests = [];
    confirmRequests = [];
    sessionStorage.clear();
    env = await setupEmulator({
      emulator: { paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'] },
      navigate: (url) => navigated.push(url),
      handlers: [http.post('/shop/intent', async ({ request }) => {
        const body = (await request.json()) as Json;
        intentRequests.push(body);
        if (body.mode === 'setup') return HttpResponse.json({ clientSecret: env.createSetupIntent({ customer }).client_secret });
        const intent = env.createPaymentIntent({ amount: 2500, currency: 'eur', customer, ...(body.save ? { setup_future_usage: 'off_session' } : {}) });
        return HttpResponse.json({ clientSecret: intent.client_secret });
      }), http.post('/shop/confirm', async ({ request }) => {
        // The "finalize on the server" backend: create and confirm with the ConfirmationToken (secret key).
        const body = (await request.json()) as Json;
        confirmRequests.push(body);
        const answer = env.emulator.request('POST', '/v1/payment_intents', {
          amount: 2500, currency: 'eur', customer, confirm: true, confirmation_token: body.confirmationTokenId, ...(body.save ? { setup_future_usage: 'off_session' } : {}),
        });
        if (answer.status !== 200) {
          const { error } = answer.body;
          return HttpResponse.json({ error: { message: error.message, code: error.code, declineCode: error.decline_code, intentId: error.payment_intent?.id } }, { status: answer.status });
        }
        return HttpResponse.json({ status: answer.body.status, clientSecret: answer.body.client_secret, intentId: answer.body.id, paymentMethodId: answer.body.payment_method });
      })],
    });
    customer = env.emulator.request('POST', '/v1/customers', { email: 'jenny@example.com' }).body.id;
  });

  afterEach(() => {
    history.replaceState(null, '', home);
    document.querySelectorAll('stripe-save-payment').forEach((node) => node.remove());
    env.teardown();
  });

  function events(target: Element): Array<{ type: string; detail: Json }> {
    const seen: Array<{ type: string; detail: Json }> = [];
    for (const type of ['ssc-ready', 'ssc-change', 'ssc-submit', 'ssc-action-required', 'ssc-authenticated', 'ssc-declined', 'ssc-authentication-failed', 'ssc-error', 'ssc-succeeded']) {
      target.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    }
    return seen;
  }

  async function create(attributes: Record<string, string> = {}): Promise<{ seen: ReturnType<typeof events>; frame: HTMLIFrameElement }> {
    element = document.createElement('stripe-save-payment');
    const all = { 'publishable-key': env.publishableKey, 'intent-url': '/shop/intent', amount: '2500', currency: 'eur', ...attributes };
    for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
    element.style.width = '460px';
    const seen = events(element);
    document.body.append(element);
    const frame = await paymentFrame(element);
    await until(() => seen.some((e) => e.type === 'ssc-ready'), 'ssc-ready');
    return { seen, frame };
  }

  // These flows run a whole Payment Element payment: 10 s, not the helper's 5 s.
  const until = (check: () => boolean, what: string, timeoutMs = 10000) => waitUntil(check, what, timeoutMs);

  const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;
  const pay = () => clickOn(part('button'));
  const final = (seen: ReturnType<typeof events>) => seen.filter((e) => /succeeded|declined|failed|error/.test(e.type));

  it('deferred intent: 4242 pays after elements.submit, one intent-url call; the form value is the intent id', async () => {
    const { seen, frame } = await create();
    // WebKitGTK's ICU puts a space after the symbol.
    expect(part('button').textContent!.trim()).to.match(/^Pay €\s?25\.00$/);
    await typeCardDetails(frame, '4242424242424242');
    expect(seen.filter((e) => e.type === 'ssc-change').at(-1)!.detail).to.deep.equal({ complete: true, empty: false, brand: 'unknown', type: 'card', save: false });
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    const done = final(seen)[0]!;
    expect(done.type).to.equal('ssc-succeeded');
    expect(done.detail).to.include({ status: 'succeeded', saved: false, mode: 'payment' });
    expect(element.value).to.equal(done.detail.intentId);
    expect(part('message').textContent).to.equal('Payment succeeded.');
    const [{ checkoutId, ...request }] = intentRequests as [Json];
    expect(request).to.deep.equal({ save: false, mode: 'payment', paymentMethodType: 'card' });
    expect(checkoutId).to.be.a('string').and.match(/^[0-9-]{8,64}$/);
    expect(env.fake!.requests.filter((r) => r.path.endsWith('/confirm')).length).to.equal(1);
  });

  it('an empty form: ssc-error at stage validation with Stripe\'s message, nothing sent to the backend', async () => {
    const { seen } = await create();
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]).to.deep.equal({ type: 'ssc-error', detail: { stage: 'validation', message: 'Your card number is incomplete.', code: 'incomplete_number' } });
    expect(part('error').textContent).to.equal('Your card number is incomplete.');
    expect(intentRequests).to.deep.equal([]);
  });

  it('StripeSavePayment.backendTimeout bounds the wait for intent-url: ssc-error names it, then the same form pays', async () => {
    const { StripeSavePayment } = await import('../../src/payment/stripe-save-payment.js');
    StripeSavePayment.backendTimeout = 400;
    try {
      let hang = true;
      env.worker.use(http.post('/shop/intent', async () => {
        if (!hang) return undefined;
        await new Promise((r) => setTimeout(r, 3000));
        return HttpResponse.json({});
      }));
      const { seen, frame } = await create();
      await typeCardDetails(frame, '4242424242424242');
      await pay();
      await until(() => final(seen).length > 0, 'an outcome');
      expect(final(seen)[0]!.type).to.equal('ssc-error');
      expect(final(seen)[0]!.detail.message).to.match(/POST \/shop\/intent: expected an answer within 400 ms, got none/);
      hang = false;
      StripeSavePayment.backendTimeout = 15_000;
      await until(() => !(part('button') as HTMLButtonElement).disabled, 'the button enabled again');
      await pay();
      await until(() => final(seen).length > 1, 'a second outcome');
      expect(final(seen)[1]!.type).to.equal('ssc-succeeded');
    } finally {
      StripeSavePayment.backendTimeout = 15_000;
    }
  });

  it('9995 is declined, then 4242 pays the same intent (one intent per checkout)', async () => {
    const { seen, frame } = await create();
    await typeCardDetails(frame, '4000000000009995');
    await pay();
    await until(() => final(seen).length > 0, 'the decline');
    expect(final(seen)[0]!.type).to.equal('ssc-declined');
    expect(final(seen)[0]!.detail).to.include({ code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    expect(part('error').textContent).to.equal('Your card has insufficient funds.');
    // The customer replaces the number: click into it, select it, type the other card.
    await typeField(frame, 'number', '');
    frame.contentDocument!.querySelector<HTMLInputElement>('[name="number"]')!.select();
    await sendKeys({ type: '4242424242424242' });
    expect(frame.contentDocument!.querySelector<HTMLInputElement>('[name="number"]')!.value).to.equal('4242 4242 4242 4242');
    await pay();
    await until(() => final(seen).length > 1, 'the second outcome');
    expect(final(seen)[1]!.type, JSON.stringify(final(seen)[1]!.detail)).to.equal('ssc-succeeded');
    expect(final(seen)[1]!.detail.intentId).to.equal(final(seen)[0]!.detail.intentId);
    expect(intentRequests.length).to.equal(1);
  });

  it('a new mode is a new checkout: after a declined payment, setup mode asks intent-url under another checkoutId', async () => {
    const { seen, frame } = await create();
    await typeCardDetails(frame, '4000000000009995');
    await pay();
    await until(() => final(seen).length > 0, 'the decline');
    expect(final(seen)[0]!.type).to.equal('ssc-declined');
    const readyBefore = seen.filter((e) => e.type === 'ssc-ready').length;
    element.mode = 'setup';
    await until(() => seen.filter((e) => e.type === 'ssc-ready').length > readyBefore, 'ready again in setup mode');
    await typeCardDetails(await paymentFrame(element), '4242424242424242');
    await pay();
    await until(() => final(seen).length > 1, 'the setup outcome');
    expect(final(seen)[1]!.type, JSON.stringify(final(seen)[1]!.detail)).to.equal('ssc-succeeded');
    expect(final(seen)[1]!.detail.mode).to.equal('setup');
    expect(intentRequests.map((r) => r.mode)).to.deep.equal(['payment', 'setup']);
    // The same id would let a backend keyed on it hand back the declined PaymentIntent for a SetupIntent request.
    expect(intentRequests[1]!.checkoutId).to.be.a('string').and.not.equal(intentRequests[0]!.checkoutId);
  });

  it('the save toggle shows for card and SEPA Debit, not iDEAL; saving sets setup_future_usage and keeps the card', async () => {
    const { seen, frame } = await create();
    expect(part('save').hidden).to.equal(false);
    await chooseType(frame, 'ideal');
    await element.updateComplete;
    expect(part('save').hidden).to.equal(true);
    await chooseType(frame, 'card');
    await element.updateComplete;
    await clickOn(part('save').querySelector('input')!);
    expect(part('disclosure').hidden).to.equal(false);
    await typeCardDetails(frame, '4242424242424242');
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.detail).to.include({ saved: true });
    expect(intentRequests[0]).to.include({ save: true });
    const pi = env.emulator.request('GET', `/v1/payment_intents/${final(seen)[0]!.detail.intentId}`).body;
    expect(pi.setup_future_usage).to.equal('off_session');
    expect(env.emulator.request('GET', `/v1/payment_methods/${pi.payment_method}`).body.customer).to.equal(customer);
  });

  it('3155 with 3D Secure failed: ssc-authentication-failed', async () => {
    const { seen, frame } = await create();
    await typeCardDetails(frame, '4000002500003155');
    await pay();
    await answerChallenge('fail');
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.type).to.equal('ssc-authentication-failed');
    expect(final(seen)[0]!.detail.code).to.equal('payment_intent_authentication_failure');
  });

  it('iDEAL: ssc-action-required before leaving, then on the return URL the outcome once; a reload reports nothing', async () => {
    const { seen, frame } = await create({ 'return-url': '/checkout/return?order=5' });
    await chooseType(frame, 'ideal');
    await pay();
    await answerBankPage('authorize');
    const url = await navigation(navigated);
    const required = seen.find((e) => e.type === 'ssc-action-required')!;
    expect(required.detail.type).to.equal('redirect_to_url');
    expect(url.searchParams.get('payment_intent')).to.equal(required.detail.intentId);
    element.remove();
    // The browser arrives at the return URL: a new page with the element on it.
    history.replaceState(null, '', url.pathname + url.search);
    const back = await create({ 'return-url': '/checkout/return?order=5' });
    await until(() => final(back.seen).length > 0, 'the returned outcome');
    expect(final(back.seen)).to.deep.equal([{ type: 'ssc-succeeded', detail: { intentId: required.detail.intentId, status: 'succeeded', paymentMethodId: final(back.seen)[0]!.detail.paymentMethodId, saved: false, mode: 'payment' } }]);
    expect(location.search).to.equal('?order=5');
    element.remove();
    // A reload of the cleaned URL: nothing to report.
    const reloaded = await create({ 'return-url': '/checkout/return?order=5' });
    await new Promise((r) => setTimeout(r, 300));
    expect(final(reloaded.seen)).to.deep.equal([]);
  });

  it('confirm="server": a ConfirmationToken to confirm-url; ssc-action-required before the 3D Secure challenge, then ssc-authenticated', async () => {
    const { seen, frame } = await create({ confirm: 'server', 'confirm-url': '/shop/confirm', 'intent-url': '' });
    await typeCardDetails(frame, '4000002500003155');
    await pay();
    const { waitForChallenge } = await import('./helpers/challenge.js');
    await waitForChallenge();
    // The page heard before the challenge showed.
    expect(seen.map((e) => e.type)).to.include('ssc-action-required');
    await answerChallenge('complete');
    await until(() => final(seen).length > 0, 'an outcome');
    const types = seen.map((e) => e.type).filter((t) => t !== 'ssc-change');
    expect(types).to.deep.equal(['ssc-ready', 'ssc-submit', 'ssc-action-required', 'ssc-authenticated', 'ssc-succeeded']);
    expect(confirmRequests.length).to.equal(1);
    expect(confirmRequests[0].confirmationTokenId).to.match(/^ctoken_/);
    expect(intentRequests).to.deep.equal([]);
  });

  it('confirm="server": a decline answered 402 by the backend is ssc-declined with its message', async () => {
    const { seen, frame } = await create({ confirm: 'server', 'confirm-url': '/shop/confirm' });
    await typeCardDetails(frame, '4000000000009995');
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.type).to.equal('ssc-declined');
    expect(final(seen)[0]!.detail).to.include({ message: 'Your card has insufficient funds.', declineCode: 'insufficient_funds' });
  });

  it('SEPA Debit: ssc-succeeded with status processing and the bank-processing message; the debit then settles by event', async () => {
    const { seen, frame } = await create();
    await chooseType(frame, 'sepa_debit');
    await typeField(frame, 'name', 'Jenny Rosen');
    await typeField(frame, 'email', 'jenny@example.com');
    await typeField(frame, 'iban', 'DE89370400440532013000');
    const settled: string[] = [];
    const off = env.emulator.onEvent((event) => settled.push(event.type));
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.detail).to.include({ status: 'processing', mode: 'payment' });
    expect(part('message').textContent).to.equal('Payment received: your bank is processing it.');
    await until(() => settled.includes('payment_intent.succeeded'), 'payment_intent.succeeded', 5000);
    off();
  });

  it('intent first with client-secret: no intent-url call', async () => {
    const intent = env.createPaymentIntent({ amount: 1200, currency: 'eur' });
    const { seen, frame } = await create({ 'client-secret': intent.client_secret, 'intent-url': '' });
    await typeCardDetails(frame, '4242424242424242');
    await pay();
    await until(() => final(seen).length > 0, 'an outcome');
    expect(final(seen)[0]!.detail).to.include({ intentId: intent.id, status: 'succeeded' });
    expect(intentRequests).to.deep.equal([]);
  });
});
