// Which browser engine this test file runs in, and a way to skip a test on an engine where it can't run: the
// engine and the reason go into the test's title, and Web Test Runner counts it as skipped (never as passed).
export type Engine = 'chromium' | 'firefox' | 'webkit';

function detect(userAgent: string): Engine {
  if (/Firefox\//.test(userAgent)) return 'firefox';
  // Headless Chromium says HeadlessChrome/<version>.
  if (/Chrom(e|ium)\//.test(userAgent)) return 'chromium';
  // WebKitGTK's MiniBrowser reads as Safari (AppleWebKit/605.1.15 ... Safari/605.1.15), with no Chrome token.
  if (/AppleWebKit\//.test(userAgent)) return 'webkit';
  throw new Error(`Unknown browser engine for user agent "${userAgent}"`);
}

export const engine: Engine = detect(navigator.userAgent);

/** Reasons keyed by engine, e.g. `{ webkit: 'getComputedStyle ignores ::placeholder' }`. */
export type SkipReasons = Partial<Record<Engine, string>>;

/**
 * `it()`, except on the engines listed in `skip`: there the test is registered as skipped, titled
 * `<title> [skipped on <engine>: <reason>]`, so the report says what was not run and why.
 */
export function itExcept(skip: SkipReasons, title: string, fn: BrowserTestFn): void {
  const reason = skip[engine];
  if (reason) it.skip(`${title} [skipped on ${engine}: ${reason}]`, fn);
  else it(title, fn);
}
