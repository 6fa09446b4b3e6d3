// Thousands of random and malformed requests: handle() never throws, always answers JSON, and every
// failure is a Stripe-shaped error with a known error.type. None may reach the catch-all 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, type EmulatorRequest } from '../../src/testing/emulator/index.js';

/** Small seeded PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ERROR_TYPES = new Set(['api_error', 'card_error', 'idempotency_error', 'invalid_request_error', 'rate_limit_error']);

test('fuzz: random methods, paths, bodies, headers and encodings never break handle()', () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20240601);
  const random = prng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const emulator = createEmulator();

  // Real objects to aim at, so the fuzz also reaches deep route code.
  const customer = emulator.request('POST', '/v1/customers', { email: 'f@example.com' }).body.id as string;
  const pi = emulator.request('POST', '/v1/payment_intents', { amount: 1000, currency: 'usd', customer }).body;
  const si = emulator.request('POST', '/v1/setup_intents', { customer }).body;
  const tds = emulator.request('POST', '/v1/payment_intents', { amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: 'true', 'allowed_payment_method_types[]': 'card' }).body;
  const session = emulator.request('POST', '/v1/checkout/sessions', { mode: 'setup', success_url: 'https://x.test/ok' }).body.id as string;
  const ids = [customer, pi.id, si.id, tds.id, session, tds.next_action.use_stripe_sdk.source, 'pm_card_visa', 'pm_card_authenticationRequired', 'pi_nope', '', '%', '%zz', '..', '\u0000', '💳', 'x'.repeat(300)];

  const templates = [
    '/v1/customers', '/v1/customers/:id', '/v1/customers/:id/payment_methods', '/v1/customers/:id/payment_methods/:id',
    '/v1/payment_methods', '/v1/payment_methods/:id', '/v1/payment_methods/:id/attach', '/v1/payment_methods/:id/detach',
    '/v1/payment_intents', '/v1/payment_intents/:id', '/v1/payment_intents/:id/confirm', '/v1/payment_intents/:id/cancel', '/v1/payment_intents/:id/capture',
    '/v1/setup_intents', '/v1/setup_intents/:id', '/v1/setup_intents/:id/confirm', '/v1/setup_intents/:id/cancel',
    '/v1/checkout/sessions', '/v1/checkout/sessions/:id', '/v1/checkout/sessions/:id/expire', '/v1/events', '/v1/events/:id',
    '/3ds/:id', '/3ds/:id/complete', '/3ds/:id/fail', '/checkout/:id', '/checkout/:id/complete', '/', '', '/v1', '/v2/x', '//v1//customers', '/v1/nope',
  ];
  const keys = ['amount', 'currency', 'customer', 'payment_method', 'confirm', 'off_session', 'setup_future_usage', 'metadata[a]', 'metadata', 'expand[]', 'expand[0]',
    'card[number]', 'card[exp_month]', 'card[exp_year]', 'card[cvc]', 'type', 'client_secret', 'key', 'limit', 'starting_after', 'mode', 'success_url',
    'line_items[0][quantity]', 'line_items[0][price_data][currency]', 'line_items[0][price_data][unit_amount]', 'line_items[0][price_data][product_data][name]',
    'payment_method_data[type]', 'payment_method_data[card][number]', 'billing_details[address][city]', 'capture_method', 'amount_to_capture', 'return_url',
    '__proto__[x]', 'constructor[prototype][x]', 'a[', 'a]]', '[b]', 'a[b][c][d][e][f]', 'a[][]', 'toString', 'hasOwnProperty'];
  const values = () => pick([
    '1000', '49', '-1', '0', '1e3', '99999999999999999999', 'usd', 'USD', 'eur', 'xyz', 'true', 'false', 'maybe', '', 'pm_card_visa', 'pm_card_chargeDeclined',
    '4242424242424242', '4000002500003155', '4000000000000002', '12', '13', '2040', '1999', 'setup', 'payment', 'https://x.test/{CHECKOUT_SESSION_ID}',
    customer, pi.id, pi.client_secret, si.client_secret, 'off_session', 'manual', '%', '%E0%A4%A', '%00', '+', '&&', '==', '💳', 'x'.repeat(int(6000)),
    encodeURIComponent(String.fromCharCode(...Array.from({ length: 20 }, () => int(0xd800)))),
  ]);

  const body = (): string => {
    switch (int(10)) {
      case 0: return '';
      case 1: return Array.from({ length: int(12) }, () => `${encodeURIComponent(pick(keys))}=${values()}`).join('&');
      case 2: return Array.from({ length: int(12) }, () => `${pick(keys)}=${values()}`).join(pick(['&', '&&', ';', '']));
      case 3: return String.fromCharCode(...Array.from({ length: int(400) }, () => int(0x10000)));
      case 4: return JSON.stringify({ amount: 1000, nested: { deep: [1, 2] } });
      case 5: return `${'a['.repeat(int(3000))}=1`;
      case 6: return `${'a'.repeat(int(20))}${'[b]'.repeat(int(2000))}=1`;
      case 7: return `amount=1000&currency=usd&${values()}=${values()}`;
      default: return pick(['amount=1000&currency=usd', 'email=a%40b.c', `customer=${customer}`, 'payment_method=pm_card_visa', 'limit=2', 'mode=setup&success_url=https%3A%2F%2Fx.test',
        'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2044', `client_secret=${pi.client_secret}`]);
    }
  };

  const request = (): EmulatorRequest => {
    const path = pick(templates).replace(/:id/g, () => encodeURIComponent(pick(ids)).replace(int(4) === 0 ? /%25/g : /$^/, '%'));
    const query = int(3) === 0 ? `?${body()}` : '';
    const auth = pick([`Bearer ${emulator.secretKey}`, `Bearer ${emulator.publishableKey}`, 'Bearer sk_test_wrong', 'Basic ' + btoa(`${emulator.secretKey}:`), 'Basic !!!', 'Bearer', '', undefined, 'x'.repeat(2000)]);
    return {
      method: pick(['GET', 'POST', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'get', '', 'OPTIONS', 'P OST']),
      path: path + query,
      headers: {
        authorization: auth,
        'content-type': pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', 'multipart/form-data', undefined]),
        'idempotency-key': pick([undefined, undefined, 'k1', 'k2', 'x'.repeat(300)]),
        'stripe-version': pick([undefined, '2024-06-20', 'garbage version!', '']),
      },
      body: body(),
    };
  };

  // Shapes an adapter should never send, but might: handle() must survive them as well.
  const hostile: unknown[] = [
    {}, { method: 'POST' }, { method: 'POST', path: '/v1/customers', headers: null, body: null },
    { method: 42, path: ['x'], headers: { authorization: 7 }, body: { a: 1 } },
    { method: 'POST', path: '/v1/customers', headers: { Authorization: `Bearer ${emulator.secretKey}` }, body: `description=${'x'.repeat(1_100_000)}` },
    { method: 'GET', path: `/v1/customers?${'limit=1&'.repeat(20_000)}`, headers: { authorization: `Bearer ${emulator.secretKey}` }, body: '' },
  ];

  const requests: unknown[] = [...hostile, ...Array.from({ length: 3000 }, request)];
  let ok = 0;
  let errors = 0;
  for (const [i, req] of requests.entries()) {
    let res;
    try {
      res = emulator.handle(req as EmulatorRequest);
    } catch (error) {
      assert.fail(`request #${i} (seed ${seed}) threw: ${String(error)}`);
    }
    assert.equal(res.headers['content-type'], 'application/json');
    assert.ok(res.status >= 200 && res.status < 600);
    let parsed: { error?: { type?: string; message?: string } };
    try {
      parsed = JSON.parse(res.body);
    } catch {
      assert.fail(`request #${i} (seed ${seed}) answered non-JSON: ${res.body.slice(0, 200)}`);
    }
    if (res.status >= 400) {
      errors++;
      assert.ok(parsed.error && ERROR_TYPES.has(parsed.error.type!), `request #${i}: ${res.body.slice(0, 300)}`);
      assert.equal(typeof parsed.error.message, 'string');
      assert.notEqual(res.status, 500, `request #${i} (seed ${seed}) hit the catch-all: ${parsed.error.message} — ${JSON.stringify(req).slice(0, 300)}`);
    } else {
      ok++;
      assert.equal(typeof parsed, 'object');
    }
  }
  assert.ok(ok > 10, `some fuzz requests succeed (${ok})`);
  assert.ok(errors > 1000, `most fuzz requests fail (${errors})`);
  // After all that, the emulator still works.
  assert.equal(emulator.request('POST', '/v1/payment_intents', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true', 'allowed_payment_method_types[]': 'card' }).body.status, 'succeeded');
});
