// When the card mounts (issue #12): with Stripe.js on the page, in the very task the element connects, alongside its
// first render rather than after it; and the configuration a framework sets right after inserting the element (or
// fixes after a failed start) is what the card is built from.
import { expect } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL } from './helpers/element-backend.js';
import { EventLog, VISA, clickPay, fillCard, part, until } from './helpers/element-fixture.js';
import type { StripeSaveCard } from '../../src/element/stripe-save-card.js';

const CARD_FRAME = 'iframe[name^="__privateStripeFrame"]';

describe('<stripe-save-card> mounting', function () {
  this.timeout(30000);
  let wrapper: HTMLElement;
  let log: EventLog;
  beforeEach(async () => {
    await startShop();
    wrapper = document.createElement('div');
    log = new EventLog(wrapper);
    document.body.append(wrapper);
  });
  afterEach(() => wrapper.remove());

  function create(attrs: Record<string, string>): StripeSaveCard {
    const el = document.createElement('stripe-save-card');
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    return el;
  }

  it('Stripe.js on the page: the card iframe is in the document when append() returns, before the first render', async () => {
    const el = create({ 'publishable-key': PUBLISHABLE_KEY, 'intent-url': INTENT_URL, amount: '1999', currency: 'usd' });
    wrapper.append(el);
    expect(el.querySelector(CARD_FRAME), 'iframe inserted synchronously').to.not.equal(null);
    expect(el.hasUpdated, 'first render still pending').to.equal(false);
    await log.first('ssc-ready');
    // The amount, left out of the first render (a page's first Intl formatter is slow), is on the button by then.
    // WebKitGTK's ICU writes "$ 19.99".
    await until(() => /^Pay \$\s?19\.99$/.test(part(el, 'button').textContent!.trim()), 'the amount on the button');
  });

  it('a key set right after insertion (as frameworks do) is the one used: no error, the card mounts', async () => {
    const el = create({ 'intent-url': INTENT_URL });
    wrapper.append(el);
    el.publishableKey = PUBLISHABLE_KEY;
    await log.first('ssc-ready');
    expect(log.types()).to.not.include('ssc-error');
    expect(el.querySelector(CARD_FRAME)).to.not.equal(null);
  });

  it('connected without a key: ssc-error naming publishable-key; setting the key later mounts the card', async () => {
    const el = create({ 'intent-url': INTENT_URL });
    wrapper.append(el);
    const error = await log.first('ssc-error');
    expect(error.detail.stage).to.equal('validation');
    expect(error.detail.message).to.contain('publishable-key');
    el.publishableKey = PUBLISHABLE_KEY;
    await log.first('ssc-ready');
    expect(el.querySelector(CARD_FRAME)).to.not.equal(null);
  });

  it('a key changed between insertion and the first render rebuilds the card with the new key', async () => {
    const el = create({ 'publishable-key': 'pk_test_first', 'intent-url': INTENT_URL });
    wrapper.append(el);
    el.publishableKey = PUBLISHABLE_KEY;
    await log.first('ssc-ready');
    await until(() => el.querySelectorAll(CARD_FRAME).length == 1, 'one card iframe');
    // Built with the emulator's key (the first one is unknown to it): a payment goes through.
    await fillCard(VISA);
    clickPay(el);
    expect((await log.first('ssc-succeeded')).detail.status).to.equal('succeeded');
  });
});
