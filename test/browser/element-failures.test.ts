import { expect, html } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, type Shop } from './helpers/element-backend.js';
import { mount, fillCard, clickPay, part, until, VISA } from './helpers/element-fixture.js';
import { StripeSaveCard } from '../../src/element/stripe-save-card.js';

describe('<stripe-save-card> backend failures', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });
  afterEach(() => { StripeSaveCard.backendTimeout = 15_000; });

  const failures: Array<[string, () => void, RegExp, number | undefined]> = [
    ['500', () => shop.use(http.post(INTENT_URL, () => new HttpResponse('boom', { status: 500, statusText: 'Internal Server Error' }))),
      /\/shop\/intent: expected JSON \{clientSecret\}, got .*\(500 Internal Server Error\)/, 500],
    ['HTML instead of JSON', () => shop.use(http.post(INTENT_URL, () => HttpResponse.html('<!doctype html><p>Login</p>'))),
      /\/shop\/intent: expected JSON \{clientSecret\}, got text\/html/, 200],
    ['JSON without a secret', () => shop.use(http.post(INTENT_URL, () => HttpResponse.json({ ok: true }))),
      /\/shop\/intent: expected JSON \{clientSecret\}, got \{ok\}/, 200],
    ['a timeout', () => {
      StripeSaveCard.backendTimeout = 400;
      shop.use(http.post(INTENT_URL, async () => { await delay(3000); return HttpResponse.json({}); }));
    }, /POST \/shop\/intent: expected an answer within 400 ms, got none/, undefined],
    ['the network down', () => shop.use(http.post(INTENT_URL, () => HttpResponse.error())),
      /POST \/shop\/intent: expected an answer, got a network error/, undefined],
  ];

  for (const [name, arrange, message, status] of failures) {
    it(`${name} → ssc-error {stage:'backend'} with a clear message for the developer, a shopper's sentence on screen; the form stays usable`, async () => {
      arrange();
      const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL}></stripe-save-card>`);
      await fillCard(VISA);
      clickPay(el);
      const error = await log.first('ssc-error');
      expect(error.detail.stage).to.equal('backend');
      expect(error.detail.message).to.match(message);
      expect(error.detail.status).to.equal(status);
      // The shopper never reads the developer's detail (a URL, a content type): that is the event's and the console's.
      expect(part(el, 'error').textContent).to.equal('Something went wrong on our side. Please try again later.');
      expect(shop.fake.requests.filter((r) => /confirm/.test(r.path))).to.have.length(0);
      // The backend recovers: the same form pays.
      shop.worker.resetHandlers();
      StripeSaveCard.backendTimeout = 15_000;
      await until(() => !(part(el, 'button') as HTMLButtonElement).disabled, 'button enabled');
      clickPay(el);
      await log.first('ssc-succeeded');
      expect(part(el, 'error').textContent).to.equal('');
    });
  }

  it('accepts client_secret (Stripe\'s own spelling) from the backend', async () => {
    const { el, log } = await mount(html`<stripe-save-card publishable-key=${PUBLISHABLE_KEY} intent-url=${INTENT_URL} .intentBody=${{ snakeCase: true }}></stripe-save-card>`);
    await fillCard(VISA);
    clickPay(el);
    await log.first('ssc-succeeded');
  });
});
