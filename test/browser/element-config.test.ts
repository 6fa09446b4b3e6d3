import { expect, html } from '@open-wc/testing';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, API_BASE, type Shop } from './helpers/element-backend.js';
import { mount } from './helpers/element-fixture.js';
import { StripeSaveCard } from '../../src/element/stripe-save-card.js';
import { installFakeStripe } from '../../src/testing/browser/index.js';

function captureConsole(kind: 'error' | 'warn'): { messages: string[]; restore: () => void } {
  const original = console[kind];
  const messages: string[] = [];
  console[kind] = (...args: unknown[]) => { messages.push(args.map(String).join(' ')); };
  return { messages, restore: () => { console[kind] = original; } };
}

describe('<stripe-save-card> loading and configuration', function () {
  this.timeout(30000);
  let shop: Shop;
  beforeEach(async () => { shop = await startShop(); });
  afterEach(() => { StripeSaveCard.loadTimeout = 10_000; });

  // Both load failures write their reason to the console (for the merchant): captured and checked, not printed.
  let consoleErrors: ReturnType<typeof captureConsole> | undefined;
  afterEach(() => { consoleErrors?.restore(); consoleErrors = undefined; });

  it('no window.Stripe and the Stripe.js script blocked: ssc-error {stage:"load"} within the bound, then reset() retries and mounts', async () => {
    consoleErrors = captureConsole('error');
    shop.fake.uninstall();
    StripeSaveCard.loadTimeout = 1500;
    const started = performance.now();
    // A key no other test used, so no cached instance answers.
    const { el, log } = await mount(html`<stripe-save-card publishable-key="pk_test_loadfailure" intent-url=${INTENT_URL}></stripe-save-card>`, false);
    const error = await log.first('ssc-error', 5000);
    const elapsed = performance.now() - started;
    expect(error.detail.stage).to.equal('load');
    expect(error.detail.message).to.match(/Stripe\.js/);
    expect(elapsed).to.be.below(1500 + 1000);
    // The shopper reads what to do; the technical reason is the merchant's (event detail, console).
    expect(part(el).textContent).to.equal("We couldn't load the payment form. Check your connection and try again.");
    expect(log.types()).to.not.include('ssc-ready');
    expect(consoleErrors.messages).to.deep.equal([error.detail.message]);
    // Fixed (Stripe.js reachable again): reset() loads again instead of reusing the failed promise.
    shop.fake = installFakeStripe({ apiBase: API_BASE });
    el.reset();
    await log.first('ssc-ready');
    expect(el.querySelector('iframe')).to.not.equal(null);
  });

  it('a failed load is retried by the next submit', async () => {
    consoleErrors = captureConsole('error');
    shop.fake.uninstall();
    StripeSaveCard.loadTimeout = 800;
    const { el, log } = await mount(html`<stripe-save-card publishable-key="pk_test_loadfailure2" intent-url=${INTENT_URL}></stripe-save-card>`, false);
    const error = await log.first('ssc-error', 5000);
    expect(consoleErrors.messages).to.deep.equal([error.detail.message]);
    shop.fake = installFakeStripe({ apiBase: API_BASE });
    await el.submit();
    await log.first('ssc-ready');
    expect(shop.intentRequests).to.have.length(0);
  });

  for (const [attrs, attribute, expected, actual] of [
    [{ mode: 'sale' }, 'mode', '"payment" or "setup"', '"sale"'],
    [{ confirm: 'browser' }, 'confirm', '"client" or "server"', '"browser"'],
    [{ 'save-usage': 'later' }, 'save-usage', '"off_session" or "on_session"', '"later"'],
  ] as const) {
    it(`unknown ${attribute} → console.error naming it with expected vs actual, and ssc-error {stage:"validation"}`, async () => {
      const errors = captureConsole('error');
      try {
        const wrapper = document.createElement('div');
        const seen: CustomEvent[] = [];
        wrapper.addEventListener('ssc-error', (e) => seen.push(e));
        document.body.append(wrapper);
        const el = document.createElement('stripe-save-card');
        el.setAttribute('publishable-key', PUBLISHABLE_KEY);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        wrapper.append(el);
        await el.updateComplete;
        expect(errors.messages.some((m) => m.includes(attribute) && m.includes(expected) && m.includes(actual))).to.equal(true);
        expect(seen[0]!.detail.stage).to.equal('validation');
        expect(seen[0]!.detail.message).to.contain(attribute);
        wrapper.remove();
      } finally {
        errors.restore();
      }
    });
  }

  for (const [key, pattern] of [
    ['sk_test_123', /secret key/],
    ['nonsense', /expected "pk_test_\.\.\." or "pk_live_\.\.\.", got "nonsense"/],
    ['pk_live_abc123', /expected an https: page for a live key, got an http: page/],
  ] as const) {
    it(`publishable-key="${key}" is refused before loading anything`, async () => {
      const errors = captureConsole('error');
      try {
        const { el, log } = await mount(html`<stripe-save-card publishable-key=${key} intent-url=${INTENT_URL}></stripe-save-card>`, false);
        const error = await log.first('ssc-error');
        expect(error.detail.stage).to.equal('validation');
        expect(error.detail.message).to.match(pattern);
        expect(error.detail.message).to.contain('publishable-key');
        expect(errors.messages.join('\n')).to.match(pattern);
        expect(el.querySelector('iframe')).to.equal(null);
      } finally {
        errors.restore();
      }
    });
  }

  it('a ready `stripe` property is used as is (no publishable-key needed)', async () => {
    const stripe = (window as unknown as { Stripe: (k: string) => unknown }).Stripe(PUBLISHABLE_KEY);
    const { el } = await mount(html`<stripe-save-card .stripe=${stripe} intent-url=${INTENT_URL}></stripe-save-card>`);
    expect(el.querySelector('iframe')).to.not.equal(null);
  });
});

function part(el: StripeSaveCard): HTMLElement {
  return el.shadowRoot!.querySelector('[part="error"]') as HTMLElement;
}
