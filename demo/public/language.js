// The language picker of the States gallery and the Theme panel: designers check every state in every language the
// element ships. A language is its script tag (dist/translations/<lang>.min.js, served at /translations/) and a
// `lang` attribute on what contains the elements; the element follows the nearest lang, right to left for Arabic.
import { el } from './common.js';

export const LANGUAGES = {
  en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', it: 'Italiano', nl: 'Nederlands',
  pl: 'Polski', pt: 'Português', sv: 'Svenska', ja: '日本語', ar: 'العربية',
};

/** Loads `lang`'s script tag into `doc` once (English is built in); resolves false when it can't be loaded. */
export function loadLanguage(doc, lang) {
  if (lang === 'en' || doc.querySelector(`script[data-language="${lang}"]`)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const tag = doc.createElement('script');
    tag.src = `/translations/${lang}.min.js`;
    tag.dataset.language = lang;
    tag.onload = () => resolve(true);
    tag.onerror = () => { tag.remove(); resolve(false); };
    doc.head.append(tag);
  });
}

/** A labelled <select> of the shipped languages; `onChange(lang)` when the designer picks one. */
export function languagePicker(id, onChange) {
  const select = el('select', { id, onchange: () => onChange(select.value) },
    ...Object.entries(LANGUAGES).map(([code, name]) => el('option', { value: code, lang: code }, name)));
  return el('label', { class: 'language-picker', for: id }, 'Language ', select);
}

/** Shows `lang` in the elements inside `container` (a note there when its script could not be loaded). */
export async function showLanguage(container, lang, note) {
  const loaded = await loadLanguage(container.ownerDocument, lang);
  container.lang = lang;
  if (note) note.textContent = loaded ? '' : `/translations/${lang}.min.js did not load (run "npm run build"; the demo server serves dist/translations/): English shows instead.`;
}
