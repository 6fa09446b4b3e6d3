// The offline Stripe emulator core: one pure-TypeScript state machine shared by the Node server adapter,
// the msw handlers and the fake Stripe.js.
export { createEmulator, MAX_BODY_BYTES } from './emulator.js';
export { TEST_CARDS, type Brand } from './cards.js';
export { encodeForm, parseForm, FormError, type FormObject, type FormValue } from './form.js';
export type { Emulator, EmulatorLimits, EmulatorOptions, EmulatorRequest, EmulatorResponse, EventListener } from './types.js';
