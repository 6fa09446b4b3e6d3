// Answers the fake Stripe.js's 3D Secure overlay like a customer: a real mouse click on "Complete" or "Fail".
import { resetMouse, sendMouse } from '@web/test-runner-commands';

const FRAME_SELECTOR = 'iframe[name="stripe-challenge-frame"]';

/** The open challenge overlay, once its buttons are there; throws after `timeoutMs` without one. */
export async function waitForChallenge(timeoutMs = 5000): Promise<HTMLIFrameElement> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = document.querySelector<HTMLIFrameElement>(FRAME_SELECTOR);
    // Loaded, not just parsed: the overlay is styled and its buttons wired on load, and Firefox shows the parsed
    // buttons a moment before that (a click there lands where the button was before styling, and does nothing).
    const doc = frame?.contentDocument;
    if (doc?.readyState === 'complete' && doc.getElementById('test-source-authorize-3ds')) return frame!;
    if (Date.now() > deadline) throw new Error('No 3D Secure challenge overlay appeared.');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function challengeOpen(): boolean {
  return document.querySelector(FRAME_SELECTOR) !== null;
}

/** Clicks "Complete" (`complete`) or "Fail" (`fail`) in the overlay with the real mouse. */
export async function answerChallenge(outcome: 'complete' | 'fail'): Promise<void> {
  const frame = await waitForChallenge();
  const button = frame.contentDocument!.getElementById(outcome === 'complete' ? 'test-source-authorize-3ds' : 'test-source-fail-3ds')!;
  const outer = frame.getBoundingClientRect();
  const inner = button.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(outer.left + inner.left + inner.width / 2), Math.round(outer.top + inner.top + inner.height / 2)] });
  await resetMouse();
}
