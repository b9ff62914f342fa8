import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage, residentId, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, field, LoginPage } from './pages.ts';

const ITEM = { code: 'DB-001', name: '最低生活保障申请' };
const SITUATION = '家庭成员中有残疾人';
const PHONE = { width: 390, height: 844 };
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const area = (name: string) => `[data-test=${name}] textarea, textarea[data-test=${name}]`;

async function signedIn(page: Page, baseUrl: string, username: string): Promise<ConsoleShell> {
  await new LoginPage(page, baseUrl).signIn(username, DEMO_PASSWORD);
  const shell = new ConsoleShell(page);
  await shell.waitForHome();
  return shell;
}

async function confirmAct(page: Page, act: string, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  await page.locator(`[data-test=case-acts] [data-act="${act}"]`).click();
  const dialog = page.locator('[data-test=act-dialog]');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('[data-test=act-confirm]').click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Issue 11's whole day in one walk, each person in their own browser: the clerk opens a 最低生活保障 case
 * ticking the applicant's situation, accepts it and asks for an extension; the director approves it from
 * the to-do; the clerk concludes; the applicant tracks the case on a phone and reads the result.
 */
export const walkthroughTests: E2eTest[] = [
  {
    name: 'a 最低生活保障 case from intake with its situation, through an extension request and its approval, to conclusion and tracking on a phone',
    async run(browser, server) {
      const suffix = String(Math.floor(Math.random() * 9000) + 1000);
      const phone = `1397763${suffix}`;

      const clerk = await newPage(browser);
      const shell = await signedIn(clerk.page, server.baseUrl, 'window1');
      await shell.navigate('办件');
      await clerk.page.locator('[data-test=case-intake]').click();
      await clerk.page.locator('[data-test=intake-item]').click();
      await clerk.page.keyboard.type(ITEM.name);
      await clerk.page.locator('.el-select-dropdown__item', { hasText: `${ITEM.name}（${ITEM.code}）` }).click();
      await clerk.page.locator('[data-test=intake-situations]').waitFor();
      await clerk.page.locator(`[data-test="intake-situation-${SITUATION}"]`).click();
      const materials = clerk.page.locator('[data-test=intake-material]');
      await materials.filter({ hasText: '残疾人证' }).waitFor();
      await clerk.page.locator(field('intake-name')).fill('黄秀珍');
      await clerk.page.locator(field('intake-id')).fill(residentId(`45102919700101${suffix.slice(0, 3)}`));
      await clerk.page.locator(field('intake-phone')).fill(phone);
      for (const material of await materials.all()) await material.locator('.el-checkbox').first().click();
      await clerk.page.locator('[data-test=intake-submit]').click();
      await clerk.page.locator('[data-test=case-status][data-status="submitted"]').waitFor();
      const caseUrl = clerk.page.url();
      const caseNo = (await clerk.page.locator('[data-test=case-no]').innerText()).trim();
      assert.equal(await clerk.page.locator('[data-test=case-situations]').innerText(), SITUATION);

      await confirmAct(clerk.page, 'accept');
      await clerk.page.locator('[data-test=case-status][data-status="accepted"]').waitFor();
      const dueBefore = (await clerk.page.locator('[data-test=case-due]').innerText()).trim();
      await confirmAct(clerk.page, 'request-extension', async (dialog) => {
        await dialog.locator(area('act-reason')).fill('需入户核查家庭经济状况');
      });
      await clerk.page.locator('[data-test=case-extension-request]').waitFor();

      const director = await newPage(browser);
      await signedIn(director.page, server.baseUrl, 'director1');
      const requests = director.page.locator('[data-test=todo] [data-section=extension_requests]');
      await requests.locator('[data-test=todo-item]', { hasText: caseNo }).click();
      await confirmAct(director.page, 'approve-extension');
      await director.page.locator('[data-test=notice-extended]').waitFor();
      await director.context.close();

      await clerk.page.goto(caseUrl);
      await clerk.page.locator('[data-test=case-status][data-status="accepted"]').waitFor();
      const dueAfter = (await clerk.page.locator('[data-test=case-due]').innerText()).trim();
      assert.ok(dueAfter > dueBefore, `the extension moved the limit from ${dueBefore} to ${dueAfter}`);
      await confirmAct(clerk.page, 'conclude', async (dialog) => {
        await dialog.locator(area('act-reason')).fill('经入户核查，符合最低生活保障条件');
      });
      await clerk.page.locator('[data-test=case-status][data-status="concluded"]').waitFor();
      const timeline = await clerk.page.locator('[data-test=case-timeline]').innerText();
      for (const label of ['受理', '申请延期', '批准延期', '办结']) assert.ok(timeline.includes(label), `the history shows ${label}`);
      await clerk.context.close();

      const citizen = await newPage(browser, PHONE);
      await citizen.page.goto(`${server.baseUrl}/track?no=${caseNo}`);
      await citizen.page.locator('[data-test=track-check]').fill(phone.slice(-4));
      await citizen.page.getByRole('button', { name: '查询', exact: true }).click();
      await citizen.page.locator('[data-test=track-result]').waitFor();
      assert.equal(await citizen.page.locator('[data-test=track-status]').innerText(), '已办结');
      assert.match(await citizen.page.locator('[data-test=track-verdict]').innerText(), /^办理结果：/);
      assert.match(await citizen.page.locator('[data-test=track-concluded-on]').innerText(), /^\d{4}年\d{1,2}月\d{1,2}日$/);
      await citizen.page.screenshot(shot('walkthrough-tracked'));
      await citizen.context.close();
    },
  },
];
