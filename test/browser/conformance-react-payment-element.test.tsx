// Conformance: @stripe/react-stripe-js 7 and React 19 (the published packages, unmodified) with the Payment Element
// on the fake Stripe.js: <Elements> in deferred-intent mode (mode, amount, currency), <LinkAuthenticationElement>
// for the email, <PaymentElement> (tabs), Pay enabled by the element's `change` events, elements.submit(), the
// merchant's server creating the intent, confirmPayment with redirect: 'if_required' — and an amount change that
// react-stripe-js passes on with elements.update().
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { StrictMode, useState, type FormEvent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Elements, LinkAuthenticationElement, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { StripeError, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import { sendKeys } from '@web/test-runner-commands';
import { clickOn } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { chooseType, paymentFrame, typeCardDetails, typeField } from './helpers/payment-element.js';

function CheckoutForm({ quantity, onQuantity }: { quantity: number; onQuantity: () => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const [complete, setComplete] = useState(false);
  const [type, setType] = useState('');
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<StripeError>();

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stripe || !elements) return;
    setError(undefined);
    const { error: submitError } = await elements.submit();
    if (submitError) return setError(submitError);
    const { clientSecret } = await (await fetch('/create-intent', { method: 'POST', body: JSON.stringify({ quantity }) })).json();
    const result = await stripe.confirmPayment({ elements, clientSecret, confirmParams: { return_url: `${location.origin}/done` }, redirect: 'if_required' });
    if (result.error) setError(result.error);
    else setStatus(result.paymentIntent.status);
  };

  return (
    <form onSubmit={handleSubmit}>
      <LinkAuthenticationElement id="link-authentication" onChange={(e) => setEmail(e.value.email)} />
      <PaymentElement id="payment-element" options={{ layout: 'tabs' }} onChange={(e: StripePaymentElementChangeEvent) => { setComplete(e.complete); setType(e.value.type); }} />
      <button type="button" id="quantity" onClick={onQuantity}>One more</button>
      <button type="submit" id="pay" disabled={!stripe || !complete}>Pay</button>
      <p id="selected">{type}</p>
      <p id="email">{email}</p>
      {status && <p id="result">{status}</p>}
      {error && <p role="alert" data-code={error.code}>{error.message}</p>}
    </form>
  );
}

function App({ stripePromise }: { stripePromise: ReturnType<typeof loadStripe> }) {
  const [quantity, setQuantity] = useState(1);
  return (
    <Elements stripe={stripePromise} options={{ mode: 'payment', amount: 1500 * quantity, currency: 'eur' }}>
      <CheckoutForm quantity={quantity} onQuantity={() => setQuantity((q) => q + 1)} />
    </Elements>
  );
}

describe('conformance: @stripe/react-stripe-js <PaymentElement> + <LinkAuthenticationElement> on the fake Stripe.js', function () {
  this.timeout(60000);
  let env: EmulatorSetup;
  let host: HTMLDivElement;
  let root: Root;
  let amounts: number[];

  beforeEach(async () => {
    amounts = [];
    env = await setupEmulator({
      emulator: { paymentMethodTypes: ['card', 'ideal', 'bancontact', 'sepa_debit'], settleDelayMs: 200 },
      handlers: [http.post('/create-intent', async ({ request }) => {
        // The merchant's server prices the order itself.
        const { quantity } = (await request.json()) as { quantity: number };
        const amount = 1500 * quantity;
        const intent = env.createPaymentIntent({ amount, currency: 'eur' });
        amounts.push(intent.amount);
        return HttpResponse.json({ clientSecret: intent.client_secret });
      })],
    });
    host = document.createElement('div');
    host.style.width = '460px';
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    root.unmount();
    host.remove();
    env.teardown();
  });

  async function render(): Promise<HTMLIFrameElement> {
    root.render(<StrictMode><App stripePromise={loadStripe(env.publishableKey)} /></StrictMode>);
    return paymentFrame(host);
  }

  const shown = async (selector: string, timeoutMs = 10000): Promise<HTMLElement> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const element = host.querySelector<HTMLElement>(selector);
      if (element?.textContent) return element;
      if (Date.now() > deadline) throw new Error(`Nothing in ${selector}: ${host.textContent}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  async function typeEmail(address: string): Promise<void> {
    const frame = host.querySelector<HTMLIFrameElement>('#link-authentication iframe')!;
    const input = frame.contentDocument!.querySelector('input[name="email"]')!;
    await clickOn(frame);
    (input as HTMLInputElement).focus();
    await sendKeys({ type: address });
  }

  it('Pay stays disabled until the Payment Element reports complete; 4242 then succeeds with the Link email on the PaymentMethod', async () => {
    const frame = await render();
    const pay = host.querySelector<HTMLButtonElement>('#pay')!;
    expect(pay.disabled).to.equal(true);
    expect((await shown('#selected')).textContent).to.equal('card');
    await typeEmail('jenny@example.com');
    expect((await shown('#email')).textContent).to.equal('jenny@example.com');
    await typeCardDetails(frame, '4242424242424242');
    await clickOn(pay);
    expect((await shown('#result')).textContent).to.equal('succeeded');
    const pi = env.emulator.request('GET', `/v1/payment_intents`, {}).body.data[0];
    const pm = env.emulator.request('GET', `/v1/payment_methods/${pi.payment_method}`).body;
    expect([pm.type, pm.card.last4, pm.billing_details.email, pm.billing_details.address.postal_code]).to.deep.equal(['card', '4242', 'jenny@example.com', '94107']);
  });

  it('9995 is declined with Stripe\'s message', async () => {
    const frame = await render();
    await typeEmail('jenny@example.com');
    await typeCardDetails(frame, '4000000000009995');
    await clickOn(host.querySelector('#pay')!);
    const alert = await shown('[role=alert]');
    expect([alert.dataset.code, alert.textContent]).to.deep.equal(['card_declined', 'Your card has insufficient funds.']);
  });

  it('SEPA Debit: name and IBAN in the element, email from the Link Authentication Element; processing, then succeeded by event', async () => {
    const frame = await render();
    await typeEmail('jenny@example.com');
    await chooseType(frame, 'sepa_debit');
    expect((await shown('#selected')).textContent).to.equal('sepa_debit');
    expect([...frame.contentDocument!.querySelectorAll('.p-Input')].map((input) => (input as HTMLInputElement).name)).to.deep.equal(['name', 'iban']);
    expect(frame.contentDocument!.getElementById('sepa-mandate')!.textContent).to.match(/authorise/);
    await typeField(frame, 'name', 'Jenny Rosen');
    await typeField(frame, 'iban', 'DE89370400440532013000');
    expect(frame.contentDocument!.querySelector<HTMLInputElement>('[name="iban"]')!.value).to.equal('DE89 3704 0044 0532 0130 00');
    const events: string[] = [];
    const off = env.emulator.onEvent((event) => events.push(event.type));
    await clickOn(host.querySelector('#pay')!);
    expect((await shown('#result')).textContent).to.equal('processing');
    const deadline = Date.now() + 5000;
    while (!events.includes('payment_intent.succeeded')) {
      if (Date.now() > deadline) throw new Error(`no payment_intent.succeeded: ${events.join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    off();
    const pi = env.emulator.request('GET', `/v1/payment_intents`, {}).body.data[0];
    const pm = env.emulator.request('GET', `/v1/payment_methods/${pi.payment_method}`).body;
    expect([pi.status, pm.type, pm.sepa_debit.last4, pm.billing_details.email]).to.deep.equal(['succeeded', 'sepa_debit', '3000', 'jenny@example.com']);
  });

  it('a changed amount reaches Stripe.js through elements.update() (the element re-reads its session) and the payment is for it', async () => {
    const frame = await render();
    await typeEmail('jenny@example.com');
    await typeCardDetails(frame, '4242424242424242');
    await clickOn(host.querySelector('#quantity')!);
    const sessionAmounts = () => env.fake!.requests.filter((r) => r.path === '/v1/elements/sessions').map((r) => r.params['deferred_intent[amount]']);
    const deadline = Date.now() + 5000;
    while (sessionAmounts().at(-1) !== '3000') {
      if (Date.now() > deadline) throw new Error(`elements.update() did not reach the element: ${sessionAmounts().join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sessionAmounts()).to.include('1500');
    // What was typed survives the update.
    expect(frame.contentDocument!.querySelector<HTMLInputElement>('[name="number"]')!.value).to.equal('4242 4242 4242 4242');
    await clickOn(host.querySelector('#pay')!);
    expect((await shown('#result')).textContent).to.equal('succeeded');
    expect(amounts).to.deep.equal([3000]);
  });
});
