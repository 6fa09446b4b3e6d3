// The key customer journeys (journeys/journeys.ts) on WebKit; runs unless ENGINES / --engine leaves WebKit out.
import { selectedEngines } from '../browser/helpers/engines/engines.mjs';
import { journeys } from './journeys/journeys.js';
import { paymentJourneys } from './journeys/payment-journeys.js';

if (selectedEngines().includes('webkit')) {
  journeys('webkit');
  paymentJourneys('webkit');
}
