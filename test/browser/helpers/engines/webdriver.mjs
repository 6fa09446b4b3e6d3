// WebKit through W3C WebDriver: WebKitWebDriver (Debian's webkit2gtk-driver) driving WebKitGTK's MiniBrowser on a
// private Xvfb display. A small client over fetch: the handful of commands our tests use, no extra dependency.
// WebKitWebDriver serves one session at a time, so every browser window is its own driver process.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { startXvfb } from './xvfb.mjs';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// WebDriver's code points for the named keys our tests press (W3C WebDriver, "Keyboard actions").
const KEYS = {
  Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Control: '\uE009', Alt: '\uE00A',
  Escape: '\uE00C', Space: ' ', PageUp: '\uE00E', PageDown: '\uE00F', End: '\uE010', Home: '\uE011',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Delete: '\uE017', Meta: '\uE03D',
};

/** Key actions for one key name (`Tab`), one character (`a`) or a chord (`Shift+Tab`). */
export function keyActions(key) {
  const parts = key.length > 1 && key.includes('+') ? key.split('+') : [key];
  const values = parts.map((part) => {
    if (part.length === 1) return part;
    const value = KEYS[part];
    if (!value) throw new Error(`WebDriver: unknown key "${part}"; expected one character or one of ${Object.keys(KEYS).join(', ')}`);
    return value;
  });
  return [...values.map((value) => ({ type: 'keyDown', value })), ...values.reverse().map((value) => ({ type: 'keyUp', value }))];
}

/** Pointer actions for a left click at viewport coordinates. */
export function clickActions(x, y, button = 0) {
  return [
    { type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y), origin: 'viewport' },
    { type: 'pointerDown', button },
    { type: 'pointerUp', button },
  ];
}

export class WebDriverSession {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  async command(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const { error = res.status, message = '' } = json.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${error}${message ? `: ${message}` : ''}`);
    }
    return json.value;
  }

  navigate(url) {
    return this.command('POST', '/url', { url });
  }

  url() {
    return this.command('GET', '/url');
  }

  /** Runs `script` (a function body; `arguments` holds args) in the current page and returns its JSON result. */
  execute(script, args = []) {
    return this.command('POST', '/execute/sync', { script, args });
  }

  performActions(actions) {
    return this.command('POST', '/actions', { actions });
  }

  releaseActions() {
    return this.command('DELETE', '/actions');
  }

  click(x, y, button = 0) {
    return this.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: clickActions(x, y, button) }]);
  }

  /** Types text character by character, or presses named keys (`['Tab']`, `['Shift+Tab']`). */
  keys(keys) {
    return this.performActions([{ type: 'key', id: 'keyboard', actions: keys.flatMap(keyActions) }]);
  }

  async delete() {
    await fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' }).catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Driver process groups still alive: killed on exit, so an interrupted run leaves no MiniBrowser behind.
const liveGroups = new Set();
process.once('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function waitForDriver(base, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${WEBKIT_DRIVER_PATH} exited (code ${child.exitCode}) before it answered`);
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${WEBKIT_DRIVER_PATH} did not answer on ${base} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts WebKitWebDriver (in its own process group, so MiniBrowser goes with it) on `display` and opens a session.
 * @param {{ display: string, width?: number, height?: number, timeoutMs?: number }} options
 * @returns {Promise<{ session: WebDriverSession, version: string, close: () => Promise<void> }>}
 */
export async function startWebKitSession({ display, width = 1280, height = 900, timeoutMs = 60000 }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let err = '';
  child.stderr.on('data', (chunk) => {
    err = (err + chunk).slice(-2000);
  });
  const spawned = new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(new Error(`${WEBKIT_DRIVER_PATH} could not start (${error.message}); install it with apt-get install webkit2gtk-driver`)));
  });
  await spawned;
  liveGroups.add(child.pid);
  const killGroup = () => {
    liveGroups.delete(child.pid);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitForDriver(base, child, timeoutMs);
    const res = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] } } },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebKitWebDriver refused a session: ${json.value?.message ?? res.status}`);
    const session = new WebDriverSession(base, json.value.sessionId, json.value.capabilities);
    await session.command('POST', '/window/rect', { width, height }).catch(() => {});
    return {
      session,
      version: json.value.capabilities.browserVersion,
      async close() {
        await session.delete();
        killGroup();
      },
    };
  } catch (error) {
    killGroup();
    throw new Error(`${error.message}${err ? ` (driver said: ${err.trim().split('\n').slice(-3).join(' | ')})` : ''}`);
  }
}

/** One Xvfb display with one WebKit session on it; `close()` ends both. */
export async function launchWebKit(options = {}) {
  const xvfb = await startXvfb();
  try {
    const webkit = await startWebKitSession({ ...options, display: xvfb.display });
    return {
      ...webkit,
      display: xvfb.display,
      async close() {
        await webkit.close();
        await xvfb.stop();
      },
    };
  } catch (error) {
    await xvfb.stop();
    throw error;
  }
}
