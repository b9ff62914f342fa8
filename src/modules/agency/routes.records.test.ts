import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { workflowDeps } from '../../server/deps.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { insertOrg } from '../org/index.ts';
import { seedDemoCatalog } from '../catalog/index.ts';
import { genuinePng } from '../files/fixtures.ts';
import type { AgencyRequestView, AgentMonthView, ConsultationView, DeclineView } from './schemas.ts';

/** What an agent keeps on the device, what they log besides requests, and the folder's label. */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let agent: { authorization: string };
let window: { authorization: string };
let secondVillage: string;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-10T09:00:00+08:00', ...workflowDeps() });
  county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  secondVillage = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    await seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() });
    const village = await insertOrg(
      tx,
      {
        code: `${town.township.code.slice(0, 9)}202`,
        kind: 'village',
        parentId: town.township.id,
        name: '第二测试村',
        address: '',
        phone: '',
        officeHours: [],
        isEthnic: false,
      },
      env.clock.now(),
    );
    await tx.query('insert into agent_villages (agent_id, village_id, org_id) values ($1, $2, $2)', [town.agent.id, village.id]);
    return village.id;
  });
  agent = await signIn(env, town.agent.username);
  window = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

const post = (url: string, payload: Record<string, unknown>, auth = agent) =>
  env.app.inject({ method: 'POST', url, headers: changeHeaders(auth), payload });
const get = (url: string, auth = window) => env.app.inject({ method: 'GET', url, headers: auth });

describe('what the agent app keeps offline', () => {
  it('the profile lists the agent’s own village and the one they cover, with the county’s leg limits', async () => {
    const me = (await get('/api/agency/me', agent)).json<{
      villages: { id: string; name: string }[];
      legLimits: { forwardDays: number };
    }>();
    expect(me.villages.map((village) => village.id).sort()).toEqual([town.village.id, secondVillage].sort());
    expect(me.legLimits).toEqual({ forwardDays: 2, receiveDays: 1, returnDays: 3, notifyDays: 2 });
    expect((await get('/api/agency/me', window)).statusCode).toBe(403);
  });

  it('lists only items a village agent may carry, each with its materials', async () => {
    const { items } = (await get('/api/agency/items', agent)).json<{ items: { code: string; materials: { name: string }[] }[] }>();
    const codes = items.map((item) => item.code);
    expect(codes).toContain('JYKN-001');
    expect(codes).not.toContain('DWJY-001');
    expect(items.find((item) => item.code === 'JYKN-001')?.materials.map((m) => m.name)).toContain('申请人居民身份证');
  });

  it('registers in a covered village; the township sees it', async () => {
    const { prefix } = (await post('/api/agency/devices', {})).json<{ prefix: string }>();
    const created = await post('/api/agency/requests', {
      requestNo: `${prefix}-20261110-001`,
      villageId: secondVillage,
      itemCode: 'JYKN-001',
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
      consent: true,
      registeredAt: '2026-11-09T16:30:00+08:00',
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<AgencyRequestView>();
    expect(request.village.name).toBe('第二测试村');
    expect(request.registeredAt).toBe('2026-11-09T08:30:00.000Z');
    // Registered offline on Monday 11-09: due 2 working days later, whenever it reached the server.
    expect(request.legs[0]?.dueOn).toBe('2026-11-11');
    const list = (await get('/api/agency/requests?open=true')).json<{ requests: AgencyRequestView[] }>().requests;
    expect(list.map((r) => r.id)).toContain(request.id);
    const label = await get(`/api/agency/requests/${request.id}/label.pdf`);
    expect(label.statusCode).toBe(200);
    expect(label.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const future = await post('/api/agency/requests', {
      requestNo: `${prefix}-20261110-002`,
      villageId: town.village.id,
      itemCode: 'JYKN-001',
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
      consent: true,
      registeredAt: '2026-11-12T09:00:00+08:00',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ detail: string }>().detail).toContain('设备时间');
  });
});

describe('villages an agent covers', () => {
  it('a director assigns them; the agent’s next sign-in sees them; another township’s village is refused', async () => {
    const director = await signIn(env, town.director.username);
    const url = `/api/agency/agents/${town.agent.id}/villages`;
    const put = (villageIds: string[], auth = director) =>
      env.app.inject({ method: 'PUT', url, headers: changeHeaders(auth), payload: { villageIds } });
    expect((await put([])).statusCode).toBe(200);
    expect((await get('/api/agency/me', agent)).json<{ villages: unknown[] }>().villages).toHaveLength(1);
    expect((await put([secondVillage])).json<{ villageIds: string[] }>().villageIds).toEqual([secondVillage]);
    expect((await get('/api/agency/me', agent)).json<{ villages: unknown[] }>().villages).toHaveLength(2);
    const other = await createTownship(env, county.county);
    expect((await put([other.village.id])).statusCode).toBe(403);
    expect((await put([secondVillage], window)).statusCode).toBe(403);
  });
});

describe('不能代办 and 咨询登记', () => {
  it('records both, lists them by month, and counts them on the agent’s month', async () => {
    const declined = await post('/api/agency/declines', {
      villageId: town.village.id,
      itemName: '动物产地检疫',
      itemCode: 'DWJY-001',
      applicantName: '韦光明',
      reason: '须官方兽医现场检疫，不在代办范围',
    });
    expect(declined.statusCode, declined.body).toBe(201);
    const key = randomUUID();
    const ask = {
      villageId: town.village.id,
      channel: 'phone',
      askerName: '黄大姐',
      question: '低保怎么申请？',
      answer: '带户口簿和身份证到村里登记，我代办。',
    };
    const first = await env.app.inject({
      method: 'POST',
      url: '/api/agency/consultations',
      headers: changeHeaders(agent, key),
      payload: ask,
    });
    const replay = await env.app.inject({
      method: 'POST',
      url: '/api/agency/consultations',
      headers: changeHeaders(agent, key),
      payload: ask,
    });
    expect(replay.json<ConsultationView>().id).toBe(first.json<ConsultationView>().id);
    expect(
      (await post('/api/agency/declines', { villageId: town.village.id, itemName: '', applicantName: '韦光明', reason: '' })).statusCode,
    ).toBe(400);

    const declines = (await get('/api/agency/declines?month=2026-11')).json<{ declines: DeclineView[] }>().declines;
    expect(declines.map((d) => d.reason)).toContain('须官方兽医现场检疫，不在代办范围');
    expect((await get('/api/agency/declines?month=2026-10')).json<{ declines: DeclineView[] }>().declines).toEqual([]);
    const consultations = (await get('/api/agency/consultations?month=2026-11')).json<{ consultations: ConsultationView[] }>()
      .consultations;
    expect(consultations).toHaveLength(1);
    const month = (await get('/api/agency/performance?month=2026-11')).json<{ agents: AgentMonthView[] }>().agents;
    expect(month.find((row) => row.agentId === town.agent.id)).toMatchObject({
      declined: 1,
      consultations: 1,
      requests: 1,
      onTimeRate: null,
    });
    expect((await get('/api/agency/performance?month=2026-13')).statusCode).toBe(400);
    // Without a month: the server's month (its clock, not the browser's).
    expect((await get('/api/agency/performance')).json<{ month: string }>().month).toBe('2026-11');
    expect((await get('/api/agency/performance?month=2026-11', agent)).statusCode).toBe(403);
  });

  it('prints the label (QR code) and the agents’ workbook on the heavy-work pool (CONVENTIONS 16)', async () => {
    const { prefix } = (await post('/api/agency/devices', {})).json<{ prefix: string }>();
    const created = await post('/api/agency/requests', {
      requestNo: `${prefix}-20261110-003`,
      villageId: town.village.id,
      itemCode: 'JYKN-001',
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
      consent: true,
      registeredAt: '2026-11-10T08:30:00+08:00',
    });
    expect(created.statusCode, created.body).toBe(201);
    const run = vi.spyOn(env.ctx.heavy, 'run');
    try {
      const label = await get(`/api/agency/requests/${created.json<AgencyRequestView>().id}/label.pdf`);
      expect(label.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const sheet = await get('/api/agency/performance.xlsx?month=2026-11');
      expect(sheet.statusCode).toBe(200);
      expect(sheet.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(run.mock.calls.map(([task]) => task.exportName)).toEqual(['requestLabelPdf', 'agentMonthWorkbook']);
    } finally {
      run.mockRestore();
    }
  });
});

// Last: this request would count on the agent's month above.
describe('photos of a registration in a covered village', () => {
  it('registers in a covered village with a photo the agent took (stored under their home village); another township’s file is refused', async () => {
    const { prefix } = (await post('/api/agency/devices', {})).json<{ prefix: string }>();
    const upload = async (auth: { authorization: string }) => {
      const response = await env.app.inject({
        method: 'POST',
        url: `/api/files?name=${encodeURIComponent('身份证.png')}`,
        headers: { ...changeHeaders(auth), 'content-type': 'application/octet-stream' },
        payload: await genuinePng(),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const register = (requestNo: string, fileId: string) =>
      post('/api/agency/requests', {
        requestNo,
        villageId: secondVillage,
        itemCode: 'JYKN-001',
        applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
        materials: [{ name: '申请人居民身份证', received: true, fileId }],
        consent: true,
        registeredAt: '2026-11-10T08:30:00+08:00',
      });
    const photo = await upload(agent);
    const created = await register(`${prefix}-20261110-011`, photo);
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<AgencyRequestView>();
    expect(request.materials.find((material) => material.name === '申请人居民身份证')?.fileId).toBe(photo);
    // The township's clerk reads the photo of the request.
    expect((await get(`/api/files/${photo}`)).statusCode).toBe(200);

    const elsewhere = await createTownship(env, county.county);
    const foreign = await upload(await signIn(env, elsewhere.window.username));
    const refused = await register(`${prefix}-20261110-012`, foreign);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ detail: string }>().detail).toContain('所附材料照片不存在');
    const list = (await get('/api/agency/requests?open=true')).json<{ requests: AgencyRequestView[] }>().requests;
    expect(list.some((r) => r.requestNo === `${prefix}-20261110-012`)).toBe(false);
  });
});
