import { bootstrapApplication } from '@angular/platform-browser';
import { CheckoutComponent } from './checkout.component';

bootstrapApplication(CheckoutComponent).catch((error: unknown) => console.error(error));
