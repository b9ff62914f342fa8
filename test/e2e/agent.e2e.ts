/// <reference lib="dom" />
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { E2eTest } from './console.e2e.ts';
import { DEMO_PASSWORD, E2E_CLOCK, newPage, SCREENSHOTS, type Server, api, residentId } from './harness.ts';

const shot = (name: string) => ({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
/** A small Android phone. */
const PHONE = { width: 360, height: 740 };
const ITEM = { code: 'GDBT-001', name: '耕地地力保护补贴' };
const PHOTOGRAPHED = '土地承包经营权证';
const BANK_ACCOUNT = '“一卡通”银行账户';

/** A valid GB 11643 number: the body, then whichever check character the rule accepts. */

/** A real PNG made here (stripes, 64×48), standing in for the camera's photo of a material. */
function stripedPng(width = 64, height = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.concat([
      Buffer.from([0]),
      Buffer.from(Array.from({ length: width }, (_, x) => (((x >> 3) + (y >> 3)) % 2 === 0 ? [180, 35, 24] : [250, 250, 250])).flat()),
    ]),
  );
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface RequestView {
  id: string;
  requestNo: string;
  status: string;
  version: number;
  materials: { name: string; received: boolean; fileId: string | null }[];
  case: { id: string } | null;
  receipt: { satisfaction: string; signatureFileId: string } | null;
  events: { kind: string; at: string }[];
}

interface StoredEntry {
  id: string;
  kind: string;
  state: string;
  key: string;
  requestNo?: string;
  serverId?: string | null;
  attempts: number;
  photos?: { key: string; fileId: string | null }[];
}

/** The outbox as the phone stored it in IndexedDB (read and written raw, as a second tab would). */
function readOutbox(page: Page): Promise<StoredEntry[]> {
  return page.evaluate(
    () =>
      new Promise<StoredEntry[]>((resolve, reject) => {
        const open = indexedDB.open('yizhan-agent');
        open.onerror = () => {
          reject(open.error ?? new Error('open failed'));
        };
        open.onsuccess = () => {
          const read = open.result.transaction('outbox').objectStore('outbox').getAll();
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result as StoredEntry[]);
          };
        };
      }),
  );
}

/** Puts a sent registration back to 待发送 with its photo not uploaded, so the app sends it all again under the same keys. */
function replayEntry(page: Page, id: string): Promise<void> {
  return page.evaluate(
    (entryId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('yizhan-agent');
        open.onerror = () => {
          reject(open.error ?? new Error('open failed'));
        };
        open.onsuccess = () => {
          const transaction = open.result.transaction('outbox', 'readwrite');
          const store = transaction.objectStore('outbox');
          const read = store.get(entryId);
          read.onsuccess = () => {
            const entry = read.result as StoredEntry & { photos: { fileId: string | null }[] };
            store.put({ ...entry, state: 'pending', serverId: null, photos: entry.photos.map((photo) => ({ ...photo, fileId: null })) });
          };
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    id,
  );
}

async function requestsByNo(server: Server, token: string, requestNo: string): Promise<RequestView[]> {
  return (await api<{ requests: RequestView[] }>(server, `/api/agency/requests?requestNo=${encodeURIComponent(requestNo)}`, { token }))
    .requests;
}

const count = async (page: Page, name: string) => page.locator(`[data-test=count-${name}]`).innerText();

async function caseAct(server: Server, token: string, caseId: string, act: string, body: Record<string, unknown>): Promise<void> {
  const { version } = await api<{ version: number }>(server, `/api/cases/${caseId}`, { token });
  await api(server, `/api/cases/${caseId}/${act}`, { token, body: { version, ...body } });
}

async function agencyAct(server: Server, token: string, id: string, act: string, body: Record<string, unknown>): Promise<RequestView> {
  const { version } = await api<RequestView>(server, `/api/agency/requests/${id}`, { token });
  return api<RequestView>(server, `/api/agency/requests/${id}/${act}`, { token, body: { version, ...body } });
}

/** Signs agent1 in on a fresh phone and waits until the villages and items are stored for offline use. */
async function signInAgent(page: Page, server: Server): Promise<void> {
  await page.goto(`${server.baseUrl}/agent/`);
  await page.locator('[data-test=signin-username]').fill('agent1');
  await page.locator('[data-test=signin-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-test=signin-submit]').click();
  await page.locator('[data-test=counts]').waitFor();
  await page.locator('[data-test=tab-register]').click();
  await page.locator(`[data-test=reg-item] option[value="${ITEM.code}"]`).waitFor({ state: 'attached' });
}

export const agentTests: E2eTest[] = [
  {
    name: 'agent app: registers offline with a photo, survives a reload and an expired session, syncs once, then notifies and takes a drawn signature',
    async run(browser, server) {
      // The township window (乐里镇) checks what reached the server, through the API.
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      const { context, page } = await newPage(browser, PHONE);
      // The phone's clock is the server's demo clock, so the registration time and number date are plausible to it.
      await context.clock.install({ time: E2E_CLOCK });
      // The worker and the manifest are revalidated on every load, so a phone never keeps an old app.
      const worker = await fetch(`${server.baseUrl}/agent/sw.js`);
      assert.equal(worker.headers.get('cache-control'), 'no-cache');
      assert.match(await worker.text(), /\/agent\/manifest\.webmanifest/, 'the worker precaches the shell');
      const manifest = await fetch(`${server.baseUrl}/agent/manifest.webmanifest`);
      assert.equal(((await manifest.json()) as { scope: string }).scope, '/agent/');

      // Online once: the shell is cached by the service worker, the villages and items by the app.
      await signInAgent(page, server);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
      assert.equal(await page.locator('[data-test=reg-save]').isDisabled(), false);

      await context.setOffline(true);
      await page.locator('[data-test=connection]', { hasText: '离线' }).waitFor();
      await page.locator('[data-test=reg-village]').selectOption({ label: '弄瓦村便民服务站（乐里镇便民服务中心）' });
      await page.locator('[data-test=reg-item]').selectOption(ITEM.code);
      await page.locator('[data-test=reg-name]').fill('韦春花');
      await page.locator('[data-test=reg-id]').fill('45102919800101002X');
      await page.locator('[data-test=reg-phone]').fill('139 7761 2345');
      await page.locator('[data-test=reg-consent]').check();
      await page.locator('[data-test=reg-save]').click();
      assert.match(
        await page.locator('[data-test=reg-id-error]').innerText(),
        /身份证号码不正确/,
        'a wrong ID checksum is refused on the phone',
      );
      await page.locator('[data-test=reg-id]').fill(residentId('45102919800101002'));
      await page.locator('[data-test=reg-material]').first().locator('input[type=checkbox]').check();
      await page
        .locator(`[data-test=reg-material][data-material="${PHOTOGRAPHED}"] [data-test=reg-photo]`)
        .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: stripedPng() });
      await page.locator(`[data-test=reg-material][data-material="${PHOTOGRAPHED}"] img.thumb`).waitFor();
      await page.screenshot(shot('agent-register-phone'));
      await page.locator('[data-test=reg-save]').click();
      await page.locator('[data-test=outbox-entry][data-kind=request][data-state=pending]').waitFor();
      const requestNo = (await page.locator('[data-test=outbox-entry][data-kind=request]').getAttribute('data-request-no')) ?? '';
      assert.match(
        requestNo,
        /^[A-Z0-9]{4,8}-20260928-001$/,
        'the number is the device prefix, the Beijing date and the device’s sequence',
      );

      // 报送 queued on the draft itself, and a 咨询登记, both offline.
      await page.locator('[data-test=tab-requests]').click();
      const draft = page.locator(`[data-test=draft-card][data-request-no="${requestNo}"]`);
      assert.equal(await draft.locator('[data-test=draft-state]').innerText(), '待发送');
      await draft.locator('[data-act=forward]').click();
      await page.locator('[data-test=act-scanned]').check();
      await page.locator('[data-test=act-confirm]').click();
      await draft.locator('.queued', { hasText: '报送' }).waitFor();
      await page.locator('[data-test=tab-more]').click();
      await page.locator('[data-test=open-consult]').click();
      await page.locator('[data-test=consult-village]').selectOption({ index: 1 });
      await page.locator('[data-test=consult-question]').fill('耕地地力保护补贴什么时候发放？');
      await page.locator('[data-test=consult-answer]').fill('一般在每年 6 月前发放到“一卡通”账户。');
      await page.locator('[data-test=consult-save]').click();
      await page.locator('[data-test=outbox-entry][data-kind=consultation]').waitFor();
      assert.equal(await count(page, 'pending'), '待发送 3');

      // A reload with no network: the service worker serves the app, IndexedDB still holds everything.
      const reloaded = await page.reload();
      assert.ok(reloaded?.fromServiceWorker(), 'the page came from the service worker’s cache');
      await page.locator('[data-test=counts]').waitFor();
      assert.equal(await count(page, 'pending'), '待发送 3');
      await page.locator('[data-test=tab-requests]').click();
      assert.equal(
        await page.locator(`[data-test=draft-card][data-request-no="${requestNo}"] [data-test=draft-state]`).innerText(),
        '待发送',
      );
      await page.screenshot(shot('agent-offline-after-reload'));
      assert.equal((await requestsByNo(server, token, requestNo)).length, 0, 'nothing reached the server while offline');

      // The session ran out while the phone was away: back online it asks for the password, keeping the queue.
      await context.clearCookies();
      await context.setOffline(false);
      await page.locator('[data-test=signin-expired]').waitFor();
      assert.match(await page.locator('[data-test=signin-expired]').innerText(), /3 项已保存在本机/);
      await page.locator('[data-test=signin-password]').fill(DEMO_PASSWORD);
      await page.locator('[data-test=signin-submit]').click();
      await page.locator('[data-test=count-sent]', { hasText: '已发送 3' }).waitFor({ timeout: 20_000 });
      assert.equal(await count(page, 'pending'), '待发送 0');
      assert.equal(await count(page, 'refused'), '被拒绝 0');

      let found = await requestsByNo(server, token, requestNo);
      assert.equal(found.length, 1, 'exactly one request with that number');
      const request = found[0]!;
      assert.equal(request.status, 'forwarded', 'the 报送 queued offline followed its registration');
      const photoId = request.materials.find((material) => material.name === PHOTOGRAPHED)?.fileId;
      assert.ok(photoId, 'the photographed material carries its file');
      const photo = await fetch(`${server.baseUrl}/api/files/${photoId}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(photo.headers.get('content-type'), 'image/jpeg', 'the photo was re-encoded as JPEG on the phone');

      // The same draft sent again (photo and request, same keys): the server answers with the same request.
      const stored = (await readOutbox(page)).find((entry) => entry.kind === 'request' && entry.requestNo === requestNo);
      assert.ok(stored && stored.state === 'sent' && stored.serverId === request.id);
      await replayEntry(page, stored.id);
      await page.locator('[data-test=tab-outbox]').click();
      await page.locator('[data-test=sync-now]').click();
      // Done when the stored entry is sent again after one more attempt.
      for (let waited = 0; ; waited += 200) {
        const entry = (await readOutbox(page)).find((candidate) => candidate.id === stored.id);
        if (entry?.state === 'sent' && entry.attempts > stored.attempts) break;
        assert.ok(waited < 20_000, 'the replayed entry is sent again');
        await page.waitForTimeout(200);
      }
      const replayed = (await readOutbox(page)).find((entry) => entry.id === stored.id);
      assert.equal(replayed?.serverId, request.id, 'the replay got the same request back');
      assert.equal(replayed.photos?.[0]?.fileId, photoId, 'and the same photo');
      found = await requestsByNo(server, token, requestNo);
      assert.equal(found.length, 1, 'still exactly one request with that number');

      // The township receives it and asks for one material again: the 补正 notice reaches the agent.
      const received = await agencyAct(server, token, request.id, 'receive', { scanned: true });
      const caseId = received.case?.id ?? '';
      // 一次性告知: everything missing at once (the bank account was never ticked).
      await caseAct(server, token, caseId, 'request-supplement', {
        materials: [
          { name: PHOTOGRAPHED, reason: '照片不清晰，请带原件' },
          { name: BANK_ACCOUNT, reason: '未提供' },
        ],
      });
      await page.locator('[data-test=tab-requests]').click();
      await page.locator('[data-test=requests-refresh]').click();
      const card = page.locator(`[data-test=request-card][data-request-no="${requestNo}"]`);
      const cardIn = (status: string) => page.locator(`[data-test=request-card][data-request-no="${requestNo}"][data-status=${status}]`);
      await card.locator('[data-test=supplement]', { hasText: '照片不清晰，请带原件' }).waitFor();
      assert.equal(await card.locator('[data-test=legs] li').count(), 5, 'every leg with its due date');
      await page.screenshot(shot('agent-supplement-phone'));

      await caseAct(server, token, caseId, 'supplement', { materials: [{ name: PHOTOGRAPHED }, { name: BANK_ACCOUNT }] });
      await caseAct(server, token, caseId, 'accept', {});
      await caseAct(server, token, caseId, 'conclude', { result: 'granted' });
      await agencyAct(server, token, request.id, 'return', { scanned: true });

      // 告知 and 签收 on one visit to the applicant's home, without signal: both wait on the phone.
      await page.locator('[data-test=requests-refresh]').click();
      await cardIn('returned').waitFor();
      await context.setOffline(true);
      await card.locator('[data-act=notify]').click();
      await page.locator('[data-test=act-sheet] [data-method=visit]').click();
      await page.locator('[data-test=act-confirm]').click();
      await card.locator('[data-test=queued-act]', { hasText: '告知申请人' }).waitFor();
      // The applicant signs with a finger (here the mouse) and rates the service.
      await card.locator('[data-act=sign]').click();
      const pad = page.locator('[data-test=signature-pad]');
      const box = await pad.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
      await page.mouse.down();
      for (const [dx, dy] of [
        [60, -50],
        [110, 10],
        [160, -40],
        [210, 20],
        [260, -30],
      ] as const) {
        await page.mouse.move(box.x + dx, box.y + box.height * 0.6 + dy, { steps: 6 });
      }
      await page.mouse.up();
      await page.locator('[data-test=act-sheet] [data-satisfaction=very_satisfied]').click();
      await page.screenshot(shot('agent-sign-phone'));
      await page.locator('[data-test=act-confirm]').click();
      await card.locator('[data-test=queued-act]', { hasText: '签收' }).waitFor();
      assert.equal(await count(page, 'pending'), '待发送 2');
      await context.setOffline(false);
      await cardIn('signed').waitFor({ timeout: 20_000 });

      const signed = await api<RequestView>(server, `/api/agency/requests/${request.id}`, { token });
      assert.equal(signed.status, 'signed');
      assert.equal(signed.receipt?.satisfaction, 'very_satisfied');
      const signature = await fetch(`${server.baseUrl}/api/files/${signed.receipt.signatureFileId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(signature.headers.get('content-type'), 'image/png', 'the drawn signature was filed as PNG');
      assert.equal(await count(page, 'refused'), '被拒绝 0');
      await page.screenshot(shot('agent-signed-phone'));
      await context.close();
    },
  },
  {
    name: 'agent app: refusals stay visible with their reason; a server failure stays pending and is retried',
    async run(browser, server) {
      const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'window1', password: DEMO_PASSWORD } });
      // No service worker here: the failures below are staged with page.route, which a worker would bypass.
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', serviceWorkers: 'block' });
      await context.clock.install({ time: E2E_CLOCK });
      const page = await context.newPage();
      await signInAgent(page, server);

      // Registered online: sent at once.
      await page.locator('[data-test=reg-village]').selectOption({ index: 1 });
      await page.locator('[data-test=reg-item]').selectOption(ITEM.code);
      await page.locator('[data-test=reg-name]').fill('黄秀英');
      await page.locator('[data-test=reg-id]').fill(residentId('45102919650412002'));
      await page.locator('[data-test=reg-phone]').fill('13977610001');
      await page.locator('[data-test=reg-consent]').check();
      await page.locator('[data-test=reg-save]').click();
      const entry = page.locator('[data-test=outbox-entry][data-kind=request]');
      await entry.and(page.locator('[data-state=sent]')).waitFor();
      const requestNo = (await entry.getAttribute('data-request-no')) ?? '';
      const [request] = await requestsByNo(server, token, requestNo);
      assert.ok(request);

      // 报送 queued offline while the township takes the folder straight from the agent's hands.
      await page.locator('[data-test=tab-requests]').click();
      await context.setOffline(true);
      const card = page.locator(`[data-test=request-card][data-request-no="${requestNo}"]`);
      await card.locator('[data-act=forward]').click();
      await page.locator('[data-test=act-confirm]').click();
      await card.locator('[data-test=queued-act]').waitFor();
      await agencyAct(server, token, request.id, 'receive', { scanned: false });

      // A 不能代办 record the server first fails on (503), then refuses (422).
      let failures = 0;
      await page.route('**/api/agency/declines', async (route) => {
        failures += 1;
        const refused = failures > 1;
        await route.fulfill({
          status: refused ? 422 : 503,
          contentType: 'application/problem+json',
          body: JSON.stringify(
            refused
              ? { code: 'AGENCY_INVALID', title: '代办信息有误', status: 422, detail: '该村本月已停止受理此类登记。' }
              : { code: 'UNAVAILABLE', title: '服务暂不可用', status: 503, detail: '服务暂不可用，请稍后重试。' },
          ),
        });
      });
      await page.locator('[data-test=tab-more]').click();
      await page.locator('[data-test=open-decline]').click();
      await page.locator('[data-test=decline-village]').selectOption({ index: 1 });
      await page.locator('[data-test=decline-item-name]').fill('宅基地审批');
      await page.locator('[data-test=decline-name]').fill('罗大山');
      await page.locator('[data-test=decline-reason]').fill('须本人到乡镇现场踏勘后申请');
      await page.locator('[data-test=decline-save]').click();
      const decline = page.locator('[data-test=outbox-entry][data-kind=decline]');
      await decline.waitFor();

      await context.setOffline(false);
      await page.locator('[data-test=sync-now]').click();
      await decline.and(page.locator('[data-state=pending]')).locator('text=上次尝试未成功').waitFor();
      await page.locator('[data-test=sync-now]').click();
      await decline.and(page.locator('[data-state=refused]')).waitFor();
      assert.equal(await decline.locator('[data-test=entry-refusal]').innerText(), '该村本月已停止受理此类登记。');
      const act = page.locator('[data-test=outbox-entry][data-kind=act]');
      await act.and(page.locator('[data-state=refused]')).waitFor();
      assert.match(await act.locator('[data-test=entry-refusal]').innerText(), /乡镇已接收.*不能再报送/);
      assert.equal(await page.locator('[data-test=count-refused]').innerText(), '被拒绝 2');
      await page.screenshot(shot('agent-refused-phone'));

      // Refused entries are not sent again by themselves, and they stay in the list after a reload.
      await page.locator('[data-test=sync-now]').click();
      await page.reload();
      await page.locator('[data-test=count-refused]', { hasText: '被拒绝 2' }).waitFor();
      assert.equal(failures, 2);
      await page.locator('[data-test=tab-requests]').click();
      await card.locator('[data-test=refused-act]').waitFor();
      await context.close();
    },
  },
];
