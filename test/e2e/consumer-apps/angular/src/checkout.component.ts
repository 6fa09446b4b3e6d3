// The README's Angular 21 example: a standalone component, CUSTOM_ELEMENTS_SCHEMA, the bare tag, [intentBody] bound
// as a property, (ssc-*) listeners whose $event Angular types from the package's event map (strictTemplates); the
// outcome is written to the page.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'stripe-save-card';
import type { SscDeclinedDetail, SscSucceededDetail } from 'stripe-save-card';

declare global {
  interface Window { sscConfig: { publishableKey: string } }
}

@Component({
  selector: 'app-checkout',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <stripe-save-card [attr.publishable-key]="publishableKey" intent-url="/create-payment-intent" amount="1999" currency="usd"
      [intentBody]="{ cartId }" (ssc-succeeded)="paid($event.detail)" (ssc-declined)="declined($event.detail)"></stripe-save-card>
    <p id="outcome">{{ outcome() }}</p>`,
})
export class CheckoutComponent {
  protected readonly publishableKey = window.sscConfig.publishableKey;
  protected readonly cartId = 'cart-angular';
  protected readonly outcome = signal('');

  protected paid(detail: SscSucceededDetail): void { this.outcome.set(`succeeded ${detail.intentId}`); }
  protected declined(detail: SscDeclinedDetail): void { this.outcome.set(`declined ${detail.declineCode}: ${detail.message}`); }
}
