// A new Checkout Session object, and the params that decide how the customer meets it: hosted (a `url` to send
// them to, `success_url`) or embedded (a `client_secret` for Stripe.js, `return_url`), with Stripe's 400s for the
// combinations it refuses. ui_mode names follow the API version (hosted/embedded, hosted_page/embedded_page).
import type Stripe from 'stripe';
import { versionRules } from '../api-versions.js';
import type { Context } from '../context.js';
import { invalidRequest, missingParam } from '../errors.js';
import { newClientSecret, newId } from '../ids.js';
import type { Params } from '../params.js';

const SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

function readUrl(params: Params, key: string): string | undefined {
  const url = params.str(key, { max: 5000 });
  if (url !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url)) throw invalidRequest(`Not a valid URL: ${key} must be an absolute URL, got '${url.slice(0, 200)}'.`, key, 'url_invalid');
  return url;
}

export interface SessionPresentation {
  embedded: boolean;
  /** The ui_mode value as the request's API version names it. */
  uiMode: string;
  /** As given: `{CHECKOUT_SESSION_ID}` stays literal until a redirect fills it in. */
  successUrl: string | null;
  cancelUrl: string | null;
  returnUrl: string | null;
  redirectOnCompletion: 'always' | 'if_required' | 'never' | null;
}

/** `ui_mode`, `success_url`, `cancel_url`, `return_url`, `redirect_on_completion`, checked together as Stripe does. */
export function readPresentation(ctx: Context, params: Params): SessionPresentation {
  const names = versionRules(ctx.apiVersion).checkoutUiModes;
  const given = params.str('ui_mode', { max: 100 });
  if (given !== undefined && given !== names.hosted && given !== names.embedded) {
    const renamed = given === 'hosted' || given === 'embedded' || given === 'hosted_page' || given === 'embedded_page'
      ? ` (this API version, ${ctx.apiVersion}, calls it ${given.startsWith('hosted') ? names.hosted : names.embedded}: the names changed in 2026-03-25.dahlia)`
      : ' (elements, custom and form are not emulated)';
    throw invalidRequest(`Invalid ui_mode: must be one of ${names.hosted}, ${names.embedded}; got '${given.slice(0, 50)}'${renamed}.`, 'ui_mode');
  }
  const embedded = given === names.embedded;
  const successUrl = readUrl(params, 'success_url') ?? null;
  const cancelUrl = readUrl(params, 'cancel_url') ?? null;
  const returnUrl = readUrl(params, 'return_url') ?? null;
  const redirect = params.oneOf('redirect_on_completion', ['always', 'if_required', 'never'] as const);
  const uiMode = embedded ? names.embedded : names.hosted;
  const refused = (keys: string[]) => {
    const present = keys.filter((key) => params.has(key));
    if (present.length) throw invalidRequest(`The following parameters are not supported with 'ui_mode: ${uiMode}': ${present.join(', ')}.`, present[0]);
  };
  if (embedded) {
    refused(['success_url', 'cancel_url']);
    if (redirect === 'never' && returnUrl) throw invalidRequest("return_url cannot be set when redirect_on_completion is 'never': the customer is never sent back.", 'return_url');
    if (redirect !== 'never' && !returnUrl) throw missingParam('return_url');
  } else {
    refused(['return_url', 'redirect_on_completion']);
    if (!successUrl) throw missingParam('success_url');
  }
  return { embedded, uiMode, successUrl, cancelUrl, returnUrl, redirectOnCompletion: embedded ? (redirect ?? 'always') : null };
}

export interface SessionFields {
  mode: 'setup' | 'payment';
  presentation: SessionPresentation;
  customer: string | null;
  customerEmail: string | null;
  currency: string | null;
  amountTotal: number | null;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  customerCreation: 'always' | 'if_required' | null;
  locale: string | null;
  submitType: string | null;
  billingAddressCollection: string | null;
  allowedPaymentMethodTypes: string[] | null;
}

export function buildSession(ctx: Context, fields: SessionFields): Stripe.Checkout.Session {
  const id = newId('checkout_session');
  const created = ctx.now();
  const shown = fields.presentation;
  const session = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allowed_payment_method_types: fields.allowedPaymentMethodTypes,
    allow_promotion_codes: null,
    amount_subtotal: fields.amountTotal,
    amount_total: fields.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: fields.billingAddressCollection,
    cancel_url: shown.cancelUrl,
    client_reference_id: fields.clientReferenceId,
    client_secret: shown.embedded ? newClientSecret(id) : null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: fields.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: fields.customer,
    customer_account: null,
    customer_creation: fields.customerCreation,
    customer_details: fields.customerEmail
      ? { address: null, business_name: null, email: fields.customerEmail, individual_name: null, name: null, phone: null, tax_exempt: 'none', tax_ids: null }
      : null,
    customer_email: fields.customerEmail,
    discounts: null,
    expires_at: created + SESSION_LIFETIME_SECONDS,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: fields.locale,
    managed_payments: null,
    metadata: fields.metadata,
    mode: fields.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: fields.mode === 'setup' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: fields.mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    // Embedded sessions carry where the customer returns to; hosted ones (and return_url when none) leave the keys out.
    ...(shown.embedded ? { redirect_on_completion: shown.redirectOnCompletion } : {}),
    ...(shown.returnUrl ? { return_url: shown.returnUrl } : {}),
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: fields.submitType,
    subscription: null,
    success_url: shown.successUrl,
    total_details: fields.amountTotal === null ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: shown.uiMode,
    url: shown.embedded ? null : `${ctx.publicUrl}/checkout/${id}`,
    wallet_options: null,
  };
  return session as unknown as Stripe.Checkout.Session;
}
