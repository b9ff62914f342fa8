import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { handedIn } from '../../../test/support/catalog-items.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { runWarningJob } from '../cases/index.ts';
import type { OverviewView } from './schemas.ts';

let env: TestEnv;
let county: CountyFixture;
let a: TownshipFixture;
let b: TownshipFixture;

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };

async function at(when: string): Promise<void> {
  env.clock.set(when);
  await runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
}

async function open(town: TownshipFixture): Promise<string> {
  const clerk = await signIn(env, town.window.username);
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: { ...handedIn('ZJD-001'), applicant: APPLICANT, channel: 'window' },
  });
  if (opened.statusCode !== 201) throw new Error(opened.body);
  return opened.json<{ id: string }>().id;
}

async function act(town: TownshipFixture, id: string, name: string, body: Record<string, unknown> = {}): Promise<void> {
  const clerk = await signIn(env, town.window.username);
  const { version } = (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<{ version: number }>();
  const done = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/${name}`,
    headers: changeHeaders(clerk),
    payload: { version, ...body },
  });
  if (done.statusCode !== 200) throw new Error(done.body);
}

async function overview(username: string, org?: string) {
  const auth = await signIn(env, username);
  return env.app.inject({ method: 'GET', url: `/api/supervision/overview${org === undefined ? '' : `?org=${org}`}`, headers: auth });
}

/**
 * A small world counted by hand. Township A (ZJD-001: 5 working days from 受理):
 * 10-12 red (accepted 10-12, due 10-19), late (accepted 10-12, concluded 10-23 不予), on time (accepted and
 * concluded 10-12), refused (补正 then 不予受理); 10-14 yellow (due 10-21); 10-16 pre (due 10-23).
 * Township B: one case received 10-12 and never decided on (受理 is due in 5 working days, 第32条: red by 10-23).
 * Seen on Friday 2026-10-23.
 */
beforeAll(async () => {
  // The warning job reads every tenant's cases: this file needs a database of its own.
  env = await createTestEnv({ now: '2026-10-12T09:00:00+08:00', isolated: true });
  county = await createCounty(env);
  a = await createTownship(env, county.county);
  b = await createTownship(env, county.county);
  const red = await open(a);
  const late = await open(a);
  const onTime = await open(a);
  const refused = await open(a);
  await open(b);
  for (const id of [red, late, onTime]) await act(a, id, 'accept');
  await act(a, onTime, 'conclude', { result: 'granted' });
  await act(a, refused, 'request-supplement', { materials: [{ name: '户口簿', reason: '未提供原件' }] });
  await act(a, refused, 'refuse', { reason: '申请人未在期限内补正' });
  await at('2026-10-14T09:00:00+08:00');
  await act(a, await open(a), 'accept');
  await at('2026-10-16T09:00:00+08:00');
  await act(a, await open(a), 'accept');
  await at('2026-10-23T09:00:00+08:00');
  await act(a, late, 'conclude', { result: 'denied', reason: '不符合一户一宅规定' });
  await at('2026-10-23T09:30:00+08:00');
  // The applicant of the late case rates it 非常不满意 from the tracking page: a 差评 whose loop opens.
  const clerk = await signIn(env, a.window.username);
  const { caseNo } = (await env.app.inject({ method: 'GET', url: `/api/cases/${late}`, headers: clerk })).json<{ caseNo: string }>();
  const rated = await env.app.inject({
    method: 'POST',
    url: '/api/public/ratings',
    headers: { 'idempotency-key': randomUUID() },
    payload: { caseNo, check: APPLICANT.phone.slice(-4), level: 5, reasons: [], comment: '等了太久' },
  });
  expect(rated.statusCode, rated.body).toBe(201);
});
afterAll(async () => env.close());

describe('GET /api/supervision/overview', () => {
  it("a township's figures equal the hand count: open cases by grade, today and this month from the rollups", async () => {
    const response = await overview(a.director.username);
    expect(response.statusCode).toBe(200);
    const view = response.json<OverviewView>();
    expect(view.org.id).toBe(a.township.id);
    expect(view.today).toBe('2026-10-23');
    expect(view.monthFrom).toBe('2026-10-01');
    expect(view.cases).toEqual({ open: 3, pre: 1, yellow: 1, red: 1 });
    expect(view.monthFigures).toMatchObject({
      received: 6,
      accepted: 5,
      refused: 1,
      supplementNotices: 1,
      concluded: 2,
      concludedOnTime: 1,
      concludedLate: 1,
      granted: 1,
      denied: 1,
      onTimeRate: 0.5,
      // 0 working days for the one concluded on its day of acceptance, 9 from 10-12 to 10-23.
      averageWorkingDays: 4.5,
    });
    expect(view.onTimeRate).toBe(0.5);
    expect(view.todayFigures).toMatchObject({ received: 0, concluded: 1, concludedLate: 1, onTimeRate: 0 });
    expect(view.trend).toEqual([
      { date: '2026-10-12', received: 4, concluded: 1 },
      { date: '2026-10-14', received: 1, concluded: 0 },
      { date: '2026-10-16', received: 1, concluded: 0 },
      { date: '2026-10-23', received: 0, concluded: 1 },
    ]);
    expect(view.byTownship.map((row) => row.orgId)).toEqual([a.township.id]);
    expect(view.byItem.map(({ itemCode, open, pre, yellow, red }) => ({ itemCode, open, pre, yellow, red }))).toEqual([
      { itemCode: 'ZJD-001', open: 3, pre: 1, yellow: 1, red: 1 },
    ]);
    expect(view.byItem[0]?.month.received).toBe(6);
    expect(view.byDepartment).toHaveLength(1);
    expect(view.byClerk.map(({ holderId, open, pre, yellow, red }) => ({ holderId, open, pre, yellow, red }))).toEqual([
      { holderId: a.window.id, open: 3, pre: 1, yellow: 1, red: 1 },
    ]);
    expect(view.hallWaiting).toBe(0);
    expect(view.voice).toEqual({
      ratings: 1,
      badRatings: 1,
      defaultedRatings: 0,
      satisfactionRate: 0,
      openRectifications: 1,
      openComplaints: 0,
    });
  });

  it("the county's supervisor sees every township; a township's own figures are the same inside the county's", async () => {
    const view = (await overview(county.supervisor.username)).json<OverviewView>();
    expect(view.org.id).toBe(county.county.id);
    expect(view.monthFigures.received).toBe(7);
    expect(view.cases).toEqual({ open: 4, pre: 1, yellow: 1, red: 2 });
    const byId = new Map(view.byTownship.map((row) => [row.orgId, row]));
    expect(byId.get(a.township.id)).toMatchObject({ open: 3, red: 1, month: { received: 6, concluded: 2 } });
    expect(byId.get(b.township.id)).toMatchObject({ open: 1, red: 1, pre: 0, yellow: 0, month: { received: 1 } });
    const ofA = (await overview(county.supervisor.username, a.township.code)).json<OverviewView>();
    expect(ofA.cases).toEqual({ open: 3, pre: 1, yellow: 1, red: 1 });
  });

  it("a township cannot see another township's or the county's overview (404, with the reason)", async () => {
    for (const code of [b.township.code, county.county.code, 'NO-SUCH-ORG']) {
      const response = await overview(a.director.username, code);
      expect(response.statusCode).toBe(404);
      const problem = response.json<{ code: string; detail: string }>();
      expect(problem.code).toBe('SUPERVISION_ORG_NOT_FOUND');
      expect(problem.detail).toContain('不在您的监察范围内');
    }
  });

  it('a village is not a center of its own (400), a window clerk may not read the overview (403), nor anyone signed out (401)', async () => {
    const village = await overview(county.supervisor.username, a.village.code);
    expect(village.statusCode).toBe(400);
    const problem = village.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('SUPERVISION_ORG_INVALID');
    expect(problem.detail).toContain('村级');
    expect((await overview(a.window.username)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/supervision/overview' })).statusCode).toBe(401);
    expect((await overview(county.supervisor.username, '<script>')).statusCode).toBe(400);
  });
});
