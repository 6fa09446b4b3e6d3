/** @jsxImportSource preact */
// Type-level checks of the Preact JSX declarations (stripe-save-card/types/preact), compiled by `npm run lint`.
import type {} from '../../src/types/preact.js';

export const page = (
  <stripe-save-card publishable-key="pk_test_1" intent-url="/api/intent" save-usage="on_session" intentBody={{ cart: 'c1' }}
    onssc-error={(event) => { const stage: 'load' | 'backend' | 'stripe' | 'validation' = event.detail.stage; void stage; }} />
);

// @ts-expect-error save-usage is off_session | on_session
export const badUsage = <stripe-save-card save-usage="later" />;
// @ts-expect-error an error event's detail has no intentId
export const badDetail = <stripe-save-card onssc-error={(event) => event.detail.intentId} />;
