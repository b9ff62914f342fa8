import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';

/** 大厅统计: a morning at one window, read back from the rollups by hour, category, window and clerk, and as a workbook. */
let env: TestEnv;
let town: TownshipFixture;
let director: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T08:30:00+08:00' });
  const county = await createCounty(env);
  town = await createTownship(env, county.county);
  director = await signIn(env, town.director.username);
  const clerk = await signIn(env, town.window.username);
  const send = (url: string, payload: Record<string, unknown>, auth?: { authorization: string }) =>
    env.app.inject({ method: 'POST', url, payload, headers: auth ? changeHeaders(auth) : { 'idempotency-key': randomUUID() } });
  await send(
    '/api/queue/categories',
    { orgId: town.township.id, code: 'general', name: '综合业务', prefix: 'A', windowIds: [town.windowId] },
    director,
  );
  // Three tickets at 08:30; each waits 10, 20, 30 minutes and is served for 6 minutes; the third does not come.
  const taken = [];
  for (let i = 0; i < 3; i++)
    taken.push((await send('/api/public/queue/tickets', { org: town.township.code, category: 'general' })).json<{ id: string }>().id);
  for (const [index, id] of taken.entries()) {
    env.clock.set(new Date(Date.parse('2026-10-15T08:30:00+08:00') + (index + 1) * 10 * 60_000));
    const called = (await send(`/api/queue/windows/${town.windowId}/call-next`, {}, clerk)).json<{ ticket: { id: string } }>();
    expect(called.ticket.id).toBe(id);
    if (index === 2) {
      await send(`/api/queue/tickets/${id}/no-show`, {}, clerk);
      continue;
    }
    await send(`/api/queue/tickets/${id}/start`, {}, clerk);
    env.clock.advance(6 * 60_000);
    await send(`/api/queue/tickets/${id}/finish`, { consultation: '咨询' }, clerk);
  }
  // The morning outlasted the director's idle session: she signs in again to read the figures.
  director = await signIn(env, town.director.username);
}, 60_000);
afterAll(async () => env.close());

describe('hall figures', () => {
  it('sums the morning from the rollups: waiting, service, no-shows by hour, category, window and clerk', async () => {
    const response = await env.app.inject({ method: 'GET', url: `/api/queue/figures?orgId=${town.township.id}`, headers: director });
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json<{
      from: string;
      total: Record<string, unknown>;
      byHour: { label: string }[];
      byWindow: { label: string }[];
      byStaff: { label: string }[];
      byCategory: { label: string }[];
    }>();
    expect(figures.from).toBe('2026-10-15');
    expect(figures.total).toMatchObject({
      issued: 3,
      called: 3,
      served: 2,
      noShows: 1,
      consultations: 2,
      averageWaitMinutes: 20,
      averageServiceMinutes: 6,
      noShowRate: 0.333,
    });
    expect(figures.byHour.map((row) => row.label)).toEqual(['08:00', '09:00']);
    expect(figures.byCategory).toMatchObject([{ label: 'A 综合业务', issued: 3 }]);
    expect(figures.byWindow).toMatchObject([{ label: '1 号 综合受理窗口', served: 2 }]);
    expect(figures.byStaff).toMatchObject([{ served: 2, averageServiceMinutes: 6 }]);
  });

  it('exports the same figures as a workbook, and refuses a range beyond three months or another township', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: `/api/queue/figures.xlsx?orgId=${town.township.id}&from=2026-10-01&to=2026-10-31`,
      headers: director,
    });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['按日', '按时段', '按类别', '按窗口', '按人员']);
    expect(book.getWorksheet('按日')?.getRow(3).values).toEqual([
      undefined,
      '2026-10-15',
      3,
      3,
      2,
      1,
      0.333,
      20,
      6,
      0,
      2,
      0,
      undefined,
      0,
      0,
    ]);
    const long = await env.app.inject({
      method: 'GET',
      url: `/api/queue/figures?orgId=${town.township.id}&from=2026-01-01&to=2026-10-31`,
      headers: director,
    });
    expect(long.json()).toMatchObject({ code: 'QUEUE_SETTINGS_INVALID' });
    const county = await createCounty(env);
    const other = await createTownship(env, county.county);
    const stranger = await signIn(env, other.director.username);
    const refused = await env.app.inject({ method: 'GET', url: `/api/queue/figures?orgId=${town.township.id}`, headers: stranger });
    expect(refused.json()).toMatchObject({ code: 'QUEUE_ORG_NOT_FOUND' });
  });
});

describe('a center without a hall yet', () => {
  it('answers zeros and no averages, not an error', async () => {
    const county = await createCounty(env);
    const empty = await createTownship(env, county.county);
    const auth = await signIn(env, empty.director.username);
    const response = await env.app.inject({ method: 'GET', url: `/api/queue/figures?orgId=${empty.township.id}`, headers: auth });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ total: { issued: 0, served: 0, averageWaitMinutes: null, noShowRate: null }, byDay: [] });
  });
});
