/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, residentId, SCREENSHOTS, type Server } from './harness.ts';
import { LoginPage } from './pages.ts';

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const LELI = '451029100000';

/** A case concluded at 乐里镇 and a failed sign-in, both through the HTTP API: entries the audit log must put in words. */
async function leaveTraces(server: Server): Promise<void> {
  const failed = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'window1', password: 'not-the-password' }),
  });
  assert.equal(failed.status, 401);
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
  const guide = await api<{ materials: { name: string; required: boolean }[] }>(server, `/api/public/items/LSJZ-001?org=${LELI}`);
  const created = await api<{ id: string; version: number }>(server, '/api/cases', {
    token,
    body: {
      itemCode: 'LSJZ-001',
      applicant: { type: 'person', name: '罗美玲', idNumber: residentId('45102919851120002'), phone: '13977618888' },
      channel: 'window',
      materials: [...new Set(guide.materials.filter((m) => m.required).map((m) => m.name))].map((name) => ({ name, received: true })),
    },
  });
  const accepted = await api<{ version: number }>(server, `/api/cases/${created.id}/accept`, { token, body: { version: created.version } });
  await api(server, `/api/cases/${created.id}/conclude`, { token, body: { version: accepted.version, result: 'granted' } });
}

export const plainWordsTests: E2eTest[] = [
  {
    name: 'audit log in words: case acts, statuses, channels and sign-in failures read in Chinese, never as codes',
    async run(browser, server) {
      await leaveTraces(server);
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('admin', DEMO_PASSWORD);
      await page.locator('[data-test=welcome]').waitFor();
      await page.goto(`${server.baseUrl}/console/audit`);
      await page.locator('[data-test=audit-table] .el-table__row').first().waitFor();
      const text = await page.locator('[data-test=audit-table]').innerText();
      for (const code of ['conclude', 'accepted', 'window', 'wrong_password', 'submitted', 'countedAgainst', 'true', 'false']) {
        assert.doesNotMatch(text, new RegExp(`\\b${code}\\b`), `the audit log shows the code ${code}`);
      }
      assert.match(text, /办件：办结/);
      assert.match(text, /办件：受理/);
      assert.match(text, /新状态：已办结；原状态：办理中/);
      assert.match(text, /渠道：窗口/);
      assert.match(text, /原因：密码错误/);
      await page.screenshot(shot('audit-in-words'));
      await context.close();
    },
  },
  {
    name: 'notices to citizens (in words) are viewable in the console, on a phone too: the acceptance and conclusion messages of a case',
    async run(browser, server) {
      await leaveTraces(server);
      const { context, page } = await newPage(browser, { width: 390, height: 844 });
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      await page.locator('[data-test=welcome]').waitFor();
      await page.goto(`${server.baseUrl}/console/notices`);
      await page.locator('[data-test=notice]').first().waitFor();
      const messages = await page.locator('[data-test=notice-message]').allInnerTexts();
      assert.ok(
        messages.some((text) => text.includes('已办结，结果：')),
        `a conclusion message is listed: ${messages.slice(0, 3).join(' | ')}`,
      );
      assert.ok(messages.some((text) => /已受理，办件编号 \d{12}-\d{8}-\d{4}/.test(text)));
      const statuses = await page.locator('[data-test=notice-status]').allInnerTexts();
      assert.ok(
        statuses.every((text) => ['待发送', '已发送', '发送失败'].includes(text)),
        statuses.join(','),
      );
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(scroll <= width, `the notices page is ${String(scroll)} px wide on a ${String(width)} px screen`);
      await page.screenshot(shot('notices-phone'));
      await context.close();
    },
  },
  {
    name: '退费 (in words): a clerk refunds a fee paid in error on the case page; the payment and the refund both show',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      const code = 'BDCDJ-001';
      const guide = await api<{ materials: { name: string; required: boolean }[] }>(server, `/api/public/items/${code}?org=${LELI}`);
      const created = await api<{ id: string; version: number }>(server, '/api/cases', {
        token,
        body: {
          itemCode: code,
          applicant: { type: 'person', name: '黄志强', idNumber: residentId('45102919790606001'), phone: '13977619999' },
          channel: 'window',
          materials: [...new Set(guide.materials.filter((m) => m.required).map((m) => m.name))].map((name) => ({ name, received: true })),
        },
      });
      const accepted = await api<{ version: number }>(server, `/api/cases/${created.id}/accept`, {
        token,
        body: { version: created.version },
      });
      await api(server, `/api/cases/${created.id}/settle-fee`, {
        token,
        body: { version: accepted.version, outcome: 'paid', receiptNo: 'GX-2026-0099' },
      });
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      await page.locator('[data-test=welcome]').waitFor();
      await page.goto(`${server.baseUrl}/console/cases/${created.id}`);
      await page.locator('[data-test=fee-refund]').click();
      const dialog = page.locator('[data-test=refund-dialog]');
      await dialog.locator('input[data-test=refund-no], [data-test=refund-no] input').fill('TF-2026-0001');
      await dialog.locator('textarea[data-test=refund-reason], [data-test=refund-reason] textarea').fill('申请人重复缴费');
      await dialog.locator('[data-test=refund-confirm]').click();
      await page.locator('[data-test=fee-refund-record]').waitFor();
      assert.equal(await page.locator('[data-test=fee-status]').innerText(), '已退费');
      const record = await page.locator('[data-test=fee-refund-record]').innerText();
      assert.match(record, /票据号 GX-2026-0099 的缴费已于 .+ 退还（退付凭证号 TF-2026-0001）。/);
      assert.match(record, /退费原因：申请人重复缴费/);
      assert.equal(await page.locator('[data-test=fee-refund]').count(), 0, 'a refund is offered once');
      await page.screenshot(shot('case-fee-refunded'));
      await context.close();
    },
  },
];
