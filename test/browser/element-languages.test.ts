// Every shipped language, as a shopper reads it: one element per language walked through every state (saved cards,
// ready with the mandate, processing, declined, 3D Secure, succeeded, setup mode, load failure), none of the English
// words anywhere in it, the amount as that language writes it, Arabic right to left, axe clean. Then how the
// language is chosen (locale="auto", the nearest lang across shadow roots, at run time) and one element's override.
import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CARDS_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until } from './helpers/element-fixture.js';
import { clickOn } from './helpers/conformance.js';
import { waitForChallenge, answerChallenge } from './helpers/challenge.js';
import { StripeSaveCard } from '../../src/element/stripe-save-card.js';
import { en, type Translation } from '../../src/element/en.js';
import { de } from '../../src/translations/de.js';
import { fr } from '../../src/translations/fr.js';
import { es } from '../../src/translations/es.js';
import { it as italian } from '../../src/translations/it.js';
import { nl } from '../../src/translations/nl.js';
import { pl } from '../../src/translations/pl.js';
import { pt } from '../../src/translations/pt.js';
import { sv } from '../../src/translations/sv.js';
import { ja } from '../../src/translations/ja.js';
import { ar } from '../../src/translations/ar.js';

const SHIPPED: Record<string, Translation> = { de, fr, es, it: italian, nl, pl, pt, sv, ja, ar };
const PI_CONFIRM = /^\/v1\/payment_intents\/[^/]+\/confirm$/;

/** Every word (3 letters or more) of the English table, with its functions called; names (Stripe, Visa) are not words. */
const ENGLISH_WORDS = [...new Set(Object.values(en).flatMap((entry: string | ((...args: string[]) => string)) =>
  (typeof entry == 'function' ? [entry('X', 'X', 'X', 'X'), entry()] : [entry]).join(' ').match(/[A-Za-z']{3,}/g) ?? []))]
  .filter((word) => word != 'Stripe');

/** Everything a shopper can read or hear from the element: its text (hidden parts too), labels, validation message. */
function shopperText(el: StripeSaveCard): string {
  const labels = [...el.shadowRoot!.querySelectorAll('[aria-label]')].map((node) => node.getAttribute('aria-label'));
  return [el.shadowRoot!.textContent, ...labels, el.validationMessage].join(' ');
}

/** English words that are this language's own too. */
const SHARED_WORDS: Record<string, string[]> = { nl: ['bank'], sv: ['bank'] };

function expectNoEnglish(el: StripeSaveCard, state: string): void {
  const text = shopperText(el);
  const own = SHARED_WORDS[part(el, 'form').lang] ?? [];
  const found = ENGLISH_WORDS.filter((word) => !own.includes(word) && new RegExp(`(^|[^\\p{L}'])${word}($|[^\\p{L}'])`, 'u').test(text));
  expect(found, `${state}: English words in "${text.replace(/\s+/g, ' ').trim()}"`).to.deep.equal([]);
}

describe('<stripe-save-card> in every shipped language', function () {
  this.timeout(60000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  for (const [lang, t] of Object.entries(SHIPPED)) {
    it(`${lang}: every state in ${lang}, the amount as ${lang} writes it${lang == 'ar' ? ', right to left' : ''}, axe clean`, async () => {
      shop.saveCard('pm_card_visa');
      const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL}
        locale=${lang} business-name="Acme" amount="1999" currency="eur" save></stripe-save-card>`);
      const form = part(el, 'form');
      expect(form.lang).to.equal(lang);
      expect(getComputedStyle(form).direction).to.equal(lang == 'ar' ? 'rtl' : 'ltr');
      // The Stripe iframe speaks the same language (the fake's placeholders).
      const number = el.querySelector('iframe')!.contentDocument!.querySelector('input')!;
      expect(number.placeholder).to.not.equal('Card number');

      await until(() => el.shadowRoot!.querySelectorAll('[part=saved-cards] input').length == 2, 'saved cards');
      expect(part(el, 'saved-cards').textContent).to.contain('4242').and.contain(t.newCard);
      expectNoEnglish(el, 'saved cards');

      await clickOn([...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=saved-cards] input')].at(-1)!);
      await el.updateComplete;
      const amount = new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(19.99);
      expect(part(el, 'button').textContent).to.equal(t.pay(amount));
      expect(part(el, 'disclosure').hidden).to.equal(false);
      expect(part(el, 'disclosure').textContent!.trim()).to.equal(t.disclosure('Acme'));
      expectNoEnglish(el, 'ready, with the mandate');
      await expect(el).to.be.accessible();

      await fillCard('4000 0000 0000 0002');
      const held = shop.hold(PI_CONFIRM);
      clickPay(el);
      await held.arrived;
      await el.updateComplete;
      expect(part(el, 'message').textContent).to.equal(t.processing);
      expectNoEnglish(el, 'processing');
      held.release();
      const declined = await log.first('ssc-declined');
      await el.updateComplete;
      expect(part(el, 'error').textContent).to.equal(declined.detail.message);
      expect(part(el, 'try-another').textContent).to.equal(t.tryAnother);
      expectNoEnglish(el, 'declined');

      await clickOn(part(el, 'try-another'));
      await fillCard('4000 0025 0000 3155');
      clickPay(el);
      await waitForChallenge();
      await el.updateComplete;
      expect(part(el, 'message').textContent).to.equal(t.bank);
      expectNoEnglish(el, '3D Secure');
      await answerChallenge('complete');
      await log.first('ssc-succeeded');
      await el.updateComplete;
      expect(part(el, 'message').textContent).to.equal(t.succeeded);
      expectNoEnglish(el, 'succeeded');

      el.reset();
      el.mode = 'setup';
      await el.updateComplete;
      await clickOn([...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=saved-cards] input')].at(-1)!);
      await el.updateComplete;
      expect(part(el, 'button').textContent).to.equal(t.saveCard);
      expectNoEnglish(el, 'setup mode');

      // A configuration the form can't load with: the shopper's sentence and Retry, in the language.
      const original = console.error;
      console.error = () => {};
      try {
        const broken = await mount(html`<stripe-save-card publishable-key="pk_nope" locale=${lang}></stripe-save-card>`, false);
        await broken.log.first('ssc-error');
        await broken.el.updateComplete;
        expect(part(broken.el, 'error').textContent).to.equal(t.loadFailed);
        expect(part(broken.el, 'button').textContent).to.equal(t.retry);
        expectNoEnglish(broken.el, 'load failure');
      } finally {
        console.error = original;
      }
    });
  }
});

describe('<stripe-save-card> chooses its language', function () {
  this.timeout(30000);
  beforeEach(async () => { await startShop(); });

  it('locale="auto" follows the nearest lang, across a shadow root, and again when it changes; the amount shows', async () => {
    const outer = document.createElement('div');
    outer.lang = 'de-AT';
    const host = outer.appendChild(document.createElement('div'));
    const root = host.attachShadow({ mode: 'open' });
    document.body.append(outer);
    try {
      const el = document.createElement('stripe-save-card') as StripeSaveCard;
      Object.assign(el, { publishableKey: PUBLISHABLE_KEY, intentUrl: INTENT_URL, locale: 'auto', amount: 1999, currency: 'eur' });
      const ready = new Promise((resolve) => el.addEventListener('ssc-ready', resolve, { once: true }));
      root.append(el);
      await ready;
      await until(() => part(el, 'button').textContent == de.pay(new Intl.NumberFormat('de-AT', { style: 'currency', currency: 'EUR' }).format(19.99)), `the amount in Austrian German ("${part(el, 'button').textContent}")`);
      expect(part(el, 'form').lang).to.equal('de');
      outer.lang = 'fr';
      await until(() => part(el, 'form').lang == 'fr', 'French after the page changed its lang');
      expect(part(el, 'button').textContent).to.equal(fr.pay(new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }).format(19.99)));
      expect(part(el, 'disclosure').textContent!.trim()).to.equal(fr.disclosure());
      // A lang between the host and the element, inside the shadow root, wins over the page's.
      const inner = document.createElement('div');
      inner.lang = 'ar';
      root.append(inner);
      inner.append(el);
      await until(() => part(el, 'form').lang == 'ar', 'Arabic from the nearer lang');
      expect(getComputedStyle(part(el, 'form')).direction).to.equal('rtl');
    } finally {
      outer.remove();
    }
  });

  it('a language we do not ship falls back to English words, left to right, with the English number format', async () => {
    const { el } = await mount(html`<div lang="he" dir="rtl"><stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} amount="1999" currency="usd"></stripe-save-card></div>`);
    await until(() => /\d/.test(part(el, 'button').textContent!), 'the amount');
    expect(part(el, 'form').lang).to.equal('en');
    expect(part(el, 'button').textContent).to.match(/^Pay \$\s?19\.99$/);
  });

  it('one element\'s translations override only that text, on that element', async () => {
    const { el } = await mount(html`<div><stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} locale="de" save
      .translations=${{ saveToggle: 'Karte für später merken' }}></stripe-save-card><stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} locale="de" save></stripe-save-card></div>`);
    const other = el.parentElement!.querySelectorAll('stripe-save-card')[1] as StripeSaveCard;
    await until(() => part(other, 'save').hidden === false, 'the other element ready');
    expect(part(el, 'save').textContent!.trim()).to.equal('Karte für später merken');
    expect(part(other, 'save').textContent!.trim()).to.equal(de.saveToggle);
    expect(part(el, 'button').textContent).to.equal(part(other, 'button').textContent);
    expect(part(el, 'disclosure').textContent).to.equal(part(other, 'disclosure').textContent);
  });

  it('registerTranslation patches one key for every element, and the mandate without business-name warns the developer once', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    try {
      const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} locale="sv" save></stripe-save-card>`);
      await el.updateComplete;
      expect(part(el, 'disclosure').textContent!.trim()).to.equal(sv.disclosure());
      expect(warnings.filter((w) => w.includes('business-name'))).to.have.length(1);
      el.save = false;
      await el.updateComplete;
      el.save = true;
      await el.updateComplete;
      expect(warnings.filter((w) => w.includes('business-name')), 'once per element').to.have.length(1);
      StripeSaveCard.registerTranslation('sv', { saveToggle: 'Kom ihåg kortet' });
      await el.updateComplete;
      expect(part(el, 'save').textContent!.trim()).to.equal('Kom ihåg kortet');
      expect(part(el, 'button').textContent).to.equal(sv.pay());
    } finally {
      console.warn = original;
      StripeSaveCard.registerTranslation('sv', { saveToggle: sv.saveToggle });
    }
  });
});
