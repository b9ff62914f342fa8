import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../kernel/context.ts';
import { readInScope } from '../../kernel/scope.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import { handedIn } from '../../../test/support/catalog-items.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { CASE_LEDGER_COLUMNS, FEE_LEDGER_COLUMNS } from './index.ts';
import { planLedger, writeLedger } from './service.ts';

/** 台帐: the 办件台帐 and 收费台帐 streamed as .xlsx, read back; scope; batches (ADR 0029). */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
type Auth = { authorization: string };
let clerk: Auth;
let otherClerk: Auth;
let admin: Auth;
const opened: { id: string; caseNo: string; idNumber: string; town: 'a' | 'b' }[] = [];

async function open(auth: Auth, code: string, where: 'a' | 'b'): Promise<{ id: string; version: number; caseNo: string }> {
  const idNumber = uniqueResidentId();
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(auth),
    payload: { ...handedIn(code), channel: 'window', applicant: { type: 'person', name: '韦台帐', idNumber, phone: uniqueMobile() } },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ id: string; version: number; caseNo: string }>();
  opened.push({ id: body.id, caseNo: body.caseNo, idNumber, town: where });
  return body;
}

async function act(auth: Auth, id: string, name: string, body: Record<string, unknown>): Promise<number> {
  const current = await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: auth });
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/${name}`,
    headers: changeHeaders(auth),
    payload: { version: current.json<{ version: number }>().version, ...body },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ version: number }>().version;
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  clerk = await signIn(env, town.window.username);
  otherClerk = await signIn(env, other.window.username);
  admin = await signIn(env, county.admin.username);
  const paid = await open(clerk, 'GTZ-001', 'a');
  await act(clerk, paid.id, 'accept', {});
  await act(clerk, paid.id, 'settle-fee', { outcome: 'paid', receiptNo: 'GX-2026-00012345' });
  for (let i = 0; i < 4; i++) await open(clerk, 'TJ-001', 'a');
  await open(otherClerk, 'TJ-001', 'b');
});
afterAll(async () => env.close());

async function download(auth: Auth, kind: 'cases' | 'fees', query: string) {
  return env.app.inject({ method: 'GET', url: `/api/ledgers/${kind}.xlsx?${query}`, headers: auth });
}

async function rowsOf(payload: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) =>
    rows.push(
      (row.values as unknown[]).slice(1).map((cell) => (cell === null || cell === undefined ? '' : String(cell as string | number))),
    ),
  );
  return rows;
}

describe('台帐', () => {
  it("a township's 办件台帐 lists exactly its cases, read back from the workbook, ID numbers masked", async () => {
    const response = await download(clerk, 'cases', 'from=2026-10-01&to=2026-10-31');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const [header, ...rows] = await rowsOf(response.rawPayload);
    expect(header).toEqual([...CASE_LEDGER_COLUMNS]);
    const mine = opened.filter((row) => row.town === 'a');
    expect(rows.map((row) => row[0]).sort()).toEqual(mine.map((row) => row.caseNo).sort());
    const first = rows.find((row) => row[0] === mine[0]?.caseNo);
    const idNumber = mine[0]?.idNumber ?? '';
    expect(first?.[3]).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(first?.slice(4, 8)).toEqual(['窗口', '2026-10-15', '2026-10-15', '2026-10-22']);
    expect(first?.[10]).toBe('办理中');
    expect(first?.[12]).toBe('在办');
    expect(first?.[13]).toBe('测试window_staff');
  });

  it('the 收费台帐 lists the paid fee with its receipt number', async () => {
    const [header, ...rows] = await rowsOf((await download(clerk, 'fees', 'from=2026-10-15&to=2026-10-15')).rawPayload);
    expect(header).toEqual([...FEE_LEDGER_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(3, 7)).toEqual(['80.00', '已缴', 'GX-2026-00012345', '2026-10-15']);
  });

  it("a township cannot export another's ledger; the county exports all of its townships; a bad range is refused", async () => {
    const refused = await download(clerk, 'cases', `org=${other.township.id}&from=2026-10-01&to=2026-10-31`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'REPORT_ORG_NOT_FOUND' });
    const [, ...all] = await rowsOf((await download(admin, 'cases', 'from=2026-10-01&to=2026-10-31')).rawPayload);
    expect(all.map((row) => row[0]).sort()).toEqual(opened.map((row) => row.caseNo).sort());
    const [, ...one] = await rowsOf((await download(admin, 'cases', `org=${other.township.id}&from=2026-10-01&to=2026-10-31`)).rawPayload);
    expect(one.map((row) => row[0])).toEqual(opened.filter((row) => row.town === 'b').map((row) => row.caseNo));
    expect((await download(admin, 'cases', 'from=2026-10-31&to=2026-10-01')).json()).toMatchObject({ code: 'REPORT_RANGE_INVALID' });
    expect((await download(admin, 'cases', 'from=2025-01-01&to=2026-10-31')).statusCode).toBe(400);
    const [, ...none] = await rowsOf((await download(clerk, 'cases', 'from=2026-10-16&to=2026-10-31')).rawPayload);
    expect(none).toEqual([]);
  });

  it('reads a batch at a time by keyset: five cases in batches of two are three reads, each row once', async () => {
    const actor: Principal = {
      staffId: town.window.id,
      username: town.window.username,
      name: '测试window_staff',
      role: 'window_staff',
      orgId: town.township.id,
      orgName: '',
      orgKind: 'township',
      scopeOrgIds: [town.township.id, town.village.id],
      sessionId: '',
      mustChangePassword: false,
    };
    const plan = await readInScope(env.ctx, actor, (tx) => planLedger(tx, actor, { from: '2026-10-01', to: '2026-10-31' }));
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const written = await writeLedger(env.ctx, actor, plan, 'cases', sink, '2026-10-15' as BusinessDate, 2);
    await new Promise((resolve) => sink.end(resolve));
    // The township and its village are two orgs: the village has none (one read), the township five in 2 + 2 + 1.
    expect(written).toEqual({ rows: 5, batches: 4 });
    const [, ...rows] = await rowsOf(Buffer.concat(chunks));
    expect(rows.map((row) => row[0]).sort()).toEqual(
      opened
        .filter((row) => row.town === 'a')
        .map((row) => row.caseNo)
        .sort(),
    );
  });
});
