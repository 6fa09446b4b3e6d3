// One checkout, one charge (issue #17): the element sends a random `checkoutId` with every backend request, the same
// across every retry of a checkout (a decline, the 3D Secure round, a lost answer), and a new one after reset().
// A backend keys its order and idempotency keys on it, so a retry whose first answer was lost is never a second charge.
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startShop, PUBLISHABLE_KEY, CONFIRM_URL, INTENT_URL, answerChallenge, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, retypeNumber, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> checkoutId', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const server = () => html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} confirm="server" confirm-url=${CONFIRM_URL}></stripe-save-card>`;

  it('server confirm: the same checkoutId on the decline, the retry and the 3D Secure round', async () => {
    const { el, log } = await mount(server());
    await fillCard('4000 0000 0000 9995');
    clickPay(el);
    await log.first('ssc-declined');
    await retypeNumber('4000 0025 0000 3155', el);
    clickPay(el);
    await log.first('ssc-action-required');
    await answerChallenge('complete');
    await log.first('ssc-succeeded');
    expect(shop.confirmRequests).to.have.length(3);
    const [id] = shop.checkoutIds;
    expect(id).to.be.a('string').and.match(/^[A-Za-z0-9_-]{8,64}$/);
    expect(shop.checkoutIds).to.deep.equal([id, id, id]);
  });

  it('a /pay answer lost on the way: the retry carries the same checkoutId', async () => {
    let cut = true;
    shop.use(http.post(CONFIRM_URL, () => {
      if (!cut) return undefined;
      cut = false;
      return HttpResponse.error();
    }));
    const { el, log } = await mount(server());
    await fillCard(VISA);
    clickPay(el);
    await log.first('ssc-error');
    clickPay(el);
    await log.first('ssc-succeeded');
    // The cut request never reached the shop's handler; the one that did carries the id the first one had.
    const sent = shop.checkoutIds[0];
    expect(sent).to.be.a('string');
    expect(shop.checkoutIds).to.deep.equal([sent]);
  });

  it('reset() starts a new checkout with a new checkoutId; intent-url gets it too', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    await log.first('ssc-succeeded');
    el.reset();
    await fillCard(VISA);
    const second = log.next('ssc-succeeded');
    clickPay(el);
    await second;
    expect(shop.checkoutIds).to.have.length(2);
    expect(shop.checkoutIds[0]).to.be.a('string');
    expect(shop.checkoutIds[1]).to.be.a('string').and.not.equal(shop.checkoutIds[0]);
  });
});
