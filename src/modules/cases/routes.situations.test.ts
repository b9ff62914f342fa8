import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { demoCatalogContents } from '../catalog/demo/seed.ts';
import type { ItemContent } from '../catalog/schemas.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { toNoticeData } from './notice-documents/data.ts';
import { noticeLines } from './notice-documents/pdf.ts';
import * as repo from './repo.ts';

/** 办理情形 (issue 11 item 1): the clerk ticks the applicant's situations; the checklist follows. */
let env: TestEnv;
let clerk: { authorization: string };

const APPLICANT = { type: 'person', name: '黄秀兰', idNumber: '451029198503120017', phone: '13977610088', address: '乐里镇弄瓦村' };
const DISABLED = '家庭成员中有残疾人';
const ILL = '家庭成员患重大疾病';
const ALWAYS = ['最低生活保障申请书', '申请人居民身份证', '户口簿', '家庭经济状况核对授权书'];

interface CaseBody {
  id: string;
  version: number;
  status: string;
  situations: string[];
  materials: { name: string; required: boolean; received: boolean }[];
  events: { act: string; payload: Record<string, unknown> }[];
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county, admin } = await createCounty(env);
  const town = await createTownship(env, county);
  const adminAuth = await signIn(env, admin.username);
  // 最低生活保障申请 as the demo catalog publishes it: 残疾人证 and 疾病诊断证明 each apply to one situation.
  const content = structuredClone(demoCatalogContents().find((item) => item.code === 'DB-001') as ItemContent);
  const draft = await env.app.inject({
    method: 'POST',
    url: '/api/items',
    headers: changeHeaders(adminAuth),
    payload: { orgId: county.id, content },
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const { item } = draft.json<{ item: { id: string; version: number } }>();
  const published = await env.app.inject({
    method: 'POST',
    url: `/api/items/${item.id}/publish`,
    headers: changeHeaders(adminAuth),
    payload: { version: item.version },
  });
  expect(published.statusCode, published.body).toBe(200);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

async function open(situations: string[] | undefined, received: string[]) {
  return env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: {
      itemCode: 'DB-001',
      applicant: APPLICANT,
      channel: 'window',
      ...(situations ? { situations } : {}),
      materials: received.map((name) => ({ name, received: true })),
    },
  });
}

async function get(id: string): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<CaseBody>();
}

async function accept(view: CaseBody) {
  return env.app.inject({
    method: 'POST',
    url: `/api/cases/${view.id}/accept`,
    headers: changeHeaders(clerk),
    payload: { version: view.version },
  });
}

describe('办理情形 at intake', () => {
  it('a 低保 case with none of the situational materials is accepted when no situation applies', async () => {
    const opened = await open(undefined, ALWAYS);
    expect(opened.statusCode, opened.body).toBe(201);
    const view = await get(opened.json<{ id: string }>().id);
    expect(view.situations).toEqual([]);
    expect(view.materials.map((m) => m.name)).toEqual(ALWAYS);
    const accepted = await accept(view);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<CaseBody>().status).toBe('accepted');
  });

  it('a chosen situation makes its material required and is stored on the case and its intake event', async () => {
    const opened = await open([DISABLED], ALWAYS);
    expect(opened.statusCode, opened.body).toBe(201);
    const view = await get(opened.json<{ id: string }>().id);
    expect(view.situations).toEqual([DISABLED]);
    expect(view.materials.find((m) => m.name === '残疾人证')).toMatchObject({ required: true, received: false });
    expect(view.materials.some((m) => m.name.startsWith('疾病诊断证明'))).toBe(false);
    expect(view.events[0]?.payload.situations).toEqual([DISABLED]);
    // The material of the chosen situation is missing: acceptance stays blocked by it alone.
    const refused = await accept(view);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    // The 一次性告知书 names the situation its list was drawn for.
    const notified = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${view.id}/request-supplement`,
      headers: changeHeaders(clerk),
      payload: { version: view.version, materials: [{ name: '残疾人证', reason: '未提供' }] },
    });
    expect(notified.statusCode, notified.body).toBe(200);
    const lines = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
      const record = await repo.findCase(tx, view.id);
      if (!record) throw new Error('case missing');
      const center = { name: '乐里镇便民服务中心', address: '', phone: '' };
      return noticeLines(toNoticeData('supplement', record, await repo.listCaseEvents(tx, view.id), center));
    });
    expect(lines).toContain(`办理情形：${DISABLED}`);
    expect(lines).toContain('1. 残疾人证：未提供');
  });

  it('stores the situations in the guide order, and keeps a material of an unchosen situation handed in anyway as not required', async () => {
    const opened = await open([ILL, DISABLED, ILL], [...ALWAYS, '残疾人证']);
    const view = await get(opened.json<{ id: string }>().id);
    expect(view.situations).toEqual([DISABLED, ILL]);
    const other = await open([], [...ALWAYS, '残疾人证']);
    const kept = await get(other.json<{ id: string }>().id);
    expect(kept.materials.find((m) => m.name === '残疾人证')).toMatchObject({ required: false, received: true });
  });

  it('refuses a situation the guide does not list, in Chinese, naming it', async () => {
    const refused = await open(['离异单亲'], ALWAYS);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ detail: string }>().detail).toContain('“离异单亲”不是事项“最低生活保障申请”的办理情形');
  });
});
