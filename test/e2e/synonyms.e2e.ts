import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

export const synonymTests: E2eTest[] = [
  {
    name: 'synonyms (事项同义词): the county admin adds 盖新房 → 宅基地 and a citizen typing 盖新房 on the portal finds the 宅基地 item',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('admin', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('事项目录');
      await page.locator('[data-test=catalog-synonyms]').click();
      const dialog = page.locator('[data-test=synonyms-dialog]');
      await dialog.getByText('最低生活保障').first().waitFor();
      await dialog.locator('input[data-test=synonym-term], [data-test=synonym-term] input').fill('盖新房');
      await dialog.locator('input[data-test=synonym-expansion], [data-test=synonym-expansion] input').fill('宅基地');
      await dialog.locator('[data-test=synonym-add]').click();
      await dialog.getByText('盖新房').waitFor();
      await page.screenshot(shot('catalog-synonyms'));
      await context.close();

      const portal = await newPage(browser);
      await portal.page.goto(`${server.baseUrl}/items?q=${encodeURIComponent('盖新房')}`);
      await portal.page
        .getByText(/宅基地/)
        .first()
        .waitFor();
      assert.ok((await portal.page.locator('a[href*="/items/"]').count()) > 0, 'a result links to its guide');
      await portal.context.close();
    },
  },
];
