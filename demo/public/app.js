// The demo page: checkout wired to the reference API, event log, order status, test cards, merchant panel.
// Plain JS on purpose: designers can read and tweak it without a build step.
import { SSC_EVENTS, api, el, loadConfig, logEvent, merchantToken, money, pollOrder, renderOrder } from './common.js';
import { TEST_CARDS } from './test-cards.js';
import { setupTheme } from './theme.js';
import { setupGallery } from './gallery.js';
import { languagePicker, showLanguage } from './language.js';

const config = await loadConfig();
const $ = (id) => document.getElementById(id);

if (!customElements.get('stripe-save-card')) {
  const message = window.__sscBuildMissing
    ? 'The element is not built: run "npm run build", then reload.'
    : 'The element script did not load (see the console).';
  $('checkout-host').replaceChildren(el('p', { class: 'build-missing', role: 'alert' }, message));
}

// ----- cart -----------------------------------------------------------------------------------------------
const quantities = Object.fromEntries(config.catalog.map((item, i) => [item.sku, i === 0 ? 1 : 0]));
const items = () => Object.entries(quantities).filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity }));
const total = () => config.catalog.reduce((sum, item) => sum + item.unitAmount * quantities[item.sku], 0);
$('cart-lines').replaceChildren(...config.catalog.map((item) => el('div', { class: 'cart-line' },
  el('span', {}, item.name, ' ', el('small', { class: 'muted' }, money(item.unitAmount))),
  el('input', { type: 'number', min: 0, max: 99, value: quantities[item.sku], 'aria-label': `${item.name} quantity`, name: `qty-${item.sku}`,
    oninput: (e) => { quantities[item.sku] = Math.max(0, Math.min(99, Number(e.target.value) || 0)); syncCheckout(); } }))));

// ----- the checkout element ---------------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
if (params.get('mode') === 'setup') document.querySelector('input[name=mode][value=setup]').checked = true;
const NO_ORDER = $('order-status').textContent;
const checkout = el('stripe-save-card', {
  id: 'checkout-element',
  'publishable-key': config.publishableKey,
  'saved-cards-url': '/saved-cards',
  'confirm-url': '/pay',
  currency: 'usd',
});
checkout.append(el('span', { slot: 'disclosure' }, 'We will charge this card for future orders and renewals. You can remove it any time.'));
$('checkout-host').append(checkout, el('div', { class: 'row', style: 'margin-top:12px' },
  el('button', { type: 'button', class: 'button secondary small', id: 'new-payment', onclick: () => { checkout.reset(); $('order-status').replaceChildren(NO_ORDER); delete $('order-status').dataset.status; } }, 'Start over')));

function syncCheckout() {
  const mode = document.querySelector('input[name=mode]:checked').value;
  const confirm = document.querySelector('input[name=confirm]:checked').value;
  checkout.setAttribute('mode', mode);
  checkout.setAttribute('confirm', confirm);
  checkout.setAttribute('intent-url', mode === 'setup' ? '/create-setup-intent' : '/create-payment-intent');
  if (mode === 'setup') checkout.removeAttribute('amount');
  else checkout.setAttribute('amount', String(total()));
  checkout.intentBody = { items: items() };
  $('cart-total').textContent = money(total());
  $('cart').disabled = mode === 'setup';
}
document.querySelectorAll('input[name=mode], input[name=confirm]').forEach((input) => input.addEventListener('change', syncCheckout));
$('initial-save').addEventListener('change', (e) => { checkout.save = e.target.checked; });
syncCheckout();

// ----- events and order status ------------------------------------------------------------------------------
const log = $('event-log');
// Only the checkout element's events: the theme preview would interleave its own ssc-ready/ssc-change.
for (const name of SSC_EVENTS) {
  checkout.addEventListener(name, (event) => {
    logEvent(log, event, checkout.id);
    console.info(`[demo] ${name}`, event.detail);
  });
}
$('clear-log').addEventListener('click', () => log.replaceChildren());

async function followOrder(intentId) {
  const status = $('order-status');
  status.textContent = 'Waiting for the server to record the order…';
  const order = await pollOrder(intentId, (o) => renderOrder(status, o));
  if (!order) status.textContent = 'The server has no order for this intent yet.';
  refreshMerchant();
}
checkout.addEventListener('ssc-succeeded', (e) => followOrder(e.detail.intentId));
checkout.addEventListener('ssc-declined', (e) => { if (e.detail.intentId) followOrder(e.detail.intentId); });
checkout.addEventListener('ssc-authentication-failed', (e) => { if (e.detail.intentId) followOrder(e.detail.intentId); });

// ----- test cards -------------------------------------------------------------------------------------------
async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs focus/permission; fall back to a selection the user can copy.
    const area = el('textarea', { style: 'position:fixed;opacity:0' }, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.classList.add('copied');
  const label = button.textContent;
  button.textContent = 'Copied';
  setTimeout(() => { button.classList.remove('copied'); button.textContent = label; }, 1200);
}
// data-label: on a phone each row stacks into a card and the cell says what it is.
$('test-cards').tBodies[0].replaceChildren(...TEST_CARDS.map((card) => el('tr', {},
  el('td', {}, el('button', { type: 'button', class: 'copy', 'data-number': card.number.replace(/ /g, ''), onclick: (e) => copy(card.number.replace(/ /g, ''), e.currentTarget) }, card.number)),
  el('td', {}, card.what), el('td', { class: 'muted', 'data-label': 'Off-session later' }, card.later))));

// ----- merchant panel ---------------------------------------------------------------------------------------
const result = $('charge-result');
// Charging a saved card and everyone's orders are the merchant's: they need the token `npm start` printed.
let asMerchant = null;
function readMerchantToken() {
  const token = merchantToken();
  asMerchant = token ? { Authorization: `Bearer ${token}` } : null;
  $('merchant-token-note').hidden = Boolean(asMerchant);
}
readMerchantToken();
// The token URL opened in a tab already on this page is a same-document navigation: no reload, only this event.
window.addEventListener('hashchange', () => {
  if (!location.hash.includes('token=')) return;
  readMerchantToken();
  refreshMerchant();
});

function showResult(kind, ...children) {
  result.className = `charge-result ${kind}`;
  result.replaceChildren(...children);
}

async function chargeNextMonth(card, button) {
  button.disabled = true;
  showResult('', `Charging ${card.brand} •••• ${card.last4} off-session…`);
  const res = await api('POST', '/charge-saved-card', { paymentMethodId: card.id, plan: 'monthly' }, asMerchant ?? {});
  button.disabled = false;
  const data = res.data ?? {};
  if (res.ok && data.status === 'succeeded') {
    showResult('ok', el('strong', {}, `Charged ${money(data.amount)} off-session.`), el('span', {}, 'Order ', el('code', {}, data.orderId), ' is paid.'));
  } else if (data.status === 'requires_customer_action') {
    showResult('warn', el('strong', {}, 'The bank wants the customer to authenticate.'),
      el('span', {}, data.error?.message ?? ''),
      el('span', {}, 'Send the customer this link: ', el('a', { href: data.recoveryUrl, 'data-testid': 'recovery-link' }, `${location.origin}${data.recoveryUrl}`)));
  } else if (data.status === 'failed') {
    showResult('bad', el('strong', {}, `Declined off-session: ${data.error?.declineCode ?? data.error?.code}`),
      el('span', {}, data.error?.message ?? ''),
      el('div', { class: 'row' },
        el('form', { method: 'post', action: data.addCard.checkout }, el('button', { type: 'submit', class: 'button small' }, 'Add a new card (Checkout)')),
        el('a', { class: 'button small secondary', href: data.addCard.element, 'data-testid': 'add-card-element' }, 'Add a new card (element, setup mode)')));
  } else {
    showResult('bad', el('strong', {}, 'The charge did not go through.'), el('span', {}, data.error?.message ?? `HTTP ${res.status}`));
  }
  refreshMerchant();
}

async function refreshCards() {
  const list = $('saved-cards');
  const res = await api('GET', '/saved-cards');
  if (!res.ok) {
    list.replaceChildren(el('li', { class: 'muted' }, res.data?.error?.message ?? 'Could not load saved cards.'));
    return;
  }
  if (res.data.cards.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No saved cards yet. Pay with \u201cSave this card\u201d on, or use Checkout below.'));
    return;
  }
  list.replaceChildren(...res.data.cards.map((card) => el('li', { 'data-pm': card.id, 'data-last4': card.last4 },
    el('span', { class: 'grow' }, el('span', { class: 'card-chip' }, `${card.brand} •••• ${card.last4}`),
      el('small', { class: 'muted' }, ` exp ${String(card.expMonth).padStart(2, '0')}/${card.expYear}`)),
    el('button', { type: 'button', class: 'button small', 'data-action': 'charge', onclick: (e) => chargeNextMonth(card, e.currentTarget) }, `Charge ${money(config.plans.monthly.amount)} for next month`),
    el('button', { type: 'button', class: 'button small danger', 'data-action': 'remove', 'aria-label': `Remove ${card.brand} ending ${card.last4}`,
      onclick: async () => { await api('DELETE', `/saved-cards/${encodeURIComponent(card.id)}`); refreshCards(); } }, 'Remove'))));
}

async function refreshOrders() {
  // With the token: every shopper's orders; without: this browser's own.
  const res = await api('GET', '/orders', undefined, asMerchant ?? {});
  const body = $('orders').tBodies[0];
  if (!res.ok) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty' }, res.data?.error?.message ?? 'Could not load the orders.')));
    return;
  }
  if (res.data.orders.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No orders yet. Pay in Checkout above, or charge a saved card, and the server\u2019s record shows here.')));
    return;
  }
  body.replaceChildren(...res.data.orders.map((order) => el('tr', { 'data-order': order.id },
    el('td', {}, el('code', {}, order.id)),
    el('td', { 'data-label': 'Kind' }, order.kind.replace('_', '-')),
    el('td', { 'data-label': 'Amount' }, order.kind === 'setup' ? '—' : money(order.amount, order.currency)),
    el('td', {}, el('span', { class: `status ${order.status}` }, order.status)),
    el('td', {}, order.recoveryUrl ? el('a', { href: order.recoveryUrl }, 'Recovery link') : ''))));
}

function refreshMerchant() {
  void refreshCards();
  void refreshOrders();
}
$('refresh-cards').addEventListener('click', refreshCards);
$('refresh-orders').addEventListener('click', refreshOrders);
refreshMerchant();

// A preview next to the theme controls, so a change shows without scrolling. Like the gallery it pays through the
// gallery's backend: trying it out never creates an order or saves a card for the merchant.
$('theme-preview-host').append(el('stripe-save-card', {
  id: 'theme-preview', 'publishable-key': config.publishableKey, 'intent-url': '/gallery/intent', amount: 1999, currency: 'usd',
  'business-name': 'Demo Shop',
}));
const previewNote = el('p', { class: 'muted', role: 'status' });
$('theme-preview-host').before(languagePicker('theme-language', (lang) => showLanguage($('theme-preview-host'), lang, previewNote)), previewNote);
// The theme first: gallery tiles ask it for the current values when they load.
await setupTheme();
setupGallery();
