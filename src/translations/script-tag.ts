// What a translation script tag (dist/translations/<lang>.min.js) registers through: the element of a script-tag
// build (dist/stripe-save-card.min.js or dist/stripe-save-payment.min.js, which export nothing), once it is defined,
// whichever script loads first. Each script-tag file carries its own registry, so the language goes to every one of
// the two tags the page defines. rollup.config.mjs puts this module in place of ../element/language.js, so no
// English table rides along.
import type { StripeSaveCardBase } from '../element/base.js';
import type { Translation } from '../element/language.js';

export type { Translation };

export const registerTranslation = (lang: string, table: Translation): void => {
  for (const tag of ['stripe-save-card', 'stripe-save-payment']) {
    void customElements.whenDefined(tag).then((element) => (element as unknown as typeof StripeSaveCardBase).registerTranslation(lang, table));
  }
};
