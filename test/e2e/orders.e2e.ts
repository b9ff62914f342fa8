import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, SCREENSHOTS, type Server } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const text = (name: string) => `textarea[data-test=${name}], [data-test=${name}] textarea`;

/** The demo county's late case (src/modules/cases/demo.ts), once the warning job has raised its card. */
async function lateCase(server: Server, token: string): Promise<{ id: string; warning: string }> {
  for (let tries = 0; tries < 60; tries++) {
    // 蒙桂芬's 临时救助 at window1b's desk (the screen's demo cases are late too, at other desks).
    const { cases } = await api<{ cases: { id: string; warning: string }[] }>(
      server,
      `/api/cases?q=${encodeURIComponent('蒙桂芬')}&limit=5`,
      {
        token,
      },
    );
    const found = cases.find((one) => one.warning === 'yellow' || one.warning === 'red');
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the demo county has no yellow or red case');
}

export const ordersTests: E2eTest[] = [
  {
    name: 'orders (督办): the supervisor orders the holder of a late case, the clerk answers from the 督办 list, the supervisor sees the answer and accepts it',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', {
        body: { username: 'supervisor', password: DEMO_PASSWORD },
      });
      const late = await lateCase(server, token);

      const supervisor = await newPage(browser);
      await new LoginPage(supervisor.page, server.baseUrl).signIn('supervisor', DEMO_PASSWORD);
      await new ConsoleShell(supervisor.page).waitForHome();
      await supervisor.page.goto(`${server.baseUrl}/console/cases/${late.id}`);
      const panel = supervisor.page.locator('[data-test=case-orders]');
      await panel.locator('[data-test=order-issue]').click();
      const dialog = supervisor.page.locator('[data-test=order-dialog]');
      await dialog.locator(text('order-text')).fill('请于期限内办结并说明超期原因');
      await dialog.locator('[data-test=order-confirm]').click();
      const order = panel.locator('[data-test=case-order]');
      await order.waitFor();
      assert.equal(await order.getAttribute('data-status'), 'open');
      assert.match(await order.innerText(), /待回告/);
      assert.match(await order.innerText(), /陆海波/, 'addressed to the holder, window1b');
      await supervisor.page.screenshot(shot('orders-issued'));

      const clerk = await newPage(browser);
      await new LoginPage(clerk.page, server.baseUrl).signIn('window1b', DEMO_PASSWORD);
      await new ConsoleShell(clerk.page).waitForHome();
      await clerk.page.goto(`${server.baseUrl}/console/supervision-orders`);
      await clerk.page.locator('[data-test=orders-mine]').click();
      await clerk.page.locator('[data-test=order-case-link]').first().click();
      const mine = clerk.page.locator('[data-test=case-orders] [data-test=case-order]');
      await mine.locator('[data-test=order-answer-open]').click();
      await clerk.page.locator(`[data-test=order-dialog] ${text('order-text')}`).fill('申请人补充入户调查，今日办结');
      await clerk.page.locator('[data-test=order-dialog] [data-test=order-confirm]').click();
      await clerk.page.locator('[data-test=case-order][data-status=answered]').waitFor();
      await clerk.context.close();

      await supervisor.page.reload();
      const answered = supervisor.page.locator('[data-test=case-order][data-status=answered]');
      await answered.waitFor();
      assert.match(await answered.locator('[data-test=order-answer]').innerText(), /申请人补充入户调查，今日办结/);
      await answered.locator('[data-test=order-accept]').click();
      await supervisor.page.locator('[data-test=case-order][data-status=accepted]').waitFor();
      await supervisor.page.screenshot(shot('orders-accepted'));
      await supervisor.context.close();
    },
  },
];
