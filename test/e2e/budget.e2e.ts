import { strict as assert } from 'node:assert';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

/** The console's first screen must stay light for a township's slow line: ≤ 300 KB of gzipped JS. */
const BUDGET_GZIP_BYTES = 300 * 1024;

/** Gzipped size of every script the page loads from now on, by URL path. */
function collectScripts(page: Page): Map<string, Promise<number>> {
  const sizes = new Map<string, Promise<number>>();
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    // A redirect has no body; the script it points to is counted when it arrives.
    if (url.pathname.endsWith('.js') && response.status() < 300)
      sizes.set(
        url.pathname,
        response.body().then((body) => gzipSync(body, { level: 9 }).length),
      );
  });
  return sizes;
}

async function totalOf(sizes: Map<string, Promise<number>>): Promise<number> {
  return (await Promise.all(sizes.values())).reduce((sum, size) => sum + size, 0);
}

export const budgetTests: E2eTest[] = [
  {
    name: 'the sign-in page and the home page load ≤ 300 KB of gzipped JS',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      const signInScripts = collectScripts(page);
      const login = new LoginPage(page, server.baseUrl);
      await login.open();
      await page.waitForLoadState('networkidle');
      const signIn = await totalOf(signInScripts);
      await login.signIn('admin', DEMO_PASSWORD);
      await new ConsoleShell(page).waitForHome();
      // A fresh load of the home page (signed in): entry, layout and home chunks.
      const homePage = await context.newPage();
      const homeScripts = collectScripts(homePage);
      await homePage.goto(`${server.baseUrl}/console/`);
      await new ConsoleShell(homePage).waitForHome();
      await homePage.waitForLoadState('networkidle');
      const home = await totalOf(homeScripts);
      process.stdout.write(`    initial JS (gzip): sign-in ${(signIn / 1024).toFixed(1)} KB, home ${(home / 1024).toFixed(1)} KB\n`);
      assert.ok(signIn <= BUDGET_GZIP_BYTES, `sign-in page loads ${String(signIn)} bytes of gzipped JS`);
      assert.ok(home <= BUDGET_GZIP_BYTES, `home page loads ${String(home)} bytes of gzipped JS`);
      await context.close();
    },
  },
];
