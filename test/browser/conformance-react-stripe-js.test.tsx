// Conformance: @stripe/react-stripe-js 7 and React 19 (the published packages, unmodified) on the fake Stripe.js.
// A checkout form written the way the library documents it — <Elements stripe={loadStripe(...)}>, useStripe,
// useElements, <CardElement> or the split <CardNumberElement>/<CardExpiryElement>/<CardCvcElement>, in StrictMode —
// mounts, takes a card typed with real keystrokes, confirms, and shows the right outcome for each test card.
import { expect } from '@open-wc/testing';
import { StrictMode, useState, type FormEvent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { CardCvcElement, CardElement, CardExpiryElement, CardNumberElement, Elements, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { StripeError } from '@stripe/stripe-js';
import { cardFrame, frameReady, typeCard } from './helpers/card.js';
import { clickOn, merchantBackend, OUTCOMES, settledOutcome } from './helpers/conformance.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';

function CheckoutForm({ split }: { split: boolean }) {
  const stripe = useStripe();
  const elements = useElements();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<StripeError>();
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(undefined);
    const { clientSecret } = await (await fetch('/create-payment-intent', { method: 'POST' })).json();
    const card = split ? elements.getElement(CardNumberElement)! : elements.getElement(CardElement)!;
    const result = await stripe.confirmCardPayment(clientSecret, { payment_method: { card, billing_details: { name: 'Jenny Rosen' } } });
    setBusy(false);
    if (result.error) setError(result.error);
    else setStatus(result.paymentIntent.status);
  };

  return (
    <form onSubmit={handleSubmit}>
      {split ? (
        <>
          <CardNumberElement id="card-number" />
          <CardExpiryElement id="card-expiry" />
          <CardCvcElement id="card-cvc" />
        </>
      ) : (
        <CardElement id="card" options={{ style: { base: { fontSize: '16px' } } }} />
      )}
      <button type="submit" disabled={!stripe || busy}>Pay</button>
      {status && <p id="result">{status}</p>}
      {error && <p role="alert" data-code={error.code}>{error.message}</p>}
    </form>
  );
}

describe('conformance: @stripe/react-stripe-js + React 19 on the fake Stripe.js', function () {
  this.timeout(60000);
  let env: EmulatorSetup;
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(async () => {
    env = await setupEmulator({ handlers: [merchantBackend(() => env)] });
    host = document.createElement('div');
    host.style.width = '420px';
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    root.unmount();
    host.remove();
    env.teardown();
  });

  /** Renders the form; resolves with the Stripe instance handed to <Elements> once the Elements are mounted. */
  async function render(split: boolean): Promise<unknown> {
    const stripePromise = loadStripe(env.publishableKey);
    root.render(
      <StrictMode>
        <Elements stripe={stripePromise}>
          <CheckoutForm split={split} />
        </Elements>
      </StrictMode>,
    );
    // Mounted once the Element frames have their inputs (React renders, the library creates and mounts them).
    const deadline = Date.now() + 10000;
    const ids = split ? ['card-number', 'card-expiry', 'card-cvc'] : ['card'];
    while (!ids.every((id) => host.querySelector(`#${id} iframe`)?.getAttribute('name'))) {
      if (Date.now() > deadline) throw new Error(`the Elements did not mount: ${host.innerHTML.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const id of ids) await frameReady(cardFrame(host.querySelector(`#${id}`)!));
    return stripePromise;
  }

  const frameIn = (id: string) => cardFrame(host.querySelector(`#${id}`)!);

  for (const outcome of OUTCOMES) {
    it(`CardElement: ${outcome.title}`, async () => {
      await render(false);
      await typeCard(frameIn('card'), { number: outcome.number, exp: '1234', cvc: '123', postal: '42424' });
      await clickOn(host.querySelector('button')!);
      expect(await settledOutcome(host, outcome)).to.deep.equal(outcome.expected);
    });
  }

  for (const outcome of OUTCOMES) {
    it(`split Elements: ${outcome.title}`, async () => {
      await render(true);
      await typeCard(frameIn('card-number'), { number: outcome.number });
      await typeCard(frameIn('card-expiry'), { exp: '1234' });
      await typeCard(frameIn('card-cvc'), { cvc: '123' });
      await clickOn(host.querySelector('button')!);
      expect(await settledOutcome(host, outcome)).to.deep.equal(outcome.expected);
    });
  }

  it('StrictMode mounts one live Element per type, and the library registers itself through registerAppInfo', async () => {
    const stripe = (await render(true)) as { appInfo: Array<{ name: string; version?: string }> };
    expect(['card-number', 'card-expiry', 'card-cvc'].map((id) => host.querySelectorAll(`#${id} iframe`).length)).to.deep.equal([1, 1, 1]);
    expect(stripe.appInfo.map((info) => info.name)).to.include('react-stripe-js');
  });
});
