import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, SCREENSHOTS } from './harness.ts';
import { ConsoleShell, LoginPage } from './pages.ts';

const LELI = '451029100000';
const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** The SMS as the outbox holds it (the network edge): the console's notice list shows the message text. */
async function smsCode(server: Parameters<E2eTest['run']>[1], token: string): Promise<string> {
  for (let waited = 0; waited < 5000; waited += 200) {
    const { notices } = await api<{ notices: { message: string }[] }>(server, '/api/notices?limit=20', { token });
    const code = notices.map((notice) => /预约的验证码为 (\d{6})/.exec(notice.message)?.[1]).find((found) => found !== undefined);
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no booking code in the outbox');
}

export const appointmentTests: E2eTest[] = [
  {
    name: 'appointments: a citizen books a slot on a phone with the SMS code, checks in at the kiosk and gets a priority ticket',
    async run(browser, server) {
      const director = await api<{ token: string }>(server, '/api/auth/login', {
        body: { username: 'director1', password: DEMO_PASSWORD },
      });

      const { context, page: phone } = await newPage(browser, { width: 390, height: 844 });
      await phone.goto(`${server.baseUrl}/?org=${LELI}`);
      await phone.locator('[data-test=home-book]').click();
      await phone.locator('[data-test=book-category-general]').click();
      const slot = phone.locator('[data-test^=book-slot-]:not([disabled])').first();
      await slot.click();
      await phone.locator('[data-test=book-phone]').fill('13977618888');
      await phone.locator('[data-test=book-send-code]').click();
      await phone.locator('[data-test=book-code]').fill(await smsCode(server, director.token));
      await phone.screenshot(shot('appointment-phone-form'));
      await phone.locator('[data-test=book-submit]').click();
      const bookingNo = (await phone.locator('[data-test=booking-no]').innerText()).trim();
      assert.match(bookingNo, /^\d{6}$/);
      await phone.screenshot(shot('appointment-phone-booked'));

      const kiosk = await context.newPage();
      await kiosk.setViewportSize({ width: 1024, height: 768 });
      await kiosk.goto(`${server.baseUrl}/hall/kiosk?org=${LELI}`);
      await kiosk.locator('[data-test=kiosk-appointment]').click();
      await kiosk.locator('[data-test=kiosk-booking-no]').fill(bookingNo);
      await kiosk.locator('[data-test=kiosk-check-in]').click();
      const ticketNo = (await kiosk.locator('[data-test=ticket-no]').innerText()).trim();
      assert.match(ticketNo, /^A\d{3}$/);
      assert.match(await kiosk.locator('[data-test=receipt]').innerText(), /预约优先/);
      await kiosk.screenshot(shot('appointment-kiosk-ticket'));
      await context.close();

      // The director sees the day's booking, checked in, on 预约管理 (a phone-sized console).
      const { context: staffContext, page: staffPage } = await newPage(browser, { width: 390, height: 844 });
      await new LoginPage(staffPage, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(staffPage).waitForHome();
      // On a phone the menu is folded away: open the page by its address.
      await staffPage.goto(`${server.baseUrl}/console/queue/appointments`);
      await staffPage.locator('[data-test=appointment-list]', { hasText: bookingNo }).waitFor();
      assert.match(await staffPage.locator('[data-test=appointment-list]').innerText(), /已签到/);
      await staffPage.locator('[data-test=sessions]', { hasText: '延时服务' }).waitFor();
      await staffPage.screenshot(shot('appointment-console'));
      await staffContext.close();
    },
  },
];
