// The newest published stripe-node of the supported major, installed at test time (not the one package.json pins),
// so that a release made after ours is tried against the emulator as soon as CI runs. Installs are cached under
// node_modules/.cache, one directory per version: a rerun costs one `npm view`.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Stripe from 'stripe';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CACHE = new URL('../../../node_modules/.cache/stripe-sdks/', import.meta.url).pathname;

export type StripeConstructor = new (key: string, config?: Record<string, unknown>) => Stripe;

export type NewestSdk =
  | { ok: true; version: string; pinnedApiVersion: string | null; Stripe: StripeConstructor }
  | { ok: false; reason: string };

/** `stripe@<major>`'s newest version on the registry, installed (or found in the cache) and loaded. */
export function newestStripeSdk(major = 23): Promise<NewestSdk> {
  return stripeSdk(String(major));
}

/** The newest stripe-node matching `range` (`23`, `^7.1.0`), installed (or found in the cache) and loaded. */
export async function stripeSdk(range: string): Promise<NewestSdk> {
  let version: string;
  try {
    // `npm view stripe@23 version --json` lists every matching version (a string when only one matches).
    const { stdout } = await run(npm, ['view', `stripe@${range}`, 'version', '--json'], { timeout: 60_000 });
    const listed = JSON.parse(stdout) as string | string[];
    version = Array.isArray(listed) ? listed.at(-1)! : listed;
  } catch (error) {
    return { ok: false, reason: `the npm registry did not answer \`npm view stripe@${range} version\` (${firstLine(error)}), so the newest stripe ${range} could not be found` };
  }
  const dir = join(CACHE, version);
  const manifest = join(dir, 'node_modules', 'stripe', 'package.json');
  if (!existsSync(manifest)) {
    mkdirSync(dir, { recursive: true });
    try {
      await run(npm, ['install', `stripe@${version}`, '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund'], { timeout: 180_000 });
    } catch (error) {
      return { ok: false, reason: `npm could not install stripe@${version} (${firstLine(error)})` };
    }
  }
  const installed = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  const loaded = createRequire(join(dir, 'package.json'))('stripe') as StripeConstructor & { default?: StripeConstructor; API_VERSION?: string };
  const Sdk = loaded.default ?? loaded;
  // Releases before stripe-node 8 pinned nothing: they sent no Stripe-Version and got the account's version.
  const pinned = (Sdk as unknown as { API_VERSION?: string }).API_VERSION ?? loaded.API_VERSION ?? null;
  return { ok: true, version: installed, pinnedApiVersion: pinned, Stripe: Sdk };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

