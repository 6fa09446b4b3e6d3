// What a translation script tag (dist/translations/<lang>.min.js) registers through: the element of the script-tag
// build (dist/stripe-save-card.min.js, which exports nothing), once it is defined, whichever script loads first.
// rollup.config.mjs puts this module in place of ../element/language.js, so no English table rides along.
import type { StripeSaveCard } from '../element/stripe-save-card.js';
import type { Translation } from '../element/language.js';

export type { Translation };

export const registerTranslation = (lang: string, table: Translation): void =>
  void customElements.whenDefined('stripe-save-card').then((element) => (element as typeof StripeSaveCard).registerTranslation(lang, table));
