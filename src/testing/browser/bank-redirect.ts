// The test bank page of a redirect method (iDEAL, Bancontact), drawn by the fake over the page the way its 3D Secure
// challenge is: real Stripe.js sends the customer to a Stripe-hosted test page with "Authorize Test Payment" and
// "Fail Test Payment"; a page whose Stripe lives behind msw cannot navigate there, so the fake shows the same two
// buttons in a full-viewport frame, posts the choice to the emulator, then navigates to return_url as Stripe would.
import { adoptStyles, setImportantStyles } from './frame-styles.js';

export const REDIRECT_FRAME_NAME = 'stripe-redirect-frame';
export const REDIRECT_FRAME_TITLE = 'Test payment page';

export type RedirectOutcome = 'authorize' | 'fail';

const CSS = `
html, body { margin: 0; height: 100%; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; }
body { display: flex; align-items: center; justify-content: center; background: #f6f9fc; }
main { background: #fff; border-radius: 8px; padding: 24px 28px; max-width: 380px; box-shadow: 0 12px 40px rgba(0,0,0,.15); }
h1 { font-size: 18px; margin: 0 0 8px; color: #32325d; }
p { font-size: 14px; color: #525f7f; line-height: 1.4; margin: 0 0 20px; }
.actions { display: flex; gap: 12px; justify-content: flex-end; }
button { font: inherit; font-size: 14px; padding: 8px 16px; border-radius: 4px; border: 1px solid #cfd7df; background: #fff; cursor: pointer; }
#authorize-test-payment { background: #635bff; border-color: #635bff; color: #fff; }
button:disabled { opacity: .6; cursor: default; }
`;

const escapeHtml = (text: string): string => text.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);

function pageHtml(method: string, amount: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${REDIRECT_FRAME_TITLE}</title></head><body>
<main role="dialog" aria-modal="true" aria-labelledby="title">
<h1 id="title">${escapeHtml(method)} test payment page</h1>
<p>This is a test payment of <strong id="amount">${escapeHtml(amount)}</strong>. With a live payment the customer's bank would ask them to approve it here.</p>
<div class="actions">
<button type="button" id="fail-test-payment">Fail Test Payment</button>
<button type="button" id="authorize-test-payment">Authorize Test Payment</button>
</div></main></body></html>`;
}

/** Shows the bank page; resolves once the customer chose and `answer(outcome)` (the POST) finished. */
export function showBankRedirect(info: { method: string; amount: string }, answer: (outcome: RedirectOutcome) => Promise<void>): Promise<RedirectOutcome> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.name = REDIRECT_FRAME_NAME;
    frame.title = REDIRECT_FRAME_TITLE;
    frame.setAttribute('frameborder', '0');
    setImportantStyles(frame, {
      position: 'fixed', inset: '0', width: '100vw', height: '100vh', border: 'none', margin: '0', padding: '0',
      'z-index': '2147483647', display: 'block', visibility: 'visible', background: '#f6f9fc',
    });
    let answered = false;
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument;
      if (!doc) return;
      adoptStyles(doc, CSS);
      const buttons = [...doc.querySelectorAll<HTMLButtonElement>('button')];
      const choose = (outcome: RedirectOutcome): void => {
        if (answered) return;
        answered = true;
        for (const button of buttons) button.disabled = true;
        void answer(outcome).finally(() => {
          frame.remove();
          resolve(outcome);
        });
      };
      doc.getElementById('authorize-test-payment')?.addEventListener('click', () => choose('authorize'));
      doc.getElementById('fail-test-payment')?.addEventListener('click', () => choose('fail'));
      doc.getElementById('authorize-test-payment')?.focus();
    });
    frame.srcdoc = pageHtml(info.method, info.amount);
    document.body.append(frame);
  });
}
