// Registers <stripe-save-payment> (the script-tag file dist/stripe-save-payment.min.js is built from this).
import { StripeSavePayment } from './stripe-save-payment.js';

StripeSavePayment.define();
