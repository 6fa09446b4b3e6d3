// Params PaymentIntents and SetupIntents read alike, where the API version decides: which payment method types,
// automatic payment methods by default, and the return_url a server-side confirm then needs.
import type Stripe from 'stripe';
import { versionRules } from '../api-versions.js';
import type { Context } from '../context.js';
import { ApiError, errorBody, invalidRequest, unknownParam } from '../errors.js';
import type { Params } from '../params.js';
import { automaticTypesFor, isKnownType, KNOWN_PAYMENT_METHOD_TYPES, type PaymentMethodType } from '../payment-method-types.js';
import { view } from '../views.js';

export interface MethodTypes {
  /** `allowed_payment_method_types` as given, or null. */
  allowed: string[] | null;
  /** Either list was given: automatic payment methods are then off unless asked for. */
  given: boolean;
  /** `payment_method_types` as given (older versions), or undefined. */
  legacy?: string[];
}

/** Every listed type must be one the account turned on (createEmulator's `paymentMethodTypes`). */
function enabledOnly(ctx: Context, types: string[], param: string): string[] {
  types.forEach((type, i) => {
    if (!ctx.enabledTypes.includes(type as PaymentMethodType)) {
      const known = isKnownType(type) ? '' : ` The emulator knows ${KNOWN_PAYMENT_METHOD_TYPES.join(', ')}.`;
      throw invalidRequest(`The payment method type provided: ${type} is invalid. Please ensure the provided type is activated in your dashboard (the emulator's paymentMethodTypes option: ${ctx.enabledTypes.join(', ')}).${known}`, `${param}[${i}]`);
    }
  });
  return types;
}

/**
 * The intent's `payment_method_types`: the list given, or what automatic payment methods offer for the currency
 * (Stripe's 400 when no enabled type can charge in it), or card (the emulator's default account).
 */
export function intentMethodTypes(ctx: Context, types: MethodTypes, automatic: { allow_redirects?: string } | null, currency: string | undefined): string[] {
  if (types.allowed) return types.allowed;
  if (types.legacy) return types.legacy;
  if (!automatic) return ['card'];
  const offered = automaticTypesFor(ctx.enabledTypes, currency ?? 'eur', automatic.allow_redirects === 'never' ? 'never' : undefined);
  if (offered.length === 0) {
    throw invalidRequest(`No valid payment method types for this Payment Intent. Please ensure that you have activated payment methods compatible with your chosen currency (${currency}) in your dashboard (the emulator's paymentMethodTypes option: ${ctx.enabledTypes.join(', ')}).`, 'currency');
  }
  return offered;
}

/**
 * `allowed_payment_method_types`, and `payment_method_types` for the versions that still take it. 2026-09-30.endive
 * removed it: PaymentIntents and SetupIntents answer with the code Stripe's changelog names for it,
 * `payment_method_types_no_longer_supported`; Checkout Sessions, whose changelog entry names no code, as for any
 * parameter they don't know.
 */
export function readMethodTypes(ctx: Context, params: Params, resource: 'intent' | 'checkout' = 'intent'): MethodTypes {
  const allowed = params.list('allowed_payment_method_types');
  if (params.has('payment_method_types') && !versionRules(ctx.apiVersion).paymentMethodTypesParam) {
    const why = `payment_method_types was removed in API version 2026-09-30.endive (this request's version is ${ctx.apiVersion})`;
    if (resource === 'intent') {
      throw invalidRequest(`payment_method_types is no longer supported: ${why}. Use allowed_payment_method_types, or leave both out for automatic payment methods.`, 'payment_method_types', 'payment_method_types_no_longer_supported');
    }
    const error = unknownParam('payment_method_types');
    throw new ApiError(400, { ...error.body, message: `${error.body.message}. Did you mean allowed_payment_method_types? (${why})` });
  }
  const legacy = params.list('payment_method_types');
  if (allowed && legacy) throw invalidRequest('You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.', 'payment_method_types');
  if (legacy) enabledOnly(ctx, legacy, 'payment_method_types');
  return { allowed: allowed ? enabledOnly(ctx, allowed, 'allowed_payment_method_types') : null, given: Boolean(allowed ?? legacy), legacy };
}

/** `automatic_payment_methods` as the intent will carry it: on by default since 2023-08-16 unless types were given. */
export function readAutomaticPaymentMethods(ctx: Context, params: Params, types: MethodTypes): Stripe.PaymentIntent.AutomaticPaymentMethods | null {
  const automatic = params.obj('automatic_payment_methods');
  const enabled = automatic?.bool('enabled');
  const allowRedirects = automatic?.oneOf('allow_redirects', ['always', 'never'] as const);
  if (automatic && types.given && types.allowed === null) {
    throw invalidRequest('You may only specify one of these parameters: automatic_payment_methods, payment_method_types.', 'automatic_payment_methods');
  }
  const on = enabled ?? (!types.given && versionRules(ctx.apiVersion).automaticPaymentMethodsByDefault);
  if (!on) return null;
  return allowRedirects ? { allow_redirects: allowRedirects, enabled: true } : { enabled: true };
}

/**
 * Schemes that run or embed content where the customer lands (the 3DS page navigates there). Stripe refuses them
 * (`url_invalid`, "Not a valid URL"); https, http and an app's own URI scheme (a mobile deep link) are accepted.
 */
const SCRIPT_SCHEMES = /^\s*(javascript|vbscript|data|file|blob|about):/i;

export function readReturnUrl(params: Params): string | undefined {
  const url = params.str('return_url', { max: 2048 });
  if (url !== undefined && SCRIPT_SCHEMES.test(url)) throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
  if (url !== undefined && !/^[a-z][a-z0-9+.-]*:\/?\/?\S+$/i.test(url)) throw invalidRequest(`Invalid URL: ${url}. return_url must be an absolute URL.`, 'return_url');
  return url;
}

const RETURN_URL_MESSAGE =
  'This PaymentIntent is configured to accept payment methods enabled in your Dashboard. Because some of these payment methods might redirect your customer off of your page, you must provide a `return_url`. If you don\'t want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';

/**
 * Stripe's rule since automatic payment methods: a server-side confirm of an intent that may use redirecting
 * methods must say where to come back (PaymentIntents off-session excepted). Stripe.js confirms are not concerned.
 */
export function requireReturnUrl(ctx: Context, intent: Stripe.PaymentIntent | Stripe.SetupIntent, confirm: { returnUrl?: string; offSession?: boolean }): void {
  if (ctx.caller !== 'secret' || confirm.returnUrl !== undefined) return;
  if (intent.object === 'payment_intent' && confirm.offSession) return;
  const automatic = intent.automatic_payment_methods;
  if (!automatic?.enabled || automatic.allow_redirects === 'never' || intent.allowed_payment_method_types) return;
  const message = intent.object === 'payment_intent' ? RETURN_URL_MESSAGE : RETURN_URL_MESSAGE.replace('This PaymentIntent', 'This SetupIntent');
  throw new ApiError(400, errorBody({ type: 'invalid_request_error', message, [intent.object]: view(ctx, intent) }));
}
