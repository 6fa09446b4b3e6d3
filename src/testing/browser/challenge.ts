// The 3D Secure challenge, shown like Stripe.js shows it: a full-viewport overlay iframe above the page whose
// document carries Stripe's test-page buttons, `#test-source-authorize-3ds` ("Complete") and
// `#test-source-fail-3ds` ("Fail"). The frame is a same-origin srcdoc, so the fake listens to the buttons from here
// and no script runs inside it. Its styles are adopted as a constructable stylesheet (no <style>, no style
// attribute), so a strict CSP without 'unsafe-inline' lets it through.
import { adoptStyles, setImportantStyles } from './frame-styles.js';

export const CHALLENGE_FRAME_NAME = 'stripe-challenge-frame';
export const CHALLENGE_FRAME_TITLE = '3D Secure challenge';

export type ChallengeOutcome = 'complete' | 'fail';

const CHALLENGE_CSS = `
html, body { margin: 0; height: 100%; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; }
body { display: flex; align-items: center; justify-content: center; background: rgba(50, 50, 93, 0.45); }
.modal { background: #fff; border-radius: 8px; padding: 24px 28px; max-width: 380px; box-shadow: 0 12px 40px rgba(0,0,0,.3); }
h1 { font-size: 18px; margin: 0 0 8px; color: #32325d; }
p { font-size: 14px; color: #525f7f; line-height: 1.4; margin: 0 0 20px; }
.actions { display: flex; gap: 12px; justify-content: flex-end; }
button { font: inherit; font-size: 14px; padding: 8px 16px; border-radius: 4px; border: 1px solid #cfd7df; background: #fff; cursor: pointer; }
#test-source-authorize-3ds { background: #635bff; border-color: #635bff; color: #fff; }
button:disabled { opacity: .6; cursor: default; }
`;

const CHALLENGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3D Secure 2 Test Page</title></head><body>
<div class="modal" role="dialog" aria-modal="true" aria-labelledby="challenge-title">
<h1 id="challenge-title">3D Secure 2 Test Page</h1>
<p>This is a test payment: no real bank is asked. Complete or fail the authentication to see how your page handles each outcome.</p>
<div class="actions">
<button type="button" id="test-source-fail-3ds">Fail</button>
<button type="button" id="test-source-authorize-3ds">Complete</button>
</div></div></body></html>`;

/**
 * Shows the challenge and resolves with the customer's answer once `answer(outcome)` (the POST to the emulator)
 * has finished; the overlay is removed before the promise resolves.
 */
export function showChallenge(answer: (outcome: ChallengeOutcome) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.name = CHALLENGE_FRAME_NAME;
    frame.title = CHALLENGE_FRAME_TITLE;
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('allowtransparency', 'true');
    setImportantStyles(frame, {
      position: 'fixed', inset: '0', width: '100vw', height: '100vh', border: 'none', margin: '0', padding: '0',
      'z-index': '2147483647', display: 'block', visibility: 'visible', background: 'transparent',
    });
    let answered = false;
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument;
      if (!doc) return;
      adoptStyles(doc, CHALLENGE_CSS);
      const buttons = [...doc.querySelectorAll<HTMLButtonElement>('button')];
      const choose = (outcome: ChallengeOutcome): void => {
        if (answered) return;
        answered = true;
        for (const button of buttons) button.disabled = true;
        void answer(outcome).finally(() => {
          frame.remove();
          resolve();
        });
      };
      doc.getElementById('test-source-authorize-3ds')?.addEventListener('click', () => choose('complete'));
      doc.getElementById('test-source-fail-3ds')?.addEventListener('click', () => choose('fail'));
      doc.getElementById('test-source-authorize-3ds')?.focus();
    });
    frame.srcdoc = CHALLENGE_HTML;
    document.body.append(frame);
  });
}
