// PaymentIntent and SetupIntent flows over HTTP, as Stripe.js runs them: confirm (marked as a Stripe.js confirm that
// will run next actions itself), retrieve with the client secret, and the 3D Secure challenge for a requires_action
// intent. The challenge is drawn in the page and its answer goes to the API host: a page under Stripe's documented
// CSP (connect-src https://api.stripe.com only) lets every call through. Payment problems resolve as `{ error }`;
// only integration mistakes throw.
import { errorFrom, succeeded, type ApiClient, type ApiResult } from './api-client.js';
import type { AnyObject } from './card-params.js';
import { showChallenge } from './challenge.js';
import { IntegrationError } from './errors.js';

export type IntentKind = 'payment_intent' | 'setup_intent';

const INTENTS = {
  payment_intent: { prefix: 'pi_', route: '/v1/payment_intents', resultKey: 'paymentIntent', lastError: 'last_payment_error', label: 'PaymentIntent' },
  setup_intent: { prefix: 'seti_', route: '/v1/setup_intents', resultKey: 'setupIntent', lastError: 'last_setup_error', label: 'SetupIntent' },
} as const;

/** `pi_123_secret_abc` → `pi_123`; throws Stripe's IntegrationError for anything that is not a client secret. */
export function intentIdFromSecret(secret: unknown, kind: IntentKind, method: string): string {
  const { prefix } = INTENTS[kind];
  const at = typeof secret === 'string' ? secret.indexOf('_secret_') : -1;
  if (typeof secret !== 'string' || !secret.startsWith(prefix) || at <= prefix.length) {
    throw new IntegrationError(`Invalid value for ${method} intent secret: value should be a client_secret string. You specified: ${String(secret)}.`);
  }
  return secret.slice(0, at);
}

export function kindOfSecret(secret: unknown, method: string): IntentKind {
  if (typeof secret === 'string' && secret.startsWith('seti_')) return 'setup_intent';
  if (typeof secret === 'string' && secret.startsWith('pi_')) return 'payment_intent';
  throw new IntegrationError(`Invalid value for ${method}: clientSecret should be a PaymentIntent or SetupIntent client_secret string. You specified: ${String(secret)}.`);
}

/** Statuses in which there is nothing left for the browser to do. */
const SETTLED = new Set(['succeeded', 'processing', 'requires_capture', 'canceled']);

/** Runs a next action the 3DS overlay cannot (a redirect method's test bank page); undefined when not one. */
export type RedirectHook = (kind: IntentKind, intent: AnyObject, secret: string) => Promise<AnyObject> | undefined;

export class IntentFlows {
  constructor(private readonly api: ApiClient, private readonly redirectHook?: RedirectHook) {}

  async confirm(kind: IntentKind, secret: string, params: AnyObject, handleActions: boolean): Promise<AnyObject> {
    const id = intentIdFromSecret(secret, kind, 'confirm');
    // Stripe.js marks its confirms the same way: it will run next actions itself, and it expects a card.
    const result = await this.api.call('POST', `${INTENTS[kind].route}/${id}/confirm`, {
      ...params, expected_payment_method_type: 'card', use_stripe_sdk: 'true', client_secret: secret,
    });
    if (!succeeded(result)) return { error: errorFrom(result) };
    const intent = result.body as AnyObject;
    if (handleActions && intent.status === 'requires_action') return this.runAction(kind, intent, secret);
    return this.intentResult(kind, intent);
  }

  async retrieveResult(kind: IntentKind, id: string, secret: string): Promise<AnyObject> {
    const result = await this.retrieve(kind, id, secret);
    if (succeeded(result)) return { [INTENTS[kind].resultKey]: result.body };
    return { error: errorFrom(result) };
  }

  /** handleCardAction / handleNextAction: the intent must be waiting in requires_action. */
  async handleAction(kind: IntentKind, id: string, secret: string, method: string): Promise<AnyObject> {
    const result = await this.retrieve(kind, id, secret);
    if (!succeeded(result)) return { error: errorFrom(result) };
    const intent = result.body as AnyObject;
    if (intent.status !== 'requires_action') {
      return {
        error: {
          type: 'invalid_request_error', code: `${kind}_unexpected_state`,
          message: `${method}: The ${INTENTS[kind].label} supplied is not in the requires_action state (its status is ${String(intent.status)}).`,
          [kind]: intent,
        },
      };
    }
    return this.runAction(kind, intent, secret);
  }

  /**
   * The older handleCardPayment/handleCardSetup given nothing to confirm with: they finish whatever the intent
   * waits for (a 3DS action after a server-side confirm), report a settled intent, and otherwise confirm it with
   * the PaymentMethod it already has.
   */
  async finish(kind: IntentKind, id: string, secret: string): Promise<AnyObject> {
    const result = await this.retrieve(kind, id, secret);
    if (!succeeded(result)) return { error: errorFrom(result) };
    const intent = result.body as AnyObject;
    if (intent.status === 'requires_action') return this.runAction(kind, intent, secret);
    if (SETTLED.has(String(intent.status))) return this.intentResult(kind, intent);
    return this.confirm(kind, secret, {}, true);
  }

  private retrieve(kind: IntentKind, id: string, secret: string): Promise<ApiResult> {
    return this.api.call('GET', `${INTENTS[kind].route}/${id}`, { client_secret: secret });
  }

  /** Shows the 3DS challenge for a requires_action intent, then reports the intent as it stands afterwards. */
  private async runAction(kind: IntentKind, intent: AnyObject, secret: string): Promise<AnyObject> {
    const source = challengeSource(intent.next_action);
    const redirected = source ? undefined : this.redirectHook?.(kind, intent, secret);
    if (redirected) return redirected;
    if (!source) {
      return {
        error: {
          type: 'invalid_request_error', code: 'unsupported_next_action',
          message: `The fake Stripe.js cannot handle next_action type ${String(intent.next_action?.type)}.`, [kind]: intent,
        },
      };
    }
    await showChallenge(async (outcome) => {
      await this.api.call('POST', `/3ds/${encodeURIComponent(source)}/${outcome}`);
    });
    const after = await this.retrieve(kind, String(intent.id), secret);
    if (!succeeded(after)) return { error: errorFrom(after) };
    return this.intentResult(kind, after.body as AnyObject);
  }

  /** A failed attempt leaves the intent in requires_payment_method with its last error: Stripe.js reports that error. */
  private intentResult(kind: IntentKind, intent: AnyObject): AnyObject {
    const lastError = intent[INTENTS[kind].lastError] as AnyObject | null | undefined;
    if (intent.status === 'requires_payment_method' && lastError) return { error: { ...lastError, [kind]: intent } };
    return { [INTENTS[kind].resultKey]: intent };
  }
}

/** The 3DS source to answer: `use_stripe_sdk.source`, or the `/3ds/src_...` page a `redirect_to_url` points at. */
function challengeSource(nextAction: AnyObject | null | undefined): string | undefined {
  if (!nextAction) return undefined;
  if (nextAction.type === 'use_stripe_sdk') {
    const sdk = nextAction.use_stripe_sdk ?? {};
    const source = sdk.source ?? sdk.three_d_secure_2_source;
    return typeof source === 'string' ? source : undefined;
  }
  if (nextAction.type === 'redirect_to_url') {
    const url = String(nextAction.redirect_to_url?.url ?? '');
    return /\/3ds\/(src_[A-Za-z0-9]+)/.exec(url)?.[1];
  }
  return undefined;
}
