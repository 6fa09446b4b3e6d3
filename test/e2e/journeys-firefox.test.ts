// The key customer journeys (journeys/journeys.ts) on Firefox; runs unless ENGINES / --engine leaves Firefox out.
import { selectedEngines } from '../browser/helpers/engines/engines.mjs';
import { journeys } from './journeys/journeys.js';
import { paymentJourneys } from './journeys/payment-journeys.js';

if (selectedEngines().includes('firefox')) {
  journeys('firefox');
  paymentJourneys('firefox');
}
