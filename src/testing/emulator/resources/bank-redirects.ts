// The emulator's test bank page actions for redirect methods (iDEAL, Bancontact): what Stripe's test redirect page
// does with its "Authorize test payment" and "Fail test payment" buttons. The HTTP server renders the page at
// /bank/:id; the fake Stripe.js draws the same buttons over the page; both post here.
import { settleChallenge } from '../challenges.js';
import type { Context } from '../context.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import type { Route } from '../router.js';
import type { ThreeDsChallenge } from '../state.js';
import { view } from '../views.js';
import { authorizeRedirect, failRedirect } from './local-methods.js';

function requireRedirect(ctx: Context, id: string): ThreeDsChallenge {
  const redirect = ctx.state.challenges.get(id);
  if (!redirect || !redirect.bank) throw resourceMissing('redirect', id, 'id');
  return redirect;
}

export const bankRedirectRoutes: Route[] = [
  {
    method: 'GET', pattern: '/bank/:id', access: 'open',
    handle: ({ ctx, params, path }) => {
      params.ignore('key');
      params.done();
      const redirect = requireRedirect(ctx, path.id!);
      const pi = ctx.state.paymentIntents.get(redirect.intent.id)!.object;
      const pm = pi.payment_method ? ctx.state.paymentMethods.get(String(pi.payment_method))?.object : undefined;
      return {
        id: redirect.id,
        state: redirect.state,
        payment_method_type: pm?.type ?? null,
        intent: { id: pi.id, object: pi.object, status: pi.status, amount: pi.amount, currency: pi.currency },
        return_url: redirect.returnUrl ?? null,
      };
    },
  },
  settleRoute('authorize'),
  settleRoute('fail'),
];

function settleRoute(outcome: 'authorize' | 'fail'): Route {
  return {
    method: 'POST', pattern: `/bank/:id/${outcome}`, access: 'action',
    handle: ({ ctx, params, path }) => {
      params.ignore('key');
      params.done();
      const redirect = requireRedirect(ctx, path.id!);
      const record = ctx.state.paymentIntents.get(redirect.intent.id)!;
      if (redirect.state !== 'pending' || record.object.status !== 'requires_action') {
        const why = redirect.state === 'pending' ? `its payment_intent has a status of ${record.object.status}` : `it was already ${redirect.state}`;
        throw invalidRequest(`This test payment can no longer be authorized or failed: ${why}.`, 'id', 'redirect_not_pending');
      }
      settleChallenge(ctx, redirect, outcome === 'authorize' ? 'completed' : 'failed');
      if (outcome === 'authorize') authorizeRedirect(ctx, record);
      else failRedirect(ctx, record);
      return { intent: view(ctx, record.object), return_url: redirect.returnUrl ?? null };
    },
  };
}
