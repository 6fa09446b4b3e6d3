// 3D Secure challenges: an intent that needs authentication gets a `src_...` challenge, served by the
// emulator's own /3ds/:source page, and a next_action pointing at it.
import type { Context } from './context.js';
import { newId } from './ids.js';
import type { ThreeDsChallenge } from './state.js';

export type NextAction =
  | { type: 'use_stripe_sdk'; use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string; source: string } }
  | { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } };

/** Opens a challenge for the intent (abandoning any earlier one) and returns the next_action that leads to it. */
export function openChallenge(ctx: Context, intent: ThreeDsChallenge['intent'], returnUrl: string | undefined): NextAction {
  abandonChallenges(ctx, intent.id);
  const id = newId('source');
  ctx.state.challenges.set(id, { id, intent, returnUrl, state: 'pending' });
  ctx.state.pendingChallenges.set(intent.id, id);
  const url = `${ctx.publicUrl}/3ds/${id}`;
  return returnUrl
    ? { type: 'redirect_to_url', redirect_to_url: { url, return_url: returnUrl } }
    : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: id } };
}

/** The pending challenge of an intent ends when the intent moves on by another route (cancel, new confirm). */
export function abandonChallenges(ctx: Context, intentId: string): void {
  const source = ctx.state.pendingChallenges.get(intentId);
  if (source === undefined) return;
  const challenge = ctx.state.challenges.get(source);
  if (challenge?.state === 'pending') challenge.state = 'abandoned';
  ctx.state.pendingChallenges.delete(intentId);
}

/** Marks the intent's pending challenge finished (the /3ds action routes call this). */
export function settleChallenge(ctx: Context, challenge: ThreeDsChallenge, state: 'completed' | 'failed'): void {
  challenge.state = state;
  ctx.state.pendingChallenges.delete(challenge.intent.id);
}
