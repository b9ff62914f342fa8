import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { runWarningJob } from '../cases/index.ts';
import type { TodoView } from './schemas.ts';

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
type Auth = { authorization: string };
const ids: Record<'overdue' | 'dueSoon' | 'toAccept' | 'foreign' | 'folder', string> = {
  overdue: '',
  dueSoon: '',
  toAccept: '',
  foreign: '',
  folder: '',
};
let folderNo = '';

const GTZ = ['不动产登记申请书', '申请人居民身份证', '宅基地批准文件'];

async function open(clerk: Auth, accept: boolean): Promise<string> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: {
      itemCode: 'GTZ-001',
      applicant: { type: 'person', name: '韦光明', idNumber: uniqueResidentId(), phone: uniqueMobile() },
      materials: GTZ.map((name) => ({ name, received: true })),
    },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const { id } = opened.json<{ id: string }>();
  if (accept) {
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/accept`,
      headers: changeHeaders(clerk),
      payload: { version: 1 },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  // Due 10-22 (5 working days), overdue by 10-26; another township's too.
  ids.overdue = await open(await signIn(env, town.window.username), true);
  ids.foreign = await open(await signIn(env, other.window.username), true);
  // Due 10-27: one working day left on 10-26 (预警).
  env.clock.set('2026-10-20T09:00:00+08:00'); // sessions idle out: everyone signs in again that day
  ids.dueSoon = await open(await signIn(env, town.window.username), true);
  env.clock.set('2026-10-26T09:00:00+08:00');
  await runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
  // Received at the window today, not yet accepted; and a folder a village agent forwarded.
  ids.toAccept = await open(await signIn(env, town.window.username), false);
  const agent = await signIn(env, town.agent.username);
  const device = await env.app.inject({ method: 'POST', url: '/api/agency/devices', headers: changeHeaders(agent) });
  expect(device.statusCode, device.body).toBe(201);
  folderNo = `${device.json<{ prefix: string }>().prefix}-20261026-001`;
  const registered = await env.app.inject({
    method: 'POST',
    url: '/api/agency/requests',
    headers: changeHeaders(agent),
    payload: {
      requestNo: folderNo,
      villageId: town.village.id,
      itemCode: 'GTZ-001',
      applicant: { type: 'person', name: '覃美玲', idNumber: uniqueResidentId(), phone: uniqueMobile() },
      consent: true,
      materials: GTZ.map((name) => ({ name, received: true })),
    },
  });
  expect(registered.statusCode, registered.body).toBe(201);
  ids.folder = registered.json<{ id: string }>().id;
  const forwarded = await env.app.inject({
    method: 'POST',
    url: `/api/agency/requests/${ids.folder}/forward`,
    headers: changeHeaders(agent),
    payload: { version: registered.json<{ version: number }>().version },
  });
  expect(forwarded.statusCode, forwarded.body).toBe(200);
});
afterAll(async () => env.close());

async function todoOf(username: string): Promise<TodoView> {
  const response = await env.app.inject({ method: 'GET', url: '/api/todo', headers: await signIn(env, username) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TodoView>();
}

const summary = (todo: TodoView) =>
  Object.fromEntries(todo.sections.map((section) => [section.key, { count: section.count, ids: section.items.map((item) => item.id) }]));

describe('待办: the home page says what to do, per role', () => {
  it('gives the clerk their own warned cases, the cases received to accept and the folders to receive, each linked to its list', async () => {
    const todo = await todoOf(town.window.username);
    expect(todo.sections.map((section) => section.key)).toEqual(['overdue', 'due_soon', 'to_accept', 'agency_to_receive']);
    expect(summary(todo)).toEqual({
      overdue: { count: 1, ids: [ids.overdue] },
      due_soon: { count: 1, ids: [ids.dueSoon] },
      to_accept: { count: 1, ids: [ids.toAccept] },
      agency_to_receive: { count: 1, ids: [ids.folder] },
    });
    const overdue = todo.sections[0];
    expect(overdue?.items[0]).toMatchObject({ kind: 'case', warning: 'yellow', due: '2026-10-22', holder: { id: town.window.id } });
    expect(overdue?.link).toEqual({ path: '/cases', query: { warning: 'overdue', mine: 'true' } });
    expect(todo.sections[3]?.items[0]).toMatchObject({ kind: 'agency_request', number: folderNo, place: town.village.name });
    // The link opens the list with the same cases.
    const listed = await env.app.inject({
      method: 'GET',
      url: '/api/cases?warning=overdue&mine=true',
      headers: await signIn(env, town.window.username),
    });
    expect(listed.json<{ cases: { id: string }[] }>().cases.map((row) => row.id)).toEqual([ids.overdue]);
  });

  it('gives the director the center’s warned cases with their holders, and the extension requests awaiting approval', async () => {
    const todo = await todoOf(town.director.username);
    expect(todo.sections.map((section) => section.key)).toEqual([
      'overdue',
      'extension_requests',
      'due_soon',
      'to_accept',
      'agency_to_receive',
    ]);
    expect(todo.sections[1]).toMatchObject({ count: 0, link: { path: '/cases', query: { extension: 'requested' } } });
    expect(todo.sections[0]?.link.query).toEqual({ warning: 'overdue' });
    expect(todo.sections[0]?.items.map((item) => [item.id, item.holder?.id])).toEqual([[ids.overdue, town.window.id]]);
  });

  it("gives the supervisor the county's red and yellow cards, every township's", async () => {
    const todo = await todoOf(county.supervisor.username);
    const sections = summary(todo);
    expect(Object.keys(sections)).toEqual(['red', 'yellow', 'due_soon']);
    expect(sections.red?.count).toBe(0);
    expect(sections.yellow?.ids.sort()).toEqual([ids.overdue, ids.foreign].sort());
  });

  it("never counts another township's work, and is not the village agent's page", async () => {
    const todo = await todoOf(other.window.username);
    expect(summary(todo)).toMatchObject({
      overdue: { count: 1, ids: [ids.foreign] },
      to_accept: { count: 0 },
      agency_to_receive: { count: 0 },
    });
    const agent = await env.app.inject({ method: 'GET', url: '/api/todo', headers: await signIn(env, town.agent.username) });
    expect(agent.statusCode).toBe(403);
  });
});
