// Web Test Runner plugin: serves React 19, react-dom (client and server) and @stripe/react-stripe-js to the browser tests, unmodified.
// React ships CommonJS only, which the dev server does not convert; esbuild (already a dev dependency) bundles the
// packages once into one ES module, so every import shares a single React, and each bare specifier the tests (or
// the JSX transform) import is answered by a small module re-exporting its part of that bundle.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PREFIX = '/__react-vendor/';

/** Bare specifier → the namespace name it gets in the bundle. */
const PACKAGES = {
  react: 'React',
  'react/jsx-runtime': 'JsxRuntime',
  'react/jsx-dev-runtime': 'JsxDevRuntime',
  'react-dom': 'ReactDom',
  'react-dom/client': 'ReactDomClient',
  'react-dom/server': 'ReactDomServer',
  '@stripe/react-stripe-js': 'ReactStripe',
};

const ENTRY = Object.entries(PACKAGES).map(([specifier, name]) => `export * as ${name} from ${JSON.stringify(specifier)};`).join('\n');

export function reactVendorPlugin() {
  let bundle;
  const build = async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'js' },
      bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
      // The production builds: what a shop ships, and quiet in the test console.
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    return result.outputFiles[0].text;
  };

  // The names each package exports, read in a child Node (loading React into the runner's own process would touch
  // the console the runner has wrapped).
  let exportNames;
  const readExportNames = async () => {
    const script = `const out = {}; for (const s of ${JSON.stringify(Object.keys(PACKAGES))}) out[s] = Object.keys(require(s)); console.log(JSON.stringify(out));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, NODE_ENV: 'production' } });
    return JSON.parse(stdout);
  };

  /** A module re-exporting one package's part of the bundle under the names the package has in Node. */
  const facade = async (specifier) => {
    const name = PACKAGES[specifier];
    exportNames ??= readExportNames().catch((error) => {
      exportNames = undefined;
      throw error;
    });
    const names = (await exportNames)[specifier].filter((key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key));
    return `import { ${name} as ns } from '${PREFIX}bundle.js';\n` +
      `export default ns.default ?? ns;\n` +
      names.map((key) => `export const ${key} = ns[${JSON.stringify(key)}];`).join('\n');
  };

  return {
    name: 'react-vendor',
    resolveImport({ source }) {
      if (Object.hasOwn(PACKAGES, source)) return `${PREFIX}${encodeURIComponent(source)}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const file = decodeURIComponent(context.path.slice(PREFIX.length).replace(/\.js$/, ''));
      if (file === 'bundle') {
        bundle ??= build().catch((error) => {
          bundle = undefined;
          throw error;
        });
        return { body: await bundle, type: 'js' };
      }
      if (Object.hasOwn(PACKAGES, file)) return { body: await facade(file), type: 'js' };
      return undefined;
    },
  };
}
