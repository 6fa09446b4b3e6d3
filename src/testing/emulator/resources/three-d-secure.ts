// The emulator's own 3D Secure page actions (what Stripe's hosted challenge does): both adapters serve
// them through handle(), so the fake Stripe.js overlay and a server-rendered page behave the same.
import type Stripe from 'stripe';
import { settleChallenge } from '../challenges.js';
import type { Context } from '../context.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import type { Route } from '../router.js';
import type { ThreeDsChallenge } from '../state.js';
import { view } from '../views.js';
import { completionRedirect } from './checkout-completion.js';
import { completePaymentAuthentication, failPaymentAuthentication } from './payment-intent-flow.js';
import { completeSetupAuthentication, failSetupAuthentication } from './setup-intents.js';

function requireChallenge(ctx: Context, source: string): ThreeDsChallenge {
  const challenge = ctx.state.challenges.get(source);
  if (!challenge || challenge.bank) throw resourceMissing('source', source, 'source');
  return challenge;
}

function intentOf(ctx: Context, challenge: ThreeDsChallenge): { object: Stripe.PaymentIntent | Stripe.SetupIntent; checkoutSession?: string } {
  const { kind, id } = challenge.intent;
  return (kind === 'payment_intent' ? ctx.state.paymentIntents.get(id) : ctx.state.setupIntents.get(id))!;
}

function requirePending(ctx: Context, challenge: ThreeDsChallenge): void {
  const intent = intentOf(ctx, challenge).object;
  if (challenge.state !== 'pending' || intent.status !== 'requires_action') {
    const why = challenge.state === 'pending' ? `its ${intent.object} has a status of ${intent.status}` : `it was already ${challenge.state}`;
    throw invalidRequest(`This 3D Secure authentication can no longer be completed: ${why}.`, 'source', 'authentication_not_pending');
  }
}

/** The action's answer: the intent, where to return, and (for Checkout) where the customer goes next. */
function answer(ctx: Context, challenge: ThreeDsChallenge): Record<string, unknown> {
  const record = intentOf(ctx, challenge);
  const body: Record<string, unknown> = { intent: view(ctx, record.object) };
  if (challenge.returnUrl) body.return_url = challenge.returnUrl;
  if (record.checkoutSession) {
    const session = ctx.state.checkoutSessions.get(record.checkoutSession)!;
    body.checkout_session = { id: session.object.id, status: session.object.status };
    if (session.object.status === 'complete') {
      const redirect = completionRedirect(session);
      if (redirect) body.redirect = redirect;
    }
  }
  return body;
}

export const threeDSecureRoutes: Route[] = [
  {
    method: 'GET', pattern: '/3ds/:source', access: 'open',
    handle: ({ ctx, params, path }) => {
      params.ignore('key');
      params.done();
      const challenge = requireChallenge(ctx, path.source!);
      const record = intentOf(ctx, challenge);
      const intent = record.object;
      return {
        source: challenge.id,
        state: challenge.state,
        intent: {
          id: intent.id,
          object: intent.object,
          status: intent.status,
          amount: intent.object === 'payment_intent' ? intent.amount : null,
          currency: intent.object === 'payment_intent' ? intent.currency : null,
        },
        return_url: challenge.returnUrl ?? null,
        checkout_session: record.checkoutSession ?? null,
      };
    },
  },
  settleRoute('complete'),
  settleRoute('fail'),
];

/** `POST /3ds/:source/complete|fail`: what the challenge page's two buttons do to the intent waiting on it. */
function settleRoute(outcome: 'complete' | 'fail'): Route {
  return {
    method: 'POST', pattern: `/3ds/:source/${outcome}`, access: 'action',
    handle: ({ ctx, params, path }) => {
      params.ignore('key');
      params.done();
      const challenge = requireChallenge(ctx, path.source!);
      requirePending(ctx, challenge);
      settleChallenge(ctx, challenge, outcome === 'complete' ? 'completed' : 'failed');
      const { kind, id } = challenge.intent;
      if (kind === 'payment_intent') {
        const intent = ctx.state.paymentIntents.get(id)!;
        if (outcome === 'complete') completePaymentAuthentication(ctx, intent);
        else failPaymentAuthentication(ctx, intent);
      } else {
        const intent = ctx.state.setupIntents.get(id)!;
        if (outcome === 'complete') completeSetupAuthentication(ctx, intent);
        else failSetupAuthentication(ctx, intent);
      }
      return answer(ctx, challenge);
    },
  };
}
