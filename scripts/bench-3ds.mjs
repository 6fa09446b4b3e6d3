#!/usr/bin/env node
// 3D Secure round trips: the requests to Stripe (the API's /v1/... and the challenge's answer) the browser sends to pay with 4000 0025 0000 3155
// (challenge completed), for <stripe-save-card> and for plain `stripe.confirmCardPayment(secret, { payment_method:
// { card } })`, both on the emulator's fake Stripe.js. Each round trip is latency a shopper waits through on a phone
// network. Counts are deterministic: one run each. Reports, never fails on a threshold. Run `npm run build` first.
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { launchChromium, requireBuild, scriptTagBundle, serve, startBuiltEmulator } from './bench-lib.mjs';

const CARD = '4000002500003155';

requireBuild();
const emulator = await startBuiltEmulator();
const stripe = new Stripe(emulator.secretKey, { ...emulator.stripeConfig, maxNetworkRetries: 0, telemetry: false });
const PK = JSON.stringify(emulator.publishableKey);

const head = `<meta charset="utf-8"><link rel="icon" href="data:,"><script src="${emulator.url}/v3/"></script>`;
const PAGES = {
  // What Stripe's docs show: mount, then confirm with the card Element; Stripe.js runs the challenge itself.
  plain: `<!doctype html><html lang="en"><head>${head}<title>plain</title><script>
    const stripe = Stripe(${PK});
    const card = stripe.elements().create('card');
    addEventListener('DOMContentLoaded', () => card.mount('#card'));
    window.pay = async () => {
      const { clientSecret } = await (await fetch('/intent', { method: 'POST' })).json();
      const result = await stripe.confirmCardPayment(clientSecret, { payment_method: { card } });
      return result.paymentIntent?.status ?? result.error?.message;
    };
  </script></head><body><div id="card"></div></body></html>`,
  ours: `<!doctype html><html lang="en"><head>${head}<title>ours</title><script src="/stripe-save-card.min.js"></script><script>
    window.pay = () => new Promise((resolve) => {
      const el = document.querySelector('stripe-save-card');
      el.addEventListener('ssc-succeeded', (e) => resolve(e.detail.status));
      for (const type of ['ssc-declined', 'ssc-error', 'ssc-authentication-failed']) el.addEventListener(type, (e) => resolve(e.detail.message));
      el.submit();
    });
  </script></head><body><stripe-save-card publishable-key=${PK} intent-url="/intent" amount="1999" currency="usd"></stripe-save-card></body></html>`,
};

const site = await serve({
  '/plain.html': ['text/html; charset=utf-8', PAGES.plain],
  '/ours.html': ['text/html; charset=utf-8', PAGES.ours],
  '/stripe-save-card.min.js': ['text/javascript; charset=utf-8', readFileSync(scriptTagBundle)],
}, {
  // The merchant's backend: a PaymentIntent per call (not counted: it is server to Stripe).
  async 'POST /intent'(_req, res) {
    const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clientSecret: intent.client_secret }));
  },
});
const browser = await launchChromium();

/** Pays once on `name`'s page; returns the requests the browser sent to Stripe's origin, as "METHOD /path". */
async function stripeRequests(name) {
  const tab = await browser.newPage();
  const sent = [];
  tab.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === emulator.url) sent.push(`${request.method()} ${url.pathname.replace(/\/(pi|seti|pm|src)_\w+/g, '/$1_…')}`);
  });
  try {
    await tab.goto(`${site.url}/${name}.html`);
    const field = tab.frameLocator('iframe[name^="__privateStripeFrame"]').first();
    await field.locator('input[name="cardnumber"]').fill(CARD);
    await field.locator('input[name="exp-date"]').fill('1234');
    await field.locator('input[name="cvc"]').fill('123');
    await field.locator('input[name="postal"]').fill('42424');
    sent.length = 0; // from the moment the shopper pays
    const paid = tab.evaluate(() => window.pay());
    await tab.frameLocator('iframe[name="stripe-challenge-frame"]').locator('#test-source-authorize-3ds').click();
    const outcome = await paid;
    if (outcome !== 'succeeded') throw new Error(`${name}: the payment ended with "${outcome}", not succeeded`);
    return sent;
  } finally {
    await tab.close();
  }
}

try {
  const plain = await stripeRequests('plain');
  const ours = await stripeRequests('ours');
  console.log(`3d secure (${CARD.replace(/(\d{4})(?=\d)/g, '$1 ')}, challenge completed): requests to Stripe from the browser`);
  console.log(`  plain confirmCardPayment ${plain.length}: ${plain.join(', ')}`);
  console.log(`  ours ${ours.length}: ${ours.join(', ')}`);
  const extra = ours.length - plain.length;
  console.log(`  ours - plain: ${extra > 0 ? '+' : ''}${extra}; goal ours <= plain: ${extra <= 0 ? 'met' : 'not met'}`);
} finally {
  await browser.close();
  await site.close();
  await emulator.close();
}
