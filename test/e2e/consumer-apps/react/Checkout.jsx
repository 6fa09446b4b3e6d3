// The README's React example: the component from 'stripe-save-card/react', intentBody as an object prop, typed
// handlers; the outcome is written to the page instead of navigating away.
import { useState } from 'react';
import { StripeSaveCard } from 'stripe-save-card/react';

export function Checkout({ cartId }) {
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <StripeSaveCard publishableKey={window.sscConfig.publishableKey} intentUrl="/create-payment-intent" amount={1999} currency="usd"
        intentBody={{ cartId }}
        onSscSucceeded={(e) => setOutcome(`succeeded ${e.detail.intentId}`)}
        onSscDeclined={(e) => setOutcome(`declined ${e.detail.declineCode}: ${e.detail.message}`)} />
      <p id="outcome">{outcome}</p>
    </>
  );
}
