import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, E2E_CLOCK, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, field, LoginPage } from './pages.ts';

/** A textarea ElInput: its data-test lands on the inner <textarea>. */
const area = (name: string) => `textarea[data-test=${name}], [data-test=${name}] textarea`;

const ITEM = { code: 'LSJZ-001', name: '临时救助', promisedDays: 10 };
const LELI = '451029100000';

/** One act on the case page: the button, then the dialog's fields, then confirm; waits for the new status. */
async function act(page: Page, name: string, status: string, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  await page.locator(`[data-test=case-acts] [data-act="${name}"]`).click();
  const dialog = page.locator('[data-test=act-dialog]');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('[data-test=act-confirm]').click();
  await page.locator(`[data-test=case-status][data-status="${status}"]`).waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

/** The printable notice behind a button: a real PDF for this signed-in clerk. */
async function printNotice(page: Page, kind: string): Promise<void> {
  const link = page.locator(`[data-test=notice-${kind}]`);
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.ok(href, `the ${kind} notice has a link`);
  const response = await page.request.get(new URL(href, page.url()).toString());
  assert.equal(response.status(), 200, `the ${kind} notice prints`);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  assert.equal((await response.body()).subarray(0, 5).toString(), '%PDF-');
}

async function allowedActs(page: Page): Promise<string[]> {
  return page
    .locator('[data-test=case-acts] [data-act]')
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-act') ?? ''));
}

export const caseTests: E2eTest[] = [
  {
    name: 'a window clerk takes a case from intake through 补正, acceptance, a suspension, conclusion, delivery and close, printing the notices',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('办件');
      await page.locator('[data-test=case-intake]').click();

      // 接件: the item from the published catalog, an applicant with a checked ID number, one material missing.
      await page.locator('[data-test=intake-item]').click();
      await page.keyboard.type(ITEM.name);
      await page.locator('.el-select-dropdown__item', { hasText: `${ITEM.name}（${ITEM.code}）` }).click();
      const materials = page.locator('[data-test=intake-form] .el-checkbox');
      await materials.first().waitFor();
      assert.ok((await materials.count()) >= 2, 'the item’s material list is offered');
      await page.locator(field('intake-name')).fill('韦春花');
      await page.locator(field('intake-id')).fill('45102919800101002X');
      await page.locator(field('intake-phone')).fill('139 7761 2345');
      await page.locator('[data-test=intake-submit]').click();
      assert.match(
        await page.locator('.el-form-item__error').first().innerText(),
        /证件号码不正确/,
        'a wrong ID checksum is refused at once',
      );
      await page.locator(field('intake-id')).fill('451029198001010029');
      await page.locator(field('intake-phone')).fill('13977612345');
      // The first material is received on paper; the others are not yet.
      await materials.first().click();
      await page.locator('[data-test=intake-submit]').click();
      await page.locator('[data-test=case-status][data-status="submitted"]').waitFor();
      const caseNo = await page.locator('[data-test=case-no]').innerText();
      assert.match(caseNo, new RegExp(`^${LELI}`), 'the case number starts with the township’s code');
      assert.deepEqual((await allowedActs(page)).sort(), ['accept', 'accept-pending', 'refuse', 'request-supplement', 'withdraw'].sort());

      // The ID number is masked; the full one is shown for a stated reason (audited on the server).
      assert.equal(await page.locator('[data-test=case-id-number]').innerText(), '451029********0029');
      await page.locator('[data-test=case-reveal]').click();
      await page.locator('.el-message-box input').fill('核对申请人身份证原件');
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await page.locator('[data-test=case-id-number]', { hasText: '451029198001010029' }).waitFor();

      // 一次性告知: every missing material in one notice; a second notice is not offered.
      await act(page, 'request-supplement', 'supplement_requested', async (dialog) => {
        assert.ok((await dialog.locator('.el-checkbox.is-checked').count()) >= 1, 'the missing materials are pre-selected');
        // A reason per material and a 补正期限, both printed on the notice.
        await dialog.locator('[data-test=supplement-reason] input').first().fill('复印件不清晰');
        const due = dialog.locator('input[data-test=supplement-due], [data-test=supplement-due] input').first();
        await due.fill('2026-12-31');
        await due.press('Enter');
      });
      assert.ok(!(await allowedActs(page)).includes('request-supplement'), 'only one supplement notice');
      await printNotice(page, 'supplement');
      await act(page, 'supplement', 'submitted');
      await act(page, 'accept', 'accepted');
      await printNotice(page, 'accepted');

      const due = await page.locator('[data-test=case-due]').innerText();
      const acceptedOn = E2E_CLOCK.slice(0, 10);
      const expected = (await (
        await fetch(`${server.baseUrl}/api/calendar/deadline?start=${acceptedOn}&days=${String(ITEM.promisedDays)}&org=${LELI}`)
      ).json()) as { due: string };
      assert.equal(due, expected.due, 'the due date is the working-day calendar’s');
      assert.ok(due > '2026-10-08', `10 working days from ${acceptedOn} cross National Day (due ${due})`);
      await page.screenshot({ path: join(SCREENSHOTS, 'case-accepted.png'), fullPage: true });

      await act(page, 'suspend', 'suspended', async (dialog) => {
        await dialog.locator(area('act-reason')).fill('申请人家庭经济状况需入户核查公示');
      });
      assert.deepEqual((await allowedActs(page)).sort(), ['resume', 'withdraw']);
      await act(page, 'resume', 'accepted');
      await act(page, 'conclude', 'concluded', async (dialog) => {
        await dialog.locator(area('act-reason')).fill('符合临时救助条件');
      });
      await printNotice(page, 'concluded');
      await act(page, 'deliver', 'delivered');
      await act(page, 'close', 'closed');
      assert.deepEqual(await allowedActs(page), [], 'nothing is clickable on a closed case');
      await page.locator('[data-test=no-acts]').waitFor();

      const timeline = await page.locator('[data-test=case-timeline]').innerText();
      for (const label of ['一次性告知补正', '补齐材料', '受理', '挂起', '恢复计时', '办结', '送达', '归档销号']) {
        assert.ok(timeline.includes(label), `the timeline shows ${label}`);
      }
      await page.screenshot({ path: join(SCREENSHOTS, 'case-closed.png'), fullPage: true });
      await context.close();
    },
  },
];
