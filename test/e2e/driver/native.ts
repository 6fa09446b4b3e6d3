// The few primitives each automation protocol provides, behind one interface: Playwright (CDP) for Chromium,
// puppeteer-core over WebDriver BiDi for Firefox, W3C WebDriver for WebKit. Everything else (finding elements,
// waiting, where to click) is engine-neutral and lives in driver.ts.
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FIREFOX_PATH, type EngineName } from '../../browser/helpers/engines/engines.mjs';
import { launchWebKit } from '../../browser/helpers/engines/webdriver.mjs';

export interface NativeBrowser {
  engine: EngineName;
  version: string;
  /** Evaluates a JavaScript expression in the top page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** A real mouse click at viewport coordinates of the top page. */
  click(x: number, y: number): Promise<void>;
  /** Real key presses into whatever has the focus. */
  type(text: string): Promise<void>;
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1280, height: 900 };

async function launchChromium(): Promise<NativeBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: VIEWPORT });
  return {
    engine: 'chromium',
    version: browser.version(),
    evaluate: (expression) => page.evaluate(expression),
    goto: async (url) => {
      await page.goto(url);
    },
    url: async () => page.url(),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    close: () => browser.close(),
  };
}

async function launchFirefox(): Promise<NativeBrowser> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await page.setViewport(VIEWPORT);
    return {
      engine: 'firefox',
      version: (await browser.version()).replace(/^firefox\//, ''),
      evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
      goto: async (url) => {
        await page.goto(url);
      },
      url: async () => page.url(),
      click: (x, y) => page.mouse.click(x, y),
      type: (text) => page.keyboard.type(text),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function launchWebKitBrowser(): Promise<NativeBrowser> {
  // The window is larger than the viewport by MiniBrowser's toolbar.
  const window = await launchWebKit({ width: VIEWPORT.width, height: VIEWPORT.height + 80 });
  const { session } = window;
  return {
    engine: 'webkit',
    version: window.version,
    evaluate: (expression) => session.execute(`return ${expression};`),
    goto: (url) => session.navigate(url),
    url: () => session.url(),
    click: (x, y) => session.click(x, y),
    type: (text) => session.keys([...text]),
    close: () => window.close(),
  };
}

export function launchNative(engine: EngineName): Promise<NativeBrowser> {
  if (engine === 'chromium') return launchChromium();
  if (engine === 'firefox') return launchFirefox();
  return launchWebKitBrowser();
}
