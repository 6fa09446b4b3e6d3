// Checkout beyond the basic flow, over real HTTP with the stripe SDK: success_url kept as given (the template is
// filled only in the redirect), embedded sessions (client_secret, return_url, Stripe's 400s for the wrong
// combinations, ui_mode names by API version) and line items as Stripe lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { httpHarness, stripeFailure } from './helpers/emulator-http.js';

const h = httpHarness();
const card = (number: string) => ({ 'card[number]': number, 'card[exp_month]': '12', 'card[exp_year]': '2040', 'card[cvc]': '123' });
const stripeAt = (version: string) =>
  new Stripe(h.server.secretKey, { ...h.server.stripeConfig, apiVersion: version as Stripe.LatestApiVersion, maxNetworkRetries: 0, telemetry: false });

test('success_url keeps {CHECKOUT_SESSION_ID} literally in the object; only the redirect fills it in', async () => {
  const template = 'https://shop.test/done?session_id={CHECKOUT_SESSION_ID}&from=checkout';
  const session = await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: template });
  assert.equal(session.success_url, template);
  assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).success_url, template);
  const done = await h.asBrowser('POST', `/checkout/${session.id}/complete`, card('4242424242424242'));
  assert.equal(done.body.redirect, `https://shop.test/done?session_id=${session.id}&from=checkout`);
  assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).success_url, template, 'still the template after completion');
});

test('embedded: client_secret instead of url, return_url kept as given, the form completes it with the secret only', async () => {
  const session = await h.stripe.checkout.sessions.create({
    mode: 'payment', ui_mode: 'embedded_page', return_url: 'https://shop.test/return?session_id={CHECKOUT_SESSION_ID}',
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Poster' } } }],
  });
  assert.deepEqual([session.ui_mode, session.url, session.success_url, session.redirect_on_completion], ['embedded_page', null, null, 'always']);
  assert.equal(session.return_url, 'https://shop.test/return?session_id={CHECKOUT_SESSION_ID}');
  assert.match(session.client_secret!, new RegExp(`^${session.id}_secret_\\w+$`));

  const noSecret = await h.asBrowser('GET', `/checkout/${session.id}`);
  assert.deepEqual([noSecret.status, noSecret.body.error.param], [400, 'client_secret'], 'an embedded session is not reachable by its id alone');
  const wrong = await h.asBrowser('POST', `/checkout/${session.id}/complete`, { ...card('4242424242424242'), client_secret: `${session.id}_secret_nope` });
  assert.equal(wrong.status, 400);
  assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).status, 'open', 'nothing was charged with a wrong secret');

  const summary = await h.asBrowser('GET', `/checkout/${session.id}?client_secret=${session.client_secret}`);
  assert.deepEqual([summary.body.ui_mode, summary.body.amount_total, summary.body.line_items], ['embedded_page', 1500, [{ name: 'Poster', quantity: 1, amount: 1500 }]]);
  const done = await h.asBrowser('POST', `/checkout/${session.id}/complete`, { ...card('4242424242424242'), client_secret: session.client_secret! });
  assert.deepEqual([done.status, done.body.redirect], [200, `https://shop.test/return?session_id=${session.id}`]);
  const after = await h.stripe.checkout.sessions.retrieve(session.id);
  assert.deepEqual([after.status, after.payment_status], ['complete', 'paid']);
});

test('embedded with redirect_on_completion never (or if_required, for a card): no return_url, no redirect', async () => {
  const never = await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', redirect_on_completion: 'never' });
  assert.equal('return_url' in never, false);
  const done = await h.asBrowser('POST', `/checkout/${never.id}/complete`, { ...card('4242424242424242'), client_secret: never.client_secret! });
  assert.deepEqual([done.body.status, done.body.redirect], ['complete', null]);
  const ifRequired = await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', redirect_on_completion: 'if_required', return_url: 'https://shop.test/r' });
  const challenge = await h.asBrowser('POST', `/checkout/${ifRequired.id}/complete`, { ...card('4000002500003155'), client_secret: ifRequired.client_secret! });
  assert.equal(challenge.body.status, 'requires_action');
  const authenticated = await h.asBrowser('POST', `/3ds/${challenge.body.source}/complete`);
  assert.deepEqual([authenticated.body.checkout_session.status, authenticated.body.redirect], ['complete', undefined], 'a card never needs the redirect');
});

test("Stripe's 400s for the wrong combinations name the field", async () => {
  const cases: Array<[Stripe.Checkout.SessionCreateParams, string, RegExp]> = [
    [{ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', return_url: 'https://shop.test/r', success_url: 'https://shop.test/ok' }, 'success_url', /not supported with 'ui_mode: embedded_page': success_url/],
    [{ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', return_url: 'https://shop.test/r', cancel_url: 'https://shop.test/no' }, 'cancel_url', /cancel_url/],
    [{ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page' }, 'return_url', /Missing required param: return_url/],
    [{ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', redirect_on_completion: 'never', return_url: 'https://shop.test/r' }, 'return_url', /never/],
    [{ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok', return_url: 'https://shop.test/r' }, 'return_url', /not supported with 'ui_mode: hosted_page': return_url/],
    [{ mode: 'setup', currency: 'usd', ui_mode: 'hosted_page' }, 'success_url', /Missing required param: success_url/],
    [{ mode: 'setup', currency: 'usd', ui_mode: 'embedded' as 'embedded_page', return_url: 'https://shop.test/r' }, 'ui_mode', /calls it embedded_page/],
    [{ mode: 'setup', currency: 'usd', ui_mode: 'elements', return_url: 'https://shop.test/r' }, 'ui_mode', /not emulated/],
  ];
  for (const [params, param, message] of cases) {
    const error = await stripeFailure(h.stripe.checkout.sessions.create(params));
    assert.deepEqual([error.statusCode, error.param], [400, param], JSON.stringify(params));
    assert.match(error.message, message);
  }
  assert.equal((await h.stripe.checkout.sessions.list()).data.length, 0, 'none of them made a session');
});

test('before 2026-03-25.dahlia the ui_mode names are hosted and embedded', async () => {
  const clover = stripeAt('2025-10-29.clover');
  const embedded = await clover.checkout.sessions.create({ mode: 'setup', currency: 'usd', ui_mode: 'embedded' as 'embedded_page', return_url: 'https://shop.test/r' });
  assert.deepEqual([embedded.ui_mode, embedded.url === null, typeof embedded.client_secret], ['embedded', true, 'string']);
  const hosted = await clover.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok' });
  assert.equal(hosted.ui_mode, 'hosted');
  const renamed = await stripeFailure(clover.checkout.sessions.create({ mode: 'setup', currency: 'usd', ui_mode: 'embedded_page', return_url: 'https://shop.test/r' }));
  assert.deepEqual([renamed.statusCode, renamed.param], [400, 'ui_mode']);
  assert.equal((await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok' })).ui_mode, 'hosted_page');
});

test('line items: listed as Stripe items with their inline price; on the session only when expanded', async () => {
  const session = await h.stripe.checkout.sessions.create({
    mode: 'payment', success_url: 'https://shop.test/ok',
    line_items: [
      { quantity: 2, price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Mug', description: 'Blue' } } },
      { quantity: 1, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Stickers' } } },
    ],
  });
  assert.equal(session.amount_total, 3000);
  assert.equal('line_items' in session, false, 'no line_items field unless expanded');
  assert.equal('line_items' in (await h.stripe.checkout.sessions.retrieve(session.id)), false);

  const items = await h.stripe.checkout.sessions.listLineItems(session.id);
  assert.equal(items.url, `/v1/checkout/sessions/${session.id}/line_items`);
  assert.deepEqual(items.data.map((i) => [i.object, i.description, i.quantity, i.amount_subtotal, i.amount_total, i.currency]),
    [['item', 'Mug', 2, 2500, 2500, 'usd'], ['item', 'Stickers', 1, 500, 500, 'usd']]);
  const [mug] = items.data;
  assert.match(mug!.id, /^li_/);
  assert.deepEqual([mug!.price!.object, mug!.price!.unit_amount, mug!.price!.currency, mug!.price!.type], ['price', 1250, 'usd', 'one_time']);
  assert.match(mug!.price!.id, /^price_/);
  assert.match(mug!.price!.product as string, /^prod_/);

  const firstOnly = await h.stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
  assert.deepEqual([firstOnly.data.map((i) => i.id), firstOnly.has_more], [[mug!.id], true]);
  const next = await h.stripe.checkout.sessions.listLineItems(session.id, { limit: 1, starting_after: mug!.id });
  assert.deepEqual([next.data.map((i) => i.description), next.has_more], [['Stickers'], false]);

  const expanded = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
  assert.deepEqual(expanded.line_items?.data.map((i) => i.id), items.data.map((i) => i.id));
  const listed = await h.stripe.checkout.sessions.list({ expand: ['data.line_items'] });
  assert.equal(listed.data[0]!.line_items?.data.length, 2);
  const setup = await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://shop.test/ok' });
  assert.deepEqual((await h.stripe.checkout.sessions.listLineItems(setup.id)).data, []);
  const missing = await stripeFailure(h.stripe.checkout.sessions.listLineItems('cs_test_nope'));
  assert.equal(missing.statusCode, 404);
});
