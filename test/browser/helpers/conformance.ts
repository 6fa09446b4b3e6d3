// Shared by the conformance tests (code written elsewhere, run unmodified on the fake): the four outcomes every
// integration must get right, a merchant backend for the pages to call, and a customer's mouse.
import { http, HttpResponse } from 'msw';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { EmulatorSetup } from './emulator.js';
import { answerChallenge } from './challenge.js';

export interface Outcome {
  title: string;
  number: string;
  /** The 3DS challenge appears and the customer answers it. */
  challenge?: 'complete' | 'fail';
  /** What the page shows: the intent's status, or the error's code (and message). */
  expected: { status: string } | { code: string; message?: string };
}

export const OUTCOMES: readonly Outcome[] = [
  { title: '4242 4242 4242 4242 succeeds', number: '4242424242424242', expected: { status: 'succeeded' } },
  { title: '4000 0025 0000 3155 with 3D Secure completed succeeds', number: '4000002500003155', challenge: 'complete', expected: { status: 'succeeded' } },
  { title: '4000 0025 0000 3155 with 3D Secure failed is refused', number: '4000002500003155', challenge: 'fail', expected: { code: 'payment_intent_authentication_failure' } },
  { title: '4000 0000 0000 9995 is declined for insufficient funds', number: '4000000000009995', expected: { code: 'card_declined', message: 'Your card has insufficient funds.' } },
];

/** `POST /create-payment-intent` → `{ clientSecret }`, as a merchant's server answers (here: the emulator in the page). */
export function merchantBackend(env: () => EmulatorSetup, created: string[] = []) {
  return http.post('/create-payment-intent', () => {
    const intent = env().createPaymentIntent({ amount: 1400, currency: 'usd' });
    created.push(intent.id);
    return HttpResponse.json({ clientSecret: intent.client_secret });
  });
}

/** A real mouse click in the middle of `element`. */
export async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const rect = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
  await resetMouse();
}

/** What the page shows once the payment is settled: `#result` (status) or `[role=alert]` (error code and message). */
export async function settledOutcome(root: ParentNode, outcome: Outcome, timeoutMs = 15000): Promise<Outcome['expected']> {
  if (outcome.challenge) await answerChallenge(outcome.challenge);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = root.querySelector('#result');
    const alert = root.querySelector<HTMLElement>('[role=alert][data-code]');
    if (result?.textContent) return { status: result.textContent.trim() };
    if (alert?.dataset.code) return 'message' in outcome.expected ? { code: alert.dataset.code, message: alert.textContent!.trim() } : { code: alert.dataset.code };
    if (Date.now() > deadline) throw new Error(`The page showed no outcome within ${timeoutMs} ms: ${(root as Element).textContent ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
