// reset(), form.reset(), `disabled` or removing the element while Stripe is confirming: the payment goes through at
// Stripe regardless, so the element must still report it (value, event on the element) and never pay twice.
import { expect, html, fixture } from '@open-wc/testing';
import { render } from 'lit';
import { http } from 'msw';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, confirms, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, EventLog, VISA } from './helpers/element-fixture.js';
import type { StripeSaveCard } from '../../src/element/stripe-save-card.js';

const PI_CONFIRM = /^\/v1\/payment_intents\/[^/]+\/confirm$/;

describe('<stripe-save-card> interrupted while the confirm is in flight', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const template = () => html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`;
  const settle = () => new Promise((r) => setTimeout(r, 300));

  /** After the outcome: more clicks and submit() charge nothing; one PaymentIntent, one confirm. */
  async function paysOnlyOnce(el: StripeSaveCard): Promise<void> {
    clickPay(el);
    await el.submit();
    await settle();
    expect(confirms(shop)).to.have.length(1);
    expect(shop.intents().map((pi) => pi.status)).to.deep.equal(['succeeded']);
  }

  it('reset(): the success is reported when Stripe answers, and stays (final) instead of inviting a second payment', async () => {
    const { el, log } = await mount(template());
    await fillCard(VISA);
    const held = shop.hold(PI_CONFIRM);
    clickPay(el);
    await held.arrived;
    el.reset();
    held.release();
    const done = await log.first('ssc-succeeded');
    expect(el.value).to.equal(done.detail.intentId);
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('Payment succeeded.');
    expect((part(el, 'button') as HTMLButtonElement).disabled).to.equal(true);
    await paysOnlyOnce(el);
  });

  it('form.reset(): the same, and the merchant form still learns the intent', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const log = new EventLog(container);
    render(html`<form><stripe-save-card name="payment" publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card></form>`, container);
    await log.first('ssc-ready');
    const form = container.querySelector('form')!;
    const el = container.querySelector('stripe-save-card')!;
    await fillCard(VISA);
    const held = shop.hold(PI_CONFIRM);
    clickPay(el);
    await held.arrived;
    form.reset();
    held.release();
    const done = await log.first('ssc-succeeded');
    expect(new FormData(form).get('payment')).to.equal(done.detail.intentId);
    await paysOnlyOnce(el);
  });

  it('reset() during a confirm that is declined: the decline is reported, then the form resets', async () => {
    const { el, log } = await mount(template());
    await fillCard('4000 0000 0000 0002');
    const held = shop.hold(PI_CONFIRM);
    clickPay(el);
    await held.arrived;
    el.reset();
    held.release();
    const declined = await log.first('ssc-declined');
    expect(declined.detail.declineCode).to.equal('generic_decline');
    await el.updateComplete;
    // Reset after the report: no message, the card cleared, a new checkout (no intentId sent next time).
    expect(part(el, 'error').textContent).to.equal('');
    expect(el.validity.valueMissing).to.equal(true);
    await fillCard(VISA, {}, el);
    clickPay(el);
    await log.first('ssc-succeeded');
    expect(shop.intentRequests.map((r) => r.intentId)).to.deep.equal([undefined, undefined]);
  });

  it('disabled while confirming: the outcome is still reported', async () => {
    const { el, log } = await mount(template());
    await fillCard(VISA);
    const held = shop.hold(PI_CONFIRM);
    clickPay(el);
    await held.arrived;
    el.disabled = true;
    held.release();
    const done = await log.first('ssc-succeeded');
    expect(el.value).to.equal(done.detail.intentId);
    el.disabled = false;
    await el.updateComplete;
    await paysOnlyOnce(el);
  });

  it('removed while confirming: the detached element records the outcome (value, event on itself, not on document), and is final when put back', async () => {
    const { el, log, wrapper } = await mount(template());
    await fillCard(VISA);
    const onElement: string[] = [];
    const onDocument: string[] = [];
    el.addEventListener('ssc-succeeded', (e) => onElement.push(e.detail.intentId));
    const fromDocument = (e: Event) => onDocument.push(e.type);
    document.addEventListener('ssc-succeeded', fromDocument);
    try {
      const held = shop.hold(PI_CONFIRM);
      clickPay(el);
      await held.arrived;
      el.remove();
      held.release();
      await until(() => onElement.length === 1, 'ssc-succeeded on the detached element');
    } finally {
      document.removeEventListener('ssc-succeeded', fromDocument);
    }
    expect(el.value).to.equal(onElement[0]);
    expect(onDocument).to.deep.equal([]);
    expect(el.isConnected).to.equal(false);
    wrapper.append(el);
    await until(() => log.of('ssc-ready').length === 2, 'mounted again');
    await el.updateComplete;
    expect((part(el, 'button') as HTMLButtonElement).disabled).to.equal(true);
    await paysOnlyOnce(el);
  });

  it('removed while asking the backend (nothing at Stripe yet): no event, no confirm; put back, it pays', async () => {
    const { el, log, wrapper } = await mount(template());
    await fillCard(VISA);
    let answerIntent!: () => void;
    const intentAnswered = new Promise<void>((r) => { answerIntent = r; });
    shop.use(http.post(INTENT_URL, async () => { await intentAnswered; return undefined; }, { once: true }));
    clickPay(el);
    await until(() => shop.intentRequests.length === 0 && log.of('ssc-submit').length === 1, 'submitted');
    el.remove();
    answerIntent();
    await settle();
    expect(confirms(shop)).to.have.length(0);
    expect(log.types().filter((t) => /succeeded|error|declined/.test(t))).to.deep.equal([]);
    wrapper.append(el);
    await until(() => log.of('ssc-ready').length === 2, 'mounted again');
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('');
    await fillCard(VISA, {}, el);
    clickPay(el);
    await log.first('ssc-succeeded');
    expect(confirms(shop)).to.have.length(1);
  });
});
