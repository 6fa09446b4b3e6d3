// Builders for fresh Stripe objects, each with the same keys as Stripe's own example of its type
// (shared/stripe-fixtures.json); a test compares the key sets.
import type Stripe from 'stripe';

export const emptyAddress = (): Stripe.Address => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });
