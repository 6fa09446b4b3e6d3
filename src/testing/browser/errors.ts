// Stripe.js throws `IntegrationError`s for integration mistakes (bad selector, ShadowRoot mount, malformed client
// secret); payment problems are never thrown but resolved as `{ error }`.

export class IntegrationError extends Error {
  override name = 'IntegrationError';
}

/** Stripe's message when the mount node is not in the document's light DOM (stripe/stripe-js#662). */
export const SHADOW_ROOT_MOUNT_MESSAGE = 'Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.';
