import { randomUUID } from 'node:crypto';
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
import { loadWorkCalendar } from './service.ts';

let env: TestEnv;
let county: CountyFixture;
let a: TownshipFixture;
let b: TownshipFixture;
let otherCounty: CountyFixture;
let x: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  a = await createTownship(env, county.county);
  b = await createTownship(env, county.county);
  otherCounty = await createCounty(env);
  x = await createTownship(env, otherCounty.county);
});
afterAll(async () => env.close());

interface Override {
  id: string;
  orgId: string;
  date: string;
  kind: string;
  name: string;
  version: number;
}

async function due(code: string, start: string, days: number): Promise<string> {
  const response = await env.app.inject({ method: 'GET', url: `/api/calendar/deadline?start=${start}&days=${String(days)}&org=${code}` });
  expect(response.statusCode).toBe(200);
  return response.json<{ due: string }>().due;
}

async function addOverride(username: string, body: Record<string, unknown>, key?: string) {
  const auth = await signIn(env, username);
  return env.app.inject({ method: 'POST', url: '/api/calendar/overrides', headers: changeHeaders(auth, key), payload: body });
}

describe('local overrides change only their own org and the orgs below', () => {
  it('a local holiday added to township A changes A’s deadlines (and its village’s) and not B’s', async () => {
    // Friday 2026-10-16: 乡镇物资交流会, a local day off in A only.
    const response = await addOverride(a.director.username, {
      orgId: a.township.id,
      date: '2026-10-16',
      kind: 'local_holiday',
      name: '物资交流会',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ override: Override }>().override).toMatchObject({
      orgId: a.township.id,
      date: '2026-10-16',
      kind: 'local_holiday',
      version: 1,
    });
    expect(await due(a.township.code, '2026-10-15', 1)).toBe('2026-10-19');
    expect(await due(a.village.code, '2026-10-15', 1)).toBe('2026-10-19');
    expect(await due(b.township.code, '2026-10-15', 1)).toBe('2026-10-16');
    expect(await due(b.village.code, '2026-10-15', 1)).toBe('2026-10-16');
    expect(await due(county.county.code, '2026-10-15', 1)).toBe('2026-10-16');
    const days = await env.app.inject({ method: 'GET', url: `/api/calendar/days?from=2026-10-16&to=2026-10-16&org=${a.village.code}` });
    expect(days.json()).toMatchObject({ days: [{ date: '2026-10-16', workday: false, kind: 'local_holiday', name: '物资交流会' }] });
  });

  it('a county override (壮族三月三, two days) is inherited by all its townships and villages, not by another county', async () => {
    for (const date of ['2026-04-20', '2026-04-21']) {
      const response = await addOverride(county.admin.username, {
        orgId: county.county.id,
        date,
        kind: 'local_holiday',
        name: '壮族三月三',
      });
      expect(response.statusCode).toBe(201);
    }
    for (const code of [county.county.code, a.township.code, a.village.code, b.township.code, b.village.code]) {
      expect(await due(code, '2026-04-17', 1)).toBe('2026-04-22');
    }
    expect(await due(x.township.code, '2026-04-17', 1)).toBe('2026-04-20');
    expect(await due(otherCounty.county.code, '2026-04-17', 1)).toBe('2026-04-20');
  });

  it('a township can work a day its county rests; the nearer org has the last word', async () => {
    const response = await addOverride(b.director.username, {
      orgId: b.township.id,
      date: '2026-04-21',
      kind: 'local_workday',
      name: '集中办公日',
    });
    expect(response.statusCode).toBe(201);
    expect(await due(b.township.code, '2026-04-17', 1)).toBe('2026-04-21');
    expect(await due(b.village.code, '2026-04-17', 1)).toBe('2026-04-21');
    expect(await due(a.township.code, '2026-04-17', 1)).toBe('2026-04-22');
    // A working Saturday of A counts for A.
    expect(
      (await addOverride(a.director.username, { orgId: a.township.id, date: '2026-11-07', kind: 'local_workday', name: '便民服务日' }))
        .statusCode,
    ).toBe(201);
    expect(await due(a.township.code, '2026-11-06', 1)).toBe('2026-11-07');
    expect(await due(b.township.code, '2026-11-06', 1)).toBe('2026-11-09');
  });

  it('lists the overrides that apply to an org, the county’s first', async () => {
    const auth = await signIn(env, a.director.username);
    const response = await env.app.inject({
      method: 'GET',
      url: `/api/calendar/overrides?orgId=${a.township.id}&year=2026`,
      headers: auth,
    });
    expect(response.statusCode).toBe(200);
    const overrides = response.json<{ overrides: (Override & { orgKind: string })[] }>().overrides;
    expect(overrides.map((o) => [o.orgKind, o.date])).toEqual([
      ['county', '2026-04-20'],
      ['county', '2026-04-21'],
      ['township', '2026-10-16'],
      ['township', '2026-11-07'],
    ]);
    const other = await env.app.inject({ method: 'GET', url: `/api/calendar/overrides?orgId=${b.township.id}`, headers: auth });
    expect(other.statusCode).toBe(404);
  });
});

describe('who may change the calendar', () => {
  it('a township of another county cannot add overrides to yours (404), nor can a neighbouring township', async () => {
    const foreign = await addOverride(x.director.username, {
      orgId: a.township.id,
      date: '2026-12-01',
      kind: 'local_holiday',
      name: '越权',
    });
    expect(foreign.statusCode).toBe(404);
    const neighbour = await addOverride(b.director.username, {
      orgId: a.township.id,
      date: '2026-12-01',
      kind: 'local_holiday',
      name: '越权',
    });
    expect(neighbour.statusCode).toBe(404);
    const toCounty = await addOverride(a.director.username, {
      orgId: county.county.id,
      date: '2026-12-01',
      kind: 'local_holiday',
      name: '越权',
    });
    expect(toCounty.statusCode).toBe(404);
    expect(await due(a.township.code, '2026-11-30', 1)).toBe('2026-12-01');
  });

  it('window staff and agents may not manage the calendar (403); a village uses its township’s (400)', async () => {
    expect(
      (await addOverride(a.window.username, { orgId: a.township.id, date: '2026-12-02', kind: 'local_holiday', name: '无权' })).statusCode,
    ).toBe(403);
    expect(
      (await addOverride(a.agent.username, { orgId: a.township.id, date: '2026-12-02', kind: 'local_holiday', name: '无权' })).statusCode,
    ).toBe(403);
    const village = await addOverride(a.director.username, {
      orgId: a.village.id,
      date: '2026-12-02',
      kind: 'local_holiday',
      name: '村里',
    });
    expect(village.statusCode).toBe(400);
    expect(village.json<{ detail: string }>().detail).toMatch(/沿用所属乡镇/);
  });

  it('row-level security refuses an insert for an org outside the scope even if the code forgot to check', async () => {
    const attempt = env.db.transaction({ kind: 'orgs', orgIds: [b.township.id] }, (tx) =>
      tx.query(
        `insert into calendar_overrides (org_id, on_date, kind, name, created_by, created_at) values ($1, '2026-12-03', 'local_holiday', 'x', $2, now())`,
        [a.township.id, b.director.id],
      ),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('validates the body in Chinese', async () => {
    const response = await addOverride(a.director.username, { orgId: a.township.id, date: '2026-02-30', kind: 'holiday', name: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(/日期应为有效日期/);
  });
});

describe('idempotency, conflicts, removal and audit', () => {
  it('replays an override creation with the same key: one row, the same answer', async () => {
    const key = randomUUID();
    const body = { orgId: a.township.id, date: '2026-12-24', kind: 'local_holiday', name: '重放测试' };
    const first = await addOverride(a.director.username, body, key);
    const second = await addOverride(a.director.username, body, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const rows = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ count: number }>(`select count(*)::int as count from calendar_overrides where org_id = $1 and on_date = '2026-12-24'`, [
        a.township.id,
      ]),
    );
    expect(rows.rows[0]?.count).toBe(1);
    const reused = await addOverride(a.director.username, { ...body, name: '另一个' }, key);
    expect(reused.statusCode).toBe(422);
  });

  it('refuses a second override on the same date (409)', async () => {
    const response = await addOverride(a.director.username, {
      orgId: a.township.id,
      date: '2026-12-24',
      kind: 'local_workday',
      name: '重复',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CALENDAR_OVERRIDE_EXISTS' });
  });

  it('removes an override with its version, restores the deadlines, and audits both acts', async () => {
    const created = await addOverride(a.director.username, {
      orgId: a.township.id,
      date: '2026-12-08',
      kind: 'local_holiday',
      name: '临时停办',
    });
    const { id, version } = created.json<{ override: Override }>().override;
    expect(await due(a.township.code, '2026-12-07', 1)).toBe('2026-12-09');
    const auth = await signIn(env, a.director.username);
    const stale = await env.app.inject({
      method: 'DELETE',
      url: `/api/calendar/overrides/${id}?version=${String(version + 1)}`,
      headers: changeHeaders(auth),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: version });
    const byNeighbour = await env.app.inject({
      method: 'DELETE',
      url: `/api/calendar/overrides/${id}?version=${String(version)}`,
      headers: changeHeaders(await signIn(env, b.director.username)),
    });
    expect(byNeighbour.statusCode).toBe(404);
    const removed = await env.app.inject({
      method: 'DELETE',
      url: `/api/calendar/overrides/${id}?version=${String(version)}`,
      headers: changeHeaders(auth),
    });
    expect(removed.statusCode).toBe(200);
    expect(await due(a.township.code, '2026-12-07', 1)).toBe('2026-12-08');
    const again = await env.app.inject({
      method: 'DELETE',
      url: `/api/calendar/overrides/${id}?version=${String(version)}`,
      headers: changeHeaders(auth),
    });
    expect(again.statusCode).toBe(404);
    // The date is free again, and the removed row is kept for history.
    expect(
      (await addOverride(a.director.username, { orgId: a.township.id, date: '2026-12-08', kind: 'local_workday', name: '补办' }))
        .statusCode,
    ).toBe(201);
    const audit = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ action: string }>(`select action from audit_log where target_id = $1 order by seq`, [id]),
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['calendar.override.create', 'calendar.override.remove']);
    const history = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ removed_by: string | null }>('select removed_by from calendar_overrides where id = $1', [id]),
    );
    expect(history.rows[0]?.removed_by).toBe(a.director.id);
  });
});

describe('loadWorkCalendar (public API for cases and agency)', () => {
  it('keeps the resolved calendar while nothing changes and reloads after a change', async () => {
    const first = await env.db.transaction(SYSTEM_SCOPE, (tx) => loadWorkCalendar(tx, a.village.id));
    const second = await env.db.transaction(SYSTEM_SCOPE, (tx) => loadWorkCalendar(tx, a.village.id));
    expect(second).toBe(first);
    expect(first.add('2026-10-15' as never, 1)).toBe('2026-10-19');
    expect(
      (await addOverride(a.director.username, { orgId: a.township.id, date: '2026-12-15', kind: 'local_holiday', name: '缓存测试' }))
        .statusCode,
    ).toBe(201);
    const third = await env.db.transaction(SYSTEM_SCOPE, (tx) => loadWorkCalendar(tx, a.village.id));
    expect(third).not.toBe(first);
    expect(third.isWorkingDay('2026-12-15' as never)).toBe(false);
  });

  it('refuses an unknown org', async () => {
    await expect(env.db.transaction(SYSTEM_SCOPE, (tx) => loadWorkCalendar(tx, randomUUID()))).rejects.toMatchObject({
      code: 'CALENDAR_ORG_NOT_FOUND',
    });
  });
});
