import { strict as assert } from 'node:assert';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, E2E_CLOCK, newPage, residentId } from './harness.ts';
import { ConsoleShell, field, LoginPage } from './pages.ts';

const ITEM = { code: 'DB-001', name: '最低生活保障申请' };
const DISABLED = '家庭成员中有残疾人';

/** 办理情形 (issue 11 item 1): the clerk ticks the applicant's situation and the checklist follows. */
export const situationTests: E2eTest[] = [
  {
    name: 'a clerk opens a 最低生活保障 case ticking a situation, sees the checklist follow and accepts it',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('办件');
      await page.locator('[data-test=case-intake]').click();

      await page.locator('[data-test=intake-item]').click();
      await page.keyboard.type(ITEM.name);
      await page.locator('.el-select-dropdown__item', { hasText: `${ITEM.name}（${ITEM.code}）` }).click();
      const materials = page.locator('[data-test=intake-material]');
      await page.locator('[data-test=intake-situations]').waitFor();
      await materials.first().waitFor();
      const names = async () => (await materials.allInnerTexts()).join('\n');
      assert.ok(!(await names()).includes('残疾人证'), 'with no situation ticked, 残疾人证 is not asked for');
      assert.ok(!(await names()).includes('疾病诊断证明'), 'nor the diagnosis');

      await page.locator(`[data-test="intake-situation-${DISABLED}"]`).click();
      await materials.filter({ hasText: '残疾人证' }).waitFor();
      assert.match(await materials.filter({ hasText: '残疾人证' }).innerText(), new RegExp(`适用：${DISABLED}`));
      assert.ok(!(await names()).includes('疾病诊断证明'), 'the other situation’s material stays out');

      await page.locator(field('intake-name')).fill('黄秀兰');
      await page.locator(field('intake-id')).fill('451029198001010029');
      await page.locator(field('intake-phone')).fill('13977612345');
      // Every material on the checklist is handed in.
      for (const material of await materials.all()) await material.locator('.el-checkbox').first().click();
      await page.locator('[data-test=intake-submit]').click();
      await page.locator('[data-test=case-status][data-status="submitted"]').waitFor();
      assert.equal(await page.locator('[data-test=case-situations]').innerText(), DISABLED);

      await page.locator('[data-test=case-acts] [data-act="accept"]').click();
      const dialog = page.locator('[data-test=act-dialog]');
      await dialog.waitFor();
      await dialog.locator('[data-test=act-confirm]').click();
      await page.locator('[data-test=case-status][data-status="accepted"]').waitFor();
      await context.close();
    },
  },
  {
    name: 'agent app: the agent ticks a 最低生活保障 situation, the materials follow, and the request carries it',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', serviceWorkers: 'block' });
      await context.clock.install({ time: E2E_CLOCK });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/agent/`);
      await page.locator('[data-test=signin-username]').fill('agent1');
      await page.locator('[data-test=signin-password]').fill(DEMO_PASSWORD);
      await page.locator('[data-test=signin-submit]').click();
      await page.locator('[data-test=counts]').waitFor();
      await page.locator('[data-test=tab-register]').click();
      await page.locator(`[data-test=reg-item] option[value="${ITEM.code}"]`).waitFor({ state: 'attached' });

      await page.locator('[data-test=reg-village]').selectOption({ index: 1 });
      // The offline picker searches the catalog's key: 简称, 全拼 and 首字母 all find the item.
      for (const query of ['低保', 'dibao', 'zdshbz']) {
        await page.locator('[data-test=reg-item-filter]').fill(query);
        await page.locator(`[data-test=reg-item] option[value="${ITEM.code}"]`).waitFor({ state: 'attached' });
      }
      await page.locator('[data-test=reg-item-filter]').fill('zzzz');
      await page.locator(`[data-test=reg-item] option[value="${ITEM.code}"]`).waitFor({ state: 'detached' });
      await page.locator('[data-test=reg-item-filter]').fill('');
      await page.locator('[data-test=reg-item]').selectOption(ITEM.code);
      const materials = page.locator('[data-test=reg-material]');
      await materials.first().waitFor();
      assert.equal(await materials.filter({ hasText: '残疾人证' }).count(), 0, 'no situation ticked: 残疾人证 is not asked for');
      await page.locator(`[data-test=reg-situations] [data-situation="${DISABLED}"] input`).check();
      await materials.filter({ hasText: '残疾人证' }).waitFor();
      assert.match(await materials.filter({ hasText: '残疾人证' }).innerText(), /必交/);
      await page.locator('[data-test=reg-name]').fill('黄秀兰');
      await page.locator('[data-test=reg-id]').fill(residentId('45102919650412002'));
      await page.locator('[data-test=reg-phone]').fill('13977610002');
      await page.locator('[data-test=reg-consent]').check();
      await page.locator('[data-test=reg-save]').click();
      const entry = page.locator('[data-test=outbox-entry][data-kind=request]');
      await entry.and(page.locator('[data-state=sent]')).waitFor();
      const requestNo = (await entry.getAttribute('data-request-no')) ?? '';
      const { requests } = await api<{ requests: { materials: { name: string; required: boolean }[] }[] }>(
        server,
        `/api/agency/requests?requestNo=${encodeURIComponent(requestNo)}`,
        { token },
      );
      assert.equal(
        requests[0]?.materials.find((m) => m.name === '残疾人证')?.required,
        true,
        'the ticked situation’s material is required',
      );
      await context.close();
    },
  },
  {
    name: 'intake item picker: the township’s own list, found by 低保, dibao and zdshbz; Enter on free text makes no item',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('办件');
      const listed = page.waitForRequest((request) => request.url().includes('/api/public/items?') && request.url().includes('limit=50'));
      await page.locator('[data-test=case-intake]').click();
      const url = (await listed).url();
      assert.match(url, /org=451029100000/, `the picker reads 乐里镇’s implementation list: ${url}`);

      const picker = page.locator('[data-test=intake-item]');
      const option = page.locator('.el-select-dropdown__item:visible', { hasText: `${ITEM.name}（${ITEM.code}）` });
      for (const query of ['低保', 'dibao', 'zdshbz']) {
        await picker.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.type(query);
        await option.waitFor();
        await page.keyboard.press('Escape');
      }
      await picker.click();
      await page.keyboard.type('没有这个事项');
      // The answer to this search, not the loading line (the same element): Enter while loading would pick the last search's item.
      await page.locator('.el-select-dropdown__empty:visible', { hasText: /无匹配数据|无数据/ }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('[data-test=intake-material]').count(), 0, 'no material list for free text');
      await page.locator('[data-test=intake-submit]').click();
      await page.locator('.el-form-item__error', { hasText: '请选择事项' }).waitFor();
      await context.close();
    },
  },
];
