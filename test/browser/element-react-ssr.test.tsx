// Server rendering with React 19: the page's HTML comes from renderToString, the element is defined (and so upgraded,
// connected and starting) before React hydrates, as in Next.js, where the client bundle registers it before
// hydrateRoot runs. Hydration must keep the server's nodes (no recoverable error, no client re-render), and the
// handlers and object properties must work from that first render: React 19 applies neither when it hydrates a
// custom element, so stripe-save-card/react sets them itself.
import { expect } from '@open-wc/testing';
import { renderToString } from 'react-dom/server';
import { hydrateRoot, type Root } from 'react-dom/client';
import { StripeSaveCard } from '../../src/react/index.js';
import type { StripeSaveCard as StripeSaveCardElement } from '../../src/element/stripe-save-card.js';
import { startShop, PUBLISHABLE_KEY, INTENT_URL, type Shop } from './helpers/element-backend.js';
import { fillCard, clickPay, part, until, VISA } from './helpers/element-fixture.js';

describe('stripe-save-card/react: server-rendered, then hydrated by React 19', function () {
  // ssc-ready before hydration: held by the component, not lost (events fired before React attaches listeners).
  this.timeout(30000);
  let shop: Shop;
  let container: HTMLDivElement;
  let root: Root | undefined;

  beforeEach(async () => {
    shop = await startShop();
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    root?.unmount();
    container.remove();
  });

  it('hydrates without a mismatch, keeps the server nodes, and hears ssc-ready and ssc-succeeded with the intentBody sent', async () => {
    const heard: Array<{ type: string; detail: unknown }> = [];
    const record = (event: CustomEvent) => heard.push({ type: event.type, detail: event.detail });
    const app = (
      <main>
        <h1>Checkout</h1>
        <StripeSaveCard publishableKey={PUBLISHABLE_KEY} intentUrl={INTENT_URL} amount={1999} currency="usd" locale="en-US"
          intentBody={{ cart: 'c1' }} onSscReady={record} onSscSucceeded={record}>
          <span slot="submit-label">Buy now</span>
        </StripeSaveCard>
      </main>
    );
    container.innerHTML = renderToString(app);
    const serverElement = container.querySelector('stripe-save-card') as StripeSaveCardElement;
    expect(serverElement.getAttribute('publishable-key')).to.equal(PUBLISHABLE_KEY);

    // The worst case for listeners: the card is ready before React hydrates (a fast or cached Stripe.js).
    await new Promise((resolve) => serverElement.addEventListener('ssc-ready', resolve, { once: true }));
    expect(heard).to.deep.equal([]);

    const recoverable: unknown[] = [];
    root = hydrateRoot(container, app, { onRecoverableError: (error) => recoverable.push(error) });
    // Held since, and handed over when the component hydrated.
    await until(() => heard.some((e) => e.type === 'ssc-ready'), 'ssc-ready heard through onSscReady', 10000);

    expect(recoverable.map(String)).to.deep.equal([]);
    const element = container.querySelector('stripe-save-card') as StripeSaveCardElement;
    expect(element).to.equal(serverElement); // hydrated, not thrown away and rebuilt on the client
    expect(element.querySelectorAll(':scope > form[slot="ssc-card"]')).to.have.length(1);
    expect(element.querySelector('iframe')).to.not.equal(null);
    // The children are the element's slotted content, as with the bare tag.
    expect(part(element, 'button').contains(element.querySelector('[slot="submit-label"]')!.assignedSlot)).to.equal(true);

    await fillCard(VISA, {}, element);
    clickPay(element);
    await until(() => heard.some((e) => e.type === 'ssc-succeeded'), 'ssc-succeeded heard through onSscSucceeded', 15000);
    const done = heard.find((e) => e.type === 'ssc-succeeded')!.detail as { intentId: string; status: string };
    expect(done.status).to.equal('succeeded');
    expect(shop.retrieve(done.intentId).status).to.equal('succeeded');
    // The object property, set during hydration, reached the backend with the first request.
    expect(shop.intentRequests).to.deep.equal([{ save: false, mode: 'payment', cart: 'c1' }]);
  });
});
