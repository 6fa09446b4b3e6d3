// Installing and uninstalling the fake on window.Stripe, as loadStripe sees it.
import { expect } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import { installFakeStripe } from '../../src/testing/browser/index.js';
import { typeCard } from './helpers/card.js';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator } from './helpers/emulator.js';
import { mountCard } from './helpers/mount.js';

const win = window as unknown as { Stripe?: unknown };

describe('installFakeStripe', function () {
  // Real key presses and clicks are one round trip each: give them room when the machine is busy.
  this.timeout(30000);
  it('uninstalling restores what window.Stripe was before', () => {
    const before = function previousStripe(): void {};
    win.Stripe = before;
    const uninstall = installFakeStripe({ apiBase: '/a' });
    expect(win.Stripe === before).to.equal(false);
    uninstall();
    expect(win.Stripe === before).to.equal(true);
    delete win.Stripe;
    const again = installFakeStripe({ apiBase: '/a' });
    again.uninstall();
    expect('Stripe' in window).to.equal(false);
  });

  it('a reinstall reaches code that loaded Stripe earlier (loadStripe caches the constructor)', async () => {
    const first = installFakeStripe({ apiBase: '/first' });
    await loadStripe('pk_test_emulator');
    first();
    const env = await setupEmulator(); // installs a second fake, pointed at msw
    try {
      const stripe = (await loadStripe(env.publishableKey))!;
      const pi = env.createPaymentIntent();
      const { paymentIntent } = await stripe.retrievePaymentIntent(pi.client_secret);
      expect(paymentIntent?.id).to.equal(pi.id);
      expect(env.fake!.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([`GET /v1/payment_intents/${pi.id} 200`]);
      expect(first.requests.length).to.equal(0);
    } finally {
      env.teardown();
    }
  });

  it('refuses empty and secret keys like Stripe.js, and applies publishableKeyCheck', () => {
    const uninstall = installFakeStripe({ apiBase: '/a', publishableKeyCheck: (key) => key.startsWith('pk_test_') || 'Only test keys here.' });
    try {
      const Stripe = win.Stripe as (key: string) => unknown;
      expect(() => Stripe('')).to.throw('Please call Stripe() with your publishable key. You used an empty string.');
      expect(() => Stripe('sk_test_123')).to.throw(/You should not use your secret key with Stripe.js/);
      expect(() => Stripe('pk_live_123')).to.throw('Only test keys here.');
      expect(typeof Stripe('pk_test_123')).to.equal('object');
      expect(() => installFakeStripe({ apiBase: '' })).to.throw(/apiBase/);
    } finally {
      uninstall();
    }
  });

  it('runs the challenge for a redirect_to_url next action too (confirm with return_url)', async () => {
    const env = await setupEmulator();
    const mounted = await mountCard((await loadStripe(env.publishableKey))!);
    try {
      const stripe = (await loadStripe(env.publishableKey))!;
      await typeCard(mounted.frame, { number: '4000002760003184', exp: '1234', cvc: '123', postal: '42424' });
      const pi = env.createPaymentIntent();
      const pending = stripe.confirmCardPayment(pi.client_secret, { payment_method: { card: mounted.card }, return_url: `${location.origin}/done` });
      await answerChallenge('complete');
      const { paymentIntent } = await pending;
      expect(paymentIntent?.status).to.equal('succeeded');
    } finally {
      mounted.remove();
      env.teardown();
    }
  });
});
