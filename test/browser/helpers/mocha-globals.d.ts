// The mocha globals Web Test Runner provides in the browser (describe/it/hooks), typed for `tsc --noEmit`.
// The project has no @types/mocha; if it ever gains it, delete this file (the two would declare the same names).
interface BrowserTestContext {
  timeout(ms: number): void;
  skip(): never;
  /** In hooks: the test that just ran, with its error when it failed. */
  currentTest?: { title: string; err?: unknown };
}
type BrowserTestFn = (this: BrowserTestContext) => void | Promise<unknown>;
declare function describe(title: string, fn: (this: BrowserTestContext) => void): void;
declare const it: {
  (title: string, fn: BrowserTestFn): void;
  skip(title: string, fn?: BrowserTestFn): void;
};
declare function before(fn: BrowserTestFn): void;
declare function after(fn: BrowserTestFn): void;
declare function beforeEach(fn: BrowserTestFn): void;
declare function afterEach(fn: BrowserTestFn): void;
