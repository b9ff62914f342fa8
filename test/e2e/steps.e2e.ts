import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, E2E_CLOCK, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, field, LoginPage, MessageBox } from './pages.ts';

/** 农村村民宅基地和建房审批: a 联办件 whose published procedure names the stations that act. */
const ITEM = { code: 'ZJD-001', name: '农村村民宅基地和建房（规划许可）审批' };
const LELI = '451029100000';
/** reviewer1 of 国土村规站, the department of the first step kept. */
const REVIEWER = '农家宝';

/** A one-line ElInput or an autosized textarea: its data-test lands on the inner control. */
const text = (name: string) =>
  `input[data-test=${name}], textarea[data-test=${name}], [data-test=${name}] input, [data-test=${name}] textarea`;

/** Picks an option of the Element Plus select inside `select` (its popper is teleported to the body). */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${label}`) }).first();
  await option.click();
  await option.waitFor({ state: 'hidden' });
}

async function caseStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-test=case-status][data-status="${status}"]`).waitFor();
}

/** The body rows of an Element Plus table. */
const rowsOf = (page: Page, table: string) => page.locator(`[data-test=${table}] .el-table__body-wrapper .el-table__row`);

async function cellTexts(page: Page, column: string): Promise<string[]> {
  return (await page.locator(`[data-test=steps-table] .el-table__body-wrapper td.${column}`).allInnerTexts()).map((text) => text.trim());
}

export const stepsTests: E2eTest[] = [
  {
    name: 'a window clerk adds a joint case’s department steps from the item’s procedure, and reassigns one',
    async run(browser, server) {
      const guide = (await (await fetch(`${server.baseUrl}/api/public/items/${ITEM.code}?org=${LELI}`)).json()) as {
        handling: string;
        procedure: { name: string; actor: string; days: number | null }[];
      };
      assert.equal(guide.handling, 'joint');
      assert.ok(guide.procedure.length >= 4, 'the item publishes its procedure');

      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('办件');
      await page.locator('[data-test=case-intake]').click();

      // 接件 with every required material received, then 受理.
      await page.locator('[data-test=intake-item]').click();
      await page.keyboard.type(ITEM.code);
      await page.locator('.el-select-dropdown__item', { hasText: `${ITEM.name}（${ITEM.code}）` }).click();
      const required = page.locator('[data-test=intake-form] .el-checkbox', { has: page.locator('.req') });
      await required.first().waitFor();
      for (const box of await required.all()) await box.click();
      await page.locator(field('intake-name')).fill('罗德华');
      await page.locator(field('intake-id')).fill('451029198001010029');
      await page.locator(field('intake-phone')).fill('13977615678');
      await page.locator('[data-test=intake-submit]').click();
      await caseStatus(page, 'submitted');
      assert.equal(await page.locator('[data-test=case-steps]').count(), 0, 'no steps card before acceptance');
      await page.locator('[data-test=case-acts] [data-act="accept"]').click();
      await page.locator('[data-test=act-dialog] [data-test=act-confirm]').click();
      await caseStatus(page, 'accepted');
      const caseDue = await page.locator('[data-test=case-due]').innerText();

      // The steps card shows on an accepted 联办件 though it has no steps yet.
      const card = page.locator('[data-test=case-steps]');
      await card.waitFor();
      await card.locator('[data-test=steps-add]').click();
      const dialog = page.locator('[data-test=steps-add-dialog]');
      const rows = rowsOf(page, 'steps-add-rows');
      await rows.nth(guide.procedure.length - 1).waitFor();
      assert.equal(await rows.count(), guide.procedure.length, 'one row per published step');
      assert.deepEqual(
        await rows.locator(text('step-row-name')).evaluateAll((inputs) => inputs.map((input) => (input as HTMLTextAreaElement).value)),
        guide.procedure.map((step) => step.name),
      );
      assert.deepEqual(
        await rows
          .locator(field('step-row-days'))
          .evaluateAll((inputs) => inputs.map((input) => Number((input as HTMLInputElement).value))),
        guide.procedure.map((step) => step.days ?? 1),
      );
      // 受理并联审 is the first step a township station acts on: its department is taken from the actor text.
      const jointAt = guide.procedure.findIndex((step) => step.actor.includes('国土村规站'));
      assert.ok(jointAt >= 0);
      assert.match(await rows.nth(jointAt).locator('[data-test=step-row-department]').innerText(), /国土村规站/);
      await page.screenshot({ path: join(SCREENSHOTS, 'steps-dialog-desktop.png') });

      // The village's own steps come before acceptance: delete them; add a row for the township government's station.
      for (let i = 0; i < jointAt; i += 1) await rows.first().locator('[data-test=step-row-remove]').click();
      const kept = guide.procedure.slice(jointAt);
      assert.equal(await rows.count(), kept.length);
      await dialog.locator('[data-test=steps-add-row]').click();
      assert.equal(await rows.count(), kept.length + 1);
      const extra = rows.last();
      await extra.locator(text('step-row-name')).fill('民政审核');
      // A joint step without a department is stopped in the browser, naming the row.
      await dialog.locator('[data-test=steps-add-submit]').click();
      const messages = new MessageBox(page);
      const unmatched = kept.findIndex((step) => !step.actor.includes('站'));
      assert.match(
        await messages.error(),
        new RegExp(`第 ${String((unmatched < 0 ? kept.length : unmatched) + 1)} 行：联办步骤须指定办理部门`),
      );
      for (const [index] of kept.entries()) {
        const department = rows.nth(index).locator('[data-test=step-row-department]');
        if (!(await department.innerText()).includes('站')) await choose(page, department, '党政服务站');
      }
      await choose(page, extra.locator('[data-test=step-row-department]'), '民政人社站');
      await extra.locator('[data-test=step-row-consent]').click();

      // A step due after the case is refused by the server, in its own words.
      await extra.locator(field('step-row-days')).fill('30');
      await extra.locator(field('step-row-days')).blur();
      await dialog.locator('[data-test=steps-add-submit]').click();
      await page.locator('.el-message--error', { hasText: `晚于办件办结期限 ${caseDue}` }).waitFor();
      await extra.locator(field('step-row-days')).fill('3');
      await extra.locator(field('step-row-days')).blur();
      await dialog.locator('[data-test=steps-add-submit]').click();
      await dialog.waitFor({ state: 'hidden' });

      const names = [...kept.map((step) => step.name), '民政审核'];
      await rowsOf(page, 'steps-table')
        .nth(names.length - 1)
        .waitFor();
      assert.deepEqual(await cellTexts(page, 'col-name'), names);
      const departments = await cellTexts(page, 'col-department');
      assert.equal(departments[0], '国土村规站');
      assert.equal(departments.at(-1), '民政人社站');
      const today = E2E_CLOCK.slice(0, 10);
      const dues = await cellTexts(page, 'col-due');
      const expected = await Promise.all(
        [...kept.map((step) => step.days ?? 1), 3].map(async (days) => {
          const answer = (await (
            await fetch(`${server.baseUrl}/api/calendar/deadline?start=${today}&days=${String(days)}&org=${LELI}`)
          ).json()) as { due: string };
          return answer.due;
        }),
      );
      assert.deepEqual(dues, expected, 'each step is due on the working-day calendar');
      assert.ok(
        dues.every((due) => due <= caseDue),
        'no step is due after the case',
      );

      // 改派: the clerk picks a colleague of the center (the case's assignees, names and departments only).
      const first = rowsOf(page, 'steps-table').first();
      await first.locator('[data-reassign]').click();
      const reassign = page.locator('[data-test=steps-reassign-dialog]');
      await reassign.waitFor();
      await choose(page, reassign.locator('[data-test=steps-reassign-assignee]'), REVIEWER);
      await reassign.locator(text('steps-reassign-reason')).fill('窗口先行核对材料');
      await reassign.locator('[data-test=steps-reassign-submit]').click();
      await reassign.waitFor({ state: 'hidden' });
      await page.locator('[data-test=steps-table] td.col-assignee', { hasText: REVIEWER }).waitFor();
      assert.deepEqual((await cellTexts(page, 'col-assignee')).filter(Boolean), [REVIEWER]);
      const timeline = await page.locator('[data-test=case-timeline]').innerText();
      assert.ok(
        timeline.includes('添加办理步骤') && timeline.includes('改派步骤'),
        'the timeline shows the steps added and the reassignment',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'case-steps.png'), fullPage: true });

      // On a phone the dialog fits the screen and its table scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await card.locator('[data-test=steps-add]').click();
      await dialog.locator('[data-test=steps-add-submit]:not(.is-disabled)').waitFor();
      const box = await dialog.boundingBox();
      assert.ok(box && box.width <= 390, `the dialog fits a phone (${String(box?.width)} px)`);
      const scrolls = await dialog
        .locator('[data-test=steps-add-rows] .el-table__body-wrapper .el-scrollbar__wrap')
        .evaluate((wrap) => wrap.scrollWidth > wrap.clientWidth);
      assert.ok(scrolls, 'the rows scroll sideways on a phone');
      await page.screenshot({ path: join(SCREENSHOTS, 'steps-dialog-phone.png') });
      await context.close();
    },
  },
];
