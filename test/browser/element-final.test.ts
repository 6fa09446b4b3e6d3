import { expect, html, fixture } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, CONFIRM_URL, confirms, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, EventLog, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> after success the form is final', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('a click, submit() and Enter after "Payment succeeded." create no second intent or charge; reset() starts a new checkout', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const log = new EventLog(container);
    render(html`
      <form>
        <label>Email <input name="email" value="jenny@example.com"></label>
        <stripe-save-card name="payment" publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>
      </form>`, container);
    await log.first('ssc-ready');
    const form = container.querySelector('form')!;
    const el = container.querySelector('stripe-save-card')!;
    const posted: Array<string | null> = [];
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return;
      event.preventDefault(); // the test page must not navigate
      posted.push(new FormData(form).get('payment') as string | null);
    });
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('Payment succeeded.');
    const button = part(el, 'button') as HTMLButtonElement;
    expect(button.disabled).to.equal(true);

    clickPay(el);
    await el.submit();
    // Enter in the merchant's own field: the form posts with the paid intent, nothing is paid again.
    container.querySelector<HTMLInputElement>('input[name="email"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => posted.length === 1, 'the merchant form posted');
    await settle();

    expect(posted).to.deep.equal([done.detail.intentId]);
    expect(shop.intentRequests).to.have.length(1);
    expect(confirms(shop)).to.have.length(1);
    expect(shop.intents()).to.have.length(1);
    expect(log.of('ssc-submit')).to.have.length(1);
    expect(log.of('ssc-succeeded')).to.have.length(1);
    expect(el.value).to.equal(done.detail.intentId);

    // reset() starts a new checkout: a fresh intent request without intentId, then a second payment.
    el.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(button.disabled).to.equal(false);
    await fillCard(VISA, {}, el);
    clickPay(el);
    await until(() => log.of('ssc-succeeded').length === 2, 'the second payment');
    expect(log.of('ssc-succeeded')[1]!.detail.intentId).to.not.equal(done.detail.intentId);
    expect(shop.intentRequests).to.deep.equal([{ save: false, mode: 'payment' }, { save: false, mode: 'payment' }]);
    expect(shop.intents().map((pi) => pi.status)).to.deep.equal(['succeeded', 'succeeded']);
  });

  it('confirm="server": after success neither submit() nor a click posts to confirm-url again', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} confirm="server" confirm-url=${CONFIRM_URL}></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    await log.first('ssc-succeeded');
    clickPay(el);
    await el.submit();
    await settle();
    expect(shop.confirmRequests).to.have.length(1);
    expect(shop.intents()).to.have.length(1);
  });
});
