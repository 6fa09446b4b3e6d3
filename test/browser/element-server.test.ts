import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, CONFIRM_URL, answerChallenge, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, VISA } from './helpers/element-fixture.js';

describe('<stripe-save-card> confirm="server"', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const template = () => html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} confirm="server" confirm-url=${CONFIRM_URL} save></stripe-save-card>`;

  it('4242: createPaymentMethod, the backend confirms, ssc-succeeded; intent-url never called', async () => {
    const { el, log } = await mount(template());
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(shop.intentRequests).to.have.length(0);
    expect(shop.confirmRequests).to.have.length(1);
    expect(shop.confirmRequests[0]!.save).to.equal(true);
    expect(shop.confirmRequests[0]!.paymentMethodId).to.equal(done.detail.paymentMethodId);
    expect(done.detail).to.include({ status: 'succeeded', saved: true, mode: 'payment' });
    expect(shop.retrieve(done.detail.intentId).setup_future_usage).to.equal('off_session');
  });

  it('3155: 3D Secure through handleNextAction, then the backend is asked again with paymentIntentId', async () => {
    const { el, log } = await mount(template());
    await fillCard('4000 0025 0000 3155');
    clickPay(el);
    const action = await log.first('ssc-action-required');
    expect(action.detail.type).to.equal('use_stripe_sdk');
    await answerChallenge('complete');
    const done = await log.first('ssc-succeeded');
    expect(log.of('ssc-authenticated')[0]!.detail.intentId).to.equal(action.detail.intentId);
    expect(shop.confirmRequests).to.have.length(2);
    expect(shop.confirmRequests[1]).to.deep.equal({ paymentIntentId: action.detail.intentId });
    expect(done.detail.intentId).to.equal(action.detail.intentId);
  });

  it('3184 failed challenge: ssc-authentication-failed and no second confirm', async () => {
    const { el, log } = await mount(template());
    await fillCard('4000 0027 6000 3184');
    clickPay(el);
    await log.first('ssc-action-required');
    await answerChallenge('fail');
    const failed = await log.first('ssc-authentication-failed');
    expect(failed.detail.code).to.equal('payment_intent_authentication_failure');
    expect(shop.confirmRequests).to.have.length(1);
    expect(part(el, 'error').textContent).to.equal('We could not authenticate your card.');
  });

  it('a 402 from the backend is a decline: ssc-declined with code and declineCode', async () => {
    const { el, log } = await mount(template());
    await fillCard('4000 0000 0000 9995');
    clickPay(el);
    const declined = await log.first('ssc-declined');
    expect(declined.detail).to.include({ code: 'card_declined', declineCode: 'insufficient_funds' });
    expect(declined.detail.message).to.equal('Your card has insufficient funds.');
    expect(log.types()).to.not.include('ssc-error');
  });
});
