import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, residentId, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

/** 最低生活保障申请: a 承诺件 of 20 working days. */
const ITEM = 'DB-001';
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const text = (name: string) =>
  `textarea[data-test=${name}], [data-test=${name}] textarea, input[data-test=${name}], [data-test=${name}] input`;

export const extensionTests: E2eTest[] = [
  {
    name: 'extension (延期): a clerk asks on a 最低生活保障 case, the director approves from the to-do, the case shows the new limit and the 延期通知书',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      const guide = await api<{ materials: { name: string }[] }>(server, `/api/public/items/${ITEM}`);
      const suffix = String(Math.floor(Math.random() * 9000) + 1000);
      const opened = await api<{ id: string; caseNo: string; version: number }>(server, '/api/cases', {
        token,
        body: {
          itemCode: ITEM,
          applicant: {
            type: 'person',
            name: '黄秀英',
            idNumber: residentId(`45102919600101${suffix.slice(0, 3)}`),
            phone: `1397762${suffix}`,
          },
          materials: guide.materials.map((material) => ({ name: material.name, received: true })),
        },
      });
      const accepted = await api<{ due: string; version: number }>(server, `/api/cases/${opened.id}/accept`, {
        token,
        body: { version: opened.version },
      });

      // The clerk: no 延期 of their own, a request with a reason instead.
      const clerk = await newPage(browser);
      await new LoginPage(clerk.page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      await new ConsoleShell(clerk.page).waitForHome();
      await clerk.page.goto(`${server.baseUrl}/console/cases/${opened.id}`);
      const acts = clerk.page.locator('[data-test=case-acts]');
      await acts.locator('[data-act="request-extension"]').waitFor();
      assert.equal(await acts.locator('[data-act="extend"]').count(), 0, 'a clerk is not offered the director’s 延期');
      assert.equal(await acts.locator('[data-act="approve-extension"]').count(), 0, 'nor its approval');
      await acts.locator('[data-act="request-extension"]').click();
      const dialog = clerk.page.locator('[data-test=act-dialog]');
      await dialog.locator(text('act-reason')).fill('需入户核查家庭经济状况，村（居）公示未结束');
      await dialog.locator('[data-test=act-confirm]').click();
      await clerk.page.locator('[data-test=case-extension-request]').waitFor();
      assert.match(await clerk.page.locator('.el-message--success').first().innerText(), /已提交延期申请/);
      assert.equal(await clerk.page.locator('.el-message').count(), 1, 'one toast, saying what happened');
      await clerk.context.close();

      // The director: the request is on the home page's to-do; approve it there.
      const director = await newPage(browser);
      await new LoginPage(director.page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(director.page).waitForHome();
      const section = director.page.locator('[data-test=todo] [data-section=extension_requests]');
      await section.waitFor();
      assert.ok(Number(await section.getAttribute('data-count')) >= 1, 'the pending request is counted');
      await section.locator('[data-test=todo-item]', { hasText: opened.caseNo }).click();
      await director.page.locator('[data-test=case-extension-request]').waitFor();
      await director.page.locator('[data-test=case-acts] [data-act="approve-extension"]').click();
      await director.page.locator('[data-test=act-dialog] [data-test=act-extension-request]').waitFor();
      await director.page.locator('[data-test=act-dialog] [data-test=act-confirm]').click();
      await director.page.locator('[data-test=notice-extended]').waitFor();
      const due = (await director.page.locator('[data-test=case-due]').innerText()).trim();
      assert.notEqual(due, accepted.due, 'the limit moved');
      assert.ok(due > accepted.due, `the new limit ${due} is after ${accepted.due}`);
      assert.equal(await director.page.locator('[data-test=case-extension-request]').count(), 0, 'the request is answered');
      assert.match(await director.page.locator('[data-test=case-timeline]').innerText(), /批准延期/);
      await director.page.screenshot(shot('extension-approved-director'));

      const notice = await fetch(`${server.baseUrl}/api/cases/${opened.id}/notices/extended`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(notice.status, 200);
      assert.equal(notice.headers.get('content-type'), 'application/pdf');
      await director.context.close();
    },
  },
];
