// What a shopper sees in each state: loading (a skeleton and a status), a load failure (plain words and Retry, the
// technical reason kept for the merchant), saved cards that refresh after a save and carry their date, and the whole
// form at 280 px wide.
import { expect, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CARDS_URL, API_BASE, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, VISA } from './helpers/element-fixture.js';
import { clickOn } from './helpers/conformance.js';
import { press } from './helpers/card.js';
import { itExcept } from './helpers/engine.js';
import { StripeSaveCard } from '../../src/element/stripe-save-card.js';
import { installFakeStripe } from '../../src/testing/browser/index.js';

const LOAD_FAILED = "We couldn't load the payment form. Check your connection and try again.";

/** Stripe.js can't load: no window.Stripe and its script unreachable; the console's errors are captured. */
function breakStripeJs(shop: Shop, timeoutMs = 800): { errors: string[]; restore(): void } {
  shop.fake.uninstall();
  StripeSaveCard.loadTimeout = timeoutMs;
  const original = console.error;
  const errors: string[] = [];
  console.error = (...args: unknown[]) => { errors.push(args.map(String).join(' ')); };
  return { errors, restore: () => { console.error = original; } };
}

describe('<stripe-save-card> states', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });
  afterEach(() => { StripeSaveCard.loadTimeout = 10_000; });

  it('loading: the field and the button stand as a skeleton, the status says "Loading payment form…", Pay does nothing', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} amount="1999" currency="usd"></stripe-save-card>`, false);
    await el.updateComplete;
    expect(log.types()).to.not.include('ssc-ready');
    const button = part(el, 'button') as HTMLButtonElement;
    expect(part(el, 'card').classList.contains('skeleton')).to.equal(true);
    expect(button.classList.contains('skeleton')).to.equal(true);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(part(el, 'message').textContent).to.equal('Loading payment form…');
    expect(part(el, 'message').getAttribute('role')).to.equal('status');
    // The toggle appears with the card, not before.
    expect(part(el, 'save').hidden).to.equal(true);
    clickPay(el);
    await log.first('ssc-ready');
    await el.updateComplete;
    expect(part(el, 'card').classList.contains('skeleton')).to.equal(false);
    expect(button.classList.contains('skeleton')).to.equal(false);
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(button.textContent).to.match(/^Pay \$\s?19\.99$/); // WebKitGTK's ICU writes "$ 19.99"
    expect(part(el, 'message').textContent).to.equal('');
    expect(log.types()).to.not.include('ssc-submit');
  });

  // emulateMedia's reducedMotion is a DevTools-protocol feature: Chromium only.
  const noMediaEmulation = 'no prefers-reduced-motion emulation in this driver';
  itExcept({ firefox: noMediaEmulation, webkit: noMediaEmulation }, 'loading: the skeleton pulses, and holds still under prefers-reduced-motion', async () => {
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`, false);
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'card')).animationName).to.equal('ssc-pulse');
    try {
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(part(el, 'card')).animationName).to.equal('none');
      expect(getComputedStyle(part(el, 'button')).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('load failure: shopper words and a Retry button instead of Pay; the reason goes to ssc-error and the console; Retry loads the form', async () => {
    const broken = breakStripeJs(shop);
    try {
      const { el, log } = await mount(html`<stripe-save-card publishable-key="pk_test_retry_button" intent-url=${INTENT_URL} amount="1999" currency="usd"></stripe-save-card>`, false);
      const error = await log.first('ssc-error', 5000);
      await el.updateComplete;
      expect(error.detail.stage).to.equal('load');
      expect(error.detail.message).to.match(/Stripe\.js did not load|Failed to load Stripe\.js/);
      expect(broken.errors).to.include(error.detail.message);
      expect(part(el, 'error').textContent).to.equal(LOAD_FAILED);
      expect(el.shadowRoot!.textContent).to.not.contain(error.detail.message);
      const button = part(el, 'button') as HTMLButtonElement;
      expect(button.textContent).to.equal('Retry');
      expect(el.shadowRoot!.textContent).to.not.contain('Pay');
      expect(part(el, 'card').hidden).to.equal(true);
      expect(part(el, 'save').hidden).to.equal(true);
      // Stripe.js reachable again: the shopper clicks Retry and the form loads; the button pays now.
      shop.fake = installFakeStripe({ apiBase: API_BASE });
      await clickOn(button);
      await log.first('ssc-ready');
      await el.updateComplete;
      expect(button.textContent).to.match(/^Pay \$\s?19\.99$/); // WebKitGTK's ICU writes "$ 19.99"
      expect(part(el, 'error').textContent).to.equal('');
      expect(shop.intentRequests).to.have.length(0);
      expect(el.querySelector('iframe')).to.not.equal(null);
    } finally {
      broken.restore();
    }
  });

  it('saved cards: the list shows the date each card was added, and refreshes after a card is saved', async () => {
    const first = shop.saveCard('pm_card_visa');
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL} locale="en-US" save></stripe-save-card>`);
    await until(() => el.shadowRoot!.querySelectorAll('[part="saved-cards"] label').length === 2, 'one saved card and "Use a new card"');
    const labels = () => [...el.shadowRoot!.querySelectorAll('[part="saved-cards"] label')].map((label) => label.textContent!.trim());
    const month = new Date(shop.emulator.request('GET', `/v1/payment_methods/${first}`).body.created * 1000).toLocaleString('en-US', { month: 'short', year: 'numeric' });
    expect(labels()[0]).to.match(new RegExp(`^Visa ending in 4242, expires \\d\\d/\\d\\d, added ${month}$`));
    // A new card, saved while paying.
    await clickOn([...el.shadowRoot!.querySelectorAll('input[type=radio]')].at(-1)!);
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.saved).to.equal(true);
    await until(() => labels().length === 3, `the list refreshed (${labels().join(' | ')})`);
    expect(shop.cardListRequests).to.equal(2);
    // The choice on screen stays (the form is final); both Visa 4242 cards are listed.
    expect(labels().filter((label) => label.startsWith('Visa ending in 4242'))).to.have.length(2);
    expect((el.shadowRoot!.querySelectorAll('input[type=radio]')[2] as HTMLInputElement).checked).to.equal(true);
  });

  it('saved cards that fail to load: ssc-error and the console for the merchant, nothing technical on screen, a new card pays', async () => {
    shop.use(http.get(CARDS_URL, () => new HttpResponse('boom', { status: 500, statusText: 'Internal Server Error' })));
    const original = console.error;
    const errors: string[] = [];
    console.error = (...args: unknown[]) => { errors.push(args.map(String).join(' ')); };
    try {
      const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL}></stripe-save-card>`);
      const error = await log.first('ssc-error');
      expect(error.detail.stage).to.equal('backend');
      expect(error.detail.status).to.equal(500);
      expect(error.detail.message).to.match(/\/shop\/cards: expected JSON \{cards\}/);
      expect(errors).to.deep.equal([error.detail.message]);
      await el.updateComplete;
      expect(part(el, 'error').textContent).to.equal('');
      expect(el.shadowRoot!.querySelector('[part="saved-cards"]')).to.equal(null);
      await fillCard(VISA);
      clickPay(el);
      await log.first('ssc-succeeded');
    } finally {
      console.error = original;
    }
  });

  it('identical saved cards are told apart by the month they were added (created, unix seconds)', async () => {
    const card = { brand: 'visa', last4: '4242', expMonth: 4, expYear: 2030 };
    shop.use(http.get(CARDS_URL, () => HttpResponse.json({ cards: [
      { id: 'pm_one', ...card, created: Date.UTC(2023, 10, 14) / 1000 },
      { id: 'pm_two', ...card, created: Date.UTC(2026, 8, 2) / 1000 },
      { id: 'pm_three', ...card },
    ] })));
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL} locale="en-US"></stripe-save-card>`);
    await until(() => el.shadowRoot!.querySelectorAll('[part="saved-cards"] label').length === 4, 'three saved cards');
    const labels = [...el.shadowRoot!.querySelectorAll('[part="saved-cards"] label')].map((label) => label.textContent!.trim());
    expect(labels).to.deep.equal([
      'Visa ending in 4242, expires 04/30, added Nov 2023',
      'Visa ending in 4242, expires 04/30, added Sep 2026',
      'Visa ending in 4242, expires 04/30',
      'Use a new card',
    ]);
  });
});

describe('<stripe-save-card> card mount node', function () {
  this.timeout(30000);
  beforeEach(async () => { await startShop(); });

  it('is a form of ours that ignores the page\'s form styles: the card iframe fills the card box', async () => {
    const style = document.createElement('style');
    style.textContent = 'form { padding: 30px; margin: 20px; border: 5px solid red; display: grid; }';
    document.head.append(style);
    try {
      const { el, log } = await mount(html`<form><stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card></form>`);
      el.form!.addEventListener('submit', (event) => event.preventDefault()); // the test page must not navigate
      const node = el.querySelector('.ssc-card-mount')!;
      expect(node.tagName).to.equal('FORM');
      const area = el.shadowRoot!.querySelector('.mount-area')!.getBoundingClientRect();
      const frame = el.querySelector('iframe')!.getBoundingClientRect();
      expect(Math.abs(frame.left - area.left), 'iframe left edge').to.be.below(1);
      expect(Math.abs(frame.width - area.width), 'iframe width').to.be.below(1);
      expect(getComputedStyle(node).paddingTop).to.equal('0px');
      // Enter still pays through it.
      await fillCard(VISA);
      await press('Enter');
      await log.first('ssc-succeeded');
    } finally {
      style.remove();
    }
  });
});

describe('<stripe-save-card> at 280 px wide', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });
  afterEach(() => { StripeSaveCard.loadTimeout = 10_000; });

  /** Every visible part and control sits inside the host's box, and nothing scrolls sideways. */
  function expectFits(el: StripeSaveCard, state: string): void {
    const host = el.getBoundingClientRect();
    expect(host.width, state).to.equal(280);
    const form = part(el, 'form');
    expect(form.scrollWidth, `${state}: the form scrolls sideways`).to.be.at.most(form.clientWidth);
    const nodes = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part], label, button, input, legend'), ...el.querySelectorAll<HTMLElement>('iframe')];
    for (const node of nodes) {
      const box = node.getBoundingClientRect();
      if (!box.width) continue; // hidden
      const name = node.getAttribute('part') ?? node.tagName.toLowerCase();
      expect(box.left, `${state}: ${name} starts left of the element`).to.be.at.least(host.left - 0.5);
      expect(box.right, `${state}: ${name} overflows the element (${box.right} > ${host.right})`).to.be.at.most(host.right + 0.5);
      expect(node.scrollWidth, `${state}: ${name} clips its content`).to.be.at.most(node.clientWidth + 1);
    }
  }

  it('ready with saved cards, the toggle and its disclosure; declined with "Try another card"; paid', async () => {
    shop.saveCard('pm_card_visa');
    const { el, log } = await mount(html`<div style="width: 280px"><stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL} amount="123456" currency="eur" save></stripe-save-card></div>`);
    await until(() => !!el.shadowRoot!.querySelector('[part="saved-cards"]'), 'saved cards');
    await clickOn([...el.shadowRoot!.querySelectorAll('input[type=radio]')].at(-1)!);
    await el.updateComplete;
    expectFits(el, 'ready');
    await fillCard('4000 0000 0000 9995');
    clickPay(el);
    await log.first('ssc-declined');
    await el.updateComplete;
    expectFits(el, 'declined');
    await clickOn(part(el, 'try-another'));
    await fillCard(VISA);
    clickPay(el);
    await log.first('ssc-succeeded');
    await el.updateComplete;
    expectFits(el, 'paid');
  });

  it('loading, and a load failure with its message and Retry', async () => {
    const broken = breakStripeJs(shop);
    try {
      const { el, log } = await mount(html`<div style="width: 280px"><stripe-save-card publishable-key="pk_test_narrow_failure" intent-url=${INTENT_URL}></stripe-save-card></div>`, false);
      await el.updateComplete;
      expectFits(el, 'loading');
      await log.first('ssc-error', 5000);
      await el.updateComplete;
      expectFits(el, 'load failure');
    } finally {
      broken.restore();
    }
  });
});
