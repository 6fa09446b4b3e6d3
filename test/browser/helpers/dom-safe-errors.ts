// Web Test Runner sends each failed test's error, `actual` and `expected` included, back to Node. A DOM node
// there can hang the whole run until testsFinishTimeout (see the toolchain notes), so a root hook swaps nodes for
// their markup before the results are collected. Imported by the shared helpers, so every test file gets it once.
afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!error) return;
  for (const key of ['actual', 'expected'] as const) {
    const value = error[key];
    if (value instanceof Node) error[key] = value instanceof Element ? value.outerHTML : value.textContent;
  }
});
