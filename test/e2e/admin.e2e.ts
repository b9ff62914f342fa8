/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage, MessageBox, StaffPage } from './pages.ts';

/** Changes sent to the API without an Idempotency-Key (sign-in and sign-out need none). */
function changesWithoutKey(requests: readonly Request[]): string[] {
  return requests
    .filter((request) => request.url().includes('/api/') && request.method() !== 'GET')
    .filter((request) => !/\/api\/auth\/(login|logout)$/.test(new URL(request.url()).pathname))
    .filter((request) => (request.headers()['idempotency-key'] ?? '').length < 8)
    .map((request) => `${request.method()} ${request.url()}`);
}

/** The menu each role sees (DESIGN: who uses it), in order. */
const MENUS: Record<string, string[]> = {
  admin: [
    '首页',
    '办件',
    '群众通知',
    '投诉举报',
    '代办件',
    '代办员绩效',
    '大厅设置',
    '大厅统计',
    '预约管理',
    '事项目录',
    '组织机构',
    '部门站所',
    '窗口',
    '工作人员',
    '工作日历',
    '代办时限',
    '好差评',
    '差评整改',
    '督办',
    '台帐',
    '审计日志',
    '电子监察大屏',
  ],
  director1: [
    '首页',
    '办件',
    '群众通知',
    '投诉举报',
    '代办件',
    '代办员绩效',
    '叫号',
    '大厅设置',
    '大厅统计',
    '预约管理',
    '事项目录',
    '组织机构',
    '部门站所',
    '窗口',
    '工作人员',
    '工作日历',
    '好差评',
    '差评整改',
    '督办',
    '台帐',
    '电子监察大屏',
  ],
  supervisor: [
    '首页',
    '办件',
    '群众通知',
    '投诉举报',
    '代办件',
    '代办员绩效',
    '大厅统计',
    '预约管理',
    '事项目录',
    '好差评',
    '差评整改',
    '督办',
    '台帐',
    '审计日志',
    '电子监察大屏',
  ],
  window1: [
    '首页',
    '办件',
    '群众通知',
    '投诉举报',
    '代办件',
    '代办员绩效',
    '叫号',
    '大厅统计',
    '预约管理',
    '事项目录',
    '好差评',
    '差评整改',
    '督办',
    '台帐',
  ],
  reviewer1: ['首页', '办件', '群众通知', '事项目录', '好差评', '差评整改', '督办'],
  agent1: ['首页'],
};

export const adminTests: E2eTest[] = [
  {
    name: 'each role sees its own menu, and a page outside it sends the person home',
    async run(browser, server) {
      for (const [username, expected] of Object.entries(MENUS)) {
        const { context, page } = await newPage(browser);
        await new LoginPage(page, server.baseUrl).signIn(username, DEMO_PASSWORD);
        const shell = new ConsoleShell(page);
        await shell.waitForHome();
        assert.deepEqual(await shell.menuLabels(), expected, `menu of ${username}`);
        if (!expected.includes('工作人员')) {
          await page.goto(`${server.baseUrl}/console/staff`);
          await shell.waitForHome();
          assert.equal(new URL(page.url()).pathname, '/console/');
        }
        await context.close();
      }
    },
  },
  {
    name: 'a locked account shows 已锁定 and the admin unlocks it after confirming; every change carries an Idempotency-Key',
    async run(browser, server) {
      // Five wrong passwords lock window2 (等保: the default limit is 5).
      for (let attempt = 0; attempt < 5; attempt++) {
        await fetch(`${server.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'window2', password: 'Wrong#pass1' }),
        });
      }
      const { context, page } = await newPage(browser);
      const requests: Request[] = [];
      page.on('request', (request) => requests.push(request));
      const login = new LoginPage(page, server.baseUrl);
      await login.signIn('window2', DEMO_PASSWORD);
      assert.match(await login.error(), /锁定/);

      await login.signIn('admin', DEMO_PASSWORD);
      await new ConsoleShell(page).navigate('工作人员');
      const staff = new StaffPage(page);
      await staff.search('window2');
      await staff.row('window2').locator('[data-test=staff-locked]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-locked.png'), fullPage: true });
      await staff.act('window2', '解锁');
      await staff.row('window2').locator('[data-test=staff-locked]').waitFor({ state: 'detached' });
      await new ConsoleShell(page).signOut();
      await login.signIn('window2', DEMO_PASSWORD);
      await new ConsoleShell(page).waitForHome();
      assert.deepEqual(changesWithoutKey(requests), []);
      await context.close();
    },
  },
  {
    name: 'a stale edit is refused with 数据已被他人修改 and the list reloads',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('director2', DEMO_PASSWORD);
      await new ConsoleShell(page).navigate('部门站所');
      const firstRow = page.locator('[data-test=department-table] .el-table__body-wrapper .el-table__row').first();
      await firstRow.waitFor();
      await firstRow.getByRole('button', { name: '编辑' }).click();
      const dialog = page.locator('[data-test=department-dialog]');
      await dialog.locator('input').first().fill('乙的名称');
      // Someone else saves the same station first (same session cookie, through the API).
      const { departments } = (await (await page.request.get(`${server.baseUrl}/api/departments`)).json()) as {
        departments: { id: string; name: string; version: number }[];
      };
      const firstName = (await firstRow.locator('td').nth(1).innerText()).trim();
      const target = departments.find((department) => department.name === firstName);
      assert.ok(target, `station ${firstName} is listed by the API`);
      const theirs = await page.request.patch(`${server.baseUrl}/api/departments/${target.id}`, {
        // A change with the session cookie must say it comes from the platform's own page (R13), as the browser does.
        headers: { 'idempotency-key': `e2e-${target.id}`, origin: server.baseUrl },
        data: { version: target.version, name: '甲的名称' },
      });
      assert.equal(theirs.status(), 200);
      await dialog.getByRole('button', { name: '保存' }).click();
      assert.match(await new MessageBox(page).error(), /数据已被他人修改，请刷新后重试/);
      await page.locator('[data-test=department-table] .el-table__row', { hasText: '甲的名称' }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await context.close();
    },
  },
  {
    name: 'the language switch turns the console and Element Plus into English, and back',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await page.locator('[data-test=locale-toggle]').click();
      assert.deepEqual(await shell.menuLabels(), [
        'Home',
        'Cases',
        'Notices to citizens',
        'Complaints',
        'Village agency',
        'Agent performance',
        'Calling',
        'Hall setup',
        'Hall figures',
        'Appointments',
        'Item catalog',
        'Organisations',
        'Departments',
        'Windows',
        'Staff',
        'Working-day calendar',
        'Ratings',
        'Rectifications',
        'Supervision orders',
        'Ledgers',
        'Supervision screen',
      ]);
      await shell.navigate('Staff');
      await page.locator('[data-test=staff-add]').click();
      // Element Plus' own words follow the switch (its select placeholder).
      assert.equal(await page.locator('[data-test=staff-department] .el-select__placeholder').innerText(), 'Select');
      await page.waitForTimeout(400); // the dialog's opening animation
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-dialog-en.png') });
      await page.keyboard.press('Escape');
      await page.locator('[data-test=locale-toggle]').click();
      assert.equal((await shell.menuLabels())[0], '首页');
      await context.close();
    },
  },
];
