// `<stripe-save-card>` in React 19 JSX: `import type {} from 'stripe-save-card/types/react'` once (or list it in
// tsconfig "types"). Attributes are kebab-case (server rendering writes them as they are), handlers `onssc-*`.
import type { DetailedHTMLProps as ReactProps, HTMLAttributes as ReactHTMLAttributes } from 'react';
import type { StripeSaveCard } from '../element/stripe-save-card.js';
import type { StripeSaveCardTemplateProps } from './attributes.js';

export type { StripeSaveCardTemplateProps } from './attributes.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX lives in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'stripe-save-card': ReactProps<ReactHTMLAttributes<StripeSaveCard>, StripeSaveCard> & StripeSaveCardTemplateProps;
    }
  }
}
