// Web Test Runner's Chrome launcher runs several test files at once, each in its own tab, but only one tab has
// the window's focus: real key presses (sendKeys) in the others go nowhere or land in the wrong field. Playwright
// avoids this by telling every page it is focused; this does the same for the launcher's puppeteer pages.
export async function createFocusedPage({ context }) {
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  return page;
}
