// The Payment Element side of `stripe.elements()`: the group's deferred-intent options (`mode`, `amount`,
// `currency`, `setupFutureUsage`, `paymentMethodTypes`, ...) or its `clientSecret`, the elements session the fake
// asks the emulator for (which payment method types to show), the Payment and Link Authentication Elements it
// creates, `elements.submit()` with Stripe's validation errors, and `elements.update()` (a Promise, as Stripe.js has
// returned since the dahlia train) with its `update-end` event.
import { errorFrom, succeeded, type ApiClient } from './api-client.js';
import type { AnyObject } from './card-params.js';
import { IntegrationError } from './errors.js';
import { FakeLinkAuthenticationElement } from './link-authentication-element.js';
import { FakePaymentElement } from './payment-element.js';
import type { PaymentType } from './payment-fields.js';
import { saveConflict, saveUsage, setupFutureUsageOf, type CustomerOffer } from './payment-saved.js';

const MODES = ['payment', 'setup', 'subscription'];

/** Integration mistakes Stripe.js throws for at `elements()` time. */
export function checkElementsOptions(options: AnyObject | undefined): void {
  if (!options) return;
  const { mode, amount, currency, clientSecret } = options;
  if (mode !== undefined && clientSecret !== undefined) {
    throw new IntegrationError('Invalid value for elements(): `mode` and `clientSecret` cannot both be given. Pass `clientSecret` for an intent created first, or `mode` (with `amount` and `currency`) to create it later.');
  }
  if (clientSecret !== undefined && (typeof clientSecret !== 'string' || !/^(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/.test(clientSecret))) {
    throw new IntegrationError(`Invalid value for elements(): clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${String(clientSecret)}.`);
  }
  const customerSecret = options.customerSessionClientSecret;
  if (customerSecret !== undefined && (typeof customerSecret !== 'string' || !/^cuss_secret_[A-Za-z0-9]+$/.test(customerSecret))) {
    throw new IntegrationError(`Invalid value for elements(): customerSessionClientSecret should be a CustomerSession's client_secret (cuss_secret_...). You specified: ${typeof customerSecret === 'string' ? `${customerSecret.slice(0, 16)}...` : String(customerSecret)}.`);
  }
  if (mode === undefined) return;
  if (!MODES.includes(mode)) throw new IntegrationError(`Invalid value for elements(): mode should be one of payment, setup, subscription. You specified: ${String(mode)}.`);
  if (mode !== 'setup' && (!Number.isInteger(amount) || amount < 0)) {
    throw new IntegrationError(`Invalid value for elements(): amount should be a non-negative integer when mode is ${mode}. You specified: ${String(amount)}.`);
  }
  if (mode !== 'setup' && (typeof currency !== 'string' || !/^[a-z]{3}$/i.test(currency))) {
    throw new IntegrationError(`Invalid value for elements(): currency should be a three-letter ISO currency code when mode is ${mode}. You specified: ${String(currency)}.`);
  }
}

export interface ElementsSession {
  payment_method_types: PaymentType[];
  mode: 'payment' | 'setup' | 'subscription';
  amount: number | null;
  currency: string | null;
  intent: AnyObject | null;
  /** With a customerSessionClientSecret: the customer's saved methods the session lets the element show, and its features. */
  customer: CustomerOffer | null;
}

export class PaymentSession {
  paymentElement: FakePaymentElement | undefined;
  linkElement: FakeLinkAuthenticationElement | undefined;
  /** elements.submit() succeeded and nothing changed since: what confirmPayment in deferred mode requires. */
  submitted = false;
  private session: Promise<ElementsSession> | undefined;
  /** The CustomerSession's offer, once the elements session is loaded. */
  private offer: CustomerOffer | null = null;
  private readonly updateEndHandlers: Array<() => void> = [];

  constructor(private readonly api: ApiClient, private options: () => AnyObject, private readonly setOptions: (options: AnyObject) => void) {}

  get isDeferred(): boolean {
    return this.options().mode !== undefined;
  }

  get clientSecret(): string | undefined {
    return this.options().clientSecret;
  }

  get elementsOptions(): AnyObject {
    return this.options();
  }

  create(type: 'payment' | 'linkAuthentication', options: AnyObject | undefined): FakePaymentElement | FakeLinkAuthenticationElement {
    if (type === 'payment') {
      if (this.paymentElement) throw new IntegrationError('Can only create one Element of type payment.');
      if (!this.isDeferred && !this.clientSecret) {
        throw new IntegrationError('In order to create a payment element, you must pass a clientSecret or mode when creating the Elements group.\n\ne.g. stripe.elements({clientSecret: "{{CLIENT_SECRET}}"})');
      }
      const element = new FakePaymentElement({
        types: () => this.load().then((session) => session.payment_method_types),
        customer: () => this.load().then((session) => session.customer),
        remove: (id) => this.removeSaved(id),
        emailFromLink: () => this.linkElement !== undefined,
        changed: () => {
          this.submitted = false;
        },
        appearance: () => this.options().appearance,
      }, options, () => {
        if (this.paymentElement === element) this.paymentElement = undefined;
      });
      this.paymentElement = element;
      return element;
    }
    if (this.linkElement) throw new IntegrationError('Can only create one Element of type linkAuthentication.');
    const element = new FakeLinkAuthenticationElement(options, () => {
      this.submitted = false;
    }, () => {
      if (this.linkElement === element) this.linkElement = undefined;
    });
    this.linkElement = element;
    return element;
  }

  /** The elements session, asked once per group (again after an update that changes what is offered). */
  load(): Promise<ElementsSession> {
    this.session ??= this.fetchSession();
    return this.session;
  }

  async submit(): Promise<{ error: AnyObject } | { selectedPaymentMethod: string }> {
    const element = this.paymentElement;
    if (!element || !element.mounted) {
      throw new IntegrationError('elements.submit() needs a mounted Payment Element (or Express Checkout Element) in this Elements group.');
    }
    this.submitted = false;
    const link = this.linkElement?.mounted ? this.linkElement.read() : undefined;
    const collected = element.collect();
    if ('error' in collected) return { error: collected.error };
    if (link && 'error' in link) return { error: link.error };
    this.submitted = true;
    return { selectedPaymentMethod: collected.type };
  }

  /** The setup_future_usage a ticked save checkbox sets (payment-saved.ts). */
  get saveUsage(): string | undefined {
    const options = this.options();
    return saveUsage(this.offer, setupFutureUsageOf(options));
  }

  async update(options: AnyObject): Promise<void> {
    if (!options || typeof options !== 'object') throw new IntegrationError('Invalid value for elements.update(): expected an object.');
    if ('clientSecret' in options) throw new IntegrationError('elements.update() cannot change clientSecret; create a new Elements group instead.');
    const conflict = saveConflict(this.offer, setupFutureUsageOf(options), undefined);
    if (conflict) throw new IntegrationError(`Invalid value for elements.update(): ${conflict}`);
    const before = this.options();
    const next = { ...before, ...options };
    if (this.isDeferred) checkElementsOptions(next);
    this.setOptions(next);
    if ('appearance' in options) this.paymentElement?.restyle();
    // Stripe.js re-reads its session when what is offered may change (an amount can cross a method's limits).
    const offerChanged = ['mode', 'amount', 'currency', 'paymentMethodTypes', 'payment_method_types'].some((key) => key in options && options[key] !== before[key]);
    if (offerChanged) {
      this.session = undefined;
      if (this.paymentElement?.mounted) this.paymentElement.loadTypes();
    }
    this.submitted = false;
    await (offerChanged && this.paymentElement ? this.load().catch(() => undefined) : Promise.resolve());
    for (const handler of [...this.updateEndHandlers]) handler();
  }

  async fetchUpdates(): Promise<{ error?: { message: string } }> {
    if (!this.clientSecret) return {};
    this.session = undefined;
    try {
      await this.load();
      return {};
    } catch (error) {
      return { error: { message: String((error as AnyObject)?.message ?? error) } };
    }
  }

  onUpdateEnd(handler: () => void): void {
    this.updateEndHandlers.push(handler);
  }

  offUpdateEnd(handler?: () => void): void {
    if (!handler) this.updateEndHandlers.length = 0;
    else this.updateEndHandlers.splice(0, this.updateEndHandlers.length, ...this.updateEndHandlers.filter((h) => h !== handler));
  }

  private async fetchSession(): Promise<ElementsSession> {
    const options = this.options();
    const params: AnyObject = {};
    if (this.clientSecret) {
      params.type = this.clientSecret.startsWith('seti_') ? 'setup_intent' : 'payment_intent';
      params.client_secret = this.clientSecret;
    } else {
      params.type = 'deferred_intent';
      params.deferred_intent = {
        mode: options.mode, amount: options.amount, currency: options.currency?.toLowerCase(),
        payment_method_types: options.paymentMethodTypes ?? options.payment_method_types,
        setup_future_usage: setupFutureUsageOf(options) ?? undefined,
        capture_method: options.captureMethod ?? options.capture_method,
      };
    }
    if (options.customerSessionClientSecret) params.customer_session_client_secret = options.customerSessionClientSecret;
    const result = await this.api.call('GET', '/v1/elements/sessions', params);
    if (!succeeded(result)) throw errorFrom(result);
    const session = result.body as ElementsSession;
    const conflict = saveConflict(session.customer, setupFutureUsageOf(options), session.intent?.setup_future_usage);
    // Stripe.js's IntegrationError on render: the element reports it as its loaderror.
    if (conflict) throw { type: 'invalid_request_error', code: 'integration_error', message: conflict };
    this.offer = session.customer;
    return session;
  }

  /** The remove button: detaches with the CustomerSession's authority (never the secret key). */
  private async removeSaved(id: string): Promise<void> {
    const result = await this.api.call('POST', `/customer_sessions/payment_methods/${encodeURIComponent(id)}/detach`, {
      customer_session_client_secret: this.options().customerSessionClientSecret,
    });
    if (!succeeded(result)) throw errorFrom(result);
  }
}
