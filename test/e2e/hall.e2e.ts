import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, field, LoginPage } from './pages.ts';

const LELI = '451029100000';
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

export const hallTests: E2eTest[] = [
  {
    name: 'hall: kiosk → ticket → the hall screen shows it called within 1 s → the clerk finishes by opening a case → the rating pad → the rating stored on the case',
    async run(browser, server) {
      // The director creates a rating pad for window 1; the pad is paired with its code.
      const director = await api<{ token: string }>(server, '/api/auth/login', {
        body: { username: 'director1', password: DEMO_PASSWORD },
      });
      const windows = await api<{ windows: { windowId: string; number: string }[] }>(
        server,
        `/api/queue/windows?orgId=${(await api<{ orgs: { id: string; code: string }[] }>(server, '/api/orgs', { token: director.token })).orgs.find((org) => org.code === LELI)?.id ?? ''}`,
        { token: director.token },
      );
      const windowOne = windows.windows.find((window) => window.number === '1');
      assert.ok(windowOne, 'window 1 of 乐里镇');
      const pad = await api<{ pairingCode: string }>(server, '/api/queue/devices', {
        token: director.token,
        body: { windowId: windowOne.windowId, name: '1号窗评价器' },
      });

      const { context, page: kiosk } = await newPage(browser, { width: 1024, height: 768 });
      await kiosk.goto(`${server.baseUrl}/hall/kiosk?org=${LELI}`);
      await kiosk.locator('[data-test=category-general]').click();
      await kiosk.locator('[data-test=kiosk-name]').fill('韦光明');
      await kiosk.locator('[data-test=kiosk-id]').fill('451029195001010017');
      await kiosk.locator('[data-test=kiosk-phone]').fill('13977612345');
      await kiosk.locator('[data-test=kiosk-take]').click();
      const ticketNo = (await kiosk.locator('[data-test=ticket-no]').innerText()).trim();
      assert.match(ticketNo, /^A\d{3}$/);
      await kiosk.locator('[data-test=receipt] img').waitFor();
      await kiosk.screenshot(shot('hall-kiosk-receipt'));

      const screen = await context.newPage();
      await screen.setViewportSize({ width: 1280, height: 720 });
      await screen.goto(`${server.baseUrl}/hall/screen?org=${LELI}&silent=1`);
      await screen.locator('[data-test=live].on').waitFor();

      const padPage = await context.newPage();
      await padPage.setViewportSize({ width: 800, height: 600 });
      await padPage.goto(`${server.baseUrl}/hall/pad?org=${LELI}`);
      await padPage.locator('[data-test=pad-code]').fill(pad.pairingCode);
      await padPage.locator('[data-test=pad-pair]').click();
      await padPage.locator('.pad-idle').waitFor();

      // The clerk of window 1 calls next in the console; the hall screen shows the call within a second.
      const clerk = await context.newPage();
      await new LoginPage(clerk, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      const shell = new ConsoleShell(clerk);
      await shell.waitForHome();
      await shell.navigate('叫号');
      await clerk.locator('[data-test=call-next]').waitFor();
      const calledAt = Date.now();
      await clerk.locator('[data-test=call-next]').click();
      await screen.locator('[data-test=now-number]', { hasText: ticketNo }).waitFor({ timeout: 5000 });
      const latency = Date.now() - calledAt;
      assert.ok(latency <= 1000, `the hall screen showed ${ticketNo} ${String(latency)} ms after the click`);
      assert.match(await screen.locator('[data-test=screen-now]').innerText(), /韦\*/);
      await screen.screenshot(shot('hall-screen'));
      await clerk.locator('[data-test=current-ticket-no]', { hasText: ticketNo }).waitFor();
      await clerk.locator('[data-test=start]').click();
      await clerk.locator('[data-test=current-ticket][data-status=serving]').waitFor();
      await clerk.screenshot(shot('hall-calling-panel'));

      // 办结 by opening a case: the intake page comes prefilled with the applicant from the kiosk.
      await clerk.locator('[data-test=finish]').click();
      await clerk.locator('[data-test=finish-confirm]').click();
      await clerk.locator(field('intake-name')).waitFor();
      for (let waited = 0; (await clerk.locator(field('intake-name')).inputValue()) !== '韦光明'; waited += 100) {
        if (waited > 5000) {
          await clerk.screenshot(shot('hall-intake-failure'));
          assert.fail('the intake page was not prefilled from the ticket');
        }
        await clerk.waitForTimeout(100);
      }
      assert.equal(await clerk.locator(field('intake-phone')).inputValue(), '13977612345');
      await clerk.locator('[data-test=intake-item]').click();
      await clerk.keyboard.type('临时救助');
      await clerk.locator('.el-select-dropdown__item', { hasText: '临时救助（LSJZ-001）' }).click();
      const materials = clerk.locator('[data-test=intake-form] .el-checkbox');
      await materials.first().waitFor();
      await materials.first().click();
      await clerk.locator('[data-test=intake-submit]').click();
      await clerk.locator('[data-test=case-status][data-status="submitted"]').waitFor();
      const caseUrl = clerk.url();

      // The pad offers the five levels; the citizen touches 满意.
      await padPage.locator('[data-test=pad-rate]').waitFor({ timeout: 10_000 });
      await padPage.screenshot(shot('hall-pad'));
      await padPage.locator('[data-level=satisfied]').click();
      await padPage.locator('[data-test=pad-thanks]').waitFor();

      await clerk.goto(caseUrl);
      await clerk.locator('[data-test=hall-rating] [data-level=satisfied]').waitFor();
      const caseId = caseUrl.split('/').at(-1) ?? '';
      const ratings = await api<{ ratings: { level: string; ticketNo: string; caseIds: string[]; staffName: string }[] }>(
        server,
        `/api/queue/ratings?caseId=${caseId}`,
        { token: director.token },
      );
      assert.deepEqual(
        ratings.ratings.map((rating) => [rating.level, rating.ticketNo, rating.caseIds, rating.staffName]),
        [['satisfied', ticketNo, [caseId], '王小梅']],
      );
      await context.close();
    },
  },
  {
    name: 'hall: the director sees the hall figures of a day (waiting and service times, charts) and can export them',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      const shell = new ConsoleShell(page);
      await shell.waitForHome();
      await shell.navigate('大厅统计');
      const total = page.locator('[data-test=figures-total]');
      await total.waitFor();
      assert.match(await total.innerText(), /取号 \d+ · 办结 \d+ · 平均等候/);
      assert.match(await page.locator('[data-test=figures-appointments]').innerText(), /预约 \d+ · 到场签到 \d+/);
      await page.locator('[data-test=queue-figures] canvas').first().waitFor();
      const href = await page.locator('[data-test=queue-figures] a[download]').getAttribute('href');
      assert.ok(href);
      const workbook = await page.request.get(new URL(href, page.url()).toString());
      assert.equal(workbook.status(), 200);
      assert.equal((await workbook.body()).subarray(0, 2).toString(), 'PK');
      await page.screenshot(shot('hall-figures'));
      await context.close();
    },
  },
];
