import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { workflowDeps } from '../../server/deps.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { seedDemoCatalog } from '../catalog/index.ts';
import type { AgencyRequestView } from './schemas.ts';

/** 办理情形 in the village (issue 11 item 1): the agent ticks them, the window's case carries them. */
const APPLICANT = { type: 'person', name: '黄秀兰', idNumber: '451029198503120017', phone: '13977612345', address: '测试村 3 组' };
const DISABLED = '家庭成员中有残疾人';
const ALWAYS = ['最低生活保障申请书', '申请人居民身份证', '户口簿', '家庭经济状况核对授权书'];

let env: TestEnv;
let town: TownshipFixture;
let agent: { authorization: string };
let window: { authorization: string };
let prefix: string;
let sequence = 0;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00', ...workflowDeps() });
  const county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
  agent = await signIn(env, town.agent.username);
  window = await signIn(env, town.window.username);
  const device = await env.app.inject({ method: 'POST', url: '/api/agency/devices', headers: changeHeaders(agent) });
  prefix = device.json<{ prefix: string }>().prefix;
});
afterAll(async () => env.close());

const register = (situations: string[]) =>
  env.app.inject({
    method: 'POST',
    url: '/api/agency/requests',
    headers: changeHeaders(agent, randomUUID()),
    payload: {
      requestNo: `${prefix}-20261015-${String((sequence += 1)).padStart(3, '0')}`,
      villageId: town.village.id,
      itemCode: 'DB-001',
      applicant: APPLICANT,
      consent: true,
      situations,
      materials: ALWAYS.map((name) => ({ name, received: true })),
    },
  });

describe('代办登记 with 办理情形', () => {
  it('offers the guide situations with each material’s, and carries the ticked ones to the case the window opens', async () => {
    const items = await env.app.inject({ method: 'GET', url: '/api/agency/items', headers: agent });
    const item = items
      .json<{ items: { code: string; situations: string[]; materials: { name: string; situations: string[] }[] }[] }>()
      .items.find((candidate) => candidate.code === 'DB-001');
    expect(item?.situations).toEqual([DISABLED, '家庭成员患重大疾病']);
    expect(item?.materials.find((m) => m.name === '残疾人证')?.situations).toEqual([DISABLED]);
    // The catalog's search key travels along, so the offline picker finds 低保 by pinyin and initials.
    const key = (item as unknown as { searchKey: string }).searchKey.split(' ');
    expect(key).toEqual(expect.arrayContaining(['低保', 'dibao', 'zdshbzsq', 'db001']));

    const created = await register([DISABLED]);
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<AgencyRequestView>();
    expect(request.situations).toEqual([DISABLED]);
    expect(request.materials.find((m) => m.name === '残疾人证')).toMatchObject({ required: true });
    expect(request.materials.find((m) => m.name.startsWith('疾病诊断证明'))).toMatchObject({ required: false });
    const received = await env.app.inject({
      method: 'POST',
      url: `/api/agency/requests/${request.id}/receive`,
      headers: changeHeaders(window),
      payload: { version: request.version, scanned: true },
    });
    expect(received.statusCode, received.body).toBe(200);
    const caseId = received.json<AgencyRequestView>().case?.id ?? '';
    const opened = await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: window });
    expect(opened.json<{ situations: string[] }>().situations).toEqual([DISABLED]);
  });

  it('refuses a situation the guide does not list', async () => {
    const refused = await register(['离异单亲']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ detail: string }>().detail).toContain('“离异单亲”不是事项“最低生活保障申请”的办理情形');
  });
});
