// The emulator's hosted pages, the stand-ins for Stripe's own: the 3D Secure test page (buttons "Complete"/"Fail"
// with Stripe's ids) and a hosted Checkout page. Self-contained HTML: inline CSS and JS, no external assets, so they
// work offline and inside any test browser. The pages only render; every state change goes through the core's
// JSON routes (`POST /3ds/:source/complete|fail`, `POST /checkout/:id/complete`) with the publishable key as `key`.
import type { Emulator } from '../emulator/types.js';

export interface Page {
  status: number;
  html: string;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f9fc}
main{max-width:420px;margin:48px auto;padding:28px;background:#fff;border-radius:10px;box-shadow:0 2px 12px rgba(50,50,93,.12)}
h1{font-size:20px;margin:0 0 6px}
p{margin:0 0 16px;color:#4f566b}
.badge{display:inline-block;font-size:11px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:#a04b00;background:#fcedb9;border-radius:4px;padding:2px 6px;margin-bottom:14px}
.amount{font-size:28px;font-weight:600;margin:4px 0 18px}
label{display:block;font-size:13px;font-weight:500;margin:12px 0 4px;color:#3c4257}
input{width:100%;padding:10px 12px;font:inherit;border:1px solid #cfd7df;border-radius:6px}
input:focus{outline:2px solid #635bff55;border-color:#635bff}
.row{display:flex;gap:10px}.row>div{flex:1}
.actions{display:flex;gap:10px;margin-top:20px}
button{flex:1;padding:11px 14px;font:inherit;font-weight:600;border:0;border-radius:6px;cursor:pointer;color:#fff;background:#635bff}
button.secondary{background:#fff;color:#3c4257;border:1px solid #cfd7df}
button:disabled{opacity:.6;cursor:default}
.error{color:#df1b41;min-height:1.4em;margin-top:12px}
.done{color:#0a7d3b}
a{color:#635bff}
[hidden]{display:none!important}
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element (no `</script>`, no U+2028 surprises). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function document(title: string, body: string, data: unknown, script: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>
<script type="application/json" id="emulator-data">${scriptJson(data)}</script>
<script>${script}</script>
</body></html>`;
}

export function errorPage(status: number, title: string, message: string): Page {
  return { status, html: document(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`, {}, '') };
}

// Shared browser-side helpers: form-encode, POST to the core, and build Stripe's return URL
// (`?payment_intent=pi_..&payment_intent_client_secret=..&redirect_status=..`).
export const CLIENT_HELPERS = `
var DATA = JSON.parse(document.getElementById('emulator-data').textContent);
function post(path, params) {
  var body = new URLSearchParams(params);
  body.set('key', DATA.key);
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: body.toString() })
    .then(function (res) { return res.json().then(function (json) { return { status: res.status, json: json }; }); });
}
// The core answers a 3DS action with { intent, return_url? }; Stripe appends the intent and its secret.
// Never a script: only http(s) or an app's own scheme is followed (the emulator refuses the others at confirm, too).
function returnUrl(answer, outcome) {
  var target = new URL(answer.return_url, location.href);
  if (/^(javascript|vbscript|data|file|blob|about):$/i.test(target.protocol)) return null;
  var q = target.searchParams;
  var intent = answer.intent || {};
  var kind = intent.object === 'setup_intent' ? 'setup_intent' : 'payment_intent';
  if (intent.id && !q.has(kind)) {
    q.set(kind, intent.id);
    if (intent.client_secret) q.set(kind + '_client_secret', intent.client_secret);
  }
  if (!q.has('redirect_status')) q.set('redirect_status', outcome === 'complete' ? 'succeeded' : 'failed');
  return target.toString();
}
// Drives one 3DS challenge: POST complete|fail, then tell an opener/parent frame, then follow return_url if any.
function finishChallenge(source, outcome, onDone) {
  return post('/3ds/' + encodeURIComponent(source) + '/' + outcome, {}).then(function (r) {
    var message = { type: 'stripe-save-card-emulator:3ds', source: source, outcome: outcome, status: r.status, result: r.json };
    if (window.parent !== window) window.parent.postMessage(message, '*');
    if (window.opener) window.opener.postMessage(message, '*');
    onDone(r);
    return r;
  });
}
`;

/** Calls one of the core's JSON routes the way the page's own script would (publishable key). */
export function coreJson<T>(emulator: Emulator, path: string): { status: number; json: T | undefined } {
  const answer = emulator.handle({
    method: 'GET',
    path,
    headers: { accept: 'application/json', authorization: `Bearer ${emulator.publishableKey}` },
    body: '',
  });
  try {
    return { status: answer.status, json: JSON.parse(answer.body) as T };
  } catch {
    return { status: answer.status, json: undefined };
  }
}

interface ChallengeView {
  source: string;
  state: string;
  intent: { id: string; object: string; status: string; amount: number | null; currency: string | null };
  return_url: string | null;
}

/** GET /3ds/:source: Stripe's "3D Secure test page". */
export function renderThreeDsPage(emulator: Emulator, source: string): Page {
  const { status, json: challenge } = coreJson<ChallengeView & { error?: { message?: string } }>(emulator, `/3ds/${encodeURIComponent(source)}`);
  if (status === 404) return errorPage(404, 'Authentication not found', `No such 3D Secure authentication: ${source}`);
  if (!challenge || status >= 400) return errorPage(status >= 400 ? status : 502, 'Authentication unavailable', challenge?.error?.message ?? `HTTP ${status}`);

  const { intent } = challenge;
  const what =
    intent.object === 'payment_intent' && intent.amount !== null && intent.currency
      ? `a payment of <strong id="amount">${escapeHtml(formatAmount(intent.amount, intent.currency))}</strong>`
      : 'saving this card for later payments';
  const pending = challenge.state === 'pending';
  const data = { key: emulator.publishableKey, source };
  const body = `
<span class="badge">Test mode</span>
<h1>3D Secure test page</h1>
<p>This is a test authentication page for ${what}. With a live card, the customer's bank would ask them to
confirm it here. Complete or fail the authentication to continue.</p>
${
  pending
    ? `<div class="actions">
  <button type="button" id="test-source-fail-3ds" class="secondary">Fail</button>
  <button type="button" id="test-source-authorize-3ds">Complete</button>
</div>`
    : `<p class="done">This authentication was already ${escapeHtml(challenge.state)}.</p>${
        challenge.return_url && !/^\s*(javascript|vbscript|data|file|blob|about):/i.test(challenge.return_url) ? `<p><a id="return" href="${escapeHtml(challenge.return_url)}">Return to the merchant</a></p>` : ''
      }`
}
<p class="error" id="message" role="alert" aria-live="polite"></p>`;
  if (!pending) return { status: 200, html: document('3D Secure test page', body, data, '') };
  const script = `${CLIENT_HELPERS}
var message = document.getElementById('message');
var buttons = document.querySelectorAll('button');
function run(outcome) {
  buttons.forEach(function (b) { b.disabled = true; });
  message.textContent = '';
  finishChallenge(DATA.source, outcome, function (r) {
    if (r.status >= 400 || r.json.error) {
      message.textContent = (r.json.error && r.json.error.message) || 'The emulator refused this authentication (HTTP ' + r.status + ').';
      buttons.forEach(function (b) { b.disabled = false; });
      return;
    }
    var back = r.json.return_url ? returnUrl(r.json, outcome) : null;
    if (back) { location.assign(back); return; }
    message.className = 'done';
    message.textContent = outcome === 'complete' ? 'Authentication complete. You can close this window.' : 'Authentication failed. You can close this window.';
  }).catch(function (err) {
    message.textContent = 'Could not reach the emulator: ' + err.message;
    buttons.forEach(function (b) { b.disabled = false; });
  });
}
document.getElementById('test-source-authorize-3ds').addEventListener('click', function () { run('complete'); });
document.getElementById('test-source-fail-3ds').addEventListener('click', function () { run('fail'); });
`;
  return { status: 200, html: document('3D Secure test page', body, data, script) };
}

/** The core's `GET /checkout/:id` summary (what a hosted page may show; no secrets). */
interface CheckoutView {
  id: string;
  mode: 'payment' | 'setup';
  status: 'open' | 'complete' | 'expired';
  amount_total: number | null;
  currency: string | null;
  customer_email: string | null;
  line_items: Array<{ name: string; quantity: number; amount: number }>;
  /** Where the customer goes, once the session is complete. */
  redirect: string | null;
  cancel_url: string | null;
}

export function formatAmount(amount: number, currency: string): string {
  try {
    // Stripe amounts are in the smallest unit; zero-decimal currencies (jpy, krw...) are what Intl calls 0 digits.
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency.toUpperCase()}`;
  }
}

function customerEmail(emulator: Emulator, sessionId: string): string | null {
  const { status, body } = emulator.request<{ customer?: { email?: string | null } | string | null }>(
    'GET',
    `/v1/checkout/sessions/${encodeURIComponent(sessionId)}`,
    { expand: ['customer'] },
  );
  const customer = status === 200 ? body.customer : null;
  return customer && typeof customer === 'object' ? (customer.email ?? null) : null;
}

/** GET /checkout/:id: a hosted Checkout page with a card form for the session the core holds. */
export function renderCheckoutPage(emulator: Emulator, id: string): Page {
  const { status, json } = coreJson<CheckoutView & { error?: { message?: string } }>(emulator, `/checkout/${encodeURIComponent(id)}`);
  if (status === 404) return errorPage(404, 'Checkout session not found', `No such Checkout session: ${id}`);
  if (!json || status >= 400) return errorPage(status >= 400 ? status : 502, 'Checkout unavailable', json?.error?.message ?? `HTTP ${status}`);
  const session = json;
  const mode = session.mode;
  const amount = session.amount_total;
  const currency = session.currency ?? 'usd';
  // Stripe's page prefills the email of the session's Customer; the public summary leaves it out, so ask as the server.
  const email = session.customer_email ?? customerEmail(emulator, id);
  const total = amount !== null ? formatAmount(amount, currency) : '';
  const heading = mode === 'setup' ? 'Save your card' : amount !== null ? `Pay ${total}` : 'Pay';
  const submitLabel = mode === 'setup' ? 'Save card' : amount !== null ? `Pay ${total}` : 'Pay';
  const closed = session.status !== 'open';
  const items = (session.line_items ?? [])
    .map((item) => `<li>${escapeHtml(item.name)} &times; ${item.quantity}: ${escapeHtml(formatAmount(item.amount, currency))}</li>`)
    .join('');

  const body = `
<span class="badge">Test mode</span>
<h1 id="heading">${escapeHtml(heading)}</h1>
${mode === 'setup' ? '<p>Your card will be saved for future payments.</p>' : ''}
${items ? `<ul id="line-items">${items}</ul>` : ''}
${email ? `<p>Email: <strong id="email">${escapeHtml(email)}</strong></p>` : ''}
${
  closed
    ? `<p class="error" id="message">This Checkout session is ${escapeHtml(session.status)}.</p>`
    : `<form id="payment-form" novalidate>
  <label for="cardnumber">Card number</label>
  <input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required>
  <div class="row">
    <div><label for="exp-date">Expiry (MM / YY)</label>
      <input id="exp-date" name="exp-date" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" required></div>
    <div><label for="cvc">CVC</label>
      <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" required></div>
  </div>
  <label for="postal">ZIP / Postal code</label>
  <input id="postal" name="postal" autocomplete="postal-code" placeholder="12345">
  <div class="actions"><button type="submit" id="submit">${escapeHtml(submitLabel)}</button></div>
</form>
<div id="challenge" hidden>
  <p><strong>3D Secure test page.</strong> Your bank asks you to confirm this card.</p>
  <div class="actions">
    <button type="button" id="test-source-fail-3ds" class="secondary">Fail</button>
    <button type="button" id="test-source-authorize-3ds">Complete</button>
  </div>
</div>
<p class="error" id="message" role="alert" aria-live="polite"></p>`
}
${session.cancel_url ? `<p><a id="cancel" href="${escapeHtml(session.cancel_url)}">&larr; Cancel and go back</a></p>` : ''}`;

  const data = { key: emulator.publishableKey, id };
  const script = closed ? '' : `${CLIENT_HELPERS}
var form = document.getElementById('payment-form');
var submit = document.getElementById('submit');
var message = document.getElementById('message');
var challenge = document.getElementById('challenge');
function field(name) { return form.elements.namedItem(name).value.trim(); }
function busy(on) { submit.disabled = on; }
function fail(text) { message.className = 'error'; message.textContent = text; busy(false); }
// One answer of the core: redirect when complete, show the challenge when 3DS is needed, else show the error.
function handle(r) {
  var json = r.json || {};
  if (json.error) return fail(json.error.message || 'Your card was declined.');
  if (json.redirect) { location.assign(json.redirect); return; }
  if (json.status === 'requires_action') {
    var source = json.source || (json.next_action && json.next_action.use_stripe_sdk && json.next_action.use_stripe_sdk.source);
    if (!source) return fail('The emulator asked for 3D Secure without a source id.');
    form.hidden = true;
    challenge.hidden = false;
    challenge.dataset.source = source;
    return;
  }
  fail('Unexpected answer from the emulator (HTTP ' + r.status + ').');
}
form.addEventListener('submit', function (event) {
  event.preventDefault();
  message.textContent = '';
  // "12 / 34", "12/34" and "1234" all mean December 2034, as on Stripe's own page.
  var raw = field('exp-date');
  var digits = raw.replace(/\\D/g, '');
  var exp = raw.indexOf('/') >= 0 ? raw.split('/') : [digits.slice(0, 2), digits.slice(2)];
  var month = exp[0].replace(/\\D/g, '');
  var year = (exp[1] || '').replace(/\\D/g, '');
  busy(true);
  post('/checkout/' + encodeURIComponent(DATA.id) + '/complete', {
    'card[number]': field('cardnumber').replace(/\\D/g, ''),
    'card[exp_month]': month,
    'card[exp_year]': year.length === 2 ? '20' + year : year,
    'card[cvc]': field('cvc'),
    'billing_details[address][postal_code]': field('postal')
  }).then(handle, function (err) { fail('Could not reach the emulator: ' + err.message); });
});
function answerChallenge(outcome) {
  var source = challenge.dataset.source;
  challenge.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
  finishChallenge(source, outcome, function (r) {
    challenge.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    challenge.hidden = true;
    form.hidden = false;
    // Completed: the core has finished the session and says where to go. Otherwise show why, and let the
    // customer try the form again (the session's intent is reused).
    if (r.json && r.json.redirect) { location.assign(r.json.redirect); return; }
    var error = (r.json && r.json.error) || (r.json && r.json.intent && (r.json.intent.last_payment_error || r.json.intent.last_setup_error));
    fail((error && error.message) || 'We are unable to authenticate your payment method. Please choose a different payment method and try again.');
  }).catch(function (err) { fail('Could not reach the emulator: ' + err.message); });
}
document.getElementById('test-source-authorize-3ds').addEventListener('click', function () { answerChallenge('complete'); });
document.getElementById('test-source-fail-3ds').addEventListener('click', function () { answerChallenge('fail'); });
`;
  return { status: 200, html: document(mode === 'setup' ? 'Save your card' : 'Checkout', body, data, script) };
}
