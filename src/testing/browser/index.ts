// The fake Stripe.js (no msw here: this entry is also bundled alone into the emulator server's /v3/ script).
export { installFakeStripe, FAKE_STRIPE_VERSION } from './install.js';
export type { InstallFakeStripeOptions, FakeStripeInstallation } from './install.js';
export { apiBaseForScript, STRIPE_API_BASE, STRIPE_SCRIPT_HOST } from './hosts.js';
export type { RecordedRequest } from './api-client.js';
export type { CardChangeEvent, CardEventType } from './card-element.js';
export type { CardBrand, CardValidationError } from './card-rules.js';
export { CARD_ERRORS } from './card-rules.js';
export { CHALLENGE_FRAME_NAME, CHALLENGE_FRAME_TITLE } from './challenge.js';
export { IntegrationError, SHADOW_ROOT_MOUNT_MESSAGE } from './errors.js';
export { CARD_FIELD_NAMES } from './card-frame.js';
export { REDIRECT_FRAME_NAME, REDIRECT_FRAME_TITLE } from './bank-redirect.js';
export { PAYMENT_FRAME_TITLE } from './payment-frame.js';
export type { PaymentElementChangeEvent } from './payment-element.js';
