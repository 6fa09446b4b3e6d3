// The script-tag build: one minified, self-contained IIFE (Lit bundled in) that registers <stripe-save-card>. The
// npm ESM build and its .d.ts come from `tsc -p tsconfig.build.json`, which keeps `lit` external as a dependency
// should be (`@stripe/stripe-js` is used for its types only: src/element/stripe-loader.ts loads Stripe.js).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { collapseTemplates } from './scripts/collapse-templates.mjs';

/** Our html`` and css`` templates without their indentation (see scripts/collapse-templates.mjs). */
function collapseTemplateWhitespace() {
  return {
    name: 'collapse-template-whitespace',
    transform(code, id) {
      if (!/[\\/]src[\\/](element|payment)[\\/][^\\/]+\.ts$/.test(id)) return null;
      return { code: collapseTemplates(code), map: null }; // line-preserving enough for our use; sourcemaps point at the compiled TS
    },
  };
}

/**
 * Our private members are spelled `_name` (Lit's own convention) so terser can shorten them across the bundle:
 * long, repeated member names are most of what our code weighs after minification. Property mangling is
 * bundle-wide, so `_names` that dependency code uses must keep their spelling (none today; Stripe's own loader,
 * bundled until 2026-12, called `stripe._registerWrapper`): this plugin collects every `_name` it sees in
 * node_modules and terser reserves them. Lit's
 * internals are spelled `_$name` and never match the regex below.
 */
const dependencyUnderscoreNames = [];
function reserveDependencyUnderscoreNames() {
  return {
    name: 'reserve-dependency-underscore-names',
    transform(code, id) {
      if (id.includes('node_modules')) for (const [name] of code.matchAll(/\b_[A-Za-z]\w*/g)) dependencyUnderscoreNames.push(name);
      return null;
    },
  };
}

/** A script-tag bundle: registration only, a script tag exports nothing (no global). */
const scriptTagBundle = (input, file) => ({
  input,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [
    // Lit ships a dev build with extra checks and warnings; the production condition picks the lean one.
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({
      tsconfig: 'tsconfig.json',
      include: ['src/index.ts', 'src/define.ts', 'src/element/**/*.ts', 'src/payment/**/*.ts'],
      compilerOptions: {
        noEmit: false,
        declaration: false,
        declarationMap: false,
        sourceMap: true,
        outDir: 'dist',
        // TypeScript 6 wants rootDir explicit; '.' keeps the emitted layout inside outDir as the plugin requires.
        rootDir: '.',
        module: 'esnext',
        moduleResolution: 'bundler',
        types: [],
      },
    }),
    // After typescript(): that plugin compiles from disk in its load hook, so earlier transforms never apply.
    collapseTemplateWhitespace(),
    reserveDependencyUnderscoreNames(),
    terser({
      ecma: 2022, module: true, toplevel: true,
      // keep_fargs: false drops unused trailing parameters (nothing here reads a function's .length);
      // unsafe_methods turns `{ m: function () {} }` into methods (nothing here calls them with `new`).
      compress: { passes: 3, unsafe_arrows: true, pure_getters: true, keep_fargs: false, unsafe_methods: true },
      // Only `_name` members: public API, attributes, event detail keys, backend JSON and Stripe options keep theirs.
      mangle: { properties: { regex: /^_[A-Za-z]/, reserved: dependencyUnderscoreNames } },
      format: { comments: false, wrap_func_args: false },
    }),
  ],
});

// The class is `customElements.get('stripe-save-card')`.
const elementBundle = scriptTagBundle('src/define.ts', 'dist/stripe-save-card.min.js');
// <stripe-save-payment> (the Payment Element) in its own file: the card tag's file does not carry it.
const paymentBundle = scriptTagBundle('src/payment/define.ts', 'dist/stripe-save-payment.min.js');

// The fake Stripe.js as one standalone script, served by the emulator at /v3/ (src/testing/server/stripe-js.ts
// prefers this prebuilt file, so an installed package needs no bundler at run time).
const fakeStripeBundle = {
  input: 'src/testing/server/standalone-entry.ts',
  output: { file: 'dist/testing/fake-stripe.js', format: 'iife', sourcemap: false },
  plugins: [
    nodeResolve({ browser: true }),
    typescript({
      tsconfig: 'tsconfig.json',
      include: ['src/testing/**/*.ts'],
      compilerOptions: {
        noEmit: false, declaration: false, declarationMap: false, sourceMap: false, outDir: 'dist/testing', rootDir: '.',
        module: 'esnext', moduleResolution: 'bundler', types: [],
      },
    }),
    terser({ ecma: 2020, format: { comments: false } }),
  ],
};

export default [elementBundle, paymentBundle, fakeStripeBundle];
