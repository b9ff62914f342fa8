import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import type { ImportReport, ItemContent, ItemSummaryView, PublicGuideView } from './schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let admin: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
  admin = await signIn(env, county.admin.username);
});
afterAll(async () => env.close());

async function exportWorkbook(): Promise<ExcelJS.Workbook> {
  const response = await env.app.inject({ method: 'GET', url: `/api/items/export.xlsx?orgId=${county.county.id}`, headers: admin });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe(XLSX);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return book;
}

const columnOf = (sheet: ExcelJS.Worksheet, label: string) => (sheet.getRow(1).values as unknown[]).indexOf(label);
function rowOf(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === code) found = row;
  });
  if (!found) throw new Error(`no row for ${code}`);
  return found;
}

const importBook = async (book: ExcelJS.Workbook, publish = true) =>
  env.app.inject({
    method: 'POST',
    url: `/api/items/import?orgId=${county.county.id}&publish=${String(publish)}`,
    headers: { ...changeHeaders(admin), 'content-type': XLSX },
    payload: Buffer.from(await book.xlsx.writeBuffer()),
  });

const guide = async (code: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/public/items/${code}?org=${county.county.code}` })).json<PublicGuideView>();

const items = async () =>
  (await env.app.inject({ method: 'GET', url: `/api/items?orgId=${county.county.id}`, headers: admin })).json<{
    items: ItemSummaryView[];
  }>().items;

describe('catalog .xlsx and JSON transfer', () => {
  it('round-trips: export → edit a cell → import publishes a new version, the old one kept', async () => {
    const book = await exportWorkbook();
    const sheet = book.getWorksheet('事项')!;
    expect(sheet.rowCount).toBeGreaterThanOrEqual(41);
    const row = rowOf(sheet, 'ZJD-001');
    row.getCell(columnOf(sheet, '承诺时限')).value = 18;
    const response = await importBook(book);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<ImportReport>();
    expect(report.refused).toEqual([]);
    // Only the edited row makes a new version; the others are the same as their current one.
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: sheet.rowCount - 2 });
    expect((await guide('ZJD-001')).promisedDays).toBe(18);
    const item = (await items()).find((candidate) => candidate.code === 'ZJD-001')!;
    expect(item).toMatchObject({ publishedVersion: 2, draftVersion: null });
    const versions = await env.app.inject({ method: 'GET', url: `/api/items/${item.id}/versions`, headers: admin });
    expect(versions.json<{ versions: { status: string }[] }>().versions.map((v) => v.status)).toEqual(['published', 'superseded']);
    // Everything the workbook carries came back unchanged for another item.
    const other = await guide('DB-001');
    expect(other.materials.map((m) => m.name)).toContain('家庭经济状况核对授权书');
    expect(other.specialSteps).toHaveLength(2);
  });

  it('carries 可告知承诺 per material; a workbook from before that column imports it as 否', async () => {
    const book = await exportWorkbook();
    const materials = book.getWorksheet('申请材料')!;
    const column = columnOf(materials, '可告知承诺');
    expect(column).toBe(9);
    let flagged = 0;
    materials.eachRow((row, number) => {
      if (number > 1 && row.getCell(2).value === '居住证明（租房合同或房产证）') {
        expect(row.getCell(column).value).toBe('是');
        flagged += 1;
      }
    });
    expect(flagged).toBeGreaterThan(0);
    materials.eachRow((row, number) => {
      if (number > 1 && row.getCell(1).value === 'ZJD-001' && row.getCell(2).value === '户口簿') row.getCell(column).value = '是';
    });
    expect((await importBook(book)).statusCode).toBe(200);
    const zjd = await guide('ZJD-001');
    expect(zjd.materials.find((m) => m.name === '户口簿')?.commitmentAllowed).toBe(true);
    expect(zjd.materials.find((m) => m.name === '申请人居民身份证')?.commitmentAllowed).toBe(false);

    materials.spliceColumns(column, 1);
    materials.eachRow((row) => {
      row.commit();
    });
    expect(columnOf(materials, '可告知承诺')).toBe(-1);
    const older = await importBook(book);
    expect(older.statusCode, older.body).toBe(200);
    expect((await guide('ZJD-001')).materials.every((m) => !m.commitmentAllowed)).toBe(true);
  });

  it('refuses a file with bad rows, reports each row in Chinese, and applies nothing', async () => {
    const before = await items();
    const book = await exportWorkbook();
    const sheet = book.getWorksheet('事项')!;
    const bad = rowOf(sheet, 'LMCF-001');
    bad.getCell(columnOf(sheet, '承诺时限')).value = 99;
    const worse = rowOf(sheet, 'TJ-001');
    worse.getCell(columnOf(sheet, '办理类型')).value = '快办件';
    const good = rowOf(sheet, 'GLJT-001');
    good.getCell(columnOf(sheet, '事项名称')).value = '高龄津贴申领（已改名）';
    book.getWorksheet('收费')!.addRow(['SFZ-001', '加急费', 30, '']);
    const response = await importBook(book);
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; detail: string; report: ImportReport }>();
    expect(body.code).toBe('IMPORT_REFUSED');
    expect(body.detail).toBe('3 行不符合要求，整个文件未导入。');
    const refused = new Map(body.report.refused.map((r) => [r.code, r]));
    expect([...refused.keys()].sort()).toEqual(['LMCF-001', 'SFZ-001', 'TJ-001']);
    expect(refused.get('LMCF-001')?.row).toBe(bad.number);
    expect(refused.get('TJ-001')?.row).toBe(worse.number);
    expect(refused.get('SFZ-001')?.row).toBe(rowOf(sheet, 'SFZ-001').number);
    expect(refused.get('LMCF-001')?.problems.join()).toMatch(/承诺时限（99个工作日）不能超过法定时限（20个工作日）/);
    expect(refused.get('TJ-001')?.problems.join()).toMatch(/“办理类型”的值“快办件”无法识别/);
    expect(refused.get('SFZ-001')?.problems.join()).toMatch(/收费“加急费”缺少收费依据/);
    expect(await items()).toEqual(before);
    expect((await guide('GLJT-001')).name).toBe('高龄津贴申领');
  });

  it('exports and imports JSON; imported items are drafts unless published', async () => {
    const exported = await env.app.inject({ method: 'GET', url: `/api/items/export.json?orgId=${county.county.id}`, headers: admin });
    const { items: contents } = exported.json<{ items: ItemContent[] }>();
    expect(contents.length).toBeGreaterThanOrEqual(40);
    const fresh = { ...contents[0]!, code: 'NEW-001', name: '新增测试事项' };
    const response = await env.app.inject({
      method: 'POST',
      url: `/api/items/import?orgId=${town.township.id}`,
      headers: changeHeaders(admin),
      payload: { format: 'yizhan-catalog', items: [fresh] },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 1, updated: 0, unchanged: 0, refused: [] });
    const list = (await env.app.inject({ method: 'GET', url: `/api/items?orgId=${town.township.id}&q=NEW-001`, headers: admin })).json<{
      items: ItemSummaryView[];
    }>();
    expect(list.items[0]).toMatchObject({ status: 'draft', tier: 'local', baseItemId: null });
    const broken = await env.app.inject({
      method: 'POST',
      url: `/api/items/import?orgId=${county.county.id}`,
      headers: changeHeaders(admin),
      payload: { items: [{ code: 'X' }] },
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ report: ImportReport }>().report.refused[0]?.problems.join('；')).toMatch(/事项编码/);
  });

  it('serves a blank template', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/items/template.xlsx', headers: admin });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['事项', '申请材料', '收费', '填写说明']);
  });
});

describe('the workbook is read by its headers', () => {
  const refusal = async (book: ExcelJS.Workbook) => {
    const before = await items();
    const response = await importBook(book);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IMPORT_REFUSED' });
    expect(await items()).toEqual(before);
    return response.json<{ detail: string }>().detail;
  };

  it('imports the same with a 序号 column added and two columns swapped (headers moved with them)', async () => {
    const book = await exportWorkbook();
    const sheet = book.getWorksheet('事项')!;
    const promised = columnOf(sheet, '承诺时限');
    const legal = columnOf(sheet, '法定时限');
    rowOf(sheet, 'ZJD-001').getCell(promised).value = 17;
    sheet.eachRow((row) => {
      const value = row.getCell(promised).value;
      row.getCell(promised).value = row.getCell(legal).value;
      row.getCell(legal).value = value;
    });
    sheet.spliceColumns(1, 0, ['序号', ...Array.from({ length: sheet.rowCount - 1 }, (_, i) => i + 1)]);
    const response = await importBook(book);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImportReport>().refused).toEqual([]);
    const zjd = await guide('ZJD-001');
    expect(zjd.promisedDays).toBe(17);
    expect(zjd.legalDays).toBe(20);
  });

  it('refuses an unknown or a missing header by name, and a workbook without the 事项 sheet, changing nothing', async () => {
    const unknown = await exportWorkbook();
    const materials = unknown.getWorksheet('申请材料')!;
    materials.getRow(1).getCell(columnOf(materials, '备注')).value = '备用';
    expect(await refusal(unknown)).toContain('无法识别的列“备用”');

    const missing = await exportWorkbook();
    const sheet = missing.getWorksheet('事项')!;
    sheet.spliceColumns(columnOf(sheet, '办理类型'), 1);
    expect(await refusal(missing)).toContain('缺少列：办理类型');

    const other = await exportWorkbook();
    other.removeWorksheet(other.getWorksheet('事项')!.id);
    expect(await refusal(other)).toContain('没有“事项”表');
  });

  it('reads a workbook from before the 告知承诺核查期限 column with the default period', async () => {
    const book = await exportWorkbook();
    const sheet = book.getWorksheet('事项')!;
    const column = columnOf(sheet, '告知承诺核查期限');
    expect(column).toBeGreaterThan(0);
    rowOf(sheet, 'JZZ-001').getCell(column).value = 15;
    expect((await importBook(book)).statusCode).toBe(200);
    expect((await guide('JZZ-001')).verificationDays).toBe(15);
    sheet.spliceColumns(column, 1);
    expect((await importBook(book)).statusCode).toBe(200);
    expect((await guide('JZZ-001')).verificationDays).toBe(20);
  });
});

describe('blank cells', () => {
  it('a blank 是否必需 means required (as in the API); a blank 法定时限 is named in the sheet’s words, never NaN', async () => {
    const book = await exportWorkbook();
    const materials = book.getWorksheet('申请材料')!;
    const required = columnOf(materials, '是否必需');
    materials.eachRow((row, number) => {
      if (number > 1 && row.getCell(1).value === 'ZJD-001' && row.getCell(2).value === '建房设计图或选用的通用图')
        row.getCell(required).value = '';
    });
    expect((await importBook(book)).statusCode).toBe(200);
    expect((await guide('ZJD-001')).materials.find((m) => m.name === '建房设计图或选用的通用图')?.required).toBe(true);

    const sheet = book.getWorksheet('事项')!;
    rowOf(sheet, 'ZJD-001').getCell(columnOf(sheet, '法定时限')).value = '';
    const refused = await importBook(book);
    expect(refused.statusCode).toBe(422);
    const text = JSON.stringify(refused.json());
    expect(text).toContain('法定时限：应填写天数（数字）');
    expect(text).not.toContain('NaN');
  });
});
