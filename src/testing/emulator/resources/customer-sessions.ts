// POST /v1/customer_sessions: a short-lived client secret that lets the Payment Element show a customer's saved
// payment methods, with the features the server turned on (components[payment_element][features][...]).
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import { newId, randomAlnum } from '../ids.js';
import type { Params } from '../params.js';
import type { Route } from '../router.js';
import { requireCustomer } from './customers.js';
import { detachPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import { view } from '../views.js';

const REDISPLAY_FILTERS = ['always', 'limited', 'unspecified'] as const;
/** Stripe's CustomerSessions expire 30 minutes after creation. */
const LIFETIME_SECONDS = 30 * 60;

function enabledComponent(params: Params | undefined): { enabled: boolean } {
  return { enabled: params?.bool('enabled') ?? false };
}

function readPaymentElement(params: Params | undefined): Stripe.CustomerSession.Components.PaymentElement {
  const enabled = params?.bool('enabled') ?? false;
  const features = params?.obj('features');
  const readFeatures = (): Stripe.CustomerSession.Components.PaymentElement.Features => ({
    payment_method_allow_redisplay_filters: features?.list('payment_method_allow_redisplay_filters')?.map((value, i) => {
      if (!REDISPLAY_FILTERS.includes(value as never)) throw invalidRequest(`Invalid payment_method_allow_redisplay_filters[${i}]: must be one of ${REDISPLAY_FILTERS.join(', ')}`, features.name(`payment_method_allow_redisplay_filters[${i}]`));
      return value;
    }) ?? ['always'],
    payment_method_redisplay: features?.oneOf('payment_method_redisplay', ['enabled', 'disabled'] as const) ?? 'disabled',
    payment_method_redisplay_limit: features?.int('payment_method_redisplay_limit', { min: 1, max: 10 }) ?? 3,
    payment_method_remove: features?.oneOf('payment_method_remove', ['enabled', 'disabled'] as const) ?? 'disabled',
    payment_method_save: features?.oneOf('payment_method_save', ['enabled', 'disabled'] as const) ?? 'disabled',
    payment_method_save_usage: features?.oneOf('payment_method_save_usage', ['on_session', 'off_session'] as const) ?? null,
  });
  return { enabled, features: enabled ? readFeatures() : null } as Stripe.CustomerSession.Components.PaymentElement;
}

export const customerSessionRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/customer_sessions', access: 'secret', expand: ['customer'],
    handle: ({ ctx, params }) => {
      const customer = params.str('customer', { required: true })!;
      const components = params.obj('components', { required: true })!;
      const paymentElement = readPaymentElement(components.obj('payment_element'));
      const simple = {
        active_entitlements: enabledComponent(components.obj('active_entitlements')),
        buy_button: enabledComponent(components.obj('buy_button')),
        customer_portal: enabledComponent(components.obj('customer_portal')),
        pricing_table: enabledComponent(components.obj('pricing_table')),
      };
      components.ignore('customer_sheet', 'mobile_payment_element');
      params.done();
      if (![paymentElement, ...Object.values(simple)].some((c) => c.enabled)) {
        throw invalidRequest('At least one component must be enabled: set components[payment_element][enabled]=true (or another component).', 'components');
      }
      requireCustomer(ctx, customer, 'customer');
      const id = newId('customer_session');
      const session = {
        id,
        object: 'customer_session',
        client_secret: randomAlnum(40, `cuss_secret_`),
        components: {
          ...simple,
          customer_sheet: { enabled: false, features: null },
          mobile_payment_element: { enabled: false, features: null },
          payment_element: paymentElement,
        },
        created: ctx.now(),
        customer,
        customer_account: null,
        expires_at: ctx.now() + LIFETIME_SECONDS,
        livemode: false,
      } as Stripe.CustomerSession & { id: string };
      ctx.state.customerSessions.set(id, session);
      // Stripe's answer has no id: the client secret is what the page gets.
      const { id: _id, ...answer } = session;
      return answer;
    },
  },
  {
    // The emulator's own read-back for its fake Payment Element: what a customer session shows (Stripe.js reads it
    // through an internal endpoint).
    method: 'GET', pattern: '/customer_sessions/:secret', access: 'action',
    handle: ({ ctx, params, path }) => {
      params.ignore('key');
      params.done();
      const session = findSession(ctx, path.secret!);
      return { customer: session.customer, payment_element: session.components?.payment_element ?? null, expires_at: session.expires_at };
    },
  },
  {
    // The remove button of the Payment Element's saved-method list (payment_method_remove enabled): Stripe.js detaches
    // with the CustomerSession's authority, never the secret key, and only the session customer's own methods.
    // The secret travels as a param, not in the path, so request logs can redact it.
    method: 'POST', pattern: '/customer_sessions/payment_methods/:pm/detach', access: 'action',
    handle: ({ ctx, params, path }) => {
      const secret = params.str('customer_session_client_secret', { required: true, max: 200 })!;
      params.ignore('key');
      params.done();
      const session = findSession(ctx, secret);
      if (session.components?.payment_element?.features?.payment_method_remove !== 'enabled') {
        throw invalidRequest('This CustomerSession does not allow removing payment methods: create it with components[payment_element][features][payment_method_remove]=enabled.', 'payment_method_remove');
      }
      const record = resolvePaymentMethod(ctx, path.pm!, 'payment_method');
      // Another customer's method answers like one that does not exist.
      if (record.object.customer !== session.customer) throw resourceMissing('payment_method', path.pm!, 'payment_method');
      detachPaymentMethod(ctx, record);
      return view(ctx, record.object);
    },
  },
];

export function findSession(ctx: Context, secret: string): Stripe.CustomerSession {
  for (const session of ctx.state.customerSessions.listing('secret', secret).newestFirst() ?? []) {
    if (session.expires_at > ctx.now()) return session;
  }
  throw resourceMissing('customer_session', secret.slice(0, 12), 'customerSessionClientSecret');
}
