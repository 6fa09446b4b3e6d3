// The hosted 3D Secure and Checkout pages, driven in real Chromium against the emulator over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { startEmulator } from '../../src/testing/server/index.js';
import type { RunningEmulator } from '../../src/testing/server/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startPageServer, stripeFor } from './server-helpers.js';
import type { PageServer } from './server-helpers.js';

let server: RunningEmulator;
let shop: PageServer;
let stripe: Stripe;
let browser: Browser;

before(async () => {
  [server, shop, browser] = await Promise.all([
    startEmulator({ port: 0, quiet: true }),
    startPageServer(),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ]);
  stripe = stripeFor(server);
});
after(async () => {
  await browser?.close();
  await shop?.close();
  await server?.close();
});

async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

async function fillCard(page: Page, number: string, expiry = '12 / 34'): Promise<void> {
  await page.fill('input[name=cardnumber]', number);
  await page.fill('input[name=exp-date]', expiry);
  await page.fill('input[name=cvc]', '123');
  await page.fill('input[name=postal]', '42424');
}

async function setupSession(): Promise<Stripe.Checkout.Session> {
  const customer = await stripe.customers.create({ email: 'jenny.rosen@example.com' });
  return stripe.checkout.sessions.create({
    mode: 'setup',
    currency: 'usd',
    customer: customer.id,
    success_url: `${shop.url}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${shop.url}/cancel`,
  });
}

test('3DS page: "Complete" authenticates the PaymentIntent and returns to return_url like Stripe', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_authenticationRequired' });
  const confirmed = await stripe.paymentIntents.confirm(intent.id, { return_url: `${shop.url}/return` });
  assert.equal(confirmed.status, 'requires_action');
  const redirect = confirmed.next_action?.redirect_to_url;
  assert.ok(redirect?.url, `next_action: ${JSON.stringify(confirmed.next_action)}`);
  assert.ok(redirect.url.startsWith(server.url), `the challenge lives on the emulator: ${redirect.url}`);

  await withPage(async (page) => {
    await page.goto(redirect.url!);
    assert.equal(await page.locator('#test-source-fail-3ds').textContent(), 'Fail');
    await page.click('#test-source-authorize-3ds');
    await page.waitForURL(`${shop.url}/return?**`);
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('payment_intent'), intent.id);
    assert.equal(landed.searchParams.get('payment_intent_client_secret'), intent.client_secret);
    assert.equal(landed.searchParams.get('redirect_status'), 'succeeded');
  });
  assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'succeeded');
});

test('3DS page: "Fail" leaves the PaymentIntent needing a new payment method', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_authenticationRequired' });
  const confirmed = await stripe.paymentIntents.confirm(intent.id, { return_url: `${shop.url}/return` });
  await withPage(async (page) => {
    await page.goto(confirmed.next_action!.redirect_to_url!.url!);
    await page.click('#test-source-fail-3ds');
    await page.waitForURL(`${shop.url}/return?**`);
    assert.equal(new URL(page.url()).searchParams.get('redirect_status'), 'failed');
  });
  const after = await stripe.paymentIntents.retrieve(intent.id);
  assert.equal(after.status, 'requires_payment_method');
  assert.equal(after.last_payment_error?.code, 'payment_intent_authentication_failure');
});

test('3DS page for a SetupIntent returns with setup_intent params; revisiting it says it is done', async () => {
  const customer = await stripe.customers.create({});
  const setupIntent = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_authenticationRequired' });
  const confirmed = await stripe.setupIntents.confirm(setupIntent.id, { return_url: `${shop.url}/saved` });
  assert.equal(confirmed.status, 'requires_action');
  const challengeUrl = confirmed.next_action!.redirect_to_url!.url!;
  await withPage(async (page) => {
    await page.goto(challengeUrl);
    await page.click('#test-source-authorize-3ds');
    await page.waitForURL(`${shop.url}/saved?**`);
    const landed = new URL(page.url()).searchParams;
    assert.equal(landed.get('setup_intent'), setupIntent.id);
    assert.equal(landed.get('setup_intent_client_secret'), setupIntent.client_secret);
    assert.equal(landed.get('redirect_status'), 'succeeded');

    // A second visit (back button) cannot authenticate twice.
    await page.goto(challengeUrl);
    assert.match((await page.textContent('main')) ?? '', /already completed/);
    assert.equal(await page.locator('#test-source-authorize-3ds').count(), 0);
  });
  assert.equal((await stripe.setupIntents.retrieve(setupIntent.id)).status, 'succeeded');
  const cards = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  assert.equal(cards.data.length, 1);
});

test('an unknown 3DS source is a 404 page', async () => {
  await withPage(async (page) => {
    const response = await page.goto(`${server.url}/3ds/src_nope`);
    assert.equal(response?.status(), 404);
    assert.match((await page.textContent('h1')) ?? '', /not found/i);
  });
});

test('Checkout (setup mode): the card form saves the card and lands on success_url with the session id', async () => {
  const session = await setupSession();
  assert.ok(session.url?.startsWith(server.url), `session.url: ${session.url}`);
  await withPage(async (page) => {
    await page.goto(session.url!);
    assert.match((await page.textContent('body')) ?? '', /jenny\.rosen@example\.com/);
    await fillCard(page, '4242 4242 4242 4242');
    await page.click('button[type=submit]');
    await page.waitForURL(`${shop.url}/success?**`);
    assert.equal(new URL(page.url()).searchParams.get('session_id'), session.id);
  });
  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
  assert.equal(done.status, 'complete');
  const setupIntent = done.setup_intent as Stripe.SetupIntent;
  assert.equal(setupIntent.status, 'succeeded');
  const cards = await stripe.paymentMethods.list({ customer: session.customer as string, type: 'card' });
  assert.deepEqual(cards.data.map((pm) => pm.card?.last4), ['4242']);
});

test('Checkout: an expiry typed without the separator ("1234") is read as MM / YY', async () => {
  const session = await setupSession();
  await withPage(async (page) => {
    await page.goto(session.url!);
    await fillCard(page, '4242 4242 4242 4242', '1234');
    await page.click('button[type=submit]');
    await page.waitForURL(`${shop.url}/success?**`);
  });
  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
  const setupIntent = done.setup_intent as Stripe.SetupIntent;
  const pm = await stripe.paymentMethods.retrieve(setupIntent.payment_method as string);
  assert.deepEqual([pm.card?.exp_month, pm.card?.exp_year], [12, 2034]);
});

test('Checkout (payment mode): shows the total and line items, pays, and the PaymentIntent succeeds', async () => {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'T-shirt' } }, quantity: 2 }],
    customer_email: 'pat@example.com',
    success_url: `${shop.url}/paid?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${shop.url}/cancel`,
  });
  await withPage(async (page) => {
    await page.goto(session.url!);
    assert.equal(await page.textContent('h1'), 'Pay $25.00');
    assert.match((await page.textContent('#line-items')) ?? '', /T-shirt × 2: \$25\.00/);
    assert.equal(await page.textContent('#email'), 'pat@example.com');
    await fillCard(page, '4242 4242 4242 4242');
    await page.click('button[type=submit]');
    await page.waitForURL(`${shop.url}/paid?session_id=${session.id}`);
  });
  const done = await stripe.checkout.sessions.retrieve(session.id);
  assert.equal(done.status, 'complete');
  assert.equal(done.payment_status, 'paid');
  const intent = await stripe.paymentIntents.retrieve(done.payment_intent as string);
  assert.equal(intent.status, 'succeeded');
  assert.equal(intent.amount, 2500);
});

test('Checkout: a declined card shows the decline inline and the form stays usable', async () => {
  const session = await setupSession();
  await withPage(async (page) => {
    await page.goto(session.url!);
    await fillCard(page, '4000 0000 0000 0002');
    await page.click('button[type=submit]');
    await page.locator('#message', { hasText: 'Your card was declined.' }).waitFor();
    assert.equal(await page.isEnabled('button[type=submit]'), true);
    assert.equal(new URL(page.url()).pathname, new URL(session.url!).pathname);
  });
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'open');
});

test('Checkout: a 3DS card shows the challenge; "Complete" finishes the session', async () => {
  const session = await setupSession();
  await withPage(async (page) => {
    await page.goto(session.url!);
    await fillCard(page, '4000 0025 0000 3155');
    await page.click('button[type=submit]');
    await page.locator('#test-source-authorize-3ds').click();
    await page.waitForURL(`${shop.url}/success?**`);
  });
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'complete');
});

test('Checkout: the cancel link goes back to cancel_url', async () => {
  const session = await setupSession();
  await withPage(async (page) => {
    await page.goto(session.url!);
    await page.click('#cancel');
    await page.waitForURL(`${shop.url}/cancel`);
  });
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'open');
});

test('an unknown Checkout session is a 404 page, not a crash', async () => {
  await withPage(async (page) => {
    const response = await page.goto(`${server.url}/checkout/cs_test_nope`);
    assert.equal(response?.status(), 404);
    assert.match((await page.textContent('h1')) ?? '', /not found/i);
  });
});
