// The merchant decides the price. The browser only says which items it wants; any `amount` it sends is ignored.
import { invalid } from './errors.js';

export const CURRENCY = 'usd';

export interface CatalogItem {
  sku: string;
  name: string;
  unitAmount: number;
}

export const CATALOG: readonly CatalogItem[] = [
  { sku: 'tshirt', name: 'Stripe-purple T-shirt', unitAmount: 1999 },
  { sku: 'mug', name: 'Enamel mug', unitAmount: 1200 },
  { sku: 'stickers', name: 'Sticker pack', unitAmount: 500 },
];

/** What "charge for next month" can bill off-session (merchant side: the customer is not there). */
export const PLANS: Readonly<Record<string, { name: string; amount: number }>> = {
  monthly: { name: 'Monthly subscription', amount: 1500 },
  deposit: { name: 'Hotel deposit', amount: 5000 },
};

export interface OrderLine {
  sku: string;
  quantity: number;
}

const MAX_LINES = 20;
const MAX_QUANTITY = 99;

/** Validates `items` from a request body and returns the normalised lines. */
export function parseItems(value: unknown, field = 'items'): OrderLine[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LINES) {
    throw invalid(field, `a non-empty array (at most ${MAX_LINES}) of { sku, quantity }`, value);
  }
  return value.map((line, i) => {
    const where = `${field}[${i}]`;
    if (typeof line !== 'object' || line === null) throw invalid(where, 'an object { sku, quantity }', line);
    const { sku, quantity = 1 } = line as { sku?: unknown; quantity?: unknown };
    if (typeof sku !== 'string' || !CATALOG.some((item) => item.sku === sku)) {
      throw invalid(`${where}.sku`, `one of ${CATALOG.map((item) => item.sku).join(', ')}`, sku);
    }
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw invalid(`${where}.quantity`, `an integer from 1 to ${MAX_QUANTITY}`, quantity);
    }
    return { sku, quantity };
  });
}

/** Total in the smallest currency unit, from the catalog only. */
export function priceLines(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + CATALOG.find((item) => item.sku === line.sku)!.unitAmount * line.quantity, 0);
}
