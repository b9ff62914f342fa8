import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';

/** 事中事后核查 of 告知承诺 and 失信记录 / 信用修复 (国办发〔2020〕42号; ADR 0024). */
let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
type Auth = { authorization: string };
let clerk: Auth;
let director: Auth;
let otherClerk: Auth;
let supervisorName = '';

const FORM = '农村宅基地和建房（规划许可）申请表';
const ID_CARD = '申请人居民身份证';
const HUKOU = '户口簿'; // 容缺 allowed
const NO_OTHER_PLOT = '申请人及家庭成员无其他宅基地的证明'; // 告知承诺 allowed

interface Task {
  id: string;
  caseId: string;
  materials: string[];
  dueOn: string;
  status: string;
  version: number;
}
interface Credit {
  id: string;
  caseNo: string;
  reason: string;
  repairedAt: string | null;
  version: number;
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' }); // a Thursday
  const created = await createCounty(env);
  const { county } = created;
  supervisorName = created.supervisor.username;
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
  otherClerk = await signIn(env, other.window.username);
});
afterAll(async () => env.close());

const applicant = (idNumber: string) => ({ type: 'person', name: '韦承诺', idNumber, phone: uniqueMobile(), address: '乐里镇弄瓦村' });

async function open(idNumber: string, materials: Record<string, unknown>[], auth: Auth = clerk) {
  return env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(auth, randomUUID()),
    payload: { itemCode: 'ZJD-001', applicant: applicant(idNumber), channel: 'window', materials },
  });
}

const COMMITTED = [
  { name: FORM, received: true },
  { name: ID_CARD, received: true },
  { name: HUKOU, received: true },
  { name: NO_OTHER_PLOT, received: false, byCommitment: true },
];

async function version(id: string, auth: Auth = clerk): Promise<number> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: auth })).json<{ version: number }>().version;
}

async function openAndAccept(idNumber: string): Promise<string> {
  const opened = await open(idNumber, COMMITTED);
  expect(opened.statusCode, opened.body).toBe(201);
  const { id } = opened.json<{ id: string }>();
  const accepted = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/accept`,
    headers: changeHeaders(clerk),
    payload: { version: await version(id) },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return id;
}

async function taskOf(caseId: string, auth: Auth = clerk): Promise<Task | undefined> {
  const response = await env.app.inject({ method: 'GET', url: `/api/case-verifications?status=all&caseId=${caseId}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ verifications: Task[] }>().verifications[0];
}

const outcome = (task: Task, payload: Record<string, unknown>, auth: Auth = clerk) =>
  env.app.inject({
    method: 'POST',
    url: `/api/case-verifications/${task.id}/outcome`,
    headers: changeHeaders(auth),
    payload: { version: task.version, ...payload },
  });

describe('事中事后核查', () => {
  it("opens a task at acceptance, due the item's 10 working days later, listing the committed materials", async () => {
    const id = await openAndAccept(uniqueResidentId());
    const task = await taskOf(id);
    expect(task).toMatchObject({ materials: [NO_OTHER_PLOT], dueOn: '2026-10-29', status: 'open' });
    const open = await env.app.inject({ method: 'GET', url: '/api/case-verifications', headers: director });
    expect(open.json<{ verifications: Task[] }>().verifications.map((t) => t.caseId)).toContain(id);
    // 电子监察 reads them too (the case page asks for them for whoever opens it).
    const supervised = await env.app.inject({ method: 'GET', url: '/api/case-verifications', headers: await signIn(env, supervisorName) });
    expect(supervised.statusCode, supervised.body).toBe(200);
    expect(supervised.json<{ verifications: Task[] }>().verifications.map((t) => t.caseId)).toContain(id);
    const todo = await env.app.inject({ method: 'GET', url: '/api/todo', headers: clerk });
    const section = todo
      .json<{ sections: { key: string; count: number; items: { id: string; due: string }[] }[] }>()
      .sections.find((s) => s.key === 'verifications');
    expect(section?.items).toContainEqual(expect.objectContaining({ id, due: '2026-10-29' }));
  });

  it('opens no task for a case without commitments', async () => {
    const opened = await open(uniqueResidentId(), [
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
      { name: HUKOU, received: true },
      { name: NO_OTHER_PLOT, received: true },
    ]);
    const { id } = opened.json<{ id: string }>();
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/accept`,
      headers: changeHeaders(clerk),
      payload: { version: 1 },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await taskOf(id)).toBeUndefined();
  });

  it('属实 closes the task; a stale version is refused with 409; a second outcome with 422', async () => {
    const task = (await taskOf(await openAndAccept(uniqueResidentId())))!;
    expect((await outcome({ ...task, version: task.version + 1 }, { outcome: 'true' })).statusCode).toBe(409);
    const closed = await outcome(task, { outcome: 'true' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'true', statusLabel: '属实' });
    expect((await outcome(closed.json<Task>(), { outcome: 'false', note: '再次核查' })).statusCode).toBe(422);
  });

  it('another township neither sees nor decides the task', async () => {
    const task = (await taskOf(await openAndAccept(uniqueResidentId())))!;
    const seen = await env.app.inject({ method: 'GET', url: '/api/case-verifications?status=all', headers: otherClerk });
    expect(seen.json<{ verifications: Task[] }>().verifications.map((t) => t.id)).not.toContain(task.id);
    expect((await outcome(task, { outcome: 'true' }, otherClerk)).statusCode).toBe(404);
  });
});

describe('失信记录 and 信用修复', () => {
  it('不实 revokes on the case, records bad credit, refuses the next commitment and 容缺 (even at another township) until repaired', async () => {
    const idNumber = uniqueResidentId();
    const caseId = await openAndAccept(idNumber);
    const task = (await taskOf(caseId))!;
    expect((await outcome(task, { outcome: 'false', note: '' })).statusCode).toBe(400);
    const falseOne = await outcome(task, { outcome: 'false', note: '经核实申请人另有宅基地一处' });
    expect(falseOne.statusCode, falseOne.body).toBe(200);
    const view = (await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: clerk })).json<{
      caseNo: string;
      events: { act: string; payload: Record<string, unknown> }[];
    }>();
    expect(view.events.at(-1)).toMatchObject({ act: 'verify-commitment', payload: { outcome: 'false', revoked: 'case' } });

    const records = await env.app.inject({ method: 'GET', url: `/api/bad-credit-records?idNumber=${idNumber}`, headers: director });
    const [record] = records.json<{ records: Credit[] }>().records;
    expect(record).toMatchObject({ caseNo: view.caseNo, repairedAt: null });
    expect(record?.reason).toContain('另有宅基地');
    const byCase = await env.app.inject({ method: 'GET', url: `/api/bad-credit-records?caseId=${caseId}`, headers: clerk });
    expect(byCase.json<{ records: Credit[] }>().records.map((r) => r.id)).toEqual([record?.id]);

    const refusedHere = await open(idNumber, COMMITTED);
    expect(refusedHere.statusCode).toBe(422);
    expect(refusedHere.json()).toMatchObject({ code: 'CASE_BAD_CREDIT' });
    expect(refusedHere.json<{ detail: string }>().detail).toContain(view.caseNo);
    expect((await open(idNumber, COMMITTED, otherClerk)).statusCode).toBe(422);

    // 容缺受理 is refused at acceptance; a case with every proof is still served.
    const plain = await open(idNumber, [
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
    ]);
    expect(plain.statusCode, plain.body).toBe(201);
    const plainId = plain.json<{ id: string }>().id;
    const pending = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${plainId}/accept-pending`,
      headers: changeHeaders(clerk),
      payload: { version: await version(plainId), pendingMaterials: [HUKOU], pendingDueOn: '2026-10-20' },
    });
    expect(pending.statusCode).toBe(422);
    expect(pending.json<{ detail: string }>().detail).toContain('容缺受理');

    // 信用修复: the clerk may not; the director does, with a reason; the exclusion lifts.
    const byClerk = await env.app.inject({
      method: 'POST',
      url: `/api/bad-credit-records/${record!.id}/repair`,
      headers: changeHeaders(clerk),
      payload: { version: record!.version, reason: '已主动纠正并作出信用承诺' },
    });
    expect(byClerk.statusCode).toBe(403);
    const repaired = await env.app.inject({
      method: 'POST',
      url: `/api/bad-credit-records/${record!.id}/repair`,
      headers: changeHeaders(director),
      payload: { version: record!.version, reason: '已主动纠正并作出信用承诺' },
    });
    expect(repaired.statusCode, repaired.body).toBe(200);
    expect(repaired.json<Credit>().repairedAt).not.toBeNull();
    expect((await open(idNumber, COMMITTED)).statusCode).toBe(201);
  });
});
