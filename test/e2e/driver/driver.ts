// One small driver for the engine-neutral journeys: a person's actions (click, type, check) and what they see
// (text, attributes, the URL), with waiting built in, on Chromium, Firefox or WebKit alike. Selectors are CSS
// through open shadow roots, with ` >> ` stepping into a shadow host or an iframe (see in-page.ts).
import { inPage } from './in-page.js';
import { launchNative, type NativeBrowser } from './native.js';
import type { EngineName } from '../../browser/helpers/engines/engines.mjs';

export interface WaitOptions {
  /** Only elements whose text matches. */
  text?: RegExp;
  timeout?: number;
}

// Generous: on a busy 2-core machine WebKit can take seconds per animation frame while the demo page loads.
const DEFAULT_TIMEOUT = 30_000;

export class Driver {
  private constructor(readonly native: NativeBrowser) {}

  static async launch(engine: EngineName): Promise<Driver> {
    return new Driver(await launchNative(engine));
  }

  get engine(): EngineName {
    return this.native.engine;
  }

  /** Runs statements (ending in `return`) in the page, with `args` bound by name; returns the JSON result. */
  run<T>(body: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.native.evaluate<T>(inPage(body, args));
  }

  goto(url: string): Promise<void> {
    return this.native.goto(url);
  }

  url(): Promise<string> {
    return this.native.url();
  }

  close(): Promise<void> {
    return this.native.close();
  }

  /**
   * Polls `probe` until it returns something other than undefined; a throw (the page navigating away) counts as
   * "not yet". After `timeout` it fails with `what`, and with the probe's last reason when it gave one.
   */
  async until<T>(what: string, probe: () => Promise<T | undefined>, timeout = DEFAULT_TIMEOUT): Promise<T> {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (error) {
        last = (error as Error).message.split('\n')[0]!;
      }
      if (Date.now() > deadline) throw new Error(`${this.engine}: ${what} not within ${timeout} ms${last ? ` (last: ${last})` : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for an element to exist (and to show `text`), returning its text content. */
  waitFor(selector: string, { text, timeout }: WaitOptions = {}): Promise<string> {
    return this.until(`${selector}${text ? ` with text ${text}` : ''}`, () => this.run<string | null>(
      'const el = matching(selector, text)[0]; return el ? el.textContent : null;', { selector, text },
    ).then((found) => found ?? undefined), timeout);
  }

  /** The text of the first match, or null when nothing matches (no waiting). */
  text(selector: string): Promise<string | null> {
    return this.run('const el = findAll(selector)[0]; return el ? el.textContent : null;', { selector });
  }

  count(selector: string): Promise<number> {
    return this.run('return findAll(selector).length;', { selector });
  }

  attribute(selector: string, name: string): Promise<string | null> {
    return this.run('const el = findAll(selector)[0]; return el ? el.getAttribute(name) : null;', { selector, name });
  }

  /** Whether a checkbox or radio is checked. */
  isChecked(selector: string): Promise<boolean> {
    return this.run('return !!findAll(selector)[0]?.checked;', { selector });
  }

  /** A real mouse click in the middle of the element, once it is visible, enabled and not covered. */
  async click(selector: string, options: WaitOptions = {}): Promise<void> {
    const point = await this.until(`a clickable ${selector}`, async () => {
      const result = await this.run<{ x: number; y: number } | { wait: string }>('return await clickPoint(selector, text);', { selector, text: options.text });
      if ('wait' in result) throw new Error(result.wait);
      return result;
    }, options.timeout);
    await this.native.click(point.x, point.y);
  }

  /** Clicks a checkbox or radio unless it is already checked. */
  async check(selector: string): Promise<void> {
    await this.waitFor(selector);
    if (!(await this.isChecked(selector))) await this.click(selector);
    await this.until(`${selector} checked`, async () => ((await this.isChecked(selector)) ? true : undefined), 5_000);
  }

  /** Clicks into a field and types into it with real key presses. */
  async type(selector: string, text: string): Promise<void> {
    await this.click(selector);
    await this.native.type(text);
  }

  async waitForUrl(test: (url: URL) => boolean, timeout?: number): Promise<URL> {
    let last = '';
    return this.until('the expected URL', async () => {
      const url = new URL(await this.url());
      last = url.href;
      if (test(url)) return url;
      throw new Error(`at ${last}`);
    }, timeout);
  }
}
