import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeForm, parseForm, FormError, MAX_FORM_DEPTH } from '../../src/testing/emulator/form.js';

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

test('integer keys build arrays only when they run 0..n-1; other integer keys stay a hash, never a sparse array', () => {
  assert.deepEqual(parseForm('a[1]=x&a[0]=y'), { a: ['y', 'x'] });
  assert.deepEqual(parseForm('x[4294967294]=1'), { x: { 4294967294: '1' } });
  assert.deepEqual(parseForm('a[0]=x&a[2]=y'), { a: { 0: 'x', 2: 'y' } });
  assert.deepEqual(parseForm('a[]=1&a[]=2&a[5]=3&a[]=4'), { a: { 0: '1', 1: '2', 5: '3', 6: '4' } });
  assert.deepEqual(parseForm('items[0][price]=p&items[0][quantity]=2&items[1][price]=q'), { items: [{ price: 'p', quantity: '2' }, { price: 'q' }] });
});

test('parseForm refuses a key nested deeper than MAX_FORM_DEPTH, naming it', () => {
  const ok = `a${'[b]'.repeat(MAX_FORM_DEPTH)}=1`;
  assert.equal(typeof parseForm(ok).a, 'object');
  const deep = `a${'[b]'.repeat(200_000)}=1`;
  assert.throws(() => parseForm(deep), (e: unknown) => e instanceof FormError && e.param.startsWith('a[b]') && /nested more than 10 levels/.test(e.message));
});

test('parseForm refuses malformed names and prototype keys', () => {
  for (const body of ['a[b=1', 'a]=1', '[a]=1', 'a[b]c=1', 'a[b[c]]=1', '__proto__[x]=1', 'a[__proto__]=1']) {
    assert.throws(() => parseForm(body), FormError, body);
  }
  assert.equal(({} as Record<string, unknown>).x, undefined);
});
