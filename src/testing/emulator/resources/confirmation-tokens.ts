// ConfirmationTokens: Stripe.js (publishable key) turns what the Payment Element collected into `ctoken_...`; the
// server reads it (secret key) and confirms an intent with `confirmation_token`, which brings the PaymentMethod,
// return_url, setup_future_usage and mandate the browser gathered. One use, 12 hours.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import type { Route } from '../router.js';
import type { ConfirmationTokenRecord } from '../state.js';
import { snapshot } from '../views.js';
import { readReturnUrl } from './intent-params.js';
import { readMandateData, type LocalConfirm } from './local-methods.js';
import { assertUsable, readPaymentMethodData, resolvePaymentMethod, storePaymentMethodData, STRIPE_JS_TELEMETRY } from './payment-methods.js';

const LIFETIME_SECONDS = 12 * 60 * 60;

function preview(pm: Stripe.PaymentMethod): Stripe.ConfirmationToken.PaymentMethodPreview {
  const copy = snapshot(pm) as unknown as Record<string, unknown>;
  const { id: _id, object: _object, created: _created, livemode: _livemode, metadata: _metadata, ...rest } = copy;
  return rest as unknown as Stripe.ConfirmationToken.PaymentMethodPreview;
}

/** Looks a token up for a confirm (`param` confirmation_token), refusing one that is spent or expired. */
export function useConfirmationToken(ctx: Context, id: string): ConfirmationTokenRecord {
  const record = ctx.state.confirmationTokens.get(id);
  if (!record) throw resourceMissing('confirmation_token', id, 'confirmation_token');
  if (record.used) throw invalidRequest(`ConfirmationToken ${id} has already been used to confirm a PaymentIntent or SetupIntent. Create a new ConfirmationToken.`, 'confirmation_token', 'confirmation_token_already_used');
  if ((record.object.expires_at ?? Infinity) <= ctx.now()) throw invalidRequest(`ConfirmationToken ${id} has expired. Create a new ConfirmationToken.`, 'confirmation_token', 'confirmation_token_expired');
  return record;
}

/** Marks the token used by `intent` and returns what it brings to the confirm. */
export function spendConfirmationToken(record: ConfirmationTokenRecord, intent: Stripe.PaymentIntent): {
  returnUrl?: string; setupFutureUsage?: 'on_session' | 'off_session'; mandateAcceptance?: LocalConfirm['mandateAcceptance'];
} {
  record.used = true;
  record.object.payment_intent = intent.id;
  const token = record.object;
  const online = token.mandate_data?.customer_acceptance.online;
  return {
    returnUrl: token.return_url ?? undefined,
    setupFutureUsage: (token.setup_future_usage ?? undefined) as 'on_session' | 'off_session' | undefined,
    mandateAcceptance: token.mandate_data
      ? { type: token.mandate_data.customer_acceptance.type as 'online', ipAddress: online?.ip_address ?? undefined, userAgent: online?.user_agent ?? undefined }
      : undefined,
  };
}

export const confirmationTokenRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/confirmation_tokens', access: 'either',
    handle: ({ ctx, params }) => {
      if (ctx.caller === 'secret') {
        throw invalidRequest('ConfirmationTokens are created by Stripe.js with your publishable key (stripe.createConfirmationToken); on the server, use /v1/test_helpers/confirmation_tokens.', undefined, 'secret_key_required');
      }
      params.ignore('key', '_stripe_version', '_stripe_account', ...STRIPE_JS_TELEMETRY);
      return createToken(ctx, params);
    },
  },
  {
    method: 'POST', pattern: '/v1/test_helpers/confirmation_tokens', access: 'secret',
    handle: ({ ctx, params }) => createToken(ctx, params),
  },
  {
    method: 'GET', pattern: '/v1/confirmation_tokens/:id', access: 'secret',
    handle: ({ ctx, params, path }) => {
      params.done();
      const record = ctx.state.confirmationTokens.get(path.id!);
      if (!record) throw resourceMissing('confirmation_token', path.id!);
      return record.object;
    },
  },
];

function createToken(ctx: Context, params: import('../params.js').Params): Stripe.ConfirmationToken {
  const id = params.str('payment_method', { max: 200 });
  const data = params.obj('payment_method_data');
  if (id && data) throw invalidRequest('You may only specify one of these parameters: payment_method, payment_method_data.', 'payment_method_data');
  if (!id && !data) throw invalidRequest('Missing required param: payment_method_data.', 'payment_method_data', 'parameter_missing');
  const pending = data ? readPaymentMethodData(ctx, data) : undefined;
  const returnUrl = readReturnUrl(params);
  const setupFutureUsage = params.oneOf('setup_future_usage', ['on_session', 'off_session'] as const);
  const mandate = readMandateData(params);
  const shipping = params.obj('shipping');
  shipping?.ignore('address', 'name', 'phone');
  params.ignore('payment_method_options', 'expand');
  params.done();
  const paymentMethod = pending ? storePaymentMethodData(ctx, pending) : resolvePaymentMethod(ctx, id!, 'payment_method');
  if (!pending) assertUsable(paymentMethod, paymentMethod.object.customer as string | null);
  const token: Stripe.ConfirmationToken = {
    id: newId('confirmation_token'),
    object: 'confirmation_token',
    created: ctx.now(),
    expires_at: ctx.now() + LIFETIME_SECONDS,
    livemode: false,
    mandate_data: mandate ? { customer_acceptance: { online: mandate.type === 'online' ? { ip_address: mandate.ipAddress ?? null, user_agent: mandate.userAgent ?? null } : null, type: mandate.type } } : null,
    metadata: null,
    payment_intent: null,
    payment_method_options: null,
    payment_method_preview: preview(paymentMethod.object),
    return_url: returnUrl ?? null,
    setup_future_usage: setupFutureUsage ?? null,
    setup_intent: null,
    shipping: null,
    use_stripe_sdk: true,
  };
  ctx.state.confirmationTokens.set(token.id, { object: token, paymentMethod: paymentMethod.object.id, used: false });
  return token;
}
