// The script-tag build: one minified, self-contained IIFE (Lit bundled in) that registers <stripe-save-card>. The
// npm ESM build: its .d.ts, the `development` files and the modules around the element come from
// `tsc -p tsconfig.build.json`; the element's production entries are minified here like the script tag, keeping
// `lit` external as a dependency should be (`@stripe/stripe-js` is used for its types only).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** The production builds: DEV_MODE (src/element/dev-mode.ts) is false, so terser drops the developer warnings. */
function productionMode() {
  return {
    name: 'production-mode',
    transform(code, id) {
      if (!/[\\/]src[\\/]element[\\/]dev-mode\.ts$/.test(id)) return null;
      return { code: code.replace(/\bDEV_MODE = true\b/, 'DEV_MODE = false'), map: null };
    },
  };
}

/**
 * Our private members are spelled `_name` (Lit's own convention) so terser can shorten them across the bundle:
 * long, repeated member names are most of what our code weighs after minification. Property mangling is
 * bundle-wide, so `_names` that dependency code uses must keep their spelling (none today; Stripe's own loader,
 * bundled until 2026-12, called `stripe._registerWrapper`): this plugin collects every `_name` it sees in
 * node_modules and terser reserves them.
 *
 * Lit's internals are spelled `_$Xy` (two letters): kept stable across Lit versions only for the hooks another copy
 * of Lit could call (SSR hydration support, the ShadyDOM polyfill support), neither of which can reach the Lit
 * sealed inside the script tag's IIFE. So the script tag (no name cache) shortens them too; Lit's brand markers
 * (`_$litType$`, `_$litElement$`, `_$cssResult$`, ...) keep their spelling. The ESM build keeps Lit external and
 * mangles only the names in its cache (ours).
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
 * The script tags seal their own copy of Lit inside an IIFE, so Lit's hooks for the outside world have nobody to talk
 * to there, yet they cost bytes and leave globals on the page: the version registries (`litHtmlVersions`, ...:
 * read only by Lit's development build, to warn about two copies), the polyfill and hydration hooks (ShadyDOM, for
 * browsers without shadow DOM, which can't run this element anyway: it needs ElementInternals; Lit SSR hydration,
 * which this element doesn't use), and the decorator metadata (`Symbol.metadata`, `litPropertyMetadata`: we declare
 * properties without decorators). Each cut must match exactly once, or the build fails (a Lit upgrade moved it).
 * The npm build keeps Lit external and untouched.
 */
const LIT_CUTS = [
  [/[\\/]@lit[\\/]reactive-element[\\/]reactive-element\.js$/, [
    /\b\w+=\w+\.reactiveElementPolyfillSupport,/,
    /,\w+\?\.\(\{ReactiveElement:\w+\}\),\(\w+\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\)/,
    /Symbol\.metadata\?\?=Symbol\("metadata"\),\w+\.litPropertyMetadata\?\?=new WeakMap;/,
    /const (\w)=this\[Symbol\.metadata\];if\(null!==\1\)\{const (\w)=litPropertyMetadata\.get\(\1\);if\(void 0!==\2\)for\(const\[\w,\w\]of \2\)this\.elementProperties\.set\(\w,\w\)\}/,
    // Our attribute-backed properties are strings, booleans and numbers: no Object or Array (JSON) attributes.
    [/;break;case Object:case Array:(\w)=null==\1\?\1:JSON\.stringify\(\1\)\}return \1\}/, '}return $1}'],
    [/;break;case Object:case Array:try\{(\w)=JSON\.parse\(\w\)\}catch\(\w\)\{\1=null\}\}return \1\}/, '}return $1}'],
  ]],
  [/[\\/]lit-element[\\/]lit-element\.js$/, [
    [/,\w+\.litElementHydrateSupport\?\.\(\{LitElement:\w+\}\);/, ';'],
    /const (\w+)=\w+\.litElementPolyfillSupport;\1\?\.\(\{LitElement:\w+\}\);/,
    /\(\w+\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/,
    // Telling the rendered parts the host (dis)connected is for async directives, which we don't use (see below).
    /connectedCallback\(\)\{super\.connectedCallback\(\),this\._\$Do\?\.setConnected\(!0\)\}disconnectedCallback\(\)\{super\.disconnectedCallback\(\),this\._\$Do\?\.setConnected\(!1\)\}/,
  ]],
  [/[\\/]lit-html[\\/]lit-html\.js$/, [
    [/,(\w+)=\w+\.litHtmlPolyfillSupport;\1\?\.\(\w+,\w+\),\(\w+\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ';'],
    // Our templates are all html``: the svg`` and mathml`` wrappers (result types 2 and 3) never reach the parser.
    [/=2===(\w)\?"<svg>":3===\1\?"<math>":""/, '=""'],
    [/\+\(2===\w\?"<\/svg>":3===\w\?"<\/math>":""\)/, ''],
    [/,2===(\w)\|\|3===\1\)\{const (\w)=this\.el\.content\.firstChild;\2\.replaceWith\(\.\.\.\2\.childNodes\)\}/, ')'],
    // Our templates bind no text inside <script>, <style>, <textarea> or <title> (the raw-text elements; checked
    // below, in sources): the parser's special case for them goes.
    [/(\w)\.test\((\w)\[2\]\)&&\((\w)=RegExp\("<\/"\+\2\[2\],"g"\)\),/, ''],
    [/if\((\w)\.test\((\w)\.tagName\)\)\{const (\w)=\2\.textContent\.split\(\w\),(\w)=\3\.length-1;if\(\4>0\)\{\2\.textContent=\w\?\w\.emptyScript:"";for\(let (\w)=0;\5<\4;\5\+\+\)\2\.append\(\3\[\5\],\w\(\)\),\w\.nextNode\(\),\w\.push\(\{type:2,index:\+\+\w\}\);\2\.append\(\3\[\4\],\w\(\)\)\}\}/, ''],
    // No directives in our templates (values are strings, numbers, templates, arrays of them, or `nothing`), and a
    // translation is a string or a function returning one: resolving a value is the value itself.
    /setConnected\(\w\)\{void 0===this\._\$AM&&\(this\._\$Cv=\w,this\._\$AP\?\.\(\w\)\)\}/,
    [/for\(this\._\$AP\?\.\(!1,!0,\w\);/, 'for(;'],
    [/function (\w)\((\w),(\w),\w=\2,\w\)\{if\(\3===\w\)return \3;let \w=void 0!==\w\?\w\._\$Co\?\.\[\w\]:\w\._\$Cl;const \w=\w\(\3\)\?void 0:\3\._\$litDirective\$;return .*?,\w\}(?=class )/, 'function $1($2,$3){return $3}'],
  ]],
  // Only Lit itself constructs a CSSResult inside the IIFE (our styles go through unsafeCSS): the misuse message can't show.
  [/[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/, [
    [/if\((this\._\$cssResult\$=!0),\w!==\w\)throw Error\("CSSResult is not constructable\. Use `unsafeCSS` or `css` instead\."\);/, '$1;'],
  ]],
];
function trimSealedLit() {
  return {
    name: 'trim-sealed-lit',
    transform(code, id) {
      if (/[\\/]src[\\/](element|payment)[\\/][^\\/]+\.ts$/.test(id) && /html`[^`]*<(script|style|textarea|title)\b/i.test(code)) {
        throw new Error(`trim-sealed-lit: ${id} has a raw-text element in a template; the sealed Lit no longer handles them (see LIT_CUTS)`);
      }
      const cuts = LIT_CUTS.find(([file]) => file.test(id))?.[1];
      if (!cuts) return null;
      for (const cut of cuts) {
        const [pattern, replacement] = Array.isArray(cut) ? cut : [cut, ''];
        const found = code.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
        if (found != 1) throw new Error(`trim-sealed-lit: ${pattern} matched ${found} times in ${id} (expected once): Lit changed, review LIT_CUTS`);
        code = code.replace(pattern, replacement);
      }
      // The directive resolver, now the identity (see LIT_CUTS), goes from its call sites too.
      const identity = /[\\/]lit-html[\\/]lit-html\.js$/.test(id) && code.match(/function (\w+)\((\w),(\w)\)\{return \3\}/);
      if (identity) {
        const calls = new RegExp(`\\b${identity[1]}\\(this,([\\w\\[\\]+]+)(?:,\\w+)*\\)`, 'g');
        if (code.match(calls)?.length != 5) throw new Error(`trim-sealed-lit: expected 5 calls of the directive resolver in ${id}: Lit changed, review LIT_CUTS`);
        // The definition stays for lit-html's private export table (`_$LH`), which the minifier then drops as unused.
        code = code.replace(calls, '$1');
      }
      return { code, map: null };
    },
  };
}

/** Lit is bundled in the script tag: its BSD-3 licence asks that the notice travel with it. One short banner. */
const LICENCE_BANNER = '/*! stripe-save-card, MIT. Bundles Lit: Copyright 2017 Google LLC, BSD-3-Clause */';

/**
 * Short names for our `_private` members in the ESM build, where Lit is not in the bundle: terser can't see Lit's own
 * minified members (`t`, `l`, `C`, ...) there, and a subclass member shortened to one of them would replace Lit's.
 * So ours become `_a`, `_b`, ... (the most used first): Lit's production names are single letters or `_$Xx`, never
 * these. Fed to terser as a name cache, with only cached names mangled.
 */
function underscoreNameCache() {
  const counts = new Map();
  for (const file of readdirSync('src', { recursive: true })) {
    if (!/^(element[\\/][^\\/]+|index|define)\.ts$/.test(file)) continue;
    for (const [name] of readFileSync(`src/${file}`, 'utf8').matchAll(/\b_[A-Za-z]\w*/g)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const short = (i) => (i < letters.length ? letters[i] : short(Math.floor(i / letters.length) - 1) + letters[i % letters.length]);
  const names = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a));
  return { props: { props: Object.fromEntries(names.map((name, i) => [`$${name}`, `_${short(i)}`])) } };
}

/** Our element's TypeScript, templates collapsed, minified with `_private` members shortened. */
const elementPlugins = (browserResolve, nameCache) => [
  ...(browserResolve ? [nodeResolve({ browser: true, exportConditions: ['production'] }), trimSealedLit()] : []),
  typescript({
    tsconfig: 'tsconfig.json',
    include: ['src/index.ts', 'src/define.ts', 'src/element/**/*.ts', 'src/translations/*.ts', 'src/payment/**/*.ts'],
    compilerOptions: {
      noEmit: false,
      declaration: false,
      declarationMap: false,
      sourceMap: true,
      // The map carries our sources (src/ is not in the package), so it resolves where the bundle is served.
      inlineSources: true,
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
  productionMode(),
  reserveDependencyUnderscoreNames(),
  terser({
    ecma: 2022, module: true, toplevel: true,
    // keep_fargs: false drops unused trailing parameters (nothing here reads a function's .length);
    // unsafe_methods turns `{ m: function () {} }` into methods (nothing here calls them with `new`).
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true, keep_fargs: false, unsafe_methods: true },
    // Only `_name` members: public API, attributes, event detail keys, backend JSON and Stripe options keep theirs.
    mangle: { properties: { regex: /^_([A-Za-z]|\$[A-Z]\w$)/, reserved: dependencyUnderscoreNames, only_cache: !!nameCache } },
    ...(nameCache && { nameCache }),
    // Rollup adds the banner before minifying: keep that one comment.
    format: { comments: /^! stripe-save-card/, wrap_func_args: false },
  }),
];

const elementBundle = {
  // Registration only: a script tag exports nothing (no global). The class is `customElements.get('stripe-save-card')`.
  input: 'src/define.ts',
  output: { file: 'dist/stripe-save-card.min.js', format: 'iife', sourcemap: true, banner: LICENCE_BANNER },
  // Lit ships a dev build with extra checks and warnings; the production condition picks the lean one.
  plugins: elementPlugins(true),
};

// <stripe-save-payment> (the Payment Element) in its own file: the card tag's file does not carry it.
const paymentBundle = {
  input: 'src/payment/define.ts',
  output: { file: 'dist/stripe-save-payment.min.js', format: 'iife', sourcemap: true, banner: LICENCE_BANNER },
  plugins: elementPlugins(true),
};

// The npm entries' production files (the readable ones are kept as the `development` condition by
// scripts/development-build.mjs). Every element module lands in the one element entry, so the shortened private
// names agree across the whole class chain; Lit stays a dependency, resolved by the consumer's bundler.
const esmBundle = {
  input: {
    index: 'src/index.ts', define: 'src/define.ts', 'element/stripe-save-card': 'src/element/stripe-save-card.ts',
    'payment/stripe-save-payment': 'src/payment/stripe-save-payment.ts', 'payment/define': 'src/payment/define.ts',
    // The languages share the entries' registry chunk: a language imported apart would otherwise get its own copy.
    ...Object.fromEntries(readdirSync('src/translations').filter((file) => file != 'script-tag.ts')
      .map((file) => [`translations/${file.replace('.ts', '')}`, `src/translations/${file}`])),
  },
  external: (id) => /^(lit|@lit|@stripe\/stripe-js)(\/|$)/.test(id),
  output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'element/[name]-[hash].js' },
  plugins: elementPlugins(false, underscoreNameCache()),
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

// Each shipped language as a script tag that registers itself (dist/translations/<lang>.min.js, no global), from
// tsc's output; script-tag.js stands in for the registry (the script-tag element is reached through customElements).
const scriptTagLanguage = {
  name: 'script-tag-language',
  resolveId: (id) => (id.startsWith('lang:') ? id : id.endsWith('/element/language.js') ? resolve('dist/translations/script-tag.js') : null),
  load: (id) => (id.startsWith('lang:') ? `import ${JSON.stringify(resolve(`dist/translations/${id.slice(5)}.js`))};` : null),
};
const translationBundles = readdirSync('src/translations').filter((file) => file != 'script-tag.ts').map((file) => ({
  input: `lang:${file.replace('.ts', '')}`,
  output: { file: `dist/translations/${file.replace('.ts', '.min.js')}`, format: 'iife' },
  plugins: [scriptTagLanguage, terser({ ecma: 2022, format: { comments: false } })],
}));

// The language script tags read tsc's dist/translations/*.js, so they build before esmBundle rewrites those files.
export default [elementBundle, paymentBundle, fakeStripeBundle, ...translationBundles, esmBundle];
