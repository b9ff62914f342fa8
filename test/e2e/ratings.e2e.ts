import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, residentId, SCREENSHOTS, type Server } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const PHONE = { width: 390, height: 844 };
const LELI = '451029100000';
const ANSWER = '您反映的多次跑动问题属实，我们已对窗口人员进行一次性告知培训，感谢监督。';

/** A 临时救助 case received, accepted and concluded at 乐里镇 by window1 (HTTP API); its number and the phone's last 4 digits. */
async function concludedCase(server: Server): Promise<{ caseNo: string; check: string }> {
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
  const guide = await api<{ materials: { name: string; required: boolean }[] }>(server, `/api/public/items/LSJZ-001?org=${LELI}`);
  const check = String(Math.floor(Math.random() * 9000) + 1000);
  const created = await api<{ id: string; caseNo: string; version: number }>(server, '/api/cases', {
    token,
    body: {
      itemCode: 'LSJZ-001',
      applicant: { type: 'person', name: '黄评价', idNumber: residentId('45102919790606002'), phone: `1397761${check}` },
      channel: 'window',
      materials: [...new Set(guide.materials.filter((m) => m.required).map((m) => m.name))].map((name) => ({ name, received: true })),
    },
  });
  const accepted = await api<{ version: number }>(server, `/api/cases/${created.id}/accept`, { token, body: { version: created.version } });
  await api(server, `/api/cases/${created.id}/conclude`, { token, body: { version: accepted.version, result: 'granted' } });
  return { caseNo: created.caseNo, check };
}

async function track(page: Page, server: Server, caseNo: string, check: string): Promise<void> {
  await page.goto(`${server.baseUrl}/track?no=${caseNo}&rate=1`);
  await page.locator('[data-test=track-check]').fill(check);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.locator('[data-test=rating-panel]').waitFor();
}

/** The director's drawer: the step's one act with its note (and choice), then the step it leads to. */
async function act(page: Page, note: string, expected: string): Promise<void> {
  const form = page.locator('[data-test=rectification-act]');
  await form.locator('textarea[data-test=act-note], [data-test=act-note] textarea').fill(note);
  await form.locator('[data-test=act-submit]').click();
  await page.locator('[data-test=detail-stage]', { hasText: expected }).waitFor();
}

export const ratingTests: E2eTest[] = [
  {
    name: 'ratings (好差评): a citizen rates 不满意 on /track, the director verifies, rectifies and answers, the citizen sees the answer and rates the fix',
    async run(browser, server) {
      const { caseNo, check } = await concludedCase(server);

      const citizen = await newPage(browser, PHONE);
      await track(citizen.page, server, caseNo, check);
      const form = citizen.page.locator('[data-test=rating-form]');
      await form.waitFor();
      await form.locator('[data-test=rating-level-dissatisfied]').click();
      await form.locator('[data-test="rating-reason-多次跑动"]').check();
      await form.locator('[data-test=rating-comment]').fill('材料跑了三次才收齐');
      await citizen.page.screenshot(shot('ratings-citizen-form'));
      await form.locator('[data-test=rating-submit]').click();
      await citizen.page.locator('[data-test=rating-thanks]').waitFor();
      assert.match(await citizen.page.locator('[data-test=rating-given]').innerText(), /不满意/);
      assert.equal(await citizen.page.locator('[data-test=rating-rectification-stage]').innerText(), '待核实');

      const director = await newPage(browser);
      await new LoginPage(director.page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(director.page).waitForHome();
      await director.page.goto(`${server.baseUrl}/console/rectifications`);
      const row = director.page.locator('[data-test=rectification-table] .el-table__row', { hasText: caseNo });
      await row.waitFor();
      assert.doesNotMatch(await director.page.locator('[data-test=rectification-table]').innerText(), /黄评价|1397761/);
      await row.locator('[data-test=rectification-open]').click();
      await director.page.locator('[data-test=detail-stage]', { hasText: '待核实' }).waitFor();
      await act(director.page, '已电话联系评价人，情况属实', '待分类');
      await act(director.page, '一次性告知不到位', '整改中');
      await act(director.page, '组织窗口人员一次性告知培训', '待反馈');
      await act(director.page, ANSWER, '待群众评价整改');
      const detail = await director.page.locator('[data-test=rectification-detail]').innerText();
      assert.doesNotMatch(detail, /黄评价|1397761/, 'the director never sees who rated');
      await director.page.screenshot(shot('ratings-director-answered'));
      await director.context.close();

      await track(citizen.page, server, caseNo, check);
      assert.equal(await citizen.page.locator('[data-test=rating-answer]').innerText(), ANSWER);
      await citizen.page.locator('[data-test=rater-view-satisfied]').click();
      await citizen.page.locator('[data-test=rater-view-given]', { hasText: '满意' }).waitFor();
      assert.equal(await citizen.page.locator('[data-test=rating-rectification-stage]').innerText(), '待回访');
      await citizen.page.screenshot(shot('ratings-citizen-answered'));
      await citizen.context.close();
    },
  },
];
