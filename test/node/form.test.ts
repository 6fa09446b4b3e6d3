import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeForm, parseForm, FormError } from '../../src/testing/emulator/form.js';

test('parseForm reads nested keys and arrays the way stripe-node writes them', () => {
  const body = 'amount=1000&currency=usd&metadata[order]=o%201&payment_method_types[0]=card&expand[]=a&expand[]=b&automatic_payment_methods[enabled]=true';
  assert.deepEqual(parseForm(body), {
    amount: '1000', currency: 'usd', metadata: { order: 'o 1' }, payment_method_types: ['card'], expand: ['a', 'b'],
    automatic_payment_methods: { enabled: 'true' },
  });
});

test('encodeForm and parseForm round-trip', () => {
  const params = { a: 'x y', b: { c: ['1', '2'], d: { e: 'f' } } };
  assert.deepEqual(parseForm(encodeForm(params)), params);
});

test('parseForm names the key that is both a value and an object', () => {
  assert.throws(() => parseForm('a=1&a[b]=2'), (e: unknown) => e instanceof FormError && e.param === 'a[b]');
});
