'use client';
// The README's Next.js (App Router) example: the component from 'stripe-save-card/react', server-rendered and
// hydrated, no next/dynamic; the outcome is written to the page instead of navigating away.
import { useState } from 'react';
import { StripeSaveCard } from 'stripe-save-card/react';

export function CheckoutForm({ cartId, publishableKey }) {
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <StripeSaveCard publishableKey={publishableKey} intentUrl="/api/intent" amount={1999} currency="usd"
        intentBody={{ cartId }}
        onSscSucceeded={(e) => setOutcome(`succeeded ${e.detail.intentId}`)}
        onSscDeclined={(e) => setOutcome(`declined ${e.detail.declineCode}: ${e.detail.message}`)} />
      <p id="outcome">{outcome}</p>
    </>
  );
}
