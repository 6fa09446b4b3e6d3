// Web Test Runner plugin: the emulator's Node HTTP server (the SERVER adapter's CLI) for browser tests that want
// real HTTP instead of msw — e.g. the parity test comparing both transports. Started lazily, on the first
// `GET /__stripe-emulator-server` (answers `{ "url": "http://127.0.0.1:<port>" }`), so runs that never ask pay nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const EMULATOR_SERVER_PATH = '/__stripe-emulator-server';

export function emulatorServerPlugin() {
  let child;
  let urlPromise;

  const start = () => {
    urlPromise ??= new Promise((resolve, reject) => {
      child = spawn(process.execPath, ['--import', 'tsx', 'src/testing/server/cli.ts', '--port', '0', '--quiet'], {
        cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`the emulator server did not start within 20 s: ${err}`)), 20000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr.on('data', (chunk) => {
        err += chunk;
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the emulator server exited (code ${code}) before listening: ${err}`));
      });
    });
    urlPromise.catch(() => {
      urlPromise = undefined;
    });
    return urlPromise;
  };

  return {
    name: 'stripe-emulator-server',
    async serve(context) {
      if (context.path !== EMULATOR_SERVER_PATH) return undefined;
      try {
        return { body: JSON.stringify({ url: await start() }), type: 'application/json' };
      } catch (error) {
        return { body: JSON.stringify({ error: String(error) }), type: 'application/json', status: 500 };
      }
    },
    serverStop() {
      child?.kill();
    },
  };
}
