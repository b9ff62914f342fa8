import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, E2E_CLOCK, newPage, SCREENSHOTS, type Server, api, residentId } from './harness.ts';
import { ConsoleShell, LoginPage, MessageBox } from './pages.ts';

interface AgencyRequest {
  id: string;
  requestNo: string;
  status: string;
  version: number;
  item: { code: string; name: string };
  materials: { name: string; received: boolean }[];
}

/** agent1 registers a request in the village (every required material in the folder) and forwards it to the township. */
async function forwardedRequest(server: Server): Promise<{ request: AgencyRequest; agentName: string }> {
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'agent1', password: DEMO_PASSWORD } });
  const me = await api<{ name: string; villages: { id: string; name: string }[] }>(server, '/api/agency/me', { token });
  const village = me.villages[0];
  assert.ok(village, 'agent1 serves a village');
  const { items } = await api<{ items: { code: string; name: string; materials: { name: string; required: boolean }[] }[] }>(
    server,
    '/api/agency/items',
    { token },
  );
  const item = items.find((candidate) => candidate.materials.filter((material) => material.required).length >= 2);
  assert.ok(item, 'an agentable item with at least two required materials');
  const { prefix } = await api<{ prefix: string }>(server, '/api/agency/devices', { token, body: {} });
  const registered = await api<AgencyRequest>(server, '/api/agency/requests', {
    token,
    body: {
      requestNo: `${prefix}-${E2E_CLOCK.slice(0, 10).replaceAll('-', '')}-001`,
      villageId: village.id,
      itemCode: item.code,
      applicant: { type: 'person', name: '黄秀英', idNumber: residentId('45102919750612004'), phone: '13977610088' },
      consent: true,
      materials: item.materials.map((material) => ({ name: material.name, received: true })),
    },
  });
  const forwarded = await api<AgencyRequest>(server, `/api/agency/requests/${registered.id}/forward`, {
    token,
    body: { version: registered.version, scanned: true, note: '文件袋交乡镇窗口' },
  });
  assert.equal(forwarded.status, 'forwarded');
  // The agent took the township's 工本费 against a receipt; the ledger reconciles it later.
  const request = await api<AgencyRequest>(server, `/api/agency/requests/${registered.id}/collect-fee`, {
    token,
    body: { version: forwarded.version, amountFen: 1000, receiptNo: 'GX-E2E-0001' },
  });
  return { request, agentName: me.name };
}

/** A scanner types into the focused scan box and ends with Enter. */
async function scan(page: Page, text: string): Promise<void> {
  const box = page.locator('input[data-test=agency-scan]');
  await box.fill(text);
  await box.press('Enter');
}

export const agencyConsoleTests: E2eTest[] = [
  {
    name: 'agency: a township clerk scans a village folder, receives it into a case, and exports the agents’ monthly sheet',
    async run(browser, server) {
      const { request, agentName } = await forwardedRequest(server);
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('代办件');

      // The queue lists the folder as incoming, with its legs' due dates.
      const row = page.locator('[data-test=agency-table] .el-table__row', { hasText: request.requestNo });
      await row.waitFor();
      assert.match(await row.innerText(), /待接收/);
      await page.screenshot({ path: join(SCREENSHOTS, 'agency-queue.png') });

      // A number that is not a request is refused in words; the real label opens its request.
      await scan(page, 'ZZZZ-20260928-999');
      assert.match(await new MessageBox(page).error(), /未找到代办件 ZZZZ-20260928-999/);
      await scan(page, request.requestNo.toLowerCase());
      await page.locator('[data-test=agency-request-no]', { hasText: request.requestNo }).waitFor();
      await page.locator('[data-test=agency-status][data-status=forwarded]').waitFor();
      assert.equal(new URL(page.url()).searchParams.get('scanned'), '1');

      // The folder label prints as a PDF.
      const href = await page.locator('[data-test=agency-label]').getAttribute('href');
      assert.ok(href);
      const label = await page.request.get(new URL(href, page.url()).toString());
      assert.equal(label.status(), 200);
      assert.equal((await label.body()).subarray(0, 5).toString(), '%PDF-');

      // 接收: each material checked against the item, the scan noted; a case opens on the agent channel.
      await page.locator('[data-test=agency-acts] [data-act=receive]').click();
      const dialog = page.locator('[data-test=agency-receive-dialog]');
      const materials = dialog.locator('[data-test=agency-receive-materials] .el-table__body-wrapper .el-table__row');
      await materials.nth(request.materials.length - 1).waitFor();
      assert.equal(await materials.count(), request.materials.length);
      assert.equal(
        await materials.locator('.el-checkbox.is-checked').count(),
        request.materials.length,
        'what the agent recorded comes ticked',
      );
      assert.equal(await dialog.locator('[data-test=agency-receive-missing]').count(), 0);
      assert.equal(await dialog.locator('.el-checkbox.is-checked', { hasText: '已扫描文件袋标签' }).count(), 1, 'opened by a scan');
      await page.waitForTimeout(400); // the dialog's opening animation, so the screenshot shows it settled
      await page.screenshot({ path: join(SCREENSHOTS, 'agency-receive.png') });
      await dialog.locator('[data-test=agency-receive-submit]').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-test=agency-status][data-status=received]').waitFor();
      const caseLink = page.locator('[data-test=agency-case-link]');
      const caseNo = (await caseLink.innerText()).trim();
      assert.match(caseNo, /^\d{12}-\d{8}-\d{4}$/);
      assert.match(await page.locator('[data-test=agency-events]').innerText(), /乡镇窗口接收[\s\S]*扫码交接/);
      assert.deepEqual(
        await page
          .locator('[data-test=agency-acts] [data-act]')
          .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-act'))),
        ['reassign'],
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'agency-received.png'), fullPage: true });

      await caseLink.click();
      await page.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
      assert.match(await page.locator('.el-descriptions').first().innerText(), /村代办/);

      // 代办员绩效 of the month the request was registered in, and its Excel sheet.
      await shell.navigate('代办员绩效');
      // It opens on the server's month (the demo clock's September), not the browser's.
      const month = E2E_CLOCK.slice(0, 7);
      await page.waitForFunction(
        (expected) => document.querySelector<HTMLInputElement>('[data-test=agency-month] input')?.value === expected,
        month,
      );
      // The agent's request of this month counts.
      const agentRow = page.locator('[data-test=agency-performance] .el-table__body-wrapper .el-table__row', { hasText: agentName });
      await agentRow.locator('td.col-requests', { hasText: /^[1-9]\d*$/ }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'agency-performance.png') });
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=agency-export]').click()]);
      assert.match(download.suggestedFilename(), new RegExp(`${month}\\.xlsx$`));
      const saved = join(SCREENSHOTS, 'agency-performance.xlsx');
      await download.saveAs(saved);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(saved);
      const cells = workbook.worksheets.flatMap((sheet) =>
        sheet.getSheetValues().flatMap((values) => (Array.isArray(values) ? values.map(String) : [])),
      );
      assert.ok(cells.includes(agentName), 'the sheet lists the agent');
      // 代收费用台账: the fee with its receipt number, and the month's total.
      await page.locator('.el-tabs__item', { hasText: '代收费用台账' }).click();
      await page.locator('[data-test=agency-fees] .el-table__row', { hasText: 'GX-E2E-0001' }).waitFor();
      assert.match(await page.locator('[data-test=agency-fees-total]').innerText(), /10\.00 元/);
      await context.close();
    },
  },
];
