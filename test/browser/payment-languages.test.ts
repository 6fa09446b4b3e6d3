// <stripe-save-payment> speaks the card tag's languages (one registry, src/translations/*.ts, with the payment-only
// keys of src/payment/en.ts): German and Arabic through ready (with the mandate), processing, declined and
// succeeded, none of the English words anywhere a shopper reads or hears, the amount as the language writes it,
// Stripe.js given the same locale (its decline message comes back in that language), Arabic right to left, axe
// clean. Then the nearest `lang` choosing the language, at run time.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/payment/define.js';
import type { StripeSavePayment } from '../../src/payment/stripe-save-payment.js';
import { en } from '../../src/element/en.js';
import { paymentEn, type PaymentTranslation } from '../../src/payment/en.js';
import type { Translation } from '../../src/element/language.js';
import { de } from '../../src/translations/de.js';
import { ar } from '../../src/translations/ar.js';
import { clickOn } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { paymentFrame, typeCardDetails } from './helpers/payment-element.js';
import { until as waitUntil } from './helpers/until.js';

type Words = Translation & PaymentTranslation;

/** Every word (3 letters or more) of both English tables, functions called; names (Stripe) are not words. */
const ENGLISH_WORDS = [...new Set(Object.values({ ...en, ...paymentEn }).flatMap((entry: string | ((...args: string[]) => string)) =>
  (typeof entry == 'function' ? [entry('X', 'X', 'X', 'X'), entry()] : [entry]).join(' ').match(/[A-Za-z']{3,}/g) ?? []))]
  .filter((word) => word != 'Stripe');

describe('<stripe-save-payment> in the shipped languages', function () {
  this.timeout(60000);
  let env: EmulatorSetup;
  let release: () => void = () => {};
  let held: Promise<void> = Promise.resolve();
  let arrived = false;
  let element: StripeSavePayment;

  beforeEach(async () => {
    sessionStorage.clear();
    env = await setupEmulator({
      emulator: { paymentMethodTypes: ['card', 'ideal', 'sepa_debit'] },
      handlers: [http.post('/shop/intent', async () => {
        arrived = true;
        await held;
        return HttpResponse.json({ clientSecret: env.createPaymentIntent({ amount: 1999, currency: 'eur' }).client_secret });
      })],
    });
  });

  afterEach(() => {
    document.querySelectorAll('stripe-save-payment, div[lang]').forEach((node) => node.remove());
    env.teardown();
  });

  const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;

  /** Everything a shopper can read or hear from our part of the element: its text (hidden parts too) and labels. */
  function expectNoEnglish(state: string): void {
    const labels = [...element.shadowRoot!.querySelectorAll('[aria-label]')].map((node) => node.getAttribute('aria-label'));
    const text = [element.shadowRoot!.textContent, ...labels].join(' ');
    const found = ENGLISH_WORDS.filter((word) => new RegExp(`(^|[^\\p{L}'])${word}($|[^\\p{L}'])`, 'u').test(text));
    expect(found, `${state}: English words in "${text.replace(/\s+/g, ' ').trim()}"`).to.deep.equal([]);
  }

  // These flows run a whole Payment Element payment: 10 s, not the helper's 5 s.
  const until = (check: () => boolean, what: string, timeoutMs = 10000) => waitUntil(check, what, timeoutMs);

  async function create(attributes: Record<string, string>, parent: HTMLElement = document.body): Promise<HTMLIFrameElement> {
    element = document.createElement('stripe-save-payment');
    const all = { 'publishable-key': env.publishableKey, 'intent-url': '/shop/intent', amount: '1999', currency: 'eur', ...attributes };
    for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
    element.style.width = '460px';
    let ready = false;
    element.addEventListener('ssc-ready', () => (ready = true));
    parent.append(element);
    const frame = await paymentFrame(element);
    await until(() => ready, 'ssc-ready');
    return frame;
  }

  /** One payment with the card typed, the intent request held so the processing state can be read. */
  async function pay(whileProcessing: () => Promise<void>): Promise<string> {
    held = new Promise((resolve) => (release = resolve));
    arrived = false;
    const outcome = new Promise<string>((resolve) => {
      for (const type of ['ssc-succeeded', 'ssc-declined', 'ssc-error', 'ssc-authentication-failed']) element.addEventListener(type, () => resolve(type), { once: true });
    });
    await clickOn(part('button'));
    await until(() => arrived, 'the intent request');
    await element.updateComplete;
    await whileProcessing();
    release();
    return outcome;
  }

  for (const [lang, t] of Object.entries({ de, ar } as Record<string, Words>)) {
    it(`${lang}: ready, processing, declined and succeeded in ${lang}${lang == 'ar' ? ', right to left' : ''}, Stripe.js in ${lang}, axe clean`, async () => {
      const frame = await create({ locale: lang, 'business-name': 'Acme', save: '' });
      const form = part('form');
      expect(form.lang).to.equal(lang);
      expect(getComputedStyle(form).direction).to.equal(lang == 'ar' ? 'rtl' : 'ltr');

      await typeCardDetails(frame, '4000000000000002');
      await until(() => !part('save').hidden, 'the save toggle for a card');
      const amount = new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(19.99);
      expect(part('button').textContent).to.equal(t.pay(amount));
      expect(part('save').textContent!.trim()).to.equal(t.saveDetailsToggle);
      expect(part('disclosure').hidden).to.equal(false);
      expect(part('disclosure').textContent!.trim()).to.equal(t.detailsDisclosure('Acme'));
      expect(part('card').querySelector('[role=group]')!.getAttribute('aria-label')).to.equal(t.paymentDetails);
      expectNoEnglish('ready, with the mandate');
      await expect(element).to.be.accessible();

      const declined = await pay(async () => {
        expect(part('message').textContent).to.equal(t.processing);
        expectNoEnglish('processing');
      });
      expect(declined).to.equal('ssc-declined');
      await element.updateComplete;
      // Stripe.js's own decline message, in the shopper's language (not ours, not English).
      const message = part('error').textContent!;
      expect(message).to.not.equal('');
      expect(message).to.not.equal('Your card was declined.');
      expectNoEnglish('declined');
      await expect(element).to.be.accessible();

      element.reset();
      await typeCardDetails(frame, '4242424242424242');
      const paid = await pay(async () => {});
      expect(paid).to.equal('ssc-succeeded');
      await element.updateComplete;
      expect(part('message').textContent).to.equal(t.succeeded);
      expect(part('error').textContent).to.equal('');
      expectNoEnglish('succeeded');
      await expect(element).to.be.accessible();
    });
  }

  it('no locale: the nearest lang chooses the words and Stripe.js locale, and a change of it follows', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'de';
    document.body.append(wrapper);
    await create({}, wrapper);
    expect(part('form').lang).to.equal('de');
    expect(part('button').textContent).to.equal(de.pay(new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).format(19.99)));
    wrapper.lang = 'ar';
    await until(() => part('form').lang == 'ar', 'the new language');
    await element.updateComplete;
    expect(getComputedStyle(part('form')).direction).to.equal('rtl');
    expect(part('button').textContent).to.equal(ar.pay(new Intl.NumberFormat('ar', { style: 'currency', currency: 'EUR' }).format(19.99)));
    // The Payment Element is rebuilt (Stripe.js in the new locale) and ready again.
    await paymentFrame(element);
  });
});
