// `stripe-save-card/testing`: everything a browser test needs to run Stripe offline — the emulator core, the
// fake Stripe.js and the msw handlers that put the core behind the fake's HTTP calls.
export { installFakeStripe, FAKE_STRIPE_VERSION } from './browser/install.js';
export type { InstallFakeStripeOptions, FakeStripeInstallation } from './browser/install.js';
export { apiBaseForScript, STRIPE_API_BASE, STRIPE_SCRIPT_HOST } from './browser/hosts.js';
export type { RecordedRequest } from './browser/api-client.js';
export type { CardChangeEvent, CardEventType } from './browser/card-element.js';
export { CARD_ERRORS, type CardBrand, type CardValidationError } from './browser/card-rules.js';
export { CHALLENGE_FRAME_NAME, CHALLENGE_FRAME_TITLE } from './browser/challenge.js';
export { IntegrationError, SHADOW_ROOT_MOUNT_MESSAGE } from './browser/errors.js';
export { CARD_FIELD_NAMES } from './browser/card-frame.js';
export { emulatorHandlers, type EmulatorHandlersOptions } from './browser/msw.js';
export { CLAIM_REQUEST, setupEmulatorWorker, startEmulatorWorker } from './browser/worker.js';
export { createEmulator, TEST_CARDS, encodeForm, parseForm, FormError } from './emulator/index.js';
export type { Emulator, EmulatorLimits, EmulatorOptions, EmulatorRequest, EmulatorResponse, FormObject, FormValue, Brand } from './emulator/index.js';
