import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../../test/support/factories.ts';
import { residentId, uniqueMobile, uniqueResidentId } from '../../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { runWarningJob } from '../index.ts';

let env: TestEnv;
let county: CountyFixture;

interface Row {
  id: string;
  caseNo: string;
  status: string;
  due: string | null;
  decisionDueOn: string | null;
  warning: string;
  channel: string;
  itemCode: string;
  orgId: string;
  receivedOn: string;
  applicant: { name: string; idNumber: string; phone: string };
  holder: { id: string; name: string } | null;
}
interface Page {
  cases: Row[];
  nextCursor: string | null;
}
type Auth = { authorization: string };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  county = await createCounty(env);
});
afterAll(async () => env.close());

/** A township of its own with its clerk signed in. */
async function desk(): Promise<{ town: TownshipFixture; clerk: Auth }> {
  const town = await createTownship(env, county.county);
  return { town, clerk: await signIn(env, town.window.username) };
}

/** Every required material of the test items (test/support/catalog-items.ts), handed in, so a case can be accepted. */
const MATERIALS: Record<string, string[]> = {
  'GTZ-001': ['不动产登记申请书', '申请人居民身份证', '宅基地批准文件'],
  'TJ-001': ['调解申请书'],
  'GLJT-001': ['申请人居民身份证'],
  'LB-001': ['申请人居民身份证'],
};

interface Opened {
  id: string;
  caseNo: string;
  idNumber: string;
  phone: string;
}

async function open(
  clerk: Auth,
  options: { itemCode?: string; channel?: string; name?: string; idNumber?: string; phone?: string } = {},
): Promise<Opened> {
  const idNumber = options.idNumber ?? uniqueResidentId();
  const phone = options.phone ?? uniqueMobile();
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: {
      itemCode: options.itemCode ?? 'GTZ-001',
      channel: options.channel ?? 'window',
      applicant: { type: 'person', name: options.name ?? '韦光明', idNumber, phone },
      materials: (MATERIALS[options.itemCode ?? 'GTZ-001'] ?? []).map((name) => ({ name, received: true })),
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...response.json<{ id: string; caseNo: string }>(), idNumber, phone };
}

async function act(clerk: Auth, id: string, name: string, body: Record<string, unknown> = {}): Promise<void> {
  const current = await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk });
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/${name}`,
    headers: changeHeaders(clerk),
    payload: { version: current.json<{ version: number }>().version, ...body },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function list(auth: Auth, query: Record<string, string | number>): Promise<Page> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  const response = await env.app.inject({ method: 'GET', url: `/api/cases?${search.toString()}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

async function everyPage(auth: Auth, query: Record<string, string | number>): Promise<{ pages: number; ids: string[] }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page = await list(auth, { ...query, ...(cursor ? { cursor } : {}) });
    pages += 1;
    ids.push(...page.cases.map((row) => row.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages < 50);
  return { pages, ids };
}

describe('办件列表: keyset pages', () => {
  it('pages through every case with an opaque cursor, each once, and says when there is no more', async () => {
    const { clerk } = await desk();
    const opened = [];
    for (let i = 0; i < 7; i++) opened.push(await open(clerk));
    const first = await list(clerk, { limit: 3 });
    expect(first.cases).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const all = await everyPage(clerk, { limit: 3 });
    expect(all.pages).toBe(3);
    expect(new Set(all.ids).size).toBe(7);
    expect(all.ids.sort()).toEqual(opened.map((c) => c.id).sort());
    const exact = await list(clerk, { limit: 7 });
    expect(exact.cases).toHaveLength(7);
    expect(exact.nextCursor).toBeNull();
  });

  it('stays stable while new cases arrive between pages: nothing read twice, nothing skipped', async () => {
    const { clerk } = await desk();
    const before = [];
    for (let i = 0; i < 6; i++) before.push(await open(clerk));
    for (const sort of ['due', 'received'] as const) {
      const first = await list(clerk, { limit: 3, sort });
      await open(clerk);
      await open(clerk);
      const rest = await everyPage(clerk, { limit: 3, sort, cursor: first.nextCursor ?? '' });
      const seen = [...first.cases.map((row) => row.id), ...rest.ids];
      expect(new Set(seen).size).toBe(seen.length);
      for (const { id } of before) expect(seen).toContain(id);
    }
  });

  it('sorts open cases by due date first and finished ones after; received time newest first', async () => {
    const { clerk } = await desk();
    const later = await open(clerk, { itemCode: 'TJ-001' }); // 15 working days
    await act(clerk, later.id, 'accept');
    env.clock.advance(60_000);
    const sooner = await open(clerk, { itemCode: 'GTZ-001' }); // 5 working days
    await act(clerk, sooner.id, 'accept');
    env.clock.advance(60_000);
    const waiting = await open(clerk); // not accepted: sorted by its intake decision deadline (第32条: 5 working days)
    env.clock.advance(60_000);
    const done = await open(clerk, { itemCode: 'GLJT-001' }); // 即办件, concluded at once
    await act(clerk, done.id, 'accept');
    await act(clerk, done.id, 'conclude', { result: 'granted' });
    const rows = (await list(clerk, {})).cases;
    const byDue = rows.map((row) => row.id);
    // The received case's decision deadline is the accepted GTZ case's due date: both first, in id order.
    const soonerDue = rows.find((row) => row.id === sooner.id)?.due;
    expect(rows.find((row) => row.id === waiting.id)?.decisionDueOn).toBe(soonerDue);
    expect(byDue).toEqual([...[sooner.id, waiting.id].sort(), later.id, done.id]);
    const byReceived = (await list(clerk, { sort: 'received' })).cases.map((row) => row.id);
    expect(byReceived).toEqual([done.id, waiting.id, sooner.id, later.id]);
  });

  it('refuses a cursor it did not give out, or one of the other sort, naming the reason', async () => {
    const { clerk } = await desk();
    await open(clerk);
    await open(clerk);
    const dueCursor = (await list(clerk, { limit: 1 })).nextCursor ?? '';
    for (const url of [
      '/api/cases?cursor=not-a-cursor',
      `/api/cases?cursor=${Buffer.from(JSON.stringify({ s: 'due', v: [0, '2026-02-30', randomUUID()] })).toString('base64url')}`,
      `/api/cases?sort=received&cursor=${dueCursor}`,
    ]) {
      const response = await env.app.inject({ method: 'GET', url, headers: clerk });
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('CASE_LIST_CURSOR_INVALID');
    }
  });
});

describe('办件列表: search', () => {
  it('finds a case by its number exactly or by prefix, the applicant by name or the last 4 digits of the ID number or phone', async () => {
    const { clerk } = await desk();
    const idNumber = residentId(`45102919850312${String(Math.floor(Math.random() * 900) + 100)}`);
    const target = await open(clerk, { name: '覃美玲', idNumber, phone: uniqueMobile() });
    const other = await open(clerk, { name: '韦光明' });
    const found = async (q: string) => (await list(clerk, { q })).cases.map((row) => row.id);
    expect(await found(target.caseNo)).toEqual([target.id]);
    expect(await found(target.caseNo.slice(0, -1))).toContain(target.id);
    const day = target.caseNo.slice(0, target.caseNo.lastIndexOf('-') + 1);
    expect((await found(day)).sort()).toEqual([target.id, other.id].sort());
    expect(await found('覃美玲')).toEqual([target.id]);
    expect(await found('覃美')).toEqual([target.id]);
    expect(await found(idNumber.slice(-4).toLowerCase())).toEqual([target.id]);
    expect(await found(target.phone.slice(-4))).toEqual([target.id]);
    expect(await found(idNumber)).toEqual([target.id]);
    expect(await found(target.phone)).toEqual([target.id]);
    expect(await found('无此人')).toEqual([]);
    // Four characters are the last 4 of a number, never a prefix matching every case of the township.
    expect(await found(target.caseNo.slice(0, 4))).toEqual([]);
    // One character is a whole name only (no prefix bound in the statement): an answer, not a 500.
    expect(await found('0')).toEqual([]);
    expect(await found('覃')).toEqual([]);
  });

  it("never finds another township's case, by number or by name", async () => {
    const mine = await desk();
    const theirs = await desk();
    const foreign = await open(theirs.clerk, { name: '黄志强' });
    expect((await list(mine.clerk, { q: foreign.caseNo })).cases).toEqual([]);
    expect((await list(mine.clerk, { q: '黄志强' })).cases).toEqual([]);
    expect((await list(mine.clerk, { orgId: theirs.town.township.id })).cases).toEqual([]);
  });
});

describe('办件列表: filters and the holder', () => {
  it('filters by item, channel, handling, received date, township and holder; each row names its holder (经办人)', async () => {
    const { town, clerk } = await desk();
    const second = await createTownship(env, county.county);
    const admin = await signIn(env, county.admin.username);
    const plain = await open(clerk, { itemCode: 'GTZ-001' });
    const online = await open(clerk, { itemCode: 'TJ-001', channel: 'online' });
    // The next day (sessions signed in then: yesterday's have gone idle).
    env.clock.advance(24 * 3600_000);
    const joint = await open(await signIn(env, town.window.username), { itemCode: 'LB-001', channel: 'agent' });
    const elsewhere = await open(await signIn(env, second.window.username));
    env.clock.advance(-24 * 3600_000);
    const ids = async (auth: Auth, query: Record<string, string>) => (await list(auth, query)).cases.map((row) => row.id).sort();
    expect(await ids(clerk, { itemCode: 'TJ-001' })).toEqual([online.id]);
    expect(await ids(clerk, { channel: 'online' })).toEqual([online.id]);
    expect(await ids(clerk, { handling: 'joint' })).toEqual([joint.id]);
    expect(await ids(clerk, { from: '2026-10-16', to: '2026-10-16' })).toEqual([joint.id]);
    expect(await ids(clerk, { to: '2026-10-15' })).toEqual([plain.id, online.id].sort());
    const both = [town.township.id, second.township.id];
    expect(await ids(admin, { orgId: both[1] ?? '' })).toEqual([elsewhere.id]);
    expect(await ids(admin, { holder: town.window.id })).toEqual([plain.id, online.id, joint.id].sort());
    expect(await ids(admin, { holder: town.window.id, channel: 'agent' })).toEqual([joint.id]);
    const row = (await list(admin, { q: plain.caseNo })).cases[0];
    expect(row?.holder).toEqual({ id: town.window.id, name: '测试window_staff' });
  });

  it('filters by warning grade: the director sees who holds each yellow and red case', async () => {
    const { town, clerk: first } = await desk();
    let clerk = first;
    const late = await open(clerk, { itemCode: 'GTZ-001' });
    await act(clerk, late.id, 'accept'); // due 2026-10-22
    const fine = await open(clerk, { itemCode: 'TJ-001' });
    await act(clerk, fine.id, 'accept');
    const at = new Date('2026-10-23T09:00:00+08:00');
    env.clock.set(at);
    try {
      clerk = await signIn(env, town.window.username);
      const director = await signIn(env, town.director.username);
      await runWarningJob(env.db, at, env.caseDeps, env.ctx.auditKey);
      const overdue = await list(director, { warning: 'overdue' });
      expect(overdue.cases.map((row) => [row.id, row.warning, row.holder?.id])).toEqual([[late.id, 'yellow', town.window.id]]);
      expect((await list(director, { warning: 'yellow' })).cases.map((row) => row.id)).toEqual([late.id]);
      expect((await list(director, { warning: 'red' })).cases).toEqual([]);
      expect((await list(director, { warning: 'none', status: 'accepted' })).cases.map((row) => row.id)).toEqual([fine.id]);
      expect((await list(clerk, { mine: 'true', warning: 'any' })).cases.map((row) => row.id)).toEqual([late.id]);
    } finally {
      env.clock.set(new Date('2026-10-15T09:00:00+08:00'));
    }
  });

  it('filters by status and by the open and finished groups', async () => {
    const { clerk } = await desk();
    const open1 = await open(clerk);
    const concluded = await open(clerk, { itemCode: 'GLJT-001' });
    await act(clerk, concluded.id, 'accept');
    await act(clerk, concluded.id, 'conclude', { result: 'granted' });
    const ids = async (status: string) => (await list(clerk, { status })).cases.map((row) => row.id);
    expect(await ids('open')).toEqual([open1.id]);
    expect(await ids('finished')).toEqual([concluded.id]);
    expect(await ids('concluded')).toEqual([concluded.id]);
    expect(await ids('submitted')).toEqual([open1.id]);
  });
});
