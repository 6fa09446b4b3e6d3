// stripe.confirmPayment / confirmSetup / createConfirmationToken with a Payment Element, as Stripe.js runs them:
// integration mistakes throw (no submit() before a deferred-intent confirm, no return_url without
// redirect: 'if_required'); payment problems resolve `{ error }`. 3D Secure runs in the challenge overlay; a redirect
// method goes through the test bank page and then, like every confirm with redirect: 'always', the page is sent to
// return_url with `payment_intent`, `payment_intent_client_secret` and `redirect_status` (setup_intent_* for setups)
// and the promise never settles, as the page is leaving.
import { errorFrom, succeeded, type ApiClient } from './api-client.js';
import { showBankRedirect } from './bank-redirect.js';
import type { AnyObject } from './card-params.js';
import type { FakeElements } from './elements-group.js';
import { IntegrationError } from './errors.js';
import { intentIdFromSecret, type IntentFlows, type IntentKind } from './intent-flows.js';
import { paymentMethodData, TYPE_LABELS, type PaymentType } from './payment-fields.js';
import { setupFutureUsageOf } from './payment-saved.js';

const ROUTES: Record<IntentKind, string> = { payment_intent: '/v1/payment_intents', setup_intent: '/v1/setup_intents' };
const RESULT_KEYS: Record<IntentKind, string> = { payment_intent: 'paymentIntent', setup_intent: 'setupIntent' };
const METHODS: Record<IntentKind, string> = { payment_intent: 'confirmPayment', setup_intent: 'confirmSetup' };

export interface ConfirmOptions {
  elements?: unknown;
  clientSecret?: string;
  confirmParams?: AnyObject;
  redirect?: 'always' | 'if_required';
}

/** A page that is navigating away: Stripe.js's promise never settles then. */
const leaving = <T>(): Promise<T> => new Promise<T>(() => {});

export class PaymentConfirmer {
  constructor(
    private readonly api: ApiClient,
    private readonly flows: IntentFlows,
    private readonly navigate: (url: string) => void,
    private readonly isElements: (value: unknown) => value is FakeElements,
  ) {}

  async confirm(kind: IntentKind, options: ConfirmOptions): Promise<AnyObject> {
    const method = METHODS[kind];
    if (!options || typeof options !== 'object') throw new IntegrationError(`Invalid value for ${method}: expected an object with elements and confirmParams.`);
    const { elements, confirmParams = {}, redirect } = options;
    if (redirect !== undefined && redirect !== 'always' && redirect !== 'if_required') {
      throw new IntegrationError(`Invalid value for ${method}: redirect should be one of always, if_required. You specified: ${String(redirect)}.`);
    }
    if (elements !== undefined && !this.isElements(elements)) throw new IntegrationError(`Invalid value for ${method}: elements should be an Elements group created by this Stripe instance.`);
    const group = elements as FakeElements | undefined;
    const secret = options.clientSecret ?? group?.payment.clientSecret;
    if (!secret) {
      throw new IntegrationError(`stripe.${method}(): the \`clientSecret\` argument is required when the Elements group was created with \`mode\` (create the ${kind === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent'} on your server, then pass its client secret).`);
    }
    const id = intentIdFromSecret(secret, kind, method);
    if (group?.payment.isDeferred && !group.payment.submitted) {
      throw new IntegrationError(`elements.submit() must be called before stripe.${method}(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.`);
    }
    const returnUrl = confirmParams.return_url as string | undefined;
    if (redirect !== 'if_required' && !returnUrl) {
      throw new IntegrationError(`stripe.${method}(): the \`confirmParams.return_url\` argument is required unless passing \`redirect: 'if_required'\``);
    }
    const built = this.paymentMethodParams(group, confirmParams, kind === 'setup_intent');
    if ('error' in built) return { error: built.error };
    const { payment_method_data: _data, ...rest } = confirmParams;
    const result = await this.api.call('POST', `${ROUTES[kind]}/${id}/confirm`, {
      ...rest, ...built.params, use_stripe_sdk: 'true', client_secret: secret,
    });
    if (!succeeded(result)) return { error: errorFrom(result) };
    return this.afterConfirm(kind, result.body as AnyObject, secret, redirect ?? 'always', returnUrl);
  }

  async createConfirmationToken(options: { elements?: unknown; params?: AnyObject }): Promise<AnyObject> {
    const group = options?.elements;
    if (!this.isElements(group)) throw new IntegrationError('Invalid value for createConfirmationToken: elements should be an Elements group created by this Stripe instance.');
    if (!group.payment.submitted) {
      throw new IntegrationError('elements.submit() must be called before stripe.createConfirmationToken(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.');
    }
    const params = options.params ?? {};
    const built = this.paymentMethodParams(group, params, false);
    if ('error' in built) return { error: built.error };
    const elementsOptions = group.payment.elementsOptions;
    const setupFutureUsage = setupFutureUsageOf(elementsOptions);
    const { payment_method_data: _data, ...rest } = params;
    // The expected type is a confirm's; a token carries the PaymentMethod data itself.
    const { expected_payment_method_type: _type, ...tokenParams } = built.params;
    const result = await this.api.call('POST', '/v1/confirmation_tokens', {
      ...rest, ...tokenParams, ...(setupFutureUsage ? { setup_future_usage: setupFutureUsage } : {}),
    });
    return succeeded(result) ? { confirmationToken: result.body } : { error: errorFrom(result) };
  }

  /**
   * After a confirm (or handleNextAction): run the next action, then redirect or report. Also the IntentFlows hook
   * for a bank redirect found by handleNextAction.
   */
  async afterConfirm(kind: IntentKind, intent: AnyObject, secret: string, redirect: 'always' | 'if_required', returnUrl?: string): Promise<AnyObject> {
    let current = intent;
    if (current.status === 'requires_action') {
      const bank = bankRedirect(current.next_action);
      if (bank) {
        const outcome = await showBankRedirect(
          { method: TYPE_LABELS[this.paymentMethodType(current) as PaymentType] ?? 'Bank', amount: formatAmount(current) },
          async (choice) => {
            await this.api.call('POST', `/bank/${encodeURIComponent(bank.id)}/${choice}`);
          },
        );
        this.navigate(returnUrlWith(bank.returnUrl, kind, current.id, secret, outcome === 'authorize' ? 'succeeded' : 'failed'));
        return leaving();
      }
      const handled = await this.flows.handleAction(kind, String(current.id), secret, METHODS[kind]);
      if (handled.error) return handled;
      current = handled[RESULT_KEYS[kind]] as AnyObject;
    }
    const lastError = current[kind === 'payment_intent' ? 'last_payment_error' : 'last_setup_error'];
    if (current.status === 'requires_payment_method' && lastError) return { error: { ...lastError, [kind]: current } };
    if (redirect === 'always') {
      if (returnUrl) {
        this.navigate(returnUrlWith(returnUrl, kind, current.id, secret, current.status === 'processing' ? 'processing' : 'succeeded'));
        return leaving();
      }
    }
    return { [RESULT_KEYS[kind]]: current };
  }

  /** The PaymentMethod part of a confirm: a saved `payment_method`, or what the Payment Element collected. */
  private paymentMethodParams(group: FakeElements | undefined, confirmParams: AnyObject, setup: boolean): { params: AnyObject } | { error: AnyObject } {
    if (confirmParams.payment_method || confirmParams.confirmation_token || !group?.payment.paymentElement) return { params: {} };
    const collected = group.payment.paymentElement.collect();
    if ('error' in collected) return { error: collected.error };
    // A saved method chosen in the CustomerSession's list: pay with it.
    if (collected.saved) return { params: { payment_method: collected.saved } };
    const link = group.payment.linkElement?.mounted ? group.payment.linkElement.read() : undefined;
    if (link && 'error' in link) return { error: link.error };
    const given = (confirmParams.payment_method_data ?? {}) as AnyObject;
    const data = paymentMethodData(collected.type, collected.values, { email: link?.email, billing: given.billing_details });
    if (given.allow_redisplay) data.allow_redisplay = given.allow_redisplay;
    if (given.metadata) data.metadata = given.metadata;
    const params: AnyObject = { payment_method_data: data, expected_payment_method_type: collected.type };
    // Stripe's save checkbox ticked: the method may be shown again (allow_redisplay) and, on a PaymentIntent, is set
    // up for the session's payment_method_save_usage (a SetupIntent saves it anyway).
    if (collected.save) {
      data.allow_redisplay = 'always';
      const usage = group.payment.saveUsage;
      if (usage && !setup) params.setup_future_usage = usage;
    }
    // Stripe.js records the customer's acceptance of the SEPA mandate shown in the element.
    if (collected.type === 'sepa_debit') params.mandate_data = { customer_acceptance: { type: 'online', online: { infer_from_client: 'true' } } };
    return { params };
  }

  private paymentMethodType(intent: AnyObject): string | undefined {
    const pm = intent.payment_method;
    return typeof pm === 'object' && pm ? pm.type : intent.payment_method_types?.find((t: string) => t !== 'card');
  }
}

/** `{ id, returnUrl }` when the next action is the emulator's test bank page. */
export function bankRedirect(nextAction: AnyObject | null | undefined): { id: string; returnUrl: string } | undefined {
  if (nextAction?.type !== 'redirect_to_url') return undefined;
  const match = /\/bank\/([A-Za-z0-9_]+)$/.exec(String(nextAction.redirect_to_url?.url ?? ''));
  return match ? { id: match[1]!, returnUrl: String(nextAction.redirect_to_url.return_url) } : undefined;
}

/** Stripe's return: the merchant's URL plus the intent, its client secret and the redirect status. */
export function returnUrlWith(returnUrl: string, kind: IntentKind, id: string, secret: string, status: string): string {
  const url = new URL(returnUrl, location.href);
  url.searchParams.set(kind, id);
  url.searchParams.set(`${kind}_client_secret`, secret);
  url.searchParams.set('redirect_status', status);
  return url.href;
}

function formatAmount(intent: AnyObject): string {
  if (typeof intent.amount !== 'number' || typeof intent.currency !== 'string') return '';
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency }).format(intent.amount / 10 ** digits);
  } catch {
    return `${intent.amount} ${intent.currency}`;
  }
}
