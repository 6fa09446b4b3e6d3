// The fake Payment Element's Stripe.js surface, call by call: events and their payloads, Stripe.js's integration
// errors, elements.update() as a Promise with update-end, loaderror, createConfirmationToken with a server confirm and
// handleNextAction (3D Secure and a bank redirect), confirmSetup — against the emulator in the page.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { answerChallenge } from './helpers/challenge.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { answerBankPage, chooseType, navigation, paymentFrame, typeCardDetails, typeField } from './helpers/payment-element.js';
import { until } from './helpers/until.js';

// The fake's objects, typed loosely: these tests call what real Stripe.js offers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('fake Stripe.js: the Payment Element', function () {
  this.timeout(30000);
  let env: EmulatorSetup;
  let mount: HTMLDivElement;
  let navigated: string[];

  beforeEach(async () => {
    navigated = [];
    env = await setupEmulator({ emulator: { paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'] }, navigate: (url) => navigated.push(url) });
    mount = document.createElement('div');
    mount.style.width = '460px';
    document.body.append(mount);
  });

  afterEach(() => {
    mount.remove();
    env.teardown();
  });

  const stripe = (): Any => (window as Any).Stripe(env.publishableKey);

  function record(element: Any, type: string): Any[] {
    const seen: Any[] = [];
    element.on(type, (event: Any) => seen.push(event));
    return seen;
  }

  it('ready, then change with elementType, empty, complete, collapsed and value.type as the customer types and switches tabs', async () => {
    const elements = stripe().elements({ mode: 'payment', amount: 1000, currency: 'eur' });
    const element = elements.create('payment');
    const ready = record(element, 'ready');
    const changes = record(element, 'change');
    element.mount(mount);
    const frame = await paymentFrame(mount);
    await until(() => ready.length === 1, 'ready');
    expect(ready).to.deep.equal([{ elementType: 'payment' }]);
    expect(changes[0]).to.deep.equal({ elementType: 'payment', empty: true, complete: false, collapsed: false, value: { type: 'card' } });
    await typeCardDetails(frame, '4242424242424242');
    expect(changes.at(-1)).to.deep.equal({ elementType: 'payment', empty: false, complete: true, collapsed: false, value: { type: 'card' } });
    await chooseType(frame, 'bancontact');
    expect(changes.at(-1)).to.include({ complete: false, empty: true });
    expect(changes.at(-1).value).to.deep.equal({ type: 'bancontact' });
    expect(elements.getElement('payment')).to.equal(element);
    expect(mount.innerHTML).not.to.contain('4242');
  });

  it('a Payment Element and then a card field on one page: frames numbered in the order they mount, as Stripe.js does', async () => {
    const payment = stripe().elements({ mode: 'payment', amount: 1000, currency: 'eur' }).create('payment');
    const paymentMount = document.createElement('div');
    mount.append(paymentMount);
    payment.mount(paymentMount);
    const card = stripe().elements().create('card');
    const cardMount = document.createElement('div');
    mount.append(cardMount);
    card.mount(cardMount);
    const numbers = [paymentMount, cardMount].map((node) => {
      const name = node.querySelector('iframe')!.name;
      expect(name).to.match(/^__privateStripeFrame\d+$/);
      return Number(name.slice('__privateStripeFrame'.length));
    });
    // One count for every kind of element: a page (and Stripe.js itself) tells frames apart by name.
    expect(numbers[1]).to.be.above(numbers[0]!);
    card.destroy();
    payment.destroy();
  });

  it('update() while the customer types keeps their field focused: the next keys land in it', async () => {
    const elements = stripe().elements({ mode: 'payment', amount: 1000, currency: 'eur' });
    const element = elements.create('payment');
    element.mount(mount);
    const frame = await paymentFrame(mount);
    await typeField(frame, 'number', '4242 4242');
    element.update({ readOnly: false });
    await sendKeys({ type: '42424242' });
    expect(frame.contentDocument!.querySelector<HTMLInputElement>('[name="number"]')!.value).to.equal('4242 4242 4242 4242');
  });

  it('Stripe.js\'s integration errors: no mode or clientSecret, a bad amount, confirm before submit, no return_url', async () => {
    const s = stripe();
    expect(() => s.elements().create('payment')).to.throw(/must pass a clientSecret or mode/);
    expect(() => s.elements({ mode: 'payment', currency: 'eur' })).to.throw(/amount should be a non-negative integer/);
    expect(() => s.elements({ mode: 'payment', amount: 100, currency: 'eur', clientSecret: 'pi_1_secret_2' })).to.throw(/cannot both be given/);
    const elements = s.elements({ mode: 'payment', amount: 1000, currency: 'eur' });
    elements.create('payment').mount(mount);
    expect(() => elements.create('payment')).to.throw('Can only create one Element of type payment.');
    const frame = await paymentFrame(mount);
    await typeCardDetails(frame, '4242424242424242');
    const pi = env.createPaymentIntent({ amount: 1000, currency: 'eur' });
    let error: Any;
    await s.confirmPayment({ elements, clientSecret: pi.client_secret, redirect: 'if_required' }).catch((e: Any) => (error = e));
    expect(error?.name).to.equal('IntegrationError');
    expect(error.message).to.match(/^elements\.submit\(\) must be called before stripe\.confirmPayment\(\)/);
    expect(await elements.submit()).to.deep.equal({ selectedPaymentMethod: 'card' });
    error = undefined;
    await s.confirmPayment({ elements, clientSecret: pi.client_secret }).catch((e: Any) => (error = e));
    expect(error?.message).to.match(/confirmParams\.return_url` argument is required unless passing `redirect: 'if_required'`/);
    expect(env.fake!.requests.filter((r) => r.path.endsWith('/confirm'))).to.deep.equal([]);
  });

  it('elements.update() is a Promise and fires update-end; a currency the methods cannot take narrows the tabs', async () => {
    const elements = stripe().elements({ mode: 'payment', amount: 1000, currency: 'eur' });
    const ends: number[] = [];
    elements.on('update-end', () => ends.push(Date.now()));
    elements.create('payment').mount(mount);
    const frame = await paymentFrame(mount);
    const tabs = () => [...frame.contentDocument!.querySelectorAll('[role="tab"]')].map((tab) => tab.getAttribute('data-value'));
    await until(() => tabs().length === 4, 'four tabs');
    const updated = elements.update({ currency: 'usd' });
    expect(updated).to.be.instanceOf(Promise);
    await updated;
    expect(ends.length).to.equal(1);
    await until(() => tabs().length === 0, 'card alone (no tabs)');
    expect(frame.contentDocument!.querySelector('.p-Fields')!.getAttribute('data-type')).to.equal('card');
  });

  it('loaderror with Stripe\'s error for a client secret the API refuses', async () => {
    const elements = stripe().elements({ clientSecret: 'pi_3Nope000000000000000_secret_abc' });
    const element = elements.create('payment');
    const errors = record(element, 'loaderror');
    element.mount(mount);
    await until(() => errors.length === 1, 'loaderror');
    expect(errors[0].elementType).to.equal('payment');
    expect(errors[0].error.code).to.equal('resource_missing');
  });

  it('server confirm: createConfirmationToken, the server confirms with it, handleNextAction runs 3D Secure', async () => {
    const s = stripe();
    const elements = s.elements({ mode: 'payment', amount: 2000, currency: 'eur', setupFutureUsage: 'off_session' });
    elements.create('payment').mount(mount);
    await typeCardDetails(await paymentFrame(mount), '4000002500003155');
    expect((await elements.submit()).selectedPaymentMethod).to.equal('card');
    const { confirmationToken, error } = await s.createConfirmationToken({ elements, params: { return_url: `${location.origin}/done` } });
    expect(error).to.equal(undefined);
    expect(confirmationToken.id).to.match(/^ctoken_/);
    expect([confirmationToken.payment_method_preview.card.last4, confirmationToken.setup_future_usage]).to.deep.equal(['3155', 'off_session']);
    // The merchant's server: a customer, then an intent confirmed with the token (secret key).
    const customer = env.emulator.request('POST', '/v1/customers', {}).body;
    const confirmed = env.emulator.request('POST', '/v1/payment_intents', { amount: 2000, currency: 'eur', customer: customer.id, setup_future_usage: 'off_session', confirm: true, confirmation_token: confirmationToken.id }).body;
    expect(confirmed.status).to.equal('requires_action');
    const handled = s.handleNextAction({ clientSecret: confirmed.client_secret });
    await answerChallenge('complete');
    const result = await handled;
    expect(result.paymentIntent.status).to.equal('succeeded');
    expect(env.emulator.request('GET', `/v1/payment_methods/${result.paymentIntent.payment_method}`).body.customer).to.equal(customer.id);
  });

  it('server confirm with a redirect method: handleNextAction shows the bank page, then goes to return_url', async () => {
    const s = stripe();
    const elements = s.elements({ mode: 'payment', amount: 2000, currency: 'eur' });
    elements.create('payment', { layout: 'accordion' }).mount(mount);
    const frame = await paymentFrame(mount);
    await chooseType(frame, 'bancontact');
    await elements.submit().then((r: Any) => expect(r.error.code).to.equal('incomplete'));
    await typeField(frame, 'name', 'Jenny Rosen');
    await elements.submit();
    const { confirmationToken } = await s.createConfirmationToken({ elements, params: { return_url: `${location.origin}/done?order=9` } });
    const confirmed = env.emulator.request('POST', '/v1/payment_intents', { amount: 2000, currency: 'eur', confirm: true, confirmation_token: confirmationToken.id }).body;
    expect(confirmed.next_action.type).to.equal('redirect_to_url');
    void s.handleNextAction({ clientSecret: confirmed.client_secret });
    await answerBankPage('authorize');
    const url = await navigation(navigated);
    expect([url.pathname, url.searchParams.get('order'), url.searchParams.get('payment_intent'), url.searchParams.get('redirect_status')]).to.deep.equal(['/done', '9', confirmed.id, 'succeeded']);
    const retrieved = await s.retrievePaymentIntent(url.searchParams.get('payment_intent_client_secret'));
    expect(retrieved.paymentIntent.status).to.equal('succeeded');
  });

  it('confirmSetup with a SetupIntent\'s client secret saves the card; retrieveSetupIntent reads it back', async () => {
    const s = stripe();
    const customer = env.emulator.request('POST', '/v1/customers', {}).body;
    const si = env.createSetupIntent({ customer: customer.id });
    const elements = s.elements({ clientSecret: si.client_secret });
    elements.create('payment').mount(mount);
    const frame = await paymentFrame(mount);
    expect(frame.contentDocument!.querySelectorAll('[role="tab"]').length).to.equal(0);
    await typeCardDetails(frame, '4242424242424242');
    const result = await s.confirmSetup({ elements, confirmParams: { return_url: `${location.origin}/saved` }, redirect: 'if_required' });
    expect(result.setupIntent.status).to.equal('succeeded');
    expect((await s.retrieveSetupIntent(si.client_secret)).setupIntent.payment_method).to.equal(result.setupIntent.payment_method);
    expect(env.emulator.request('GET', `/v1/payment_methods/${result.setupIntent.payment_method}`).body.customer).to.equal(customer.id);
  });
});
