// The Payment Element checkout (<stripe-save-payment>, its own script tag): the same cart as the card checkout,
// priced in euros by the server (/payment-element/intent), or confirmed by it with a ConfirmationToken
// (/payment-element/confirm); saving with our toggle or, with the Saving switch, Stripe's own checkbox, saved-method
// list and remove button (/payment-element/customer-session). Redirect methods (iDEAL, Bancontact) come back to this
// page: the element reports the outcome once and cleans the URL. The element sends its own checkoutId (one per checkout, until reset()), so every
// retry of one checkout lands on the same order and intent on the server.
import { SSC_EVENTS, el, loadConfig, logEvent, pollOrder, renderOrder } from './common.js';

const config = await loadConfig();
const $ = (id) => document.getElementById(id);
const NO_ORDER = $('pe-order-status').textContent;

// The cart's lines as the card checkout shows them (its quantity inputs are the one cart of the page).
function items() {
  const lines = config.catalog.map((item) => ({ sku: item.sku, quantity: Number(document.querySelector(`input[name="qty-${item.sku}"]`)?.value ?? 0) }));
  const chosen = lines.filter((line) => line.quantity > 0);
  // Before the card checkout drew its cart (or with an empty one): one of the first item.
  return chosen.length > 0 ? chosen : [{ sku: config.catalog[0].sku, quantity: 1 }];
}
const total = () => items().reduce((sum, line) => sum + config.catalog.find((c) => c.sku === line.sku).unitAmount * line.quantity, 0);

const payment = el('stripe-save-payment', {
  id: 'payment-element-checkout',
  'publishable-key': config.publishableKey,
  'intent-url': '/payment-element/intent',
  'confirm-url': '/payment-element/confirm',
  // save-ui="stripe" (the Saving switch) asks this route for a CustomerSession of the signed-in shopper.
  'customer-session-url': '/payment-element/customer-session',
  currency: 'eur',
});
// Amount, confirm and intentBody before it connects: a deferred-intent Payment Element needs the amount to mount.
sync();
payment.append(el('span', { slot: 'disclosure' }, 'We will use this payment method for future orders and renewals. You can remove it any time.'));
$('payment-host').append(payment, el('div', { class: 'row', style: 'margin-top:12px' },
  el('button', { type: 'button', class: 'button secondary small', id: 'pe-new-payment', onclick: startOver }, 'Start over')));

function startOver() {
  payment.reset();
  sync();
  $('pe-order-status').replaceChildren(NO_ORDER);
  delete $('pe-order-status').dataset.status;
}

function sync() {
  payment.setAttribute('amount', String(total()));
  payment.setAttribute('confirm', document.querySelector('input[name=pe-confirm]:checked').value);
  // A change rebuilds the Payment Element (with or without the CustomerSession).
  payment.setAttribute('save-ui', document.querySelector('input[name=pe-save-ui]:checked').value);
  payment.intentBody = { items: items() };
}
document.querySelectorAll('input[name=pe-confirm], input[name=pe-save-ui]').forEach((input) => input.addEventListener('change', sync));
document.getElementById('cart-lines')?.addEventListener('input', sync);
sync();

const log = $('pe-event-log');
for (const name of SSC_EVENTS) payment.addEventListener(name, (event) => logEvent(log, event, payment.id));
// The cart as it is when the shopper pays (the element reads intentBody after ssc-submit).
payment.addEventListener('ssc-submit', sync);

async function followOrder(intentId) {
  const status = $('pe-order-status');
  status.textContent = 'Waiting for the server to record the order…';
  // A SEPA debit settles later (webhook): its order waits in pending, so the wait is longer than a card's.
  const order = await pollOrder(intentId, (o) => renderOrder(status, o), { timeoutMs: 60_000 });
  if (!order) status.textContent = 'The server has no order for this intent yet.';
}
payment.addEventListener('ssc-succeeded', (e) => {
  followOrder(e.detail.intentId);
});
payment.addEventListener('ssc-declined', (e) => { if (e.detail.intentId) followOrder(e.detail.intentId); });
payment.addEventListener('ssc-authentication-failed', (e) => { if (e.detail.intentId) followOrder(e.detail.intentId); });
