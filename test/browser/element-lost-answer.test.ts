// The network drops Stripe's answer after Stripe processed the request: the element must learn the truth by reading
// the intent back, never report a payment that went through as a failure, and never create a second intent.
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, answerChallenge, confirms, toStripe, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, retypeNumber, until, VISA } from './helpers/element-fixture.js';

const PI_CONFIRM = /^\/v1\/payment_intents\/[^/]+\/confirm$/;
const SI_CONFIRM = /^\/v1\/setup_intents\/[^/]+\/confirm$/;

describe('<stripe-save-card> a confirm whose answer is lost', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const template = (mode = 'payment') => html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} mode=${mode}></stripe-save-card>`;

  it('PaymentIntent: Stripe charged, the page saw a network error → ssc-succeeded, one intent', async () => {
    shop.dropAnswer(PI_CONFIRM);
    const { el, log } = await mount(template());
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(log.types()).to.not.include('ssc-error');
    expect(done.detail).to.include({ status: 'succeeded', mode: 'payment' });
    expect(done.detail.paymentMethodId).to.match(/^pm_/);
    expect(confirms(shop)[0]!.status).to.equal(0); // the page really got no answer
    expect(shop.intents().map((pi) => [pi.id, pi.status])).to.deep.equal([[done.detail.intentId, 'succeeded']]);
    expect(el.value).to.equal(done.detail.intentId);
    expect(part(el, 'message').textContent).to.equal('Payment succeeded.');
  });

  it('SetupIntent: the same, with confirmCardSetup', async () => {
    shop.dropAnswer(SI_CONFIRM);
    const { el, log } = await mount(template('setup'));
    await fillCard(VISA);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(log.types()).to.not.include('ssc-error');
    expect(done.detail).to.include({ status: 'succeeded', mode: 'setup', saved: true });
    expect(shop.intents('setup_intents').map((si) => [si.id, si.status])).to.deep.equal([[done.detail.intentId, 'succeeded']]);
  });

  it('a decline whose answer is lost is still a decline, and the retry reuses the intent', async () => {
    shop.dropAnswer(PI_CONFIRM);
    const { el, log } = await mount(template());
    await fillCard('4000 0000 0000 9995');
    clickPay(el);
    const declined = await log.first('ssc-declined');
    expect(declined.detail).to.include({ code: 'card_declined', declineCode: 'insufficient_funds' });
    expect(log.types()).to.not.include('ssc-error');
    await retypeNumber(VISA, el);
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail.intentId).to.equal(declined.detail.intentId);
    expect(shop.intentRequests).to.have.length(1);
  });

  it('3D Secure needed and the answer lost: the intent read back says requires_action, the challenge runs', async () => {
    shop.dropAnswer(PI_CONFIRM);
    const { el, log } = await mount(template());
    await fillCard('4000 0025 0000 3155');
    clickPay(el);
    const action = await log.first('ssc-action-required');
    await answerChallenge('complete');
    const done = await log.first('ssc-succeeded');
    expect(done.detail.intentId).to.equal(action.detail.intentId);
    expect(log.types()).to.not.include('ssc-error');
    expect(shop.intents()).to.have.length(1);
  });

  it('Stripe unreachable after the confirm: ssc-error; the next submit reads the intent first and reports the payment, without paying again', async () => {
    // The confirm is processed and its answer lost; the reads that follow fail too (the network is down).
    shop.dropAnswer(PI_CONFIRM);
    const reads = /^\/v1\/payment_intents\/[^/]+$/;
    let offline = true;
    shop.use(http.all(toStripe(reads, 'GET'), () => (offline ? HttpResponse.error() : undefined)));
    const { el, log } = await mount(template());
    await fillCard(VISA);
    clickPay(el);
    const error = await log.first('ssc-error');
    expect(error.detail).to.include({ stage: 'stripe', code: 'api_connection_error' });
    const [pi] = shop.intents();
    expect(pi!.status).to.equal('succeeded'); // Stripe did charge
    const readsWhileDown = shop.fake.requests.filter((r) => r.method === 'GET' && reads.test(r.path)).length;
    expect(readsWhileDown).to.equal(3); // bounded retries
    expect(el.value).to.equal(null);

    offline = false;
    await until(() => !(part(el, 'button') as HTMLButtonElement).disabled, 'button enabled');
    clickPay(el);
    const done = await log.first('ssc-succeeded');
    expect(done.detail).to.include({ intentId: pi!.id, status: 'succeeded' });
    expect(confirms(shop)).to.have.length(1);
    expect(shop.intentRequests).to.have.length(1);
    expect(shop.intents()).to.have.length(1);
  });
});
