// A private X display for browsers that need one (WebKitGTK's MiniBrowser has no working headless mode here).
// Xvfb picks a free display number itself (-displayfd), so parallel runs and a developer's own desktop never clash.
import { spawn } from 'node:child_process';

export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

/**
 * Starts Xvfb and resolves once it accepts clients.
 * @returns {Promise<{ display: string, stop: () => Promise<void> }>}
 */
export function startXvfb({ width = 1280, height = 1024, timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    const fail = (message) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${message}${err ? `: ${err.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
    };
    const timer = setTimeout(() => fail(`Xvfb (${XVFB_PATH}) did not report a display within ${timeoutMs} ms`), timeoutMs);
    child.on('error', (error) => fail(`Xvfb could not start (${XVFB_PATH}: ${error.message}); install it with apt-get install xvfb`));
    child.on('exit', (code) => fail(`Xvfb exited (code ${code}) before it was ready`));
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    // Xvfb writes the display number to fd 3 once it is listening.
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stderr.removeAllListeners('data');
      child.stderr.resume();
      const display = `:${out.trim()}`;
      const stopped = new Promise((done) => child.once('exit', done));
      resolve({
        display,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill();
          await stopped;
        },
      });
    });
  });
}
