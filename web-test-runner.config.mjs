import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './test/browser/count-reporter.mjs';
import { emulatorServerPlugin } from './test/browser/helpers/emulator-server-plugin.mjs';
import { reactVendorPlugin } from './test/browser/helpers/react-vendor-plugin.mjs';
import { selectedEngines } from './test/browser/helpers/engines/engines.mjs';
import { wtrLauncher } from './test/browser/helpers/engines/wtr-launchers.mjs';

// Chromium, Firefox and WebKit; ENGINES=firefox,webkit (or `npm run test:browser -- --engine webkit`) picks some.
const engines = selectedEngines();

export default {
  files: ['test/browser/**/*.test.ts', 'test/browser/**/*.test.tsx'],
  // Lit's production build: no dev-mode banner in every test's console.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  // A hang (see the DOM-node assertion trap in the toolchain notes) becomes a failure, not a stuck CI.
  testsFinishTimeout: 180000,
  // Launching a browser on a busy 2-core machine can take tens of seconds (Firefox and WebKit more than Chromium).
  browserStartTimeout: 120000,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsx: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    // React, react-dom and @stripe/react-stripe-js (CommonJS) for the conformance tests, bundled once.
    reactVendorPlugin(),
    // The emulator's Node HTTP server, started only when a test asks for it (GET /__stripe-emulator-server).
    emulatorServerPlugin(),
  ],
  middleware: [
    // msw's service worker must be served from the site root, or it intercepts nothing (msw's script and the claim
    // listener: see the helper).
    function mswWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/test/browser/helpers/mock-service-worker.js';
      return next();
    },
  ],
  browsers: engines.map(wtrLauncher),
  reporters: [defaultReporter(), countReporter()],
};
