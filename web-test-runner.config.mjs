import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './test/browser/count-reporter.mjs';
import { emulatorServerPlugin } from './test/browser/helpers/emulator-server-plugin.mjs';
import { createFocusedPage } from './test/browser/helpers/focused-page.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/browser/**/*.test.ts'],
  // Lit's production build: no dev-mode banner in every test's console.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  // A hang (see the DOM-node assertion trap in the toolchain notes) becomes a failure, not a stuck CI.
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    // The emulator's Node HTTP server, started only when a test asks for it (GET /__stripe-emulator-server).
    emulatorServerPlugin(),
  ],
  middleware: [
    // msw's service worker must be served from the site root, or it intercepts nothing.
    function mswWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      // Every tab acts focused, so real typing works with concurrency > 1 (see the helper).
      createPage: createFocusedPage,
      launchOptions: {
        executablePath: chromium,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  reporters: [defaultReporter(), countReporter()],
};
