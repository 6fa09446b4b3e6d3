// axe-core on the element in every state a shopper can meet, and the non-text contrast axe does not measure (WCAG
// 1.4.11: the card box's border and the focus ring against the background, 3:1).
import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CARDS_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, VISA } from './helpers/element-fixture.js';
import { waitForChallenge, answerChallenge } from './helpers/challenge.js';
import { StripeSaveCard } from '../../src/element/stripe-save-card.js';

const PI_CONFIRM = /^\/v1\/payment_intents\/[^/]+\/confirm$/;

/** `rgb(37, 99, 235)` or `#2563eb` (or the first colour in a box-shadow) → [r, g, b]. */
function rgb(css: string): number[] {
  const hex = /#([\da-f]{2})([\da-f]{2})([\da-f]{2})\b/i.exec(css);
  if (hex) return hex.slice(1, 4).map((h) => parseInt(h, 16));
  const match = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?/.exec(css);
  if (!match) throw new Error(`no colour in "${css}"`);
  return [...match.slice(1, 4).map(Number), match[4] === undefined ? 1 : Number(match[4])];
}

/** A translucent colour as it shows over an opaque background (a ring at 45 % looks paler than its rgb). */
function over(color: number[], background: number[]): number[] {
  const alpha = color[3] ?? 1;
  return [0, 1, 2].map((i) => color[i]! * alpha + background[i]! * (1 - alpha));
}

/** WCAG contrast ratio of `a` (composited over `b`) against the opaque `b`. */
function contrast(a: number[], b: number[]): number {
  a = over(a, b);
  const luminance = (c: number[]) => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('<stripe-save-card> accessibility in every state', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });
  afterEach(() => { StripeSaveCard.loadTimeout = 10_000; });

  const template = () => html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} amount="1999" currency="usd" save></stripe-save-card>`;

  it('loading, then ready', async () => {
    const { el, log } = await mount(template(), false);
    await el.updateComplete;
    expect(part(el, 'button').classList.contains('skeleton')).to.equal(true);
    await expect(el).to.be.accessible();
    await log.first('ssc-ready');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('processing, then paid', async () => {
    const { el, log } = await mount(template());
    await fillCard(VISA);
    const held = shop.hold(PI_CONFIRM);
    clickPay(el);
    await held.arrived;
    await el.updateComplete;
    expect(part(el, 'button').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    held.release();
    await log.first('ssc-succeeded');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('3D Secure pending, then failed (with "Try another card")', async () => {
    const { el, log } = await mount(template());
    await fillCard('4000 0025 0000 3155');
    clickPay(el);
    await waitForChallenge();
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('Waiting for your bank…');
    await expect(el).to.be.accessible();
    await answerChallenge('fail');
    await log.first('ssc-authentication-failed');
    await el.updateComplete;
    expect(part(el, 'try-another').hidden).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('declined', async () => {
    const { el, log } = await mount(template());
    await fillCard('4000 0000 0000 0002');
    clickPay(el);
    await log.first('ssc-declined');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('load failure', async () => {
    shop.fake.uninstall();
    StripeSaveCard.loadTimeout = 800;
    const original = console.error;
    console.error = () => {};
    try {
      const { el, log } = await mount(html`<stripe-save-card publishable-key="pk_test_a11y_failure" intent-url=${INTENT_URL}></stripe-save-card>`, false);
      await log.first('ssc-error', 5000);
      await el.updateComplete;
      expect(part(el, 'button').textContent).to.equal('Retry');
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('saved cards, and setup mode', async () => {
    shop.saveCard('pm_card_visa');
    const { el } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} saved-cards-url=${CARDS_URL}></stripe-save-card>`);
    await until(() => !!el.shadowRoot!.querySelector('[part="saved-cards"]'), 'saved cards');
    await expect(el).to.be.accessible();
    const setup = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} mode="setup"></stripe-save-card>`);
    await setup.el.updateComplete;
    expect(part(setup.el, 'disclosure').hidden).to.equal(false);
    await expect(setup.el).to.be.accessible();
  });

  it('default colours: card border and focus ring ≥ 3:1 against the background, error text ≥ 4.5:1', async () => {
    const { el } = await mount(template());
    const background = rgb(getComputedStyle(part(el, 'form')).backgroundColor);
    const card = part(el, 'card');
    expect(contrast(rgb(getComputedStyle(card).borderTopColor), background)).to.be.at.least(3);
    el.focus();
    await until(() => card.classList.contains('focused'), 'the card box shows focus');
    expect(contrast(rgb(getComputedStyle(card).boxShadow), background)).to.be.at.least(3);
    // The focus ring of our own controls is the same property.
    const button = part(el, 'button');
    button.focus();
    expect(contrast(rgb(getComputedStyle(el).getPropertyValue('--ssc-focus-ring')), background)).to.be.at.least(3);
    expect(contrast(rgb(getComputedStyle(part(el, 'error')).color), background)).to.be.at.least(4.5);
    expect(contrast(rgb(getComputedStyle(el).color), background)).to.be.at.least(4.5);
  });
});
