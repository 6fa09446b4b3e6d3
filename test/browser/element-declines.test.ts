import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, VISA } from './helpers/element-fixture.js';
import { cardFrame, clickField, press } from './helpers/card.js';
import { sendKeys } from '@web/test-runner-commands';

describe('<stripe-save-card> declines', function () {
  // Real typing into iframes on a shared 2-core machine: generous per-test bound.
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });

  const declines = [
    ['4000 0000 0000 0002', 'card_declined', 'generic_decline'],
    ['4000 0000 0000 9995', 'card_declined', 'insufficient_funds'],
    ['4000 0000 0000 0069', 'expired_card', undefined],
    ['4000 0000 0000 0127', 'incorrect_cvc', undefined],
    ['4000 0000 0000 0119', 'processing_error', undefined],
    ['4000 0000 0000 9987', 'card_declined', 'lost_card'],
  ] as const;
  for (const [number, code, declineCode] of declines) {
    it(`declines ${number.slice(-4)} (${declineCode ?? code}): ssc-declined, message in the alert, card stays editable`, async () => {
      const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
      await fillCard(number);
      clickPay(el);
      const declined = await log.first('ssc-declined');
      expect(declined.detail.code).to.equal(code);
      expect(declined.detail.declineCode).to.equal(declineCode);
      expect(declined.detail.intentId).to.match(/^pi_/);
      expect(declined.detail.message).to.be.a('string').with.length.above(0);
      const error = part(el, 'error');
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.equal(declined.detail.message);
      expect(log.types()).to.not.include('ssc-error');
      expect(log.types()).to.not.include('ssc-succeeded');
      // Still mounted and editable: fix the card and pay; the same PaymentIntent takes the new card (one per checkout).
      const frame = cardFrame(el);
      expect(frame.isConnected).to.equal(true);
      const numberInput = frame.contentDocument!.querySelector<HTMLInputElement>('input[name="cardnumber"]')!;
      await until(() => !numberInput.disabled, 'card enabled');
      // Like a person: click the number, go to its end, erase it, type another card.
      await clickField(frame, 'number');
      await press('End');
      for (let i = 0; i < 20; i++) await press('Backspace');
      await sendKeys({ type: VISA });
      clickPay(el);
      const done = await log.first('ssc-succeeded');
      expect(shop.intentRequests).to.have.length(1);
      expect(done.detail.intentId).to.equal(declined.detail.intentId);
      expect(shop.intents().map((pi) => pi.status)).to.deep.equal(['succeeded']);
      expect(error.textContent).to.equal('');
    });
  }

});
