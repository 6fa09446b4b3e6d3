// `stripe-save-card/testing/server`: the offline Stripe emulator over real HTTP, for Node.
export { startEmulator } from './start.js';
export type { RunningEmulator, StartEmulatorOptions } from './start.js';
export { DEFAULT_WEBHOOK_RETRY, retrySchedule, signWebhookPayload } from './webhooks.js';
export type { WebhookDelivery, WebhookEndpoint, WebhookRetryOptions, DeliveryState } from './webhooks.js';
export { createEmulator } from '../emulator/index.js';
export type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse, EventListener } from '../emulator/types.js';
