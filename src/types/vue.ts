// `<stripe-save-card>` and `<stripe-save-payment>` in Vue 3 templates checked by vue-tsc (`strictTemplates` too):
// `import type {} from 'stripe-save-card/types/vue'` once (e.g. in env.d.ts). Vue types a template tag through
// GlobalComponents, so each tag is declared there as a component whose props are the element's attributes, object
// properties (`:intentBody.prop`) and `on*` listeners; `@ssc-succeeded` is checked against `onSscSucceeded`.
// Vue must still be told the tags are custom elements at runtime (`compilerOptions.isCustomElement`).
import type { DefineComponent } from 'vue';
import type { StripeSaveCardEventMap } from '../element/events.js';
import type {
  StripeSaveCardAttributes, StripeSaveCardObjectProperties, StripeSavePaymentAttributes, StripeSavePaymentObjectProperties,
} from './attributes.js';

export type * from './attributes.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** `ssc-succeeded` -> `onSscSucceeded`, the prop vue-tsc looks up for `@ssc-succeeded`. */
export type StripeSaveCardVueListeners = {
  [K in keyof StripeSaveCardEventMap as `on${Capitalize<Camel<K>>}`]?: (event: StripeSaveCardEventMap[K]) => void;
};

/** vue-tsc checks `publishable-key="..."` as the prop `publishableKey`, the way Vue normalises component props. */
type CamelKeys<T> = { [K in keyof T as K extends string ? Camel<K> : K]: T[K] };

export type StripeSaveCardVueProps = CamelKeys<StripeSaveCardAttributes> & StripeSaveCardObjectProperties & StripeSaveCardVueListeners;
export type StripeSavePaymentVueProps = CamelKeys<StripeSavePaymentAttributes> & StripeSavePaymentObjectProperties & StripeSaveCardVueListeners;

declare module 'vue' {
  interface GlobalComponents {
    'stripe-save-card': DefineComponent<StripeSaveCardVueProps>;
    'stripe-save-payment': DefineComponent<StripeSavePaymentVueProps>;
  }
}
