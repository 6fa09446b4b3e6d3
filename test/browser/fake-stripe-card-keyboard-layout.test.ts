// Two things real Elements do that pages rely on: Enter in a card field submits the form around the mount node
// (implicit submission), and a narrow Card Element shortens a complete number to its last digits so expiry, CVC and
// postal code stay visible. Real key presses and clicks; geometry read from the frame as the customer sees it.
import { expect, waitUntil } from '@open-wc/testing';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import { installFakeStripe, type FakeStripeInstallation } from '../../src/testing/browser/index.js';
import { cardFrame, cardInput, clickField, press, typeCard } from './helpers/card.js';

describe('fake Stripe.js: Enter submits, narrow layout', function () {
  this.timeout(30000);
  let install: FakeStripeInstallation;
  let stripe: Stripe;
  let host: HTMLElement;

  beforeEach(async () => {
    install = installFakeStripe({ apiBase: '/no-network-in-these-tests' });
    stripe = (await loadStripe('pk_test_layout'))!;
    host = document.createElement('div');
    document.body.append(host);
  });

  afterEach(() => {
    host.remove();
    install();
  });

  async function mountIn(parent: HTMLElement, type: 'card' | 'cardCvc' = 'card', width = '480px'): Promise<{ element: StripeCardElement; frame: HTMLIFrameElement; node: HTMLElement }> {
    const node = document.createElement('div');
    node.style.width = width;
    parent.append(node);
    const element = stripe.elements().create(type as 'card');
    const ready = new Promise<void>((resolve) => element.once('ready', () => resolve()));
    element.mount(node);
    await ready;
    return { element, frame: cardFrame(node), node };
  }

  function formWith(...extra: HTMLElement[]): { form: HTMLFormElement; submits: SubmitEvent[] } {
    const form = document.createElement('form');
    const submits: SubmitEvent[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submits.push(event);
    });
    form.append(...extra);
    host.append(form);
    return { form, submits };
  }

  it('Enter in the card number submits the form that contains the mount node, once', async () => {
    const { form, submits } = formWith();
    const { frame, element } = await mountIn(form);
    await typeCard(frame, { number: '4242' });
    await press('Enter');
    expect(submits.length).to.equal(1);
    expect(submits[0]!.target).to.equal(form);
    expect(cardInput(frame, 'number').value).to.equal('4242'); // the key typed nothing
    element.destroy();
  });

  it('Enter in a split Element submits too; the form\'s own validation still runs first', async () => {
    const required = Object.assign(document.createElement('input'), { name: 'email', required: true });
    const { submits } = formWith(required);
    const { frame, element } = await mountIn(required.form!, 'cardCvc');
    await typeCard(frame, { cvc: '12' });
    await press('Enter');
    expect(submits.length).to.equal(0); // the required email is empty: requestSubmit() refuses, as a click would
    required.value = 'jenny@example.com';
    await clickField(frame, 'cvc');
    await press('Enter');
    expect(submits.length).to.equal(1);
    element.destroy();
  });

  it('Enter outside any form does nothing (and throws nothing)', async () => {
    const { frame, element } = await mountIn(host);
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    await typeCard(frame, { number: '4242' });
    await press('Enter');
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    element.destroy();
  });

  /** Where a node of the frame's document sits, in the frame's own coordinates, and whether its text is cut. */
  function geometry(frame: HTMLIFrameElement, node: Element) {
    const rect = node.getBoundingClientRect();
    const input = node as HTMLInputElement;
    return {
      visible: rect.width > 0 && rect.left >= 0 && rect.right <= frame.clientWidth + 0.5,
      clipped: node instanceof (frame.contentWindow as Window & typeof globalThis).HTMLInputElement && input.scrollWidth > input.clientWidth + 1,
    };
  }

  it('at 280 px a complete number shrinks to its last four digits and every other field stays whole and visible', async () => {
    const { frame, element } = await mountIn(host, 'card', '280px');
    const doc = frame.contentDocument!;
    await typeCard(frame, { number: '4242424242424242', exp: '1234', cvc: '123', postal: '42424' });
    const numberField = doc.querySelector('.CardField-number')!;
    expect(numberField.classList.contains('is-collapsed')).to.equal(true);
    expect(doc.querySelector('.CardField-number-last4')!.textContent).to.equal('4242');
    const seen = (['exp', 'cvc', 'postal'] as const).map((field) => ({ field, ...geometry(frame, cardInput(frame, field)) }));
    expect(seen).to.deep.equal([
      { field: 'exp', visible: true, clipped: false }, { field: 'cvc', visible: true, clipped: false }, { field: 'postal', visible: true, clipped: false },
    ]);
    expect(geometry(frame, doc.querySelector('.CardField-number-last4')!).visible).to.equal(true);

    // Back in the number, the customer sees all of it again, uncut; the value never changed.
    await clickField(frame, 'number');
    expect(numberField.classList.contains('is-collapsed')).to.equal(false);
    expect(cardInput(frame, 'number').value).to.equal('4242 4242 4242 4242');
    // Firefox scrolls the focused field into view a frame or two after the click (the row was scrolled to the postal
    // code): what the customer sees is the settled row.
    await waitUntil(() => geometry(frame, cardInput(frame, 'number')).visible, 'the number scrolls back into view', { timeout: 2000 }).catch(() => {});
    expect(geometry(frame, cardInput(frame, 'number'))).to.deep.equal({ visible: true, clipped: false });
    element.destroy();
  });

  it('at 280 px a late scroll of the row (a browser revealing the field typed in last) cannot push the number out of view', async () => {
    const { frame, element } = await mountIn(host, 'card', '280px');
    const doc = frame.contentDocument!;
    await typeCard(frame, { number: '4242424242424242', exp: '1234', cvc: '123', postal: '42424' });
    await clickField(frame, 'number');
    // The fault: what Firefox did late under load, scrolling the row 156 px towards the postal code.
    const row = doc.querySelector<HTMLElement>('.CardField')!;
    row.scrollLeft = 156;
    expect(row.scrollLeft).to.equal(0);
    expect(geometry(frame, cardInput(frame, 'number'))).to.deep.equal({ visible: true, clipped: false });
    element.destroy();
  });

  it('with room to spare the number stays whole; shrinking the field collapses it, widening brings it back', async () => {
    const { frame, element, node } = await mountIn(host, 'card', '520px');
    const doc = frame.contentDocument!;
    await typeCard(frame, { number: '4242424242424242', exp: '1234' });
    const numberField = doc.querySelector('.CardField-number')!;
    expect(numberField.classList.contains('is-collapsed')).to.equal(false);
    expect((['number', 'exp', 'cvc', 'postal'] as const).map((f) => geometry(frame, cardInput(frame, f)))).to.deep.equal(
      Array(4).fill({ visible: true, clipped: false }),
    );
    const resized = () => new Promise((resolve) => frame.contentWindow!.addEventListener('resize', resolve, { once: true }));
    let done = resized();
    node.style.width = '280px';
    await done;
    expect(numberField.classList.contains('is-collapsed')).to.equal(true);
    done = resized();
    node.style.width = '520px';
    await done;
    expect(numberField.classList.contains('is-collapsed')).to.equal(false);
    element.destroy();
  });
});
