// Type-level checks of the public event typing, compiled by `npm run lint` (tsc --noEmit): a listener for one of our
// events gets its detail typed, on any element or the document, and a wrong key is an error.
import type { StripeSaveCard } from '../../src/index.js';

export function listen(el: StripeSaveCard): void {
  document.addEventListener('ssc-succeeded', (event) => {
    const intentId: string = event.detail.intentId;
    const mode: 'payment' | 'setup' = event.detail.mode;
    void intentId; void mode;
  });
  el.addEventListener('ssc-declined', (event) => {
    const declineCode: string | undefined = event.detail.declineCode;
    void declineCode;
    // @ts-expect-error a declined event has no status
    void event.detail.status;
  });
  el.addEventListener('ssc-error', (event) => {
    // @ts-expect-error stage is one of load | backend | stripe | validation
    const stage: 'network' = event.detail.stage;
    void stage;
  });
  const tag: StripeSaveCard = document.createElement('stripe-save-card');
  void tag;
}
