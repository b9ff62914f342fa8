import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { seedDemoCatalog } from './index.ts';
import type { ImportReport, ItemContent, ItemSummaryView } from './schemas.ts';
import { writeCatalogWorkbook } from './xlsx.ts';

/**
 * CONVENTIONS 16 for the catalog: PDFs and workbooks are made, read and checked on the heavy-work
 * pool, and a big import writes in batches with turns for other requests, so the event loop stays
 * responsive. The longest stall of the loop is compared with the request's own duration, not with a
 * fixed number of milliseconds: on a machine busy with other tests both grow together. Done on the
 * event loop (as before this change), the work is one stall nearly as long as the request: 0.90 of
 * it for the largest guide, 0.92 for the import; on the pool 0.04 for both.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STALL_SHARE = 0.4;
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let admin: { authorization: string };
let samples: ItemContent[];

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
  admin = await signIn(env, county.admin.username);
  const exported = await env.app.inject({ method: 'GET', url: `/api/items/export.json?orgId=${county.county.id}`, headers: admin });
  samples = exported.json<{ items: ItemContent[] }>().items;
});
afterAll(async () => env.close());

/** The names of the pool tasks the work ran (the pool itself runs them: it is observed, not replaced). */
async function tasksRunBy<T>(work: () => Promise<T>): Promise<{ result: T; tasks: string[] }> {
  const run = vi.spyOn(env.ctx.heavy, 'run');
  try {
    const result = await work();
    return { result, tasks: run.mock.calls.map(([task]) => task.exportName) };
  } finally {
    run.mockRestore();
  }
}

/** The longest the event loop was held while `work` ran, and how long the work took, in ms. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; durationMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const started = performance.now();
    const result = await work();
    const durationMs = performance.now() - started;
    // A stall is recorded when the loop next turns: were it disabled first, work that never let the
    // loop turn (inject, PGlite) would leave no trace at all.
    await setTimeout(30);
    return { result, stallMs: histogram.max / 1e6, durationMs };
  } finally {
    histogram.disable();
  }
}

/** Han characters that differ from item to item, so that every glyph must be laid out and embedded. */
const han = (seed: number, length: number) =>
  Array.from({ length }, (_, k) => String.fromCodePoint(0x4e00 + (((seed * length + k) * 7) % 20_000))).join('');

/** A guide as large as the schema allows: 30 lines of basis and of conditions, 60 materials with notes. */
function largest(base: ItemContent, code: string): ItemContent {
  return {
    ...base,
    code,
    name: `大型事项${han(1, 20)}`,
    basis: Array.from({ length: 30 }, (_, i) => han(100 + i, 500)),
    conditions: Array.from({ length: 30 }, (_, i) => han(200 + i, 500)),
    materials: Array.from({ length: 60 }, (_, i) => ({
      ...base.materials[0]!,
      name: `第${String(i + 1)}项${han(300 + i, 100)}`,
      notes: han(400 + i, 300),
      situations: [],
    })),
  };
}

const importJson = (orgId: string, items: unknown[], publish = true) =>
  env.app.inject({
    method: 'POST',
    url: `/api/items/import?orgId=${orgId}&publish=${String(publish)}`,
    headers: changeHeaders(admin),
    payload: { items },
  });

describe('catalog heavy work runs on the pool', () => {
  it('lays out guide PDFs on the pool; the loop stays responsive while the largest guide prints', async () => {
    const big = largest(samples[0]!, 'BIG-001');
    expect((await importJson(county.county.id, [big])).statusCode).toBe(200);
    for (const file of ['guide.pdf', 'notice-checklist.pdf']) {
      const { result, tasks } = await tasksRunBy(() =>
        env.app.inject({ method: 'GET', url: `/api/public/items/ZJD-001/${file}?org=${county.county.code}` }),
      );
      expect(result.statusCode).toBe(200);
      expect(tasks).toEqual([file === 'guide.pdf' ? 'renderGuidePdf' : 'renderNoticeChecklistPdf']);
    }
    await env.app.inject({ method: 'GET', url: `/api/public/items/ZJD-001/guide.pdf?org=${county.county.code}` }); // the thread is warm
    const { result, stallMs, durationMs } = await longestStall(() =>
      env.app.inject({ method: 'GET', url: `/api/public/items/BIG-001/guide.pdf?org=${county.county.code}` }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(stallMs).toBeLessThan(durationMs * STALL_SHARE);
  });

  it('writes the export workbook, the template and the JSON export on the pool', async () => {
    for (const [url, task] of [
      [`/api/items/export.xlsx?orgId=${county.county.id}`, 'exportWorkbook'],
      ['/api/items/template.xlsx', 'exportWorkbook'],
      [`/api/items/export.json?orgId=${county.county.id}`, 'exportJson'],
    ] as const) {
      const { result, tasks } = await tasksRunBy(() => env.app.inject({ method: 'GET', url, headers: admin }));
      expect(result.statusCode).toBe(200);
      expect(tasks).toEqual([task]);
    }
  });

  it('a 2,000-row workbook is read and checked on the pool and written in batches: the loop stays responsive', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      ...samples[i % samples.length]!,
      code: `BULK-${String(i + 1).padStart(4, '0')}`,
      name: `批量事项${String(i + 1)}号${han(i, 4)}`,
    }));
    const book = Buffer.from(await writeCatalogWorkbook(rows));
    const send = (payload: Buffer = book) =>
      env.app.inject({
        method: 'POST',
        url: `/api/items/import?orgId=${county.county.id}&publish=true`,
        headers: { ...changeHeaders(admin), 'content-type': XLSX },
        payload,
      });
    const { result: measured, stallMs, durationMs } = await longestStall(() => tasksRunBy(send));
    expect(measured.result.statusCode, measured.result.body).toBe(200);
    expect(measured.result.json<ImportReport>()).toEqual({ created: 2000, updated: 0, unchanged: 0, refused: [] });
    expect(measured.tasks).toEqual(['prepareWorkbookImport']);
    expect(stallMs).toBeLessThan(durationMs * STALL_SHARE);
    const again = await env.app.inject({ method: 'GET', url: `/api/public/items/BULK-1999?org=${county.county.code}` });
    expect(again.json<ItemContent>()).toMatchObject({ code: 'BULK-1999', name: rows[1998]!.name, materials: rows[1998]!.materials });
    // The same file again changes nothing (compared on the pool): no empty new versions.
    const { result: same, tasks } = await tasksRunBy(() => send());
    expect(same.json<ImportReport>()).toEqual({ created: 0, updated: 0, unchanged: 2000, refused: [] });
    expect(new Set(tasks)).toEqual(new Set(['prepareWorkbookImport', 'sameAsCurrent']));
    // A changed file updates every item: a new published version each, the old one superseded.
    const changed = Buffer.from(await writeCatalogWorkbook(rows.map((row) => ({ ...row, window: '综合受理窗口（新）' }))));
    const updated = await send(changed);
    expect(updated.json<ImportReport>()).toEqual({ created: 0, updated: 2000, unchanged: 0, refused: [] });
    const list = await env.app.inject({ method: 'GET', url: `/api/items?orgId=${county.county.id}&q=BULK-0001`, headers: admin });
    expect(list.json<{ items: ItemSummaryView[] }>().items[0]).toMatchObject({
      status: 'published',
      publishedVersion: 2,
      draftVersion: null,
      latestVersion: 2,
      version: 4,
    });
  }, 180_000);

  it('an unreadable .xlsx is refused in Chinese (the pool’s verdict), not a 500', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: `/api/items/import?orgId=${county.county.id}`,
      headers: { ...changeHeaders(admin), 'content-type': XLSX },
      payload: Buffer.from('PK\u0003\u0004 not really a workbook'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: '无法读取该 .xlsx 文件，请使用“导出”或“模板”生成的文件。' });
  });
});

describe('a township’s import against the base catalog (set-based)', () => {
  it('refuses rows that change what the base fixes, naming each; accepted rows link to the base item', async () => {
    const zjd = samples.find((item) => item.code === 'ZJD-001')!;
    const db = samples.find((item) => item.code === 'DB-001')!;
    const refused = await importJson(town.township.id, [
      { ...zjd, legalDays: zjd.legalDays + 5 },
      { ...db, itemType: '行政确认' },
    ]);
    expect(refused.statusCode).toBe(422);
    const report = refused.json<{ report: ImportReport }>().report;
    expect(report.refused.map((row) => [row.row, row.code])).toEqual([
      [1, 'ZJD-001'],
      [2, 'DB-001'],
    ]);
    expect(report.refused[0]!.problems.join()).toMatch(/法定时限由基本目录确定（20个工作日），实施清单不得改动/);
    expect(report.refused[1]!.problems.join()).toMatch(/事项类型须与基本目录一致/);

    const localItem = async () =>
      (await env.app.inject({ method: 'GET', url: `/api/items?orgId=${town.township.id}&q=ZJD-001`, headers: admin })).json<{
        items: ItemSummaryView[];
      }>().items[0]!;
    const before = await localItem(); // the township's list already derives ZJD-001 from the base
    const accepted = await importJson(town.township.id, [{ ...zjd, window: '综合受理窗口' }], false);
    expect(accepted.json<ImportReport>()).toEqual({ created: 0, updated: 1, unchanged: 0, refused: [] });
    const draft = await localItem();
    expect(draft).toMatchObject({
      baseItemId: before.baseItemId,
      status: before.status,
      publishedVersion: before.publishedVersion,
      draftVersion: before.latestVersion + 1,
      version: before.version + 1,
    });
    // Imported again and published: the open draft gets the new content and becomes the published version.
    const published = await importJson(town.township.id, [{ ...zjd, window: '2号窗口' }]);
    expect(published.json<ImportReport>()).toEqual({ created: 0, updated: 1, unchanged: 0, refused: [] });
    expect(await localItem()).toMatchObject({
      status: 'published',
      publishedVersion: draft.draftVersion,
      draftVersion: null,
      latestVersion: draft.draftVersion,
      version: draft.version + 2,
    });
    const guide = await env.app.inject({ method: 'GET', url: `/api/public/items/ZJD-001?org=${town.township.code}` });
    expect(guide.json<ItemContent>().window).toBe('2号窗口');
    const versions = await env.app.inject({ method: 'GET', url: `/api/items/${before.id}/versions`, headers: admin });
    expect(versions.json<{ versions: { version: number; status: string }[] }>().versions.slice(0, 2)).toMatchObject([
      { version: draft.draftVersion, status: 'published' },
      { version: before.publishedVersion, status: 'superseded' },
    ]);
  });

  it('creates a code the township does not have as a local item linked to the published base item', async () => {
    const base = (await env.app.inject({ method: 'GET', url: `/api/items?orgId=${county.county.id}&q=GLJT-001`, headers: admin })).json<{
      items: ItemSummaryView[];
    }>().items[0]!;
    const fresh = await createTownship(env, county.county);
    const listed = async () =>
      (await env.app.inject({ method: 'GET', url: `/api/items?orgId=${fresh.township.id}&q=GLJT-001`, headers: admin })).json<{
        items: ItemSummaryView[];
      }>().items;
    expect(await listed()).toEqual([]);
    const created = await importJson(fresh.township.id, [samples.find((item) => item.code === 'GLJT-001')], false);
    expect(created.json<ImportReport>()).toEqual({ created: 1, updated: 0, unchanged: 0, refused: [] });
    expect((await listed())[0]).toMatchObject({
      tier: 'local',
      status: 'draft',
      baseItemId: base.id,
      baseVersion: base.publishedVersion,
      draftVersion: 1,
      latestVersion: 1,
      version: 1,
    });
  });
});
