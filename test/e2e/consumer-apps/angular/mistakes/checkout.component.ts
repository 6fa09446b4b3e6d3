// Not built: the checkout's twin with two template mistakes that `ngc -p tsconfig.mistakes.json` must reject under
// strictTemplates, so the app's clean `ng build` is known to have checked the ssc-* events' detail types.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'stripe-save-card';
import type { SscSucceededDetail } from 'stripe-save-card';

@Component({
  selector: 'app-checkout-mistakes',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <stripe-save-card publishable-key="pk_test_123" intent-url="/create-payment-intent" amount="1999" currency="usd"
      (ssc-succeeded)="outcome.set($event.detail.declineCode)" (ssc-declined)="paid($event.detail)"></stripe-save-card>`,
})
export class CheckoutMistakesComponent {
  protected readonly outcome = signal('');
  protected paid(detail: SscSucceededDetail): void { this.outcome.set(detail.intentId); }
}
