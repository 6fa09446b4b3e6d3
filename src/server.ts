// The package entry under Node (export condition `node`): server rendering (Next.js, Remix, Astro, a React
// `renderToString`) imports the package but never runs the element, which needs a browser. This stand-in has the
// class's statics and registers nothing, and it imports no Lit: Lit's Node build installs a `customElements` shim and
// five more globals on import, which pages that test `typeof customElements` would then misread. The browser (and
// every bundler building for it) resolves the package to dist/index.js instead. See docs/element.md, "Server rendering".

/** Server stand-in of StripeSaveCard: the same statics, nothing to construct. */
export class StripeSaveCard {
  static formAssociated = true;
  static loadTimeout = 10_000;
  static backendTimeout = 15_000;
  static stripeTimeout = 30_000;

  /** Nothing to register on a server: the browser build registers the element. */
  static define(): void {}

  constructor() {
    throw new Error('<stripe-save-card> runs in the browser: on a server, render the tag (or stripe-save-card/react) and let the browser build define it');
  }
}
