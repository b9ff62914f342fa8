import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  TEST_PASSWORD,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { hashPassword } from '../auth/index.ts';
import { insertStaff } from './index.ts';

/** AB岗互补: B covers A's open cases while A is away; B's acts are B's; the case stays A's. */
let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let director: { authorization: string };
type Auth = { authorization: string };
interface Person {
  id: string;
  username: string;
  name: string;
}
interface StaffBody {
  id: string;
  version: number;
  backup: { id: string; name: string } | null;
  absence: { id: string; startsOn: string; endsOn: string; reason: string; isCurrent: boolean } | null;
}
interface ListedCase {
  id: string;
  assigneeId: string;
  status: string;
  backingUpFor: { id: string; name: string } | null;
}

const START = '2026-10-15T09:00:00+08:00'; // a Thursday
const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const ALL_MATERIALS = [
  { name: '农村宅基地和建房（规划许可）申请表', received: true },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
];

async function addWindowStaff(name: string, fixture = town): Promise<Person> {
  const username = `ab_${randomUUID().slice(0, 8)}`;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const id = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
    insertStaff(
      tx,
      {
        orgId: fixture.township.id,
        username,
        name,
        role: 'window_staff',
        phone: '',
        departmentId: fixture.departmentId,
        windowId: fixture.windowId,
        passwordHash,
        mustChangePassword: false,
      },
      env.clock.now(),
    ),
  );
  return { id, username, name };
}

async function staffOf(id: string, auth: Auth = director): Promise<StaffBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/staff/${id}`, headers: auth })).json<{ staff: StaffBody }>().staff;
}

async function setBackup(targetId: string, backupId: string | null, auth: Auth = director, version?: number) {
  const current = version ?? (await staffOf(targetId)).version;
  return env.app.inject({
    method: 'POST',
    url: `/api/staff/${targetId}/backup`,
    headers: changeHeaders(auth),
    payload: { version: current, backupId },
  });
}

function markAbsent(targetId: string, body: Record<string, unknown>, auth: Auth = director, key = randomUUID()) {
  return env.app.inject({
    method: 'POST',
    url: `/api/staff/${targetId}/absences`,
    headers: changeHeaders(auth, key),
    payload: { startsOn: '2026-10-15', endsOn: '2026-10-16', reason: '参加县里业务培训', ...body },
  });
}

function markReturned(targetId: string, auth: Auth = director) {
  return env.app.inject({ method: 'POST', url: `/api/staff/${targetId}/return`, headers: changeHeaders(auth), payload: {} });
}

async function openCase(auth: Auth): Promise<string> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(auth),
    payload: { itemCode: 'ZJD-001', applicant: APPLICANT, channel: 'window', materials: ALL_MATERIALS },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<{ id: string }>().id;
}

async function queueOf(auth: Auth, query = 'mine=true'): Promise<ListedCase[]> {
  const response = await env.app.inject({ method: 'GET', url: `/api/cases?${query}`, headers: auth });
  expect(response.statusCode).toBe(200);
  return response.json<{ cases: ListedCase[] }>().cases;
}

beforeAll(async () => {
  env = await createTestEnv({ now: START });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
});
beforeEach(async () => {
  env.clock.set(START);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

describe('setting the B post (设置B岗)', () => {
  it('a director sets and clears a backup; the staff view names it', async () => {
    const a = await addWindowStaff('王小梅');
    const b = await addWindowStaff('李春燕');
    const set = await setBackup(a.id, b.id);
    expect(set.statusCode).toBe(200);
    expect(set.json<{ staff: StaffBody }>().staff.backup).toEqual({ id: b.id, name: '李春燕' });
    const cleared = await setBackup(a.id, null);
    expect(cleared.json<{ staff: StaffBody }>().staff.backup).toBeNull();
  });

  it('refuses the person themselves, someone of another township, a disabled account and a stale version', async () => {
    const a = await addWindowStaff('王小梅');
    const self = await setBackup(a.id, a.id);
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: 'STAFF_SELF_ACTION' });
    const foreign = await setBackup(a.id, other.window.id);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ detail: string }>().detail).toContain('同一机构');
    const b = await addWindowStaff('李春燕');
    await env.app.inject({ method: 'POST', url: `/api/staff/${b.id}/disable`, headers: changeHeaders(director), payload: {} });
    expect((await setBackup(a.id, b.id)).json()).toMatchObject({ code: 'STAFF_INVALID' });
    const { version } = await staffOf(a.id);
    expect((await setBackup(a.id, town.window.id, director, version)).statusCode).toBe(200);
    const stale = await setBackup(a.id, null, director, version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: version + 1 });
  });

  it('window staff may not set anyone’s backup (403); another township’s director gets 404', async () => {
    const a = await addWindowStaff('王小梅');
    const clerk = await signIn(env, town.window.username);
    expect((await setBackup(a.id, town.window.id, clerk)).statusCode).toBe(403);
    const stranger = await signIn(env, other.director.username);
    const response = await setBackup(a.id, town.window.id, stranger, 1);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(a.id);
    expect((await staffOf(a.id)).backup).toBeNull();
  });
});

describe('absences (离岗) and the covering queue', () => {
  it('while A is away B’s queue holds A’s open cases marked “代 A”; B acts as B; A’s return takes them back', async () => {
    const a = await addWindowStaff('王小梅');
    const b = await addWindowStaff('李春燕');
    const authA = await signIn(env, a.username);
    const authB = await signIn(env, b.username);
    expect((await setBackup(a.id, b.id)).statusCode).toBe(200);
    const caseOfA = await openCase(authA);
    const caseOfB = await openCase(authB);

    expect((await queueOf(authB)).map((c) => c.id)).toEqual([caseOfB]);

    const absent = await markAbsent(a.id, { endsOn: '2026-10-16' });
    expect(absent.statusCode).toBe(201);
    expect(absent.json<{ staff: StaffBody }>().staff.absence).toMatchObject({
      startsOn: '2026-10-15',
      endsOn: '2026-10-16',
      isCurrent: true,
    });

    const queue = await queueOf(authB);
    expect(queue.map((c) => c.id).sort()).toEqual([caseOfA, caseOfB].sort());
    expect(queue.find((c) => c.id === caseOfA)).toMatchObject({ assigneeId: a.id, backingUpFor: { id: a.id, name: '王小梅' } });
    expect(queue.find((c) => c.id === caseOfB)?.backingUpFor).toBeNull();
    // The whole list marks it too; a third colleague's queue is untouched.
    expect((await queueOf(authB, 'limit=200')).find((c) => c.id === caseOfA)?.backingUpFor).toEqual({ id: a.id, name: '王小梅' });
    expect((await queueOf(await signIn(env, town.window.username))).map((c) => c.id)).not.toContain(caseOfA);

    const before = (await env.app.inject({ method: 'GET', url: `/api/cases/${caseOfA}`, headers: authB })).json<{ version: number }>();
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${caseOfA}/accept`,
      headers: changeHeaders(authB),
      payload: { version: before.version },
    });
    expect(accepted.statusCode).toBe(200);
    const view = accepted.json<{ assigneeId: string; events: { act: string; actorName: string }[] }>();
    expect(view.assigneeId).toBe(a.id);
    expect(view.events.at(-1)).toMatchObject({ act: 'accept', actorName: '李春燕' });
    const recorded = await env.db.transaction(SYSTEM_SCOPE, async (tx) => ({
      event: (await tx.query<{ actor_id: string }>(`select actor_id from case_events where case_id = $1 and act = 'accept'`, [caseOfA]))
        .rows,
      audit: (
        await tx.query<{ actor_id: string }>(`select actor_id from audit_log where action = 'case.accept' and target_id = $1`, [caseOfA])
      ).rows,
    }));
    expect(recorded).toEqual({ event: [{ actor_id: b.id }], audit: [{ actor_id: b.id }] });
    expect((await queueOf(authB)).find((c) => c.id === caseOfA)).toMatchObject({ status: 'accepted', backingUpFor: { id: a.id } });

    const back = await markReturned(a.id, authA);
    expect(back.statusCode).toBe(200);
    expect(back.json<{ staff: StaffBody }>().staff.absence).toBeNull();
    expect((await queueOf(authB)).map((c) => c.id)).toEqual([caseOfB]);
    expect((await queueOf(authA)).map((c) => c.id)).toEqual([caseOfA]);
    expect((await markReturned(a.id, authA)).json()).toMatchObject({ code: 'STAFF_NOT_ABSENT' });
  });

  it('after the end date A counts as present again; a planned absence starts covering on its first day', async () => {
    const a = await addWindowStaff('王小梅');
    const b = await addWindowStaff('李春燕');
    await setBackup(a.id, b.id);
    const caseOfA = await openCase(await signIn(env, a.username));
    expect((await markAbsent(a.id, { startsOn: '2026-10-15', endsOn: '2026-10-16' })).statusCode).toBe(201);
    const planned = await markAbsent(a.id, { startsOn: '2026-10-21', endsOn: '2026-10-22', reason: '参加镇党委会议' });
    expect(planned.statusCode).toBe(201);

    env.clock.set('2026-10-19T09:00:00+08:00');
    let authB = await signIn(env, b.username);
    expect((await queueOf(authB)).map((c) => c.id)).not.toContain(caseOfA);
    director = await signIn(env, town.director.username);
    expect((await staffOf(a.id)).absence).toMatchObject({ startsOn: '2026-10-21', isCurrent: false });

    env.clock.set('2026-10-21T09:00:00+08:00');
    authB = await signIn(env, b.username);
    expect((await queueOf(authB)).find((c) => c.id === caseOfA)?.backingUpFor).toMatchObject({ name: '王小梅' });
  });

  it('a return after days away keeps them on record and calls off an absence that began today', async () => {
    const a = await addWindowStaff('王小梅');
    await markAbsent(a.id, { startsOn: '2026-10-13', endsOn: '2026-10-20' });
    expect((await markReturned(a.id)).statusCode).toBe(200);
    const listed = await env.app.inject({ method: 'GET', url: `/api/staff/${a.id}/absences`, headers: director });
    expect(listed.json<{ absences: unknown[] }>().absences).toEqual([
      expect.objectContaining({ startsOn: '2026-10-13', endsOn: '2026-10-14', isCurrent: false }),
    ]);

    const today = await markAbsent(a.id, { startsOn: '2026-10-15', endsOn: '2026-10-15' });
    expect(today.statusCode).toBe(201);
    await markReturned(a.id);
    expect((await staffOf(a.id)).absence).toBeNull();
  });

  it('validates dates and reason, refuses overlaps, and cancels a planned absence', async () => {
    const a = await addWindowStaff('王小梅');
    const reversed = await markAbsent(a.id, { startsOn: '2026-10-20', endsOn: '2026-10-19' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('结束日期不能早于开始日期');
    expect((await markAbsent(a.id, { startsOn: '2026-02-30' })).statusCode).toBe(400);
    expect((await markAbsent(a.id, { reason: '长'.repeat(201) })).statusCode).toBe(400);
    expect((await markAbsent(a.id, { reason: '  ' })).statusCode).toBe(400);
    expect((await markAbsent(a.id, { startsOn: '2026-10-12', endsOn: '2026-10-14' })).json()).toMatchObject({ code: 'STAFF_INVALID' });

    const planned = (await markAbsent(a.id, { startsOn: '2026-10-20', endsOn: '2026-10-23' })).json<{ absence: { id: string } }>().absence;
    const overlap = await markAbsent(a.id, { startsOn: '2026-10-23', endsOn: '2026-10-26' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'STAFF_ABSENCE_OVERLAP' });

    const cancel = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${a.id}/absences/${planned.id}/cancel`,
      headers: changeHeaders(director),
      payload: {},
    });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json<{ staff: StaffBody }>().staff.absence).toBeNull();
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${a.id}/absences/${planned.id}/cancel`,
      headers: changeHeaders(director),
      payload: {},
    });
    expect(again.json()).toMatchObject({ code: 'STAFF_ABSENCE_NOT_FOUND' });
    expect((await markAbsent(a.id, { startsOn: '2026-10-23', endsOn: '2026-10-26' })).statusCode).toBe(201);
  });

  it('staff mark their own absence but not a colleague’s; another township’s director sees nothing', async () => {
    const a = await addWindowStaff('王小梅');
    const authA = await signIn(env, a.username);
    const own = await markAbsent(a.id, {}, authA);
    expect(own.statusCode).toBe(201);
    const colleague = await markAbsent(town.window.id, {}, authA);
    expect(colleague.statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/staff/${town.window.id}/absences`, headers: authA })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/staff/${a.id}/absences`, headers: authA })).statusCode).toBe(200);

    const stranger = await signIn(env, other.director.username);
    const absenceId = own.json<{ absence: { id: string } }>().absence.id;
    const probes = [
      await markAbsent(a.id, { startsOn: '2026-10-26', endsOn: '2026-10-26' }, stranger),
      await markReturned(a.id, stranger),
      await env.app.inject({ method: 'GET', url: `/api/staff/${a.id}/absences`, headers: stranger }),
      await env.app.inject({
        method: 'POST',
        url: `/api/staff/${a.id}/absences/${absenceId}/cancel`,
        headers: changeHeaders(stranger),
        payload: {},
      }),
      await env.app.inject({
        method: 'POST',
        url: `/api/staff/${other.window.id}/absences/${absenceId}/cancel`,
        headers: changeHeaders(stranger),
        payload: {},
      }),
    ];
    expect(probes.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404]);
    for (const probe of probes) expect(probe.body).not.toContain(absenceId);
    expect((await staffOf(a.id)).absence).toMatchObject({ id: absenceId, isCurrent: true });
  });

  it('replays the same key with the same answer and one row; another body under that key is refused', async () => {
    const a = await addWindowStaff('王小梅');
    const key = randomUUID();
    const first = await markAbsent(a.id, { reason: '事假' }, director, key);
    const second = await markAbsent(a.id, { reason: '事假' }, director, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const reused = await markAbsent(a.id, { reason: '病假' }, director, key);
    expect(reused.statusCode).toBe(422);
    const counts = await env.db.transaction(SYSTEM_SCOPE, async (tx) => ({
      absences: (await tx.query<{ n: number }>('select count(*)::int as n from staff_absences where staff_id = $1', [a.id])).rows[0]?.n,
      audit: (
        await tx.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'staff.mark_absent' and target_id = $1`, [
          a.id,
        ])
      ).rows[0]?.n,
    }));
    expect(counts).toEqual({ absences: 1, audit: 1 });
  });
});
