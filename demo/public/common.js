// Helpers shared by the demo page, the gallery tiles and the recovery page.

export const SSC_EVENTS = [
  'ssc-ready', 'ssc-change', 'ssc-submit', 'ssc-action-required', 'ssc-authenticated',
  'ssc-authentication-failed', 'ssc-declined', 'ssc-error', 'ssc-succeeded',
];

/** The page configuration the server rendered into the page (or, for tiles and other pages, fetched). */
export async function loadConfig() {
  const tag = document.getElementById('demo-config');
  if (tag) return JSON.parse(tag.textContent);
  const res = await fetch('/config');
  return res.json();
}

export function money(amount, currency = 'usd') {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

/** fetch + JSON, never throws for HTTP errors: `{ ok, status, data }`; network failures give status 0. */
export async function api(method, url, body, headers = {}) {
  try {
    const res = await fetch(url, {
      method,
      headers: { ...(body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => null);
    return { ok: res.ok, status: res.status, data };
  } catch (error) {
    return { ok: false, status: 0, data: { error: { message: `The demo server is unreachable (${error.message}).` } } };
  }
}

/**
 * The merchant's token, from the URL `npm start` prints (`#token=...` or `?token=...`), kept for this tab only
 * (sessionStorage) and removed from the address bar so it isn't copied along with the page's URL.
 */
export function merchantToken() {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token') ?? new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('ssc-merchant-token', fromUrl);
    const url = new URL(location.href);
    url.searchParams.delete('token');
    url.hash = '#merchant';
    history.replaceState(null, '', url);
  }
  return sessionStorage.getItem('ssc-merchant-token');
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/**
 * Polls an order until it settles (paid, saved, failed, needs the customer) or the time runs out. `settled` narrows
 * that: the recovery page starts from "needs the customer", so only the outcome of its own payment ends its wait.
 */
export async function pollOrder(id, onUpdate, { timeoutMs = 20_000, intervalMs = 400, settled = ['paid', 'saved', 'failed', 'requires_customer_action'] } = {}) {
  const until = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < until) {
    const res = await api('GET', `/orders/${encodeURIComponent(id)}`);
    if (res.ok) {
      last = res.data.order;
      onUpdate(last);
      if (settled.includes(last.status)) return last;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return last;
}

export function renderOrder(target, order) {
  target.dataset.status = order.status;
  target.replaceChildren(...[
    el('div', {}, 'Order ', el('code', {}, order.id), ' · ', order.kind === 'setup' ? 'card setup' : money(order.amount, order.currency), ' · ',
      el('span', { class: `status ${order.status}`, 'data-testid': 'order-status-value' }, order.status)),
    order.failure ? el('div', { class: 'muted' }, `${order.failure.declineCode ?? order.failure.code}: ${order.failure.message ?? ''}`) : null,
    el('ol', { class: 'history' }, order.history.map((h) => el('li', {}, `${h.status} — ${h.source}${h.note ? ` (${h.note})` : ''}`))),
  ].filter(Boolean));
}

/** Appends one event to a log list: name, where it came from, and its detail. */
export function logEvent(list, event, source) {
  const bad = ['ssc-declined', 'ssc-error', 'ssc-authentication-failed'].includes(event.type);
  const good = ['ssc-succeeded', 'ssc-authenticated', 'ssc-ready'].includes(event.type);
  const item = el('li', { 'data-event': event.type },
    el('span', { class: `name${bad ? ' bad' : good ? ' good' : ''}` }, event.type), ' ',
    el('span', { class: 'src' }, `${source} · ${new Date().toLocaleTimeString()}`),
    el('pre', {}, JSON.stringify(event.detail ?? {}, null, 1)));
  list.append(item);
  list.scrollTop = list.scrollHeight;
}
