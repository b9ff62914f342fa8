import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { runWarningJob } from './index.ts';
import type { TodoView } from '../todo/schemas.ts';

/** 延期 (行政许可法 第四十二条): the clerk asks, the director approves or refuses; lateness stays on the record. */
let env: TestEnv;
let town: TownshipFixture;
let supervisorName = '';
type Auth = { authorization: string };
let clerk: Auth;
let director: Auth;

interface CaseBody {
  id: string;
  status: string;
  version: number;
  due: string | null;
  warning: string;
  extendedDays: number;
  allowedActs: string[];
  extensionRequest: { days: number; reason: string; requestedBy: string } | null;
  events: { act: string; actorName: string; payload: Record<string, unknown> }[];
  steps: { name: string; dueOn: string }[];
}

const START = '2026-10-15T09:00:00+08:00'; // a Thursday

beforeAll(async () => {
  // The warning job reads every tenant's cases: on a shared PostgreSQL it would grade other files' cases at this file's clock.
  env = await createTestEnv({ now: START, isolated: true });
  const created = await createCounty(env);
  supervisorName = created.supervisor.username;
  town = await createTownship(env, created.county);
  await travel(START);
});
afterAll(async () => env.close());
afterEach(async () => travel(START));

async function travel(at: string): Promise<void> {
  env.clock.set(at);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
}

async function get(id: string, auth: Auth = clerk): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: auth })).json<CaseBody>();
}

function act(id: string, name: string, body: Record<string, unknown>, auth: Auth = clerk) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(auth), payload: body });
}

async function openAndAccept(): Promise<CaseBody> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: {
      itemCode: 'LB-001',
      applicant: { type: 'person', name: '韦光明', idNumber: uniqueResidentId(), phone: uniqueMobile() },
      channel: 'window',
      materials: [{ name: '申请人居民身份证', received: true }],
    },
  });
  if (opened.statusCode !== 201) throw new Error(opened.body);
  const { id, version } = opened.json<{ id: string; version: number }>();
  const accepted = await act(id, 'accept', { version });
  if (accepted.statusCode !== 200) throw new Error(accepted.body);
  return accepted.json<CaseBody>();
}

async function requestExtension(view: CaseBody, days = 5): Promise<CaseBody> {
  const requested = await act(view.id, 'request-extension', { version: view.version, days, reason: '需入户核查家庭经济状况' });
  expect(requested.statusCode, requested.body).toBe(200);
  return requested.json<CaseBody>();
}

async function todoCount(auth: Auth): Promise<number | undefined> {
  const todo = (await env.app.inject({ method: 'GET', url: '/api/todo', headers: auth })).json<TodoView>();
  return todo.sections.find((section) => section.key === 'extension_requests')?.count;
}

describe('the acts offered are those this person may take now', () => {
  it('a clerk may ask for an extension, the director may extend or decide a request, a supervisor may do nothing', async () => {
    const accepted = await openAndAccept();
    const clerkActs = (await get(accepted.id, clerk)).allowedActs;
    expect(clerkActs).toContain('request-extension');
    expect(clerkActs).not.toContain('extend');
    expect(clerkActs).not.toContain('approve-extension');
    const directorActs = (await get(accepted.id, director)).allowedActs;
    expect(directorActs).toContain('extend');
    expect(directorActs).not.toContain('request-extension');
    expect(directorActs).not.toContain('approve-extension');
    expect((await get(accepted.id, await signIn(env, supervisorName))).allowedActs).toEqual([]);

    await requestExtension(accepted);
    const pendingForClerk = (await get(accepted.id, clerk)).allowedActs;
    expect(pendingForClerk).not.toContain('request-extension');
    expect(pendingForClerk).not.toContain('approve-extension');
    const pendingForDirector = (await get(accepted.id, director)).allowedActs;
    expect(pendingForDirector).toEqual(expect.arrayContaining(['approve-extension', 'refuse-extension']));
    expect(pendingForDirector).not.toContain('extend');
  });
});

describe('request → approve or refuse (第四十二条)', () => {
  it('the clerk asks, cannot approve (403); the director approves from the to-do: the limit moves, open steps move, the applicant is told', async () => {
    const accepted = await openAndAccept();
    const withStep = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/steps`,
      headers: changeHeaders(clerk),
      payload: { version: accepted.version, steps: [{ name: '民政审核', departmentId: town.departmentId, days: 3 }] },
    });
    expect(withStep.statusCode, withStep.body).toBe(201);
    const before = withStep.json<CaseBody>();
    const directorTodoBefore = (await todoCount(director)) ?? 0;

    const requested = await requestExtension(before);
    expect(requested.due).toBe(before.due);
    expect(requested.extensionRequest).toMatchObject({ days: 5, reason: '需入户核查家庭经济状况' });
    expect(await todoCount(director)).toBe(directorTodoBefore + 1);
    expect(await todoCount(clerk)).toBeUndefined();

    const byClerk = await act(accepted.id, 'approve-extension', { version: requested.version });
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json<{ detail: string }>().detail).toContain('主任');
    expect((await act(accepted.id, 'extend', { version: requested.version, days: 5, reason: '自行延期' })).statusCode).toBe(403);

    const approved = await act(accepted.id, 'approve-extension', { version: requested.version, note: '同意' }, director);
    expect(approved.statusCode, approved.body).toBe(200);
    const view = approved.json<CaseBody>();
    expect(view.extendedDays).toBe(5);
    expect(view.extensionRequest).toBeNull();
    expect(view.due).not.toBe(before.due);
    expect(view.steps[0]?.dueOn).not.toBe(before.steps[0]?.dueOn);
    expect(view.events.map((event) => event.act).slice(-2)).toEqual(['request-extension', 'approve-extension']);
    expect(view.events.at(-1)?.payload).toMatchObject({ days: 5, previousDue: before.due, dueOn: view.due });
    expect(await todoCount(director)).toBe(directorTodoBefore);
    expect(view.allowedActs).not.toContain('request-extension');

    const audit = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ action: string }>(`select action from audit_log where target_id = $1 and action like 'case.%extension' order by at`, [
        accepted.id,
      ]),
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['case.request-extension', 'case.approve-extension']);
    const sms = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ message: string }>(`select message from outbox where case_id = $1 and message like '%延期%'`, [accepted.id]),
    );
    expect(sms.rows).toHaveLength(1);
    expect(sms.rows[0]?.message).toContain(view.due ?? '');

    const notice = await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}/notices/extended`, headers: clerk });
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
  });

  it('the director refuses with a reason: the limit stays, both recorded, and the clerk may ask again', async () => {
    const accepted = await openAndAccept();
    const requested = await requestExtension(accepted);
    expect((await act(accepted.id, 'refuse-extension', { version: requested.version, reason: '' }, director)).statusCode).toBe(400);
    const refused = await act(accepted.id, 'refuse-extension', { version: requested.version, reason: '材料已齐，应按期办结' }, director);
    expect(refused.statusCode, refused.body).toBe(200);
    const view = refused.json<CaseBody>();
    expect(view).toMatchObject({ due: accepted.due, extendedDays: 0, extensionRequest: null });
    expect(view.events.at(-1)).toMatchObject({ act: 'refuse-extension', payload: { reason: '材料已齐，应按期办结', days: 5 } });
    expect((await get(accepted.id, clerk)).allowedActs).toContain('request-extension');
    const notice = await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}/notices/extended`, headers: clerk });
    expect(notice.statusCode).toBe(422);
  });

  it('a request lapses when the case is concluded, so it leaves the director’s to-do', async () => {
    const accepted = await openAndAccept();
    const before = (await todoCount(director)) ?? 0;
    const requested = await requestExtension(accepted);
    expect(await todoCount(director)).toBe(before + 1);
    const concluded = await act(accepted.id, 'conclude', { version: requested.version, result: 'granted' });
    expect(concluded.statusCode, concluded.body).toBe(200);
    expect(concluded.json<CaseBody>().extensionRequest).toBeNull();
    expect(await todoCount(director)).toBe(before);
  });
});

describe('lateness stays on the record (第四十二条: an extension is decided before the limit passes)', () => {
  it('a case already late is not extended, and its card stays', async () => {
    const accepted = await openAndAccept();
    const requested = await requestExtension(accepted);
    const due = accepted.due ?? '';
    // Two weeks after the limit: the warning job has carded it.
    const late = new Date(`${due}T09:00:00+08:00`);
    late.setUTCDate(late.getUTCDate() + 14);
    await travel(late.toISOString());
    await runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
    const carded = await get(accepted.id, director);
    expect(carded.warning).toBe('red');
    const approve = await act(accepted.id, 'approve-extension', { version: carded.version }, director);
    expect(approve.statusCode).toBe(422);
    expect(approve.json()).toMatchObject({ code: 'CASE_EXTENSION_LATE' });
    expect(approve.json<{ detail: string }>().detail).toContain('超期');
    const answered = await act(accepted.id, 'refuse-extension', { version: carded.version, reason: '已超期' }, director);
    expect(answered.statusCode, answered.body).toBe(200);
    const extend = await act(accepted.id, 'extend', { version: answered.json<CaseBody>().version, days: 5, reason: '补救' }, director);
    expect(extend.json()).toMatchObject({ code: 'CASE_EXTENSION_LATE' });
    const after = await get(accepted.id, director);
    expect(after).toMatchObject({ warning: 'red', due, extendedDays: 0 });
    expect(requested.extensionRequest).not.toBeNull();
  });
});
