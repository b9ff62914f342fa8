/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { genuinePng } from '../../src/modules/files/fixtures.ts';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, residentId, SCREENSHOTS, type Server } from './harness.ts';
import { ConsoleShell, field, LoginPage } from './pages.ts';

const PHONE = { width: 390, height: 844 };
const ITEM = 'LSJZ-001';
/** More than a page (50), so the list must page; the last one is found by search. */
const CASES = 56;

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
/** Pixels the page sticks out to the right of the window (a phone would have to scroll sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

interface Opened {
  id: string;
  caseNo: string;
}

/** window1's cases through the API: all of the item's materials handed in, the first few accepted. */
async function openCases(
  server: Server,
  count: number,
  accepted: number,
): Promise<{ token: string; cases: Opened[]; lastPhone: string; lastName: string }> {
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
  const guide = await api<{ materials: { name: string }[] }>(server, `/api/public/items/${ITEM}`);
  const cases: Opened[] = [];
  let lastPhone = '';
  let lastName = '';
  const base = Math.floor(Math.random() * 8000);
  for (let i = 0; i < count; i++) {
    lastPhone = `1397761${String(1000 + base + i)}`;
    lastName = i === count - 1 ? '覃翠兰' : '韦光明';
    const opened = await api<Opened & { version: number }>(server, '/api/cases', {
      token,
      body: {
        itemCode: ITEM,
        applicant: {
          type: 'person',
          name: lastName,
          idNumber: residentId(`451029198001${String(1000 + base + i).padStart(5, '0')}`),
          phone: lastPhone,
        },
        materials: guide.materials.map((material) => ({ name: material.name, received: true })),
      },
    });
    if (i < accepted) await api(server, `/api/cases/${opened.id}/accept`, { token, body: { version: opened.version } });
    cases.push(opened);
  }
  return { token, cases, lastPhone, lastName };
}

async function cardCount(page: Page): Promise<number> {
  return page.locator('[data-test=case-table][data-layout=cards] .card').count();
}

export const listTests: E2eTest[] = [
  {
    name: 'a clerk on a phone: the home page says what to do, the list pages, searches and shows cards, the case page reads label over value and keeps a scan',
    async run(browser, server) {
      const { token, cases, lastPhone, lastName } = await openCases(server, CASES, 3);
      // What the server holds for the clerk (the demo county may have received cases of its own).
      const submitted = (await api<{ cases: unknown[] }>(server, '/api/cases?status=submitted&limit=200', { token })).cases.length;
      assert.ok(submitted >= CASES - 3 && submitted <= 100, `two pages of received cases (${String(submitted)})`);
      const { context, page } = await newPage(browser, PHONE);
      await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
      await new ConsoleShell(page).waitForHome();

      // 待办: the cases received and not yet accepted, counted, the first ones listed, linked to the list so filtered.
      const toAccept = page.locator('[data-test=todo] [data-section=to_accept]');
      await toAccept.waitFor();
      assert.equal(await toAccept.getAttribute('data-count'), String(submitted));
      assert.equal(await toAccept.locator('[data-test=todo-item]').count(), 5);
      await page.screenshot(shot('lists-phone-home'));
      assert.ok((await overflow(page)) <= 0, 'the home page fits a phone');
      await toAccept.locator('[data-test=todo-link]').click();
      await page.waitForURL(/\/console\/cases\?status=submitted/);

      // The list on a phone: one card per case, a page of 50, then the next page on request.
      await page.locator('[data-test=case-table][data-layout=cards] .card').first().waitFor();
      assert.equal(await cardCount(page), 50);
      await page.screenshot({ path: join(SCREENSHOTS, 'lists-phone-cases.png') });
      assert.ok((await overflow(page)) <= 0, 'the case list fits a phone');
      // Scrolling to the end loads the next page (a "加载更多" button stays there for keyboards).
      await page.locator('[data-test=case-more]').scrollIntoViewIfNeeded();
      await page.locator('[data-test=case-no-more]').waitFor();
      assert.equal(await cardCount(page), submitted, 'the second page is appended: no case disappears');

      // Search: the last 4 digits of the phone find the one applicant; so does the name.
      await page.locator(field('case-search')).fill(lastPhone.slice(-4));
      await page.locator('[data-test=case-search-submit]').click();
      await page.waitForURL(/q=/);
      await page.waitForFunction(() => document.querySelectorAll('[data-test=case-table] .card').length === 1);
      assert.equal(await page.locator('[data-test=case-table] .card').getAttribute('data-case-no'), cases.at(-1)?.caseNo);
      assert.match(await page.locator('[data-test=case-table] .card').innerText(), new RegExp(lastName));

      // The case page: label over value, the materials as cards; a photo of the ID card kept and viewed.
      await page.locator('[data-test=case-table] .card').click();
      await page.locator('[data-test=case-no]').waitFor();
      const label = await page.locator('.facts .el-descriptions__label').first().boundingBox();
      assert.ok(label && label.width > 200, `a label runs across the card, not one character per line (width ${String(label?.width)})`);
      await page.waitForTimeout(400); // the tags' zoom-in transition
      await page.screenshot(shot('lists-phone-case'));
      assert.ok((await overflow(page)) <= 0, 'the case page fits a phone');
      const idCard = page.locator('[data-test=case-materials] [data-material="申请人居民身份证"]');
      await idCard
        .locator('[data-test=material-file-input]')
        .setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: await genuinePng(64, 40) });
      await idCard.locator('[data-test=material-view]').click();
      await page.locator('[data-test=file-preview-image]').waitFor();
      assert.ok(await page.locator('[data-test=file-preview-image]').evaluate((image) => (image as HTMLImageElement).naturalWidth === 64));
      await page.waitForTimeout(400); // the dialog's opening animation
      await page.screenshot({ path: join(SCREENSHOTS, 'lists-phone-file.png') });
      await page.keyboard.press('Escape');
      assert.match(await page.locator('[data-test=case-timeline]').innerText(), /上传材料文件 · .* · 申请人居民身份证/);
      await context.close();
    },
  },
  {
    name: 'a director at a desk sees the center’s to-do and the holder (经办人) of each case, and filters the list by channel',
    async run(browser, server) {
      await openCases(server, 3, 3);
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn('director1', DEMO_PASSWORD);
      await new ConsoleShell(page).waitForHome();
      await page.locator('[data-test=todo] [data-section=to_accept]').waitFor();
      const sections = await page
        .locator('[data-test=todo] [data-section]')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-section')));
      assert.deepEqual(
        sections,
        // The demo county's open 差评整改 items (its month of ratings) are the director's to-do too.
        ['overdue', 'extension_requests', 'due_soon', 'to_accept', 'agency_to_receive', 'rectifications'],
        'the director’s to-do, center-wide',
      );
      await page.goto(`${server.baseUrl}/console/cases?status=accepted`);
      await page.locator('[data-test=case-table][data-layout=table] .el-table__row').first().waitFor();
      const holders = await page.locator('[data-test=case-table] [data-test=case-holder]').allInnerTexts();
      assert.ok(holders.length >= 3, 'the accepted cases are listed');
      assert.ok(
        holders.every((name) => name !== '—' && name.length >= 2),
        `every case names its holder: ${holders.join(', ')}`,
      );
      await page.screenshot(shot('lists-desktop-director'));
      await page.goto(`${server.baseUrl}/console/cases?channel=online`);
      await page.locator('[data-test=case-table] .el-table__empty-text').waitFor();
      await context.close();
    },
  },
];
