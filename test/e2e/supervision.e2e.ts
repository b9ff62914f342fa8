import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, SCREENSHOTS, type Server } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

interface Overview {
  cases: { open: number; pre: number; yellow: number; red: number };
}

/** The demo's past cases are graded by the warning job when the server starts: wait for its first run. */
async function gradedOverview(server: Server): Promise<Overview> {
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'supervisor', password: DEMO_PASSWORD } });
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const view = await api<Overview>(server, '/api/supervision/overview', { token });
    if (view.cases.red > 0) return view;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the demo has no red card after the warning job');
}

export const supervisionTests: E2eTest[] = [
  {
    name: 'supervision screen (电子监察大屏): the supervisor clicks the red figure and lands on the case list of exactly those cases',
    async run(browser, server) {
      const overview = await gradedOverview(server);
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('supervisor', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('电子监察大屏');
      const red = page.locator('[data-test=tile-red] strong');
      await red.waitFor();
      await page.waitForTimeout(600); // the charts' animation
      assert.equal(await red.innerText(), String(overview.cases.red));
      assert.equal(await page.locator('[data-test=tile-open] strong').innerText(), String(overview.cases.open));
      await page.screenshot({ path: join(SCREENSHOTS, 'supervision-screen.png'), fullPage: true });

      // The wall display: dark, over the whole window; and back.
      await page.locator('[data-test=wall-toggle]').click();
      await page.waitForURL(/wall=1/);
      assert.equal(await page.locator('[data-test=supervision-screen].wall').count(), 1);
      await page.waitForTimeout(600); // the charts' animation
      await page.screenshot({ path: join(SCREENSHOTS, 'supervision-wall.png') });
      await page.locator('[data-test=wall-toggle]').click();
      await page.waitForURL((url) => !url.search.includes('wall=1'));

      await page.locator('[data-test=tile-red]').click();
      await page.waitForURL(/\/console\/cases\?.*warning=red/);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('status'), 'open');
      const rows = page.locator('[data-test=case-table] .el-table__body tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), overview.cases.red, 'the list shows as many cases as the red figure counts');
      const levels = await page
        .locator('[data-test=case-table] .el-table__body [data-level]')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-level')));
      assert.deepEqual([...new Set(levels)], ['red']);
      await context.close();
    },
  },
];
