import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, residentId, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

/** 居住证申领: its 居住证明 may be replaced by a signed commitment (告知承诺). */
const ITEM = 'JZZ-001';
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const text = (name: string) => `textarea[data-test=${name}], [data-test=${name}] textarea`;

export const verificationTests: E2eTest[] = [
  {
    name: 'verification (事中事后核查): a clerk finds a commitment false on the case page, bad credit shows, the director repairs it',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      const guide = await api<{ materials: { name: string; commitmentAllowed: boolean }[] }>(server, `/api/public/items/${ITEM}`);
      const suffix = String(Math.floor(Math.random() * 9000) + 1000);
      const opened = await api<{ id: string; caseNo: string; version: number }>(server, '/api/cases', {
        token,
        body: {
          itemCode: ITEM,
          applicant: {
            type: 'person',
            name: '蓝承诺',
            idNumber: residentId(`45102919700202${suffix.slice(0, 3)}`),
            phone: `1397763${suffix}`,
          },
          materials: guide.materials.map((m) =>
            m.commitmentAllowed ? { name: m.name, received: false, byCommitment: true } : { name: m.name, received: true },
          ),
        },
      });
      await api(server, `/api/cases/${opened.id}/accept`, { token, body: { version: opened.version } });

      const clerk = await newPage(browser);
      await new LoginPage(clerk.page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      await new ConsoleShell(clerk.page).waitForHome();
      await clerk.page.goto(`${server.baseUrl}/console/cases/${opened.id}`);
      const panel = clerk.page.locator('[data-test=case-verification]');
      await panel.waitFor();
      assert.equal(await panel.getAttribute('data-status'), 'open');
      assert.match(await panel.innerText(), /待核查/);
      await panel.locator('[data-test=verification-false]').click();
      const dialog = clerk.page.locator('[data-test=verification-dialog]');
      await dialog.locator(text('verification-note')).fill('经核实申请人未在本县居住');
      await dialog.locator('[data-test=verification-confirm]').click();
      await clerk.page.locator('[data-test=verification-bad-credit]').waitFor();
      assert.equal(await panel.getAttribute('data-status'), 'false');
      // 不实 ends the open case (终止办理): the status says so in words and no act is offered any more.
      const status = clerk.page.locator('[data-test=case-status][data-status="terminated"]');
      await status.waitFor();
      assert.equal((await status.innerText()).trim(), '已终止办理');
      assert.match(await clerk.page.locator('[data-test=case-timeline]').innerText(), /事中事后核查[^\n]*不实 · 经核实申请人未在本县居住/);
      assert.equal(await clerk.page.locator('[data-test=credit-repair]').count(), 0, 'a clerk does not repair credit');
      await clerk.context.close();

      const director = await newPage(browser);
      await new LoginPage(director.page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(director.page).waitForHome();
      await director.page.goto(`${server.baseUrl}/console/cases/${opened.id}`);
      await director.page.locator('[data-test=credit-repair]').click();
      await director.page.locator(`[data-test=credit-repair-dialog] ${text('credit-repair-reason')}`).fill('已主动纠正并作出信用承诺');
      await director.page.locator('[data-test=credit-repair-dialog] [data-test=credit-repair-confirm]').click();
      await director.page.locator('[data-test=verification-bad-credit][data-repaired=true]').waitFor();
      await director.page.screenshot(shot('verification-repaired-director'));
      await director.context.close();
    },
  },
];
