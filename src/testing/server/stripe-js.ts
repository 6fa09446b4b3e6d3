// Serves the fake Stripe.js at /v3/ as one standalone script, so a page written for real Stripe.js runs offline
// with only its <script src> changed.
//
// Where the script comes from (the trade-off):
// - A prebuilt `dist/testing/fake-stripe.js`, when the package build made one: no build tool at run time, which is
//   what an installed package needs (esbuild is only a devDependency).
// - Otherwise the fake is bundled from source with esbuild's JS API on the first request and cached for the life of
//   the process (about 100-300 ms once): always in step with the source while developing, no build step before tests.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

/** The fake Stripe.js, as an IIFE that installs `window.Stripe` pointed at the server it was loaded from. */
export function fakeStripeScript(): Promise<string> {
  cached ??= loadScript().catch((err: unknown) => {
    cached = undefined; // let a later request try again (e.g. after the source was fixed)
    throw err;
  });
  return cached;
}

async function loadScript(): Promise<string> {
  const prebuilt = fileURLToPath(new URL('../fake-stripe.js', import.meta.url));
  if (existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8');

  const entry = ['standalone-entry.ts', 'standalone-entry.js']
    .map((name) => fileURLToPath(new URL(`./${name}`, import.meta.url)))
    .find((path) => existsSync(path));
  if (!entry) throw new Error('The fake Stripe.js entry (standalone-entry.ts/.js) is missing next to the emulator server.');

  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('Serving /v3/ needs either dist/testing/fake-stripe.js (npm run build) or the esbuild package (npm install -D esbuild).');
  }
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
