// GET /bank/:id: the emulator's test bank page for redirect methods (iDEAL, Bancontact), the stand-in for Stripe's
// test redirect page with its "Authorize Test Payment" / "Fail Test Payment" buttons. It posts to the core's
// /bank/:id/authorize|fail and sends the customer back to return_url with Stripe's query parameters
// (payment_intent, payment_intent_client_secret, redirect_status).
import type { Emulator } from '../emulator/types.js';
import { CLIENT_HELPERS, coreJson, document, errorPage, escapeHtml, formatAmount, type Page } from './pages.js';

interface BankView {
  id: string;
  state: string;
  payment_method_type: string | null;
  intent: { id: string; status: string; amount: number; currency: string };
  return_url: string | null;
  error?: { message?: string };
}

const METHOD_NAMES: Record<string, string> = { ideal: 'iDEAL', bancontact: 'Bancontact' };

export function renderBankPage(emulator: Emulator, id: string): Page {
  const { status, json: view } = coreJson<BankView>(emulator, `/bank/${encodeURIComponent(id)}`);
  if (status === 404) return errorPage(404, 'Payment not found', `No such test payment: ${id}`);
  if (!view || status >= 400) return errorPage(status >= 400 ? status : 502, 'Payment unavailable', view?.error?.message ?? `HTTP ${status}`);
  const method = METHOD_NAMES[view.payment_method_type ?? ''] ?? 'bank';
  const pending = view.state === 'pending';
  const body = `
<span class="badge">Test mode</span>
<h1>${escapeHtml(method)} test payment page</h1>
<p class="amount" id="amount">${escapeHtml(formatAmount(view.intent.amount, view.intent.currency))}</p>
<p>With a live ${escapeHtml(method)} payment, the customer's bank would ask them to approve it here. Authorize or fail
this test payment to see how your page handles each outcome.</p>
${pending
    ? `<div class="actions">
  <button type="button" id="fail-test-payment" class="secondary">Fail Test Payment</button>
  <button type="button" id="authorize-test-payment">Authorize Test Payment</button>
</div>`
    : `<p class="done">This test payment was already ${escapeHtml(view.state)}.</p>`}
<p class="error" id="message" role="alert" aria-live="polite"></p>`;
  const data = { key: emulator.publishableKey, id };
  if (!pending) return { status: 200, html: document(`${method} test payment`, body, data, '') };
  const script = `${CLIENT_HELPERS}
var message = document.getElementById('message');
var buttons = document.querySelectorAll('button');
function run(outcome) {
  buttons.forEach(function (b) { b.disabled = true; });
  post('/bank/' + encodeURIComponent(DATA.id) + '/' + outcome, {}).then(function (r) {
    if (r.status >= 400 || r.json.error) {
      message.textContent = (r.json.error && r.json.error.message) || 'The emulator refused this payment (HTTP ' + r.status + ').';
      buttons.forEach(function (b) { b.disabled = false; });
      return;
    }
    location.assign(returnUrl(r.json, outcome === 'authorize' ? 'complete' : 'fail'));
  }).catch(function (err) {
    message.textContent = 'Could not reach the emulator: ' + err.message;
    buttons.forEach(function (b) { b.disabled = false; });
  });
}
document.getElementById('authorize-test-payment').addEventListener('click', function () { run('authorize'); });
document.getElementById('fail-test-payment').addEventListener('click', function () { run('fail'); });
`;
  return { status: 200, html: document(`${method} test payment`, body, data, script) };
}
