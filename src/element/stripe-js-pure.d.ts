// `@stripe/stripe-js` has no `exports` map, so TypeScript's NodeNext resolution can't see its `pure/` directory
// entry (bundlers and browsers-with-import-maps resolve it fine). Same API as the main entry, minus the
// load-on-import side effect.
declare module '@stripe/stripe-js/pure' {
  export { loadStripe } from '@stripe/stripe-js';
}
