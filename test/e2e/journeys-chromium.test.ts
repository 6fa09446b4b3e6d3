// The key customer journeys (journeys/journeys.ts) on Chromium; runs unless ENGINES / --engine leaves Chromium out.
import { selectedEngines } from '../browser/helpers/engines/engines.mjs';
import { journeys } from './journeys/journeys.js';
import { paymentJourneys } from './journeys/payment-journeys.js';

if (selectedEngines().includes('chromium')) {
  journeys('chromium');
  paymentJourneys('chromium');
}
