// One Web Test Runner launcher per engine: Chromium and Firefox through puppeteer-core (CDP and WebDriver BiDi),
// WebKit through WebDriver. Test titles and reports name the engine as ENGINE_LABELS does.
import puppeteer from 'puppeteer-core';
import { ChromeLauncher, chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ENGINE_LABELS, FIREFOX_PATH } from './engines.mjs';
import { webkitLauncher } from './webkit-launcher.mjs';
import { createFocusedPage } from '../focused-page.mjs';

export function wtrLauncher(engine) {
  let launcher;
  if (engine === 'chromium') {
    launcher = chromeLauncher({
      // Every tab acts focused, so real typing works with concurrency > 1 (see the helper).
      createPage: createFocusedPage,
      launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    });
  } else if (engine === 'firefox') {
    // Firefox has no per-tab focus emulation: only the frontmost tab gets focus events, so one test file at a time.
    launcher = new ChromeLauncher(
      { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true },
      ({ browser }) => browser.defaultBrowserContext(),
      ({ context }) => context.newPage(),
      puppeteer,
      1,
    );
  } else if (engine === 'webkit') {
    launcher = webkitLauncher({ concurrency: 2 });
  } else {
    throw new Error(`wtrLauncher: expected chromium, firefox or webkit; got ${engine}`);
  }
  launcher.name = ENGINE_LABELS[engine];
  return launcher;
}
