// Web Test Runner launcher for WebKit over WebDriver (see webdriver.mjs). Each concurrent test file gets its own
// MiniBrowser window on its own Xvfb display, so every window has the focus, like the Chromium tabs do (see
// focused-page.mjs): real clicks and key presses land where the test aims them.
//
// Its `type` is 'webdriver', so @web/test-runner-commands' sendKeys/sendMouse call the methods below.
import { launchWebKit } from './webdriver.mjs';

const BUTTONS = { left: 0, middle: 1, right: 2 };

export class WebKitLauncher {
  constructor({ concurrency = 2, width = 1024, height = 768 } = {}) {
    this.name = 'WebKit';
    this.type = 'webdriver';
    this.concurrency = concurrency;
    this.size = { width, height };
    /** Idle windows, ready for the next test file. */
    this.idle = [];
    /** Every window started, busy or idle. */
    this.all = [];
    /** Test session id -> { window, url }. */
    this.sessions = new Map();
  }

  async initialize(config) {
    this.config = config;
  }

  async window() {
    const idle = this.idle.pop();
    if (idle) return idle;
    const started = launchWebKit(this.size);
    this.all.push(started);
    return started;
  }

  async startSession(sessionId, url) {
    const window = await this.window();
    this.sessions.set(sessionId, { window, url });
    await window.session.navigate(url);
  }

  isActive(sessionId) {
    return this.sessions.has(sessionId);
  }

  async getBrowserUrl(sessionId) {
    return this.session(sessionId).url().catch(() => this.sessions.get(sessionId)?.url);
  }

  async stopSession(sessionId) {
    const entry = this.sessions.get(sessionId);
    if (!entry) throw new Error(`No WebKit window for test session ${sessionId}`);
    this.sessions.delete(sessionId);
    // A blank page stops whatever the test left running (timers, a reload loop) before the window is reused.
    await entry.window.session.navigate('about:blank').catch(() => {});
    this.idle.push(entry.window);
    return {};
  }

  async startDebugSession() {
    throw new Error('WebKit runs under a private Xvfb display here; debug in Chromium or Firefox instead.');
  }

  async stop() {
    const windows = await Promise.allSettled(this.all);
    this.all = [];
    this.idle = [];
    await Promise.all(windows.filter((w) => w.status === 'fulfilled').map((w) => w.value.close()));
  }

  session(sessionId) {
    const entry = this.sessions.get(sessionId);
    if (!entry) throw new Error(`No WebKit window for test session ${sessionId}`);
    return entry.window.session;
  }

  // The interface @web/test-runner-commands expects from a 'webdriver' launcher.
  sendKeys(sessionId, keys) {
    return this.session(sessionId).keys(keys);
  }

  sendMouseMove(sessionId, x, y) {
    return this.pointer(sessionId, [{ type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y), origin: 'viewport' }]);
  }

  sendMouseClick(sessionId, x, y, button = 'left') {
    return this.session(sessionId).click(x, y, BUTTONS[button]);
  }

  sendMouseDown(sessionId, button = 'left') {
    return this.pointer(sessionId, [{ type: 'pointerDown', button: BUTTONS[button] }]);
  }

  sendMouseUp(sessionId, button = 'left') {
    return this.pointer(sessionId, [{ type: 'pointerUp', button: BUTTONS[button] }]);
  }

  resetMouse(sessionId) {
    return this.session(sessionId).releaseActions();
  }

  pointer(sessionId, actions) {
    return this.session(sessionId).performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }]);
  }
}

export function webkitLauncher(options) {
  return new WebKitLauncher(options);
}
