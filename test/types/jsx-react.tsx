// Type-level checks of the React 19 JSX declarations (stripe-save-card/types/react), compiled by `npm run lint`.
import type {} from '../../src/types/react.js';

export const page = (
  <stripe-save-card publishable-key="pk_test_1" intent-url="/api/intent" mode="setup" amount={1999} save
    intentBody={{ cart: 'c1' }} cardOptions={{ hidePostalCode: true }}
    onssc-succeeded={(event) => { const id: string = event.detail.intentId; void id; }}
    onssc-declined={(event) => { const code: string | undefined = event.detail.declineCode; void code; }}>
    <span slot="submit-label">Buy</span>
  </stripe-save-card>
);

// @ts-expect-error mode is payment | setup
export const badMode = <stripe-save-card mode="refund" />;
// @ts-expect-error a succeeded event's detail has no declineCode
export const badDetail = <stripe-save-card onssc-succeeded={(event) => event.detail.declineCode} />;
// @ts-expect-error intentBody is an object, not a string
export const badBody = <stripe-save-card intentBody="cart=1" />;
