/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, E2E_CLOCK, newPage, SCREENSHOTS, type Server, api, residentId } from './harness.ts';
import { LoginPage } from './pages.ts';

/**
 * The web follows the server's clock (issue 11 items 6 and 7). The server runs on YIZHAN_CLOCK (the
 * Monday before National Day 2026), months from the machine's date; browsers here are set further off
 * still, and a village phone hours off, yet every date the apps use and every time the server judges is
 * the server's.
 */
const SERVER_DAY = E2E_CLOCK.slice(0, 10);
const HOUR = 3_600_000;
const PHONE = { width: 360, height: 740 };
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

interface RequestView {
  id: string;
  requestNo: string;
  registeredAt: string;
  village: { id: string; name: string };
  applicant: { name: string };
  events: { kind: string; data: Record<string, unknown> }[];
}
interface Profile {
  agentId: string;
  villages: { id: string; name: string }[];
}

async function serverNow(server: Server): Promise<number> {
  return new Date((await api<{ now: string }>(server, '/api/calendar/now')).now).getTime();
}

async function requestsByNo(server: Server, token: string, requestNo: string): Promise<RequestView[]> {
  return (await api<{ requests: RequestView[] }>(server, `/api/agency/requests?requestNo=${encodeURIComponent(requestNo)}`, { token }))
    .requests;
}

/** 代办员负责的村, as a director sets them (PUT, which the api helper does not send). */
async function setAgentVillages(server: Server, token: string, agentId: string, villageIds: string[]): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/agency/agents/${agentId}/villages`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ villageIds }),
  });
  assert.ok(response.ok, await response.text());
}

const count = async (page: Page, name: string) => page.locator(`[data-test=count-${name}]`).innerText();

async function register(page: Page, village: string, name: string, idBody: string, phone: string): Promise<string> {
  await page.locator('[data-test=tab-register]').click();
  await page.locator('[data-test=reg-village]').selectOption({ label: village });
  await page.locator('[data-test=reg-item]').selectOption('GDBT-001');
  await page.locator('[data-test=reg-name]').fill(name);
  await page.locator('[data-test=reg-id]').fill(residentId(idBody));
  await page.locator('[data-test=reg-phone]').fill(phone);
  await page.locator('[data-test=reg-consent]').check();
  await page.locator('[data-test=reg-save]').click();
  const entry = page.locator('[data-test=outbox-entry][data-kind=request]', { hasText: name });
  await entry.waitFor();
  return (await entry.getAttribute('data-request-no')) ?? '';
}

async function signInAgent(page: Page, server: Server): Promise<void> {
  await page.goto(`${server.baseUrl}/agent/`);
  await page.locator('[data-test=signin-username]').fill('agent1');
  await page.locator('[data-test=signin-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-test=signin-submit]').click();
  await page.locator('[data-test=counts]').waitFor();
  await page.locator('[data-test=tab-register]').click();
  await page.locator('[data-test=reg-item] option[value="GDBT-001"]').waitFor({ state: 'attached' });
}

export const serverClockTests: E2eTest[] = [
  {
    name: 'server clock: with the browser’s own date far off, the absence dialog and the deadline calculator open on the server’s date',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      // Neither the machine's date nor the server's: the browser believes it is March 2027.
      await context.clock.install({ time: '2027-03-15T10:00:00+08:00' });
      await new LoginPage(page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await page.locator('[data-test=welcome]').waitFor();

      await page.goto(`${server.baseUrl}/console/staff`);
      await page.locator('[data-test=staff-table] [data-test=staff-mark-absent]').first().click();
      const dialog = page.locator('[data-test=absence-dialog]');
      await dialog.waitFor();
      const range = dialog.locator('.el-range-input');
      await page.waitForFunction(() => document.querySelectorAll('[data-test=absence-dialog] .el-range-input').length === 2);
      assert.deepEqual(await range.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)), [
        SERVER_DAY,
        SERVER_DAY,
      ]);
      await page.screenshot(shot('server-clock-absence'));
      await dialog.getByRole('button', { name: '取消' }).click();

      await page.goto(`${server.baseUrl}/console/calendar`);
      const calculator = page.locator('[data-test=deadline-calculator]');
      await page.waitForFunction(
        (day) => document.querySelector<HTMLInputElement>('[data-test=deadline-calculator] input')?.value === day,
        SERVER_DAY,
      );
      assert.equal(await page.locator('[data-test=year]').innerText(), SERVER_DAY.slice(0, 4), 'the server’s year, not 2027');
      await calculator.locator('[data-test=compute-deadline]').click();
      // 5 working days after Mon 09-28: 09-29, 09-30, then 国庆 until 10-07, 10-08, 10-09 and the 调休 Saturday 10-10.
      assert.match(await page.locator('[data-test=deadline-result]').innerText(), /2026-10-10/);
      await page.screenshot(shot('server-clock-calendar'));
      await context.close();
    },
  },
  {
    name: 'server clock: a phone hours off registers on the server’s time; a refused registration is corrected and re-sent, another given up',
    async run(browser, server) {
      const { token: director } = await api<{ token: string }>(server, '/api/auth/login', {
        body: { username: 'director1', password: DEMO_PASSWORD },
      });
      const { token: agentToken } = await api<{ token: string }>(server, '/api/auth/login', {
        body: { username: 'agent1', password: DEMO_PASSWORD },
      });
      const profile = await api<Profile>(server, '/api/agency/me', { token: agentToken });
      const home = profile.villages.find((village) => village.name.startsWith('弄瓦村'));
      const covered = profile.villages.find((village) => village.name.startsWith('新平村'));
      assert.ok(home && covered, 'agent1 registers for 弄瓦村 and covers 新平村');

      const { context, page } = await newPage(browser, PHONE);
      // The phone runs 16 hours fast: already the next day (and past midnight) by its own clock.
      const phoneAhead = 16 * HOUR;
      await context.clock.install({ time: (await serverNow(server)) + phoneAhead });
      await signInAgent(page, server);

      const requestNo = await register(page, '弄瓦村便民服务站（乐里镇便民服务中心）', '蓝秋菊', '45102919700308002', '13977610021');
      await page.locator(`[data-test=outbox-entry][data-request-no="${requestNo}"][data-state=sent]`).waitFor({ timeout: 20_000 });
      assert.match(requestNo, new RegExp(`^[A-Z0-9]{4,8}-${SERVER_DAY.replaceAll('-', '')}-\\d{3}$`), 'numbered with the server’s date');
      const [accepted] = await requestsByNo(server, director, requestNo);
      assert.ok(accepted);
      const serverAt = await serverNow(server);
      const registeredAt = new Date(accepted.registeredAt).getTime();
      assert.ok(Math.abs(serverAt - registeredAt) < 5 * 60_000, `registered on the server’s time (${accepted.registeredAt})`);
      const evidence = accepted.events.find((event) => event.kind === 'registered')?.data.deviceTime;
      assert.equal(typeof evidence, 'string');
      assert.ok(
        Math.abs(new Date(evidence as string).getTime() - (registeredAt + phoneAhead)) < 60_000,
        'the phone’s own clock is kept as evidence',
      );

      // Two registrations for 新平村 wait offline while the director takes 新平村 off agent1's villages.
      await context.setOffline(true);
      const corrected = await register(page, '新平村便民服务站（乐里镇便民服务中心）', '罗金凤', '45102919820517004', '13977610022');
      const given = await register(page, '新平村便民服务站（乐里镇便民服务中心）', '黄德明', '45102919600101001', '13977610023');
      await setAgentVillages(server, director, profile.agentId, []);
      try {
        await context.setOffline(false);
        await page.locator('[data-test=tab-outbox]').click();
        await page.locator('[data-test=sync-now]').click();
        await page.locator('[data-test=count-refused]', { hasText: '被拒绝 2' }).waitFor({ timeout: 20_000 });
        const refused = page.locator(`[data-test=outbox-entry][data-request-no="${corrected}"]`);
        assert.match(await refused.locator('[data-test=entry-refusal]').innerText(), /只能为您负责的村登记/);
        await page.screenshot(shot('agent-refused-choices-phone'));

        // 修改: registered at the agent's own village after all, and sent again.
        await refused.locator('[data-test=entry-edit]').click();
        const sheet = page.locator('[data-test=edit-sheet]');
        await sheet.locator('[data-test=edit-village]').selectOption(home.id);
        await sheet.locator('[data-test=edit-phone]').fill('13977610099');
        await page.screenshot(shot('agent-edit-refused-phone'));
        await sheet.locator('[data-test=edit-save]').click();
        await page.locator(`[data-test=outbox-entry][data-request-no="${corrected}"][data-state=sent]`).waitFor({ timeout: 20_000 });
        const [resent] = await requestsByNo(server, director, corrected);
        assert.ok(resent, 'the corrected registration reached the server');
        assert.equal(resent.village.id, home.id);
        assert.ok(Math.abs((await serverNow(server)) - new Date(resent.registeredAt).getTime()) < 10 * 60_000, 'on the server’s time');

        // 放弃: asked once more, then gone from the phone; nothing of it on the server.
        const dropped = page.locator(`[data-test=outbox-entry][data-request-no="${given}"]`);
        await dropped.locator('[data-test=entry-discard]').click();
        await dropped.locator('[data-test=discard-yes]').click();
        await dropped.waitFor({ state: 'detached' });
        assert.equal(await count(page, 'refused'), '被拒绝 0');
        assert.equal((await requestsByNo(server, director, given)).length, 0);
      } finally {
        await setAgentVillages(server, director, profile.agentId, [covered.id]);
      }
      await context.close();
    },
  },
  {
    name: 'server clock: a phone on the machine’s date, months from the server’s, registers and is accepted under the server’s date',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      // No clock installed: the phone has the machine's own date, far from YIZHAN_CLOCK.
      const { context, page } = await newPage(browser, PHONE);
      await signInAgent(page, server);
      const requestNo = await register(page, '弄瓦村便民服务站（乐里镇便民服务中心）', '陆海燕', '45102919880909006', '13977610031');
      await page.locator(`[data-test=outbox-entry][data-request-no="${requestNo}"][data-state=sent]`).waitFor({ timeout: 20_000 });
      assert.match(requestNo, new RegExp(`-${SERVER_DAY.replaceAll('-', '')}-`));
      assert.equal((await requestsByNo(server, token, requestNo)).length, 1);
      await context.close();
    },
  },
];
