// `<stripe-save-card>` and `<stripe-save-payment>` in Svelte 5 templates checked by svelte-check:
// `import type {} from 'stripe-save-card/types/svelte'` once (e.g. in src/app.d.ts). Svelte 5 sets a custom element's
// property when it has one (`intentBody={...}`) and listens for `ssc-succeeded` from `onssc-succeeded`.
// Svelte's documented place for custom elements is `SvelteHTMLElements`, which `svelteHTML.IntrinsicElements` extends.
import type { HTMLAttributes as SvelteHTMLAttributes } from 'svelte/elements';
import type { StripeSaveCard } from '../element/stripe-save-card.js';
import type { StripeSavePayment } from '../payment/stripe-save-payment.js';
import type { StripeSaveCardTemplateProps, StripeSavePaymentTemplateProps } from './attributes.js';

export type * from './attributes.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'stripe-save-card': Omit<SvelteHTMLAttributes<StripeSaveCard>, keyof StripeSaveCardTemplateProps> & StripeSaveCardTemplateProps;
    'stripe-save-payment': Omit<SvelteHTMLAttributes<StripeSavePayment>, keyof StripeSavePaymentTemplateProps> & StripeSavePaymentTemplateProps;
  }
}
