// Which API host the /v3/ fake calls, from its own script URL: Stripe's API host for any of Stripe's script URLs
// (the one in a page's script tag, and the one @stripe/stripe-js 10 injects), the script's own origin otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiBaseForScript } from '../../src/testing/browser/hosts.js';

test('any script URL on Stripe\'s script host means Stripe\'s API host', () => {
  for (const url of ['https://js.stripe.com/v3/', 'https://js.stripe.com/v3', 'https://js.stripe.com/endive/stripe.js', 'https://js.stripe.com/basil/stripe.js?advancedFraudSignals=false']) {
    assert.equal(apiBaseForScript(url), 'https://api.stripe.com', url);
  }
});

test('anything else means the origin the script came from (the emulator), never Stripe', () => {
  assert.equal(apiBaseForScript('http://127.0.0.1:12111/v3/'), 'http://127.0.0.1:12111');
  assert.equal(apiBaseForScript('http://localhost:4242/v3'), 'http://localhost:4242');
  // Look-alike hosts are not Stripe's.
  assert.equal(apiBaseForScript('https://js.stripe.com.evil.test/v3/'), 'https://js.stripe.com.evil.test');
  assert.equal(apiBaseForScript('https://m.js.stripe.com/v3/'), 'https://m.js.stripe.com');
  assert.throws(() => apiBaseForScript('not a url'), TypeError);
});
