// Every shipped language is complete: the same keys as English, each of the same kind, every function answering
// with what it was given (the business, the amount, the card's last four) and no English sentence left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { en as cardEn } from '../../src/element/en.js';
import { paymentEn } from '../../src/payment/en.js';

/** The card tag's words and the payment tag's own: every language carries both. */
const en = { ...cardEn, ...paymentEn };

const dir = new URL('../../src/translations/', import.meta.url);
const languages = readdirSync(dir).filter((file) => /^[a-z]{2}\.ts$/.test(file)).map((file) => file.slice(0, 2));

test('the eleven languages the issue names ship (English built in)', () => {
  assert.deepEqual(['en', ...languages].sort(), ['ar', 'de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'sv']);
});

for (const lang of languages) {
  test(`${lang}: every key of the English table, of the same kind, in ${lang}`, async () => {
    const table = (await import(new URL(`${lang}.ts`, dir).href) as Record<string, Record<string, unknown>>)[lang]!;
    assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort(), 'same keys as English');
    for (const [key, english] of Object.entries(en)) {
      const value = table[key];
      assert.equal(typeof value, typeof english, `${lang}.${key}: a ${typeof english}`);
      if (typeof value == 'string') {
        assert.ok(value.trim(), `${lang}.${key} is empty`);
        assert.notEqual(value, english, `${lang}.${key} is still English`);
      }
    }
    const t = table as unknown as typeof en;
    assert.match(t.pay('19,99 €'), /19,99 €/);
    assert.notEqual(t.pay(), en.pay());
    assert.match(t.disclosure('Acme GmbH'), /Acme GmbH/, 'the mandate names the business');
    assert.doesNotMatch(t.disclosure(), /undefined/);
    assert.notEqual(t.disclosure(), t.disclosure('Acme GmbH'));
    assert.match(t.detailsDisclosure('Acme GmbH'), /Acme GmbH/, "the payment tag's mandate names the business");
    assert.doesNotMatch(t.detailsDisclosure(), /undefined/);
    assert.notEqual(t.detailsDisclosure(), t.detailsDisclosure('Acme GmbH'));
    assert.match(t.savedCard('Visa', '4242', '04/29', 'Nov 2026'), /Visa.*4242|4242.*Visa/);
    assert.match(t.savedCard('Visa', '4242', '04/29', 'Nov 2026'), /04\/29/);
    assert.match(t.savedCard('Visa', '4242', '04/29', 'Nov 2026'), /Nov 2026/);
    assert.doesNotMatch(t.savedCard('', '4242', '04/29'), /undefined|Nov/);
  });
}
