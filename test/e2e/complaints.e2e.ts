import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

const LELI = '451029100000';
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

export const complaintTests: E2eTest[] = [
  {
    name: 'complaints: a citizen complains on a phone and gets a 查询码, the director accepts, investigates and answers, the citizen reads the answer by the code',
    async run(browser, server) {
      const { context, page: phone } = await newPage(browser, { width: 390, height: 844 });
      await phone.goto(`${server.baseUrl}/complaints?org=${LELI}`);
      await phone.locator('#complaint-content').fill('医保窗口中午无人值守，等了一个多小时也没人办理。');
      await phone.locator('[data-test=complaint-submit]').click();
      const code = (await phone.locator('[data-test=complaint-code]').innerText()).trim();
      assert.match(code, /^[A-Z2-9]{10}$/);
      await phone.screenshot(shot('complaint-phone-filed'));

      const { context: staffContext, page: staff } = await newPage(browser);
      await new LoginPage(staff, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(staff).waitForHome();
      await staff.goto(`${server.baseUrl}/console/complaints`);
      await staff.locator('[data-test=complaint-list] tr', { hasText: code }).click();
      await staff.locator('[data-test=complaint-status]', { hasText: '待受理' }).waitFor();
      await staff.locator('[data-test=complaint-act-accept]').click();
      await staff.locator('[data-test=act-submit]').click();
      await staff.locator('[data-test=complaint-status]', { hasText: '调查中' }).waitFor();
      await staff.locator('[data-test=complaint-act-investigate]').click();
      await staff.locator('[data-test=act-finding]').fill('调取值班表，午间确实无人轮值。');
      await staff.locator('[data-test=act-disposal]').fill('医保窗口实行午间轮值，并在大厅公示。');
      await staff.locator('[data-test=act-submit]').click();
      await staff.locator('[data-test=complaint-status]', { hasText: '处置中' }).waitFor();
      await staff.locator('[data-test=complaint-act-answer]').click();
      await staff.locator('[data-test=act-answer]').fill('经查属实，医保窗口已实行午间轮值，感谢您的监督。');
      await staff.locator('[data-test=act-submit]').click();
      await staff.locator('[data-test=complaint-status]', { hasText: '已反馈' }).waitFor();
      await staff.screenshot(shot('complaint-console-answered'));
      await staffContext.close();

      await phone.getByRole('button', { name: '查看进度' }).click();
      await phone.locator('[data-test=complaint-stage]', { hasText: '已反馈' }).waitFor();
      assert.match(await phone.locator('[data-test=complaint-answer]').innerText(), /午间轮值/);
      const text = await phone.locator('[data-test=complaint-result]').innerText();
      assert.doesNotMatch(text, /李春燕|director1/);
      await phone.screenshot(shot('complaint-phone-answer'));
      await context.close();
    },
  },
];
