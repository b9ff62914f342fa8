/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

/** The pages every release is looked at on, what shows that each has loaded, and an optional click with what it shows. */
const PAGES: readonly { name: string; path: string; ready: string; click?: { on: string; shows: RegExp; in: string } }[] = [
  { name: 'home', path: '/console/', ready: '[data-test=welcome]' },
  { name: 'cases', path: '/console/cases', ready: '[data-test=case-table]' },
  { name: 'intake', path: '/console/cases/new', ready: '[data-test=intake-form]' },
  { name: 'catalog', path: '/console/catalog', ready: '[data-test=catalog-table] .el-table__row' },
  { name: 'calendar', path: '/console/calendar', ready: '[data-test=calendar-page]' },
  { name: 'orgs', path: '/console/orgs', ready: '[data-test=org-tree] .el-table__row' },
  { name: 'departments', path: '/console/departments', ready: '[data-test=department-table] .el-table__row' },
  { name: 'windows', path: '/console/windows', ready: '[data-test=window-table] .el-table__row' },
  { name: 'staff', path: '/console/staff', ready: '[data-test=staff-table] .el-table__row, [data-test=staff-cards] .person' },
  {
    name: 'audit',
    path: '/console/audit',
    ready: '[data-test=audit-table] .el-table__row',
    click: { on: '[data-test=audit-verify]', in: '[data-test=audit-verdict]', shows: /审计链完整|Chain intact/ },
  },
  { name: 'agency', path: '/console/agency', ready: '[data-test=agency-table]' },
  { name: 'agency-performance', path: '/console/agency/performance', ready: '[data-test=agency-performance]' },
  { name: 'agency-settings', path: '/console/agency/settings', ready: '[data-test=agency-settings]' },
  { name: 'password', path: '/console/password', ready: '[data-test=password-submit]' },
];

const LAYOUTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isElderly: false },
  { name: 'desktop-elderly', viewport: { width: 1280, height: 800 }, isElderly: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, isElderly: false },
  { name: 'phone-elderly', viewport: { width: 390, height: 844 }, isElderly: true },
] as const;

/** Script errors and failed API calls seen while the page was open (a 401 before sign-in is expected). */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('response', (response) => {
    const url = response.url();
    if (url.includes('/api/') && response.status() >= 400 && !url.endsWith('/api/auth/me'))
      problems.push(`${String(response.status())} ${url}`);
  });
  return problems;
}

/** No element sticks out to the right of the window (a phone would have to scroll sideways). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export const tourTests: E2eTest[] = LAYOUTS.map((layout) => ({
  name: `every page renders (${layout.name}) without errors; screenshots in test-results/`,
  async run(browser, server) {
    const { context, page } = await newPage(browser, layout.viewport);
    if (layout.isElderly)
      await context.addInitScript(() => {
        localStorage.setItem('yizhan.elderly', '1');
      });
    const problems = watchForProblems(page);
    const login = new LoginPage(page, server.baseUrl);
    await login.open();
    await page.screenshot({ path: join(SCREENSHOTS, `tour-${layout.name}-login.png`), fullPage: true });
    assert.ok((await horizontalOverflow(page)) <= 0, 'the sign-in page fits the window');
    await login.signIn('admin', DEMO_PASSWORD);
    await new ConsoleShell(page).waitForHome();
    for (const target of PAGES) {
      await page.goto(`${server.baseUrl}${target.path}`);
      await page.locator(target.ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      if (target.click) {
        await page.locator(target.click.on).click();
        assert.match(await page.locator(target.click.in).innerText(), target.click.shows);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `tour-${layout.name}-${target.name}.png`), fullPage: true });
      assert.ok((await horizontalOverflow(page)) <= 0, `${target.name} fits the window without sideways scrolling`);
    }
    // The add-staff dialog and, on a phone, the menu drawer.
    await page.goto(`${server.baseUrl}/console/staff`);
    await page.locator('[data-test=staff-add]').click();
    await page.locator('[data-test=staff-form]').waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation
    await page.screenshot({ path: join(SCREENSHOTS, `tour-${layout.name}-staff-dialog.png`) });
    await page.keyboard.press('Escape');
    if (layout.viewport.width < 768) {
      await page.locator('[data-test=menu-toggle]').click();
      await page.locator('[data-test=nav-drawer]').waitFor();
      await page.waitForTimeout(400); // the drawer's sliding animation
      await page.screenshot({ path: join(SCREENSHOTS, `tour-${layout.name}-drawer.png`) });
    }
    assert.deepEqual(problems, []);
    await context.close();
  },
}));
