// The two emulator rules issue #17 needs: a return_url that would run script is refused as Stripe refuses it
// (`url_invalid`, "Not a valid URL"), and an open intent a shop's checkout still references is never evicted,
// however many other intents anonymous callers make.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator } from '../../src/testing/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { call, Jar } from './helpers/demo-http.js';

describe('emulator: return_url schemes', () => {
  const em = createEmulator();
  const intent = () => em.request('POST', '/v1/payment_intents', { amount: 1000, currency: 'usd', 'allowed_payment_method_types[]': 'card' }).body.id as string;
  it('refuses javascript:, data: and vbscript: with Stripe\'s url_invalid; http(s) and an app\'s own scheme pass', () => {
    for (const url of ['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const res = em.request('POST', `/v1/payment_intents/${intent()}/confirm`, { payment_method: 'pm_card_threeDSecure2Required', return_url: url });
      assert.equal(res.status, 400, url);
      assert.deepEqual([res.body.error.code, res.body.error.param, res.body.error.message, res.body.error.type], ['url_invalid', 'return_url', 'Not a valid URL', 'invalid_request_error']);
    }
    for (const url of ['https://shop.example/return', 'http://localhost:4242/return', 'myapp://payment-done']) {
      const res = em.request('POST', `/v1/payment_intents/${intent()}/confirm`, { payment_method: 'pm_card_threeDSecure2Required', return_url: url });
      assert.equal(res.status, 200, `${url}: ${JSON.stringify(res.body.error)}`);
      assert.equal(res.body.next_action.redirect_to_url.return_url, url);
    }
  });
});

describe('the embedded emulator keeps what a checkout references', () => {
  let demo: RunningDemo;
  before(async () => {
    demo = await startDemo({ port: 0, dbPath: ':memory:', reconcile: { intervalMs: 0 }, emulatorLimits: { objects: 40 }, rateLimits: { perAddress: 10_000, perSession: 10_000 } });
  });
  after(async () => {
    await demo.close();
  });

  it('a shopper\'s open intent survives 120 anonymous gallery intents past the cap; the checkout then pays it', async () => {
    const shopper = new Jar();
    const mine = await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId: 'kept-open-checkout' }, {}, shopper);
    assert.equal(mine.status, 200, mine.text);
    for (let i = 0; i < 120; i++) {
      const res = await call(demo.url, 'POST', '/gallery/intent', { mode: 'payment' }, {}, null);
      assert.equal(res.status, 200, res.text);
    }
    const core = demo.emulator!.emulator;
    assert.ok(core.request('GET', '/v1/payment_intents', { limit: 100 }).body.data.length <= 100);
    const kept = core.request('GET', `/v1/payment_intents/${mine.data.intentId}`);
    assert.equal(kept.status, 200, 'the open intent was not evicted');
    const again = await call(demo.url, 'POST', '/create-payment-intent', { items: [{ sku: 'mug' }], checkoutId: 'kept-open-checkout' }, {}, shopper);
    assert.deepEqual([again.status, again.data.intentId], [200, mine.data.intentId]);
    const confirmed = core.request('POST', `/v1/payment_intents/${mine.data.intentId}/confirm`, { payment_method: 'pm_card_visa', client_secret: mine.data.clientSecret }, { key: core.publishableKey });
    assert.equal(confirmed.body.status, 'succeeded');
  });
});
