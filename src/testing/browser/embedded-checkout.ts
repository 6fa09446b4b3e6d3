// Embedded Checkout (`stripe.initEmbeddedCheckout`, renamed `createEmbeddedCheckoutPage` in the dahlia train):
// Stripe's payment form in an iframe on the merchant's page, for a session made with ui_mode embedded. The frame is a
// same-origin srcdoc with the inputs Stripe's Checkout uses (`cardnumber`, `exp-date`, `cvc`, `postal`, `email`);
// the fake wires it from here and posts the card to the emulator's Checkout action with the session's client
// secret, so it works the same against the HTTP server and msw. On completion the page goes to the session's
// return_url (id filled in), or onComplete runs when the session never redirects. No script and no inline style
// run in the frame, so a strict CSP lets it through.
import type { ApiClient } from './api-client.js';
import { errorFrom, succeeded } from './api-client.js';
import { showChallenge } from './challenge.js';
import { IntegrationError } from './errors.js';
import { adoptStyles, setImportantStyles } from './frame-styles.js';

export const EMBEDDED_CHECKOUT_FRAME_NAME = 'embedded-checkout';

export interface EmbeddedCheckoutOptions {
  clientSecret?: unknown;
  fetchClientSecret?: unknown;
  onComplete?: unknown;
}

/** The emulator's public summary of a session (`GET /checkout/:id`). */
interface SessionSummary {
  id: string;
  mode: 'setup' | 'payment';
  status: string;
  amount_total: number | null;
  currency: string | null;
  customer_email: string | null;
  line_items: Array<{ name: string; quantity: number; amount: number }>;
}

const FRAME_CSS = `
html, body { margin: 0; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; color: #1a1f36; }
main { padding: 20px; max-width: 440px; }
h1 { font-size: 18px; margin: 0 0 12px; }
ul { padding-left: 18px; color: #4f566b; }
label { display: block; font-size: 13px; margin: 10px 0 4px; }
input { box-sizing: border-box; width: 100%; padding: 9px 11px; font: inherit; border: 1px solid #cfd7df; border-radius: 6px; }
.row { display: flex; gap: 10px; } .row > div { flex: 1; }
button { margin-top: 16px; width: 100%; padding: 11px; font: inherit; font-weight: 600; border: 0; border-radius: 6px; color: #fff; background: #635bff; }
button:disabled { opacity: .6; }
.error { color: #df1b41; min-height: 1.3em; margin: 10px 0 0; }
.done { color: #0a7d3b; }
`;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function money(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${amount} ${currency.toUpperCase()}`;
  }
}

function frameHtml(session: SessionSummary): string {
  const total = session.amount_total !== null && session.currency ? money(session.amount_total, session.currency) : '';
  const heading = session.mode === 'setup' ? 'Save your card' : `Pay ${total}`;
  const items = session.line_items.map((item) => `<li>${escapeHtml(item.name)} &times; ${item.quantity}: ${escapeHtml(money(item.amount, session.currency ?? 'usd'))}</li>`).join('');
  const field = (name: string, label: string, autocomplete: string, inputmode = 'numeric') =>
    `<label for="${name}">${label}</label><input id="${name}" name="${name}" autocomplete="${autocomplete}" inputmode="${inputmode}">`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embedded Checkout</title></head><body><main>
<h1 id="heading">${escapeHtml(heading)}</h1>${items ? `<ul id="line-items">${items}</ul>` : ''}
<form id="payment-form" novalidate>
${field('email', 'Email', 'email', 'email')}
${field('cardnumber', 'Card number', 'cc-number')}
<div class="row"><div>${field('exp-date', 'Expiry (MM / YY)', 'cc-exp')}</div><div>${field('cvc', 'CVC', 'cc-csc')}</div></div>
${field('postal', 'ZIP / Postal code', 'postal-code', 'text')}
<button type="submit" id="submit">${escapeHtml(session.mode === 'setup' ? 'Save card' : `Pay ${total}`)}</button>
<p class="error" id="message" role="alert"></p>
</form></main></body></html>`;
}

/** `cs_..._secret_...` → the session id, or an IntegrationError naming what came. */
function sessionIdFromSecret(secret: unknown): string {
  const match = typeof secret === 'string' ? /^(cs_[A-Za-z0-9_]+?)_secret_[A-Za-z0-9]+$/.exec(secret) : null;
  if (!match) throw new IntegrationError(`Invalid value for initEmbeddedCheckout: clientSecret should be a Checkout Session client_secret (cs_..._secret_...). You specified: ${JSON.stringify(secret)?.slice(0, 100)}.`);
  return match[1]!;
}

/** Validates the options and loads the session; what initEmbeddedCheckout resolves with. */
export async function createEmbeddedCheckout(api: ApiClient, options: EmbeddedCheckoutOptions, navigate: (url: string) => void): Promise<FakeEmbeddedCheckout> {
  if (!options || typeof options !== 'object') throw new IntegrationError('Invalid value for initEmbeddedCheckout: expected an options object.');
  const { clientSecret, fetchClientSecret, onComplete } = options;
  if ((clientSecret === undefined) === (fetchClientSecret === undefined)) {
    throw new IntegrationError('initEmbeddedCheckout: pass exactly one of clientSecret and fetchClientSecret.');
  }
  if (fetchClientSecret !== undefined && typeof fetchClientSecret !== 'function') throw new IntegrationError('Invalid value for initEmbeddedCheckout: fetchClientSecret should be a function that returns a Promise of a client secret.');
  if (onComplete !== undefined && typeof onComplete !== 'function') throw new IntegrationError('Invalid value for initEmbeddedCheckout: onComplete should be a function.');
  const secret = clientSecret ?? (await (fetchClientSecret as () => Promise<unknown>)());
  const id = sessionIdFromSecret(secret);
  const answer = await api.call('GET', `/checkout/${encodeURIComponent(id)}`, { client_secret: secret });
  if (!succeeded(answer)) throw new IntegrationError(`initEmbeddedCheckout could not load the Checkout Session: ${errorFrom(answer).message ?? 'no answer'}`);
  return new FakeEmbeddedCheckout(api, secret as string, answer.body as SessionSummary, { onComplete: onComplete as (() => void) | undefined, navigate });
}

export class FakeEmbeddedCheckout {
  private frame: HTMLIFrameElement | undefined;
  private destroyed = false;

  constructor(
    private readonly api: ApiClient,
    private readonly clientSecret: string,
    private readonly session: SessionSummary,
    private readonly hooks: { onComplete?: () => void; navigate: (url: string) => void },
  ) {}

  mount(location: string | HTMLElement): void {
    if (this.destroyed) throw new IntegrationError('This Embedded Checkout was destroyed; call initEmbeddedCheckout again to show a new one.');
    if (this.frame) throw new IntegrationError('Embedded Checkout is already mounted; unmount it first.');
    const host = typeof location === 'string' ? document.querySelector(location) : location;
    if (!(host instanceof HTMLElement)) throw new IntegrationError(`Invalid value for mount: ${JSON.stringify(String(location))} matches no element on the page.`);
    const frame = document.createElement('iframe');
    frame.name = EMBEDDED_CHECKOUT_FRAME_NAME;
    frame.title = 'Embedded Checkout';
    frame.setAttribute('frameborder', '0');
    setImportantStyles(frame, { width: '100%', height: '560px', border: 'none', display: 'block' });
    frame.addEventListener('load', () => this.wire(frame));
    frame.srcdoc = frameHtml(this.session);
    host.append(frame);
    this.frame = frame;
  }

  unmount(): void {
    this.frame?.remove();
    this.frame = undefined;
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
  }

  /** True until destroy(): Stripe.js allows one live Embedded Checkout per page. */
  get alive(): boolean {
    return !this.destroyed;
  }

  private wire(frame: HTMLIFrameElement): void {
    const doc = frame.contentDocument;
    if (!doc) return;
    adoptStyles(doc, FRAME_CSS);
    const form = doc.getElementById('payment-form') as HTMLFormElement;
    const email = doc.getElementById('email') as HTMLInputElement;
    if (this.session.customer_email) email.value = this.session.customer_email;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(doc);
    });
  }

  private async submit(doc: Document): Promise<void> {
    const value = (name: string) => (doc.getElementById(name) as HTMLInputElement).value.trim();
    const button = doc.getElementById('submit') as HTMLButtonElement;
    const message = doc.getElementById('message')!;
    const fail = (text: string) => {
      message.className = 'error';
      message.textContent = text;
      button.disabled = false;
    };
    message.textContent = '';
    button.disabled = true;
    // "12 / 34", "12/34" and "1234" all mean December 2034, as on Stripe's form.
    const exp = value('exp-date');
    const [month, year] = exp.includes('/') ? exp.split('/').map((part) => part.replace(/\D/g, '')) : [exp.slice(0, 2), exp.slice(2)];
    const answer = await this.api.call('POST', `/checkout/${encodeURIComponent(this.session.id)}/complete`, {
      client_secret: this.clientSecret,
      card: { number: value('cardnumber').replace(/\D/g, ''), exp_month: month, exp_year: year && year.length === 2 ? `20${year}` : year, cvc: value('cvc') },
      billing_details: { address: { postal_code: value('postal') } },
      ...(value('email') ? { email: value('email') } : {}),
    });
    if (!succeeded(answer)) return fail(errorFrom(answer).message ?? 'Your card was declined.');
    if (answer.body.status === 'requires_action') {
      let after: Record<string, unknown> | undefined;
      await showChallenge(async (outcome) => {
        after = (await this.api.call('POST', `/3ds/${encodeURIComponent(String(answer.body.source))}/${outcome}`)).body;
      });
      const session = after?.checkout_session as { status?: string } | undefined;
      if (session?.status !== 'complete') {
        const intent = after?.intent as Record<string, { message?: string } | null> | undefined;
        const error = intent?.last_payment_error ?? intent?.last_setup_error;
        return fail(error?.message ?? 'We are unable to authenticate your payment method. Please choose a different payment method and try again.');
      }
      return this.finish(doc, typeof after?.redirect === 'string' ? after.redirect : null);
    }
    return this.finish(doc, typeof answer.body.redirect === 'string' ? answer.body.redirect : null);
  }

  /** Completed: off to return_url, or (a session that never redirects) a confirmation and onComplete. */
  private finish(doc: Document, redirect: string | null): void {
    if (redirect) return this.hooks.navigate(redirect);
    const message = doc.getElementById('message')!;
    message.className = 'done';
    message.textContent = this.session.mode === 'setup' ? 'Your card was saved.' : 'Payment complete.';
    (doc.getElementById('submit') as HTMLButtonElement).disabled = true;
    this.hooks.onComplete?.();
  }
}
