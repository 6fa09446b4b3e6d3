// Conformance: plain pages written like Stripe's public Payment Element samples (test/fixtures/conformance/
// payment-element-*.js: the quickstart, intent first with its return page; and the deferred-intent sample), run
// unmodified on the fake Stripe.js and the emulator in the page. The test plays the customer (real clicks and keys),
// the merchant's server (msw) and the browser's navigation (the fake's navigate hook records where Stripe.js would
// send the page; the return page's own script then runs at that URL).
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { answerChallenge } from './helpers/challenge.js';
import { clickOn } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { answerBankPage, chooseType, navigation, paymentFrame, typeCardDetails } from './helpers/payment-element.js';

const METHODS = ['card', 'ideal', 'bancontact', 'sepa_debit'] as Array<'card' | 'ideal' | 'bancontact' | 'sepa_debit'>;

describe('conformance: Stripe\'s Payment Element samples on the fake Stripe.js', function () {
  this.timeout(60000);
  let env: EmulatorSetup;
  let page: HTMLElement;
  let navigated: string[];
  let created: string[];
  const home = location.pathname + location.search;

  beforeEach(async () => {
    navigated = [];
    created = [];
    const createIntent = () => {
      const intent = env.createPaymentIntent({ amount: 1400, currency: 'eur' });
      created.push(intent.id);
      return intent;
    };
    env = await setupEmulator({
      emulator: { paymentMethodTypes: METHODS },
      navigate: (url) => navigated.push(url),
      handlers: [
        http.post('/create-payment-intent', () => HttpResponse.json({ clientSecret: createIntent().client_secret })),
        http.post('/create-intent', () => HttpResponse.json({ client_secret: createIntent().client_secret })),
      ],
    });
    page = document.createElement('main');
    page.style.width = '460px';
    page.innerHTML = `<form id="payment-form" data-key="${env.publishableKey}"><div id="payment-element"></div>` +
      `<button id="submit">Pay now</button><div id="payment-message" role="alert"></div><p id="result"></p></form>`;
    document.body.append(page);
  });

  afterEach(() => {
    history.replaceState(null, '', home);
    page.remove();
    env.teardown();
  });

  async function loadScript(file: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `/test/fixtures/conformance/${file}`;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`could not load ${file}`));
      // Bounded, so a load that never ends names its file rather than timing out the hook without a cause.
      setTimeout(() => reject(new Error(`${file} did not load in 15 s`)), 15000);
      page.append(script);
    });
  }

  async function shown(selector: string, timeoutMs = 10000): Promise<HTMLElement> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const element = page.querySelector<HTMLElement>(selector);
      if (element?.textContent) return element;
      if (Date.now() > deadline) throw new Error(`Nothing shown in ${selector}: ${page.textContent}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The browser arrives at return_url: the return page's own script runs there. */
  async function returnPage(url: URL): Promise<string> {
    expect(url.pathname).to.equal('/complete.html');
    history.replaceState(null, '', url.pathname + url.search);
    page.querySelector('#result')!.textContent = '';
    await loadScript('payment-element-complete.js');
    const status = (await shown('#result')).textContent!;
    history.replaceState(null, '', home);
    return status;
  }

  const pay = async () => clickOn(page.querySelector('#submit')!);

  describe('quickstart, intent first (accordion, redirect to the return page)', () => {
    beforeEach(() => loadScript('payment-element-quickstart.js'));

    it('offers the intent\'s payment method types as accordion items', async () => {
      const frame = await paymentFrame(page);
      const items = [...frame.contentDocument!.querySelectorAll('input[name="payment-method-type"]')].map((input) => (input as HTMLInputElement).value);
      expect(items).to.deep.equal(['card', 'ideal', 'bancontact', 'sepa_debit']);
      expect([...frame.contentDocument!.querySelectorAll('.p-Input')].map((input) => (input as HTMLInputElement).name)).to.deep.equal(['number', 'expiry', 'cvc', 'country', 'postalCode']);
    });

    it('4242 4242 4242 4242: sent to the return page, which shows succeeded', async () => {
      await typeCardDetails(await paymentFrame(page), '4242424242424242');
      await pay();
      const url = await navigation(navigated);
      expect(url.searchParams.get('payment_intent')).to.equal(created[0]);
      expect(url.searchParams.get('redirect_status')).to.equal('succeeded');
      expect(await returnPage(url)).to.equal('succeeded');
    });

    it('3155 with 3D Secure completed: the challenge, then the return page shows succeeded', async () => {
      await typeCardDetails(await paymentFrame(page), '4000002500003155');
      await pay();
      await answerChallenge('complete');
      expect(await returnPage(await navigation(navigated))).to.equal('succeeded');
    });

    it('3155 with 3D Secure failed: no redirect, the sample shows its generic message (the error is not a card_error)', async () => {
      await typeCardDetails(await paymentFrame(page), '4000002500003155');
      await pay();
      await answerChallenge('fail');
      const message = await shown('#payment-message');
      expect(message.dataset.code).to.equal('unexpected');
      expect(navigated).to.deep.equal([]);
    });

    it('9995: declined with Stripe\'s message, no redirect', async () => {
      await typeCardDetails(await paymentFrame(page), '4000000000009995');
      await pay();
      const message = await shown('#payment-message');
      expect([message.dataset.code, message.textContent]).to.deep.equal(['card_declined', 'Your card has insufficient funds.']);
      expect(navigated).to.deep.equal([]);
    });

    for (const [outcome, redirectStatus, status] of [['authorize', 'succeeded', 'succeeded'], ['fail', 'failed', 'requires_payment_method']] as const) {
      it(`iDEAL round trip, bank ${outcome}: back on the return page with redirect_status=${redirectStatus}, the intent ${status}`, async () => {
        const frame = await paymentFrame(page);
        await chooseType(frame, 'ideal');
        await pay();
        await answerBankPage(outcome);
        const url = await navigation(navigated);
        expect(url.searchParams.get('redirect_status')).to.equal(redirectStatus);
        expect(await returnPage(url)).to.equal(status);
      });
    }
  });

  describe('deferred intent (elements.submit, then the server creates the intent, redirect if required)', () => {
    beforeEach(() => loadScript('payment-element-deferred.js'));

    it('an empty form: elements.submit() refuses with Stripe\'s validation error and no intent is created', async () => {
      await paymentFrame(page);
      await pay();
      const message = await shown('#payment-message');
      expect([message.dataset.code, message.textContent]).to.deep.equal(['incomplete_number', 'Your card number is incomplete.']);
      expect(created).to.deep.equal([]);
      const frame = await paymentFrame(page);
      expect(frame.contentDocument!.getElementById('Field-number-error')!.textContent).to.equal('Your card number is incomplete.');
    });

    it('4242: succeeded, on the page, no navigation', async () => {
      await typeCardDetails(await paymentFrame(page), '4242424242424242');
      await pay();
      expect((await shown('#result')).textContent).to.equal('succeeded');
      expect(navigated).to.deep.equal([]);
      expect(env.emulator.request('GET', `/v1/payment_intents/${created[0]}`).body.status).to.equal('succeeded');
    });

    it('3155 completed succeeds; failed shows payment_intent_authentication_failure', async () => {
      await typeCardDetails(await paymentFrame(page), '4000002500003155');
      await pay();
      await answerChallenge('fail');
      expect((await shown('#payment-message')).dataset.code).to.equal('payment_intent_authentication_failure');
      await pay();
      await answerChallenge('complete');
      expect((await shown('#result')).textContent).to.equal('succeeded');
    });

    it('9995 is declined with Stripe\'s message', async () => {
      await typeCardDetails(await paymentFrame(page), '4000000000009995');
      await pay();
      const message = await shown('#payment-message');
      expect([message.dataset.code, message.textContent]).to.deep.equal(['card_declined', 'Your card has insufficient funds.']);
    });

    it('iDEAL: redirect even with if_required, through the bank page to return_url', async () => {
      const frame = await paymentFrame(page);
      expect([...frame.contentDocument!.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).to.deep.equal(['Card', 'iDEAL', 'Bancontact', 'SEPA Debit']);
      await chooseType(frame, 'ideal');
      await pay();
      await answerBankPage('authorize');
      const url = await navigation(navigated);
      expect(url.searchParams.get('payment_intent')).to.equal(created[0]);
      expect(url.searchParams.get('redirect_status')).to.equal('succeeded');
      expect(env.emulator.request('GET', `/v1/payment_intents/${created[0]}`).body.status).to.equal('succeeded');
    });
  });
});
