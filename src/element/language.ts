// Which words an element shows. One registry of languages shared by every element on the page (English built in;
// `registerTranslation` adds or patches a language: src/translations/*.ts do it for the shipped ones), and the
// language of one element: its `locale` (unless "auto"), else the nearest `lang` (the element, its ancestors,
// across shadow roots, the document), else the first of the browser's languages we have words for. `de-AT` falls
// back to `de`, a missing key to English. Elements re-render when a language is registered or a `lang`
// attribute changes anywhere they inherit from (one MutationObserver, attribute-filtered).
import type { ReactiveElement } from 'lit';
import { en, type Translation } from './en.js';

export type { Translation };

const registry: Record<string, Partial<Translation>> = { en };
/** The connected elements, re-rendered when their language may have changed. */
export const elements = new Set<ReactiveElement>();
const rerender = () => elements.forEach((element) => element.requestUpdate());
let observer: MutationObserver | undefined;

/** Adds a language, or patches one (a partial table overrides only its keys, for every element). */
export function registerTranslation(lang: string, table: Partial<Translation>): void {
  lang = lang.toLowerCase();
  registry[lang] = { ...registry[lang], ...table };
  rerender();
}

/**
 * What an element shows: the words, their language (a registry key: also the Stripe.js locale, so the card's iframe
 * speaks the same language; every shipped one is among Stripe's) and direction.
 */
export interface Language {
  _t: Translation;
  _lang: string;
  /** `rtl` for right-to-left words; `ltr` when `locale` chose the language; otherwise the page's direction applies. */
  _dir?: 'rtl' | 'ltr';
  /**
   * For numbers and dates: the language asked for (`de-AT` formats as Austrians write, with `de` words), or the
   * words' own when we have none for it (no Hebrew digits inside English words).
   */
  _format: string;
}

/** The registry key for `tag` (`de-AT` → `de-at` if registered, else `de`), or undefined. */
const known = (tag: string): string | undefined => {
  const lang = tag.toLowerCase();
  const base = lang.split('-')[0]!;
  return registry[lang] ? lang : registry[base] ? base : undefined;
};

export function languageOf(host: HTMLElement & { locale?: string; translations?: Partial<Translation> }): Language {
  const chosen = host.locale != 'auto' && host.locale;
  let nearest = '';
  // The nearest lang; every root on the way up is watched, so a change anywhere above re-renders us.
  for (let node: Element | undefined = host; node; node = node.parentElement ?? (watch(node.getRootNode()) as ShadowRoot).host) nearest ||= (node as HTMLElement).lang;
  const requested = chosen || nearest || navigator.languages.find(known) || navigator.language;
  const found = known(requested);
  const lang = found ?? 'en';
  return {
    _t: { ...en, ...registry[lang.split('-')[0]!], ...registry[lang], ...host.translations } as Translation,
    _lang: lang,
    _dir: /^(ar|he|fa|ur|ps|yi)\b/.test(lang) ? 'rtl' : chosen ? 'ltr' : undefined,
    _format: found ? requested : lang,
  };
}

function watch(root: Node): Node {
  (observer ??= new MutationObserver(rerender)).observe(root, { subtree: true, attributeFilter: ['lang'] });
  return root;
}
