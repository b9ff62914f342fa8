/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, newPage, SCREENSHOTS, type Server } from './harness.ts';
import { ConsoleShell, field, LoginPage, StaffPage } from './pages.ts';

export interface E2eTest {
  name: string;
  run(browser: Browser, server: Server): Promise<void>;
}

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

export const consoleTests: E2eTest[] = [
  {
    name: 'the sign-in page is Chinese',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).open();
      assert.match(await page.locator('body').innerText(), /登录/);
      await page.screenshot(shot('login'));
      await context.close();
    },
  },
  {
    name: 'admin creates window staff, sees them listed, and they sign in',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      const login = new LoginPage(page, server.baseUrl);
      await login.signIn('admin', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      assert.match(await shell.currentUser(), /黄建国/);
      await shell.navigate('工作人员');
      const staff = new StaffPage(page);
      const username = `e2e${String(Date.now()).slice(-6)}`;
      await staff.create({
        org: '乐里镇便民服务中心',
        username,
        name: '蓝小燕',
        role: '窗口工作人员',
        phone: '13907769999',
        password: 'Lanxy#2026ok',
      });
      await staff.waitForListed(username);
      assert.ok((await staff.listedUsernames()).includes(username), 'new staff member is listed');
      await page.screenshot(shot('staff'));
      await shell.signOut();
      await login.signIn(username, 'Lanxy#2026ok');
      // A new account must change its initial password first, then reaches its home page.
      await page.locator(field('current-password')).fill('Lanxy#2026ok');
      await page.locator(field('new-password')).fill('Lanxy#2027ok');
      await page.locator(field('repeat-password')).fill('Lanxy#2027ok');
      await page.locator('[data-test=password-submit]').click();
      await page.locator('[data-test=welcome]').waitFor();
      assert.match(await page.locator('[data-test=welcome]').innerText(), /蓝小燕/);
      await page.screenshot(shot('home-new-staff'));
      await context.close();
    },
  },
  {
    name: 'a director adds a local station and edits it',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(page).navigate('部门站所');
      await page.getByRole('button', { name: '新增' }).click();
      const dialog = page.locator('.el-dialog:visible');
      await dialog.locator('input').first().fill('林业站');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.locator('.el-table__row', { hasText: '林业站' }).waitFor();
      await page.locator('.el-table__row', { hasText: '林业站' }).getByRole('button', { name: '编辑' }).click();
      await page.locator('.el-dialog:visible input').first().fill('林业工作站');
      await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click();
      await page.locator('.el-table__row', { hasText: '林业工作站' }).waitFor();
      await page.screenshot(shot('departments'));
      await context.close();
    },
  },
  {
    name: 'a wrong password is refused with a Chinese message',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      const login = new LoginPage(page, server.baseUrl);
      await login.signIn('window1', 'Wrong#pass1');
      assert.match(await login.error(), /用户名或密码错误/);
      await context.close();
    },
  },
  {
    name: 'elderly mode makes the type larger and is remembered',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      const login = new LoginPage(page, server.baseUrl);
      await login.open();
      const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const before = await size();
      await page.locator('[data-test=elderly-toggle]').click();
      const after = await size();
      assert.ok(after >= before * 1.3, `font grows from ${String(before)} to ${String(after)}`);
      await page.reload();
      assert.equal(await size(), after);
      await page.screenshot(shot('login-elderly'));
      await context.close();
    },
  },
  {
    name: 'a phone-sized screen can sign in and reach the menu',
    async run(browser, server) {
      const { context, page } = await newPage(browser, { width: 390, height: 844 });
      await new LoginPage(page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await page.locator('[data-test=welcome]').waitFor();
      await page.locator('[data-test=menu-toggle]').click();
      await page.locator('[data-test=nav-drawer]').getByText('工作人员', { exact: true }).click();
      await page.locator('[data-test=staff-cards] .person').first().waitFor();
      await page.locator('[data-test=nav-drawer]').waitFor({ state: 'hidden' });
      await page.screenshot(shot('phone-staff'));
      await context.close();
    },
  },
];
