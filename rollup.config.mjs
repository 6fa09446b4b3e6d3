// The script-tag build: one minified, self-contained IIFE (Lit and Stripe's Stripe.js loader bundled in) that
// registers <stripe-save-card>. The npm ESM build and its .d.ts come from `tsc -p tsconfig.build.json`, which
// keeps `lit` and `@stripe/stripe-js` external as dependencies should be.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Collapses the indentation inside our own html`` and css`` templates (whitespace between tags and CSS rules
 * carries no meaning there); saves bytes Lit would otherwise ship and parse. Our templates hold no <pre>, no
 * nested template literals, no inline text right next to a tag or an expression (every such run sits in grid or
 * flex containers, where whitespace-only text renders nothing) and no CSS comments inside rules: that is what makes
 * this safe for them (not for arbitrary code).
 */
function collapseTemplateWhitespace() {
  const collapseCss = (tpl) => tpl.replace(/\/\*[^*]*\*\//g, '').replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':').replace(/;}/g, '}');
  const collapseHtml = (tpl) => tpl.replace(/\s+/g, ' ').replace(/(>|\}) (<|\$\{)/g, '$1$2').replace(/` </, '`<').replace(/> `$/, '>`');
  return {
    name: 'collapse-template-whitespace',
    transform(code, id) {
      if (!/[\\/]src[\\/]element[\\/][^\\/]+\.ts$/.test(id)) return null;
      const out = code.replace(/\b(css|html)\s*`[^`]*`/g, (tpl) => (tpl.startsWith('css') ? collapseCss(tpl) : collapseHtml(tpl)));
      return { code: out, map: null }; // line-preserving enough for our use; sourcemaps point at the compiled TS
    },
  };
}

/**
 * Our private members are spelled `_name` (Lit's own convention) so terser can shorten them across the bundle:
 * long, repeated member names are most of what our code weighs after minification. Property mangling is
 * bundle-wide, so `_names` that dependency code uses (Stripe's loader calls `stripe._registerWrapper`) must keep
 * their spelling: this plugin collects every `_name` it sees in node_modules and terser reserves them. Lit's
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

/**
 * Stripe's own loader, bundled from the TypeScript source `@stripe/stripe-js` ships in `src/` and compiled for our
 * modern target rather than from its ES5 build (Babel helpers, `"".concat`, `var` functions). `loadStripe` is
 * pure.ts's own two lines over shared.ts's `loadScript` and `initStripe`, minus `loadStripe.setLoadParameters`:
 * nothing can reach that setter inside this IIFE, yet a bundler must keep it (and its validator) because it is a
 * property assignment. Together about 0.45 KB gzip. `_VERSION` is what Stripe's own build replaces with the package
 * version (reported to Stripe.js through `_registerWrapper`). If a future version ships no source, or a pure.ts
 * that does more, the plugin steps aside (with a warning) and the package's regular build is bundled.
 */
function stripeJsFromSource() {
  const packageJson = createRequire(import.meta.url).resolve('@stripe/stripe-js/package.json');
  const srcDir = join(dirname(packageJson), 'src');
  const pure = join(srcDir, 'pure.ts');
  const shared = join(srcDir, 'shared.ts');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const virtualPure = '\0stripe-js-pure';
  const usable = () => {
    if (!existsSync(shared) || !existsSync(pure)) return false;
    const source = readFileSync(pure, 'utf8');
    return ['loadScript(loadParams)', 'initStripe(maybeStripe, args, startTime)'].every((call) => source.includes(call));
  };
  return {
    name: 'stripe-js-from-source',
    resolveId(source, importer) {
      if (source == '@stripe/stripe-js/pure') {
        if (usable()) return virtualPure;
        this.warn(`@stripe/stripe-js ${version}: no src/pure.ts of the known shape; bundling its ES5 build instead`);
      }
      if (importer?.startsWith(srcDir) && source.startsWith('.')) return join(dirname(importer), `${source}.ts`);
      return null;
    },
    load(id) {
      if (id != virtualPure) return null;
      return `import { loadScript, initStripe } from ${JSON.stringify(shared)};
export const loadStripe = (...args) => {
  const startTime = Date.now();
  return loadScript(null).then((maybeStripe) => initStripe(maybeStripe, args, startTime));
};`;
    },
    async transform(code, id) {
      if (!id.startsWith(srcDir)) return null;
      const out = await transform(code, { loader: 'ts', target: 'es2022', format: 'esm', define: { _VERSION: JSON.stringify(version) } });
      return { code: out.code, map: null };
    },
  };
}

const elementBundle = {
  input: 'src/index.ts',
  output: {
    file: 'dist/stripe-save-card.min.js',
    format: 'iife',
    // Script-tag users get the class on window too, e.g. to subclass or to call define() with another tag.
    name: 'StripeSaveCardElement',
    sourcemap: true,
  },
  plugins: [
    stripeJsFromSource(),
    // Lit ships a dev build with extra checks and warnings; the production condition picks the lean one.
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({
      tsconfig: 'tsconfig.json',
      include: ['src/index.ts', 'src/define.ts', 'src/element/**/*.ts'],
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
      compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
      // Only `_name` members: public API, attributes, event detail keys, backend JSON and Stripe options keep theirs.
      mangle: { properties: { regex: /^_[A-Za-z]/, reserved: dependencyUnderscoreNames } },
      format: { comments: false },
    }),
  ],
};

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

export default [elementBundle, fakeStripeBundle];
