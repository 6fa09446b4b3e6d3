// `<stripe-save-card>` in Preact JSX: `import type {} from 'stripe-save-card/types/preact'` once.
import type { HTMLAttributes as PreactHTMLAttributes } from 'preact';
import type { StripeSaveCard } from '../element/stripe-save-card.js';
import type { StripeSaveCardTemplateProps } from './attributes.js';

export type { StripeSaveCardTemplateProps } from './attributes.js';

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact's JSX lives in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'stripe-save-card': Omit<PreactHTMLAttributes<StripeSaveCard>, keyof StripeSaveCardTemplateProps> & StripeSaveCardTemplateProps;
    }
  }
}
