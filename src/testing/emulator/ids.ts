// Ids that look like Stripe's: a prefix, then random letters and digits (`pi_3Pgafy...`, 24 characters after `pi_`).
// Randomness comes from globalThis.crypto, present in Node 20 and every browser, drawn in batches because
// a confirm creates several ids and the benchmark creates thousands.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolIndex = 0;

function randomByte(): number {
  if (poolIndex >= pool.length) {
    pool = new Uint8Array(POOL_SIZE);
    globalThis.crypto.getRandomValues(pool);
    poolIndex = 0;
  }
  return pool[poolIndex++]!;
}

/**
 * `prefix` then `length` random characters from [A-Za-z0-9], unbiased (bytes >= 248 are redrawn). Built in one
 * piece: `out += c` would leave a chain of rope nodes behind every stored id, several hundred bytes each.
 */
export function randomAlnum(length: number, prefix = ''): string {
  const codes: number[] = [];
  for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i));
  while (codes.length < prefix.length + length) {
    const byte = randomByte();
    if (byte < 248) codes.push(ALPHABET.charCodeAt(byte % 62));
  }
  return String.fromCharCode(...codes);
}

/** The shape of each kind of id, measured on real Stripe ids. */
const SHAPES = {
  payment_intent: { prefix: 'pi_3', length: 23 },
  setup_intent: { prefix: 'seti_1', length: 23 },
  payment_method: { prefix: 'pm_1', length: 23 },
  customer: { prefix: 'cus_', length: 14 },
  checkout_session: { prefix: 'cs_test_a1', length: 56 },
  event: { prefix: 'evt_1', length: 23 },
  charge: { prefix: 'ch_3', length: 23 },
  refund: { prefix: 're_3', length: 23 },
  balance_transaction: { prefix: 'txn_3', length: 23 },
  source: { prefix: 'src_1', length: 23 },
  token: { prefix: 'tok_1', length: 23 },
  card: { prefix: 'card_1', length: 23 },
  setup_attempt: { prefix: 'setatt_1', length: 23 },
  line_item: { prefix: 'li_1', length: 23 },
  price: { prefix: 'price_1', length: 23 },
  product: { prefix: 'prod_', length: 14 },
  request: { prefix: 'req_', length: 14 },
  mandate: { prefix: 'mandate_1', length: 23 },
  confirmation_token: { prefix: 'ctoken_1', length: 23 },
  customer_session: { prefix: 'cuss_', length: 24 },
} as const;

export type IdKind = keyof typeof SHAPES;

export function newId(kind: IdKind): string {
  const shape = SHAPES[kind];
  return randomAlnum(shape.length, shape.prefix);
}

/** `<id>_secret_<24 alnum>`, the client secret Stripe.js is given. */
export function newClientSecret(id: string): string {
  return randomAlnum(24, `${id}_secret_`);
}

/** A stable per-number fingerprint (FNV-1a), so the same card number always maps to the same value. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 16; round++) {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i) + round;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += ALPHABET[hash % 62]! + ALPHABET[(hash >>> 8) % 62]!;
  }
  return out.slice(0, 16);
}
