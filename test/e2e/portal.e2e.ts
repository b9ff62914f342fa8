/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, newPage, SCREENSHOTS, type Server, api, residentId } from './harness.ts';

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const PHONE = { width: 390, height: 844 };
const ITEM = { code: 'LSJZ-001', name: '临时救助' };
const LELI = '451029100000';
const APPLICANT_PHONE = '13977615678';

/** A valid GB 11643 number: the body, then whichever check character the rule accepts. */

/** A case received and accepted at 乐里镇 by window1 through the HTTP API, all required materials in hand. */
async function acceptedCase(server: Server): Promise<string> {
  return (await acceptCase(server)).caseNo;
}

async function acceptCase(server: Server): Promise<{ token: string; id: string; caseNo: string; version: number }> {
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
  const guide = await api<{ materials: { name: string; required: boolean }[] }>(server, `/api/public/items/${ITEM.code}?org=${LELI}`);
  const required = [...new Set(guide.materials.filter((m) => m.required).map((m) => m.name))];
  const created = await api<{ id: string; caseNo: string; version: number }>(server, '/api/cases', {
    token,
    body: {
      itemCode: ITEM.code,
      applicant: { type: 'person', name: '韦春花', idNumber: residentId('45102919800315002'), phone: APPLICANT_PHONE },
      channel: 'window',
      materials: required.map((name) => ({ name, received: true })),
    },
  });
  const accepted = await api<{ version: number }>(server, `/api/cases/${created.id}/accept`, { token, body: { version: created.version } });
  return { token, id: created.id, caseNo: created.caseNo, version: accepted.version };
}

/** A case accepted, then concluded as granted (办结), through the HTTP API; returns its number. */
async function concludedCase(server: Server): Promise<string> {
  const { token, id, caseNo, version } = await acceptCase(server);
  await api(server, `/api/cases/${id}/conclude`, { token, body: { version, result: 'granted' } });
  return caseNo;
}

async function query(page: Page, caseNo: string, check: string): Promise<void> {
  await page.locator('[data-test=track-no]').fill(caseNo);
  await page.locator('[data-test=track-check]').fill(check);
  await page.getByRole('button', { name: '查询', exact: true }).click();
}

async function failure(page: Page): Promise<string> {
  const alert = page.locator('[data-test=track-failure]');
  await alert.waitFor();
  return alert.innerText();
}

async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${where}: the page is ${String(scroll)} px wide on a ${String(width)} px screen`);
}

export const portalTests: E2eTest[] = [
  {
    name: 'portal 办件查询: a citizen finds their case by number and phone digits on a phone',
    async run(browser, server) {
      const caseNo = await acceptedCase(server);
      assert.match(caseNo, new RegExp(`^${LELI}-\\d{8}-\\d{4}$`));
      const { context, page } = await newPage(browser, PHONE);

      // The entry on the home page (the header carries one too).
      await page.goto(`${server.baseUrl}/`);
      await page.locator('[data-test=nav-track]').waitFor();
      await assertNoSidewaysScroll(page, 'home');
      await page.screenshot(shot('portal-home-phone'));
      await page.locator('[data-test=home-track]').click();
      await page.locator('[data-test=track-form]').waitFor();
      assert.equal(new URL(page.url()).pathname, '/track');

      // Checked in the browser before anything is sent.
      await page.getByRole('button', { name: '查询', exact: true }).click();
      assert.match(await page.locator('#track-no-error').innerText(), /请输入办件编号/);
      assert.match(await page.locator('#track-check-error').innerText(), /请输入手机号后四位/);
      await query(page, '4510291-2026', '56');
      assert.match(await page.locator('#track-no-error').innerText(), /格式不对/);
      assert.match(await page.locator('#track-check-error').innerText(), /4 位数字/);

      // A wrong check looks exactly like an unknown case.
      await query(page, caseNo, '0000');
      assert.equal(await failure(page), '未查到该办件，请核对办件编号和手机号后四位');
      await assertNoSidewaysScroll(page, 'not found');
      await page.screenshot(shot('portal-track-not-found'));

      // Rate limit and a lost connection, simulated at the network edge.
      await page.route('**/api/public/cases/**', (route) =>
        route.fulfill({ status: 429, contentType: 'application/problem+json', body: '{"status":429}' }),
      );
      await query(page, caseNo, APPLICANT_PHONE.slice(-4));
      assert.equal(await failure(page), '查询过于频繁，请稍后再试');
      await page.unroute('**/api/public/cases/**');
      await page.route('**/api/public/cases/**', (route) => route.abort('internetdisconnected'));
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.locator('[data-test=track-failure]', { hasText: '网络' }).waitFor();
      await page.unroute('**/api/public/cases/**');

      // The right digits, typed without the dashes: the result card.
      await query(page, caseNo.replace(/-/g, ''), APPLICANT_PHONE.slice(-4));
      const card = page.locator('[data-test=track-result]');
      await card.waitFor();
      assert.equal(await page.locator('[data-test=track-item]').innerText(), ITEM.name);
      assert.equal(await page.locator('[data-test=track-status]').innerText(), '办理中');
      assert.match(await page.locator('[data-test=track-due]').innerText(), /^预计 \d{4}年\d{1,2}月\d{1,2}日 前办结$/);
      const text = await card.innerText();
      assert.match(text, new RegExp(caseNo));
      assert.match(text, /韦\*\*/, 'the applicant’s name is masked');
      assert.doesNotMatch(text, /逾期|超期|预警|黄牌|红牌/, 'no warning wording for citizens');
      assert.deepEqual(
        await page
          .locator('[data-test=track-timeline] li')
          .evaluateAll((items) => items.map((li) => `${li.querySelector('strong')?.textContent ?? ''}:${li.getAttribute('class') ?? ''}`)),
        ['接件:done', '受理:done', '办理:current', '办结:todo', '送达:todo'],
      );
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('no'), caseNo, 'the number stays in the address');
      assert.doesNotMatch(url.search, new RegExp(APPLICANT_PHONE.slice(-4)), 'the phone digits never do');
      await assertNoSidewaysScroll(page, 'result');
      await page.screenshot(shot('portal-track-result'));

      // 长辈模式: larger type, still no sideways scrolling.
      await page.getByRole('button', { name: '长辈模式' }).click();
      await page.locator('html.elderly').waitFor({ state: 'attached' });
      await assertNoSidewaysScroll(page, 'result, 长辈模式');
      await page.screenshot(shot('portal-track-result-elderly'));

      // A printed notice or SMS links with the number prefilled.
      await page.goto(`${server.baseUrl}/track?no=${caseNo}`);
      await page.locator('[data-test=track-form]').waitFor();
      assert.equal(await page.locator('[data-test=track-no]').inputValue(), caseNo);
      await assertNoSidewaysScroll(page, 'prefilled, 长辈模式');
      await page.screenshot(shot('portal-track-prefilled-elderly'));
      await context.close();
    },
  },
  {
    name: 'portal 办件查询 of a concluded case: on a phone it reads 已办结 with the date and the result',
    async run(browser, server) {
      const caseNo = await concludedCase(server);
      const { context, page } = await newPage(browser, PHONE);
      await page.goto(`${server.baseUrl}/track?no=${caseNo}`);
      await page.locator('[data-test=track-form]').waitFor();
      await page.locator('[data-test=track-check]').fill(APPLICANT_PHONE.slice(-4));
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.locator('[data-test=track-result]').waitFor();
      assert.equal(await page.locator('[data-test=track-status]').innerText(), '已办结');
      assert.match(await page.locator('[data-test=track-due]').innerText(), /^已于 \d{4}年\d{1,2}月\d{1,2}日 办结$/);
      assert.match(await page.locator('[data-test=track-concluded-on]').innerText(), /^\d{4}年\d{1,2}月\d{1,2}日$/);
      assert.equal(await page.locator('[data-test=track-verdict]').innerText(), '办理结果：同意（准予办理）');
      assert.equal(await page.locator('[data-test=track-overdue]').count(), 0, 'a case concluded in time is not late');
      assert.deepEqual(
        await page
          .locator('[data-test=track-timeline] li')
          .evaluateAll((items) => items.map((li) => `${li.querySelector('strong')?.textContent ?? ''}:${li.getAttribute('class') ?? ''}`)),
        ['接件:done', '受理:done', '办理:done', '办结:done', '送达:current'],
      );
      const history = await page.locator('[data-test=track-history] strong').allInnerTexts();
      assert.deepEqual(history, ['接件', '受理', '办结']);
      assert.doesNotMatch(await page.locator('[data-test=track-result]').innerText(), /预计/, 'no promise of a date once finished');
      await assertNoSidewaysScroll(page, 'concluded');
      await page.screenshot(shot('portal-track-concluded'));
      await context.close();
    },
  },
  {
    name: 'portal 办事指南: a new user finds 宅基地 by typing zjd on a phone, opens its guide and prints it',
    async run(browser, server) {
      const { context, page } = await newPage(browser, PHONE);
      await page.goto(`${server.baseUrl}/`);
      await page.locator('#q').fill('zjd');
      await page.locator('#q').press('Enter');
      const result = page.locator('a', { hasText: '宅基地' }).first();
      await result.waitFor();
      await page.screenshot(shot('portal-search-zjd'));
      await result.click();
      await page.locator('h1', { hasText: '宅基地' }).waitFor();
      for (const heading of ['要带的材料', '办理条件', '办理程序', '办理时限', '收费标准', '去哪里办', '经办人员和电话', '办事依据']) {
        assert.ok((await page.locator('main').innerText()).includes(heading), `the guide discloses ${heading} (八公开)`);
      }
      await page.screenshot(shot('portal-guide-zjd'));
      const pdfHref = await page.locator('a', { hasText: '打印指南 PDF' }).getAttribute('href');
      assert.ok(pdfHref, 'the guide offers a PDF');
      const pdf = await page.request.get(new URL(pdfHref, page.url()).toString());
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.match((await pdf.body()).toString('latin1'), /^%PDF-[\s\S]*NotoSansSC/, 'a PDF with the embedded Chinese font');
      assert.ok(
        (await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0,
        'no sideways scrolling',
      );
      await context.close();
    },
  },
  {
    name: 'elderly mode is one choice for the portal and the console, and a choice made under the portal’s former key is kept',
    async run(browser, server) {
      const { context, page } = await newPage(browser, PHONE);
      const isElderly = () => page.evaluate(() => document.documentElement.classList.contains('elderly'));
      const stored = () =>
        page.evaluate(() => ({ shared: localStorage.getItem('yizhan.elderly'), former: localStorage.getItem('yizhan.portal.elderly') }));
      // A resident who chose 长辈模式 before the apps shared one key.
      await page.goto(`${server.baseUrl}/`);
      await page.evaluate(() => {
        localStorage.removeItem('yizhan.elderly');
        localStorage.setItem('yizhan.portal.elderly', '1');
      });
      await page.reload();
      await page.locator('html.elderly').waitFor({ state: 'attached' });
      assert.deepEqual(await stored(), { shared: '1', former: null }, 'the former key is read once, into the shared one');

      // The console on the same device opens large too, and turning it off there turns it off in the portal.
      await page.goto(`${server.baseUrl}/console/login`);
      await page.locator('[data-test=login-submit]').waitFor();
      assert.ok(await isElderly(), 'the console follows the choice made in the portal');
      await page.locator('[data-test=elderly-toggle]').click();
      assert.ok(!(await isElderly()));
      await page.goto(`${server.baseUrl}/`);
      await page.getByRole('button', { name: '长辈模式' }).waitFor();
      assert.ok(!(await isElderly()), 'the portal follows the choice made in the console');
      assert.deepEqual(await stored(), { shared: '0', former: null });
      await context.close();
    },
  },
  {
    name: 'portal per township: /t/<乐里镇> shows its own guides and address, the picker moves to another township and back to the county',
    async run(browser, server) {
      const { context, page } = await newPage(browser, PHONE);
      await page.goto(`${server.baseUrl}/t/${LELI}`);
      await page.getByRole('heading', { level: 1, name: '乐里镇便民服务中心' }).waitFor();
      assert.equal(new URL(page.url()).search, `?org=${LELI}`, 'the township address becomes the portal with its org');
      const picker = page.locator('[data-test=center-picker]');
      assert.equal(await picker.inputValue(), LELI);
      assert.match(await page.locator('[data-test=center-contact]').innerText(), /地址：/);
      // A guide opened from here is the township's own (its hall's address), and links keep the township.
      await page.locator('input[type=search]').first().fill('临时救助');
      await page.locator('.suggestions a').first().click();
      await page.getByRole('heading', { level: 1, name: /临时救助/ }).waitFor();
      assert.ok(page.url().includes(`org=${LELI}`));
      await page.goBack();
      await picker.waitFor();
      const choices = await picker.locator('option').allInnerTexts();
      const another = choices.find((name) => name !== '乐里镇便民服务中心' && name.endsWith('便民服务中心') && !name.startsWith('田林县'));
      assert.ok(another, `another township is offered: ${choices.join('、')}`);
      await picker.selectOption({ label: another });
      await page.getByRole('heading', { level: 1, name: another }).waitFor();
      assert.match(new URL(page.url()).search, /^\?org=\d{12}$/);
      await page.locator('.center-qr summary').click();
      await page.locator('.center-qr img').waitFor();
      await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('.center-qr img')?.naturalWidth ?? 0) > 0);
      await page.screenshot(shot('portal-township'));
      await picker.selectOption({ label: '田林县行政服务中心' });
      await page.getByRole('heading', { level: 1, name: '田林县行政服务中心' }).waitFor();
      assert.equal(new URL(page.url()).search, '');
      await context.close();
    },
  },
];
