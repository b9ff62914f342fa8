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
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/**
 * The person complained about never sees the complaint (issue 13): every complaint route, as that clerk,
 * answers as if it did not exist and leaks nothing. A complaint about a director goes to the county.
 */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
type Auth = { authorization: string };
let director: Auth;
let clerk: Auth;
let admin: Auth;
let supervisor: Auth;

const CONTENT = '窗口工作人员王某办理低保时态度生硬，让我跑了三趟。';

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  director = await signIn(env, town.director.username);
  clerk = await signIn(env, town.window.username);
  admin = await signIn(env, county.admin.username);
  supervisor = await signIn(env, county.supervisor.username);
});
afterAll(async () => env.close());

async function transcribe(auth: Auth, payload: Record<string, unknown>): Promise<{ id: string; trackingCode: string }> {
  const filed = await env.app.inject({ method: 'POST', url: '/api/complaints', headers: changeHeaders(auth), payload });
  expect(filed.statusCode, filed.body).toBe(201);
  return filed.json();
}

const get = (url: string, auth: Auth) => env.app.inject({ method: 'GET', url, headers: auth });

describe('a complaint about a clerk', () => {
  it('is invisible to that clerk on every route, and nothing leaks', async () => {
    const { id, trackingCode } = await transcribe(director, { channel: 'mailbox', content: CONTENT, subjectStaffId: town.window.id });
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${id}/accept`,
      headers: changeHeaders(director),
      payload: { version: 1 },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ subjectName: '测试window_staff' });

    const responses = [
      await get('/api/complaints', clerk),
      await get('/api/complaints?status=all&kind=complaint', clerk),
      await get(`/api/complaints/${id}`, clerk),
    ];
    const bodies = {
      accept: {},
      refuse: { reason: '不予受理' },
      investigate: { finding: '查明', verdict: 'false', disposal: '无需处置' },
      answer: { answer: '答复内容' },
      archive: {},
    };
    for (const [act, body] of Object.entries(bodies)) {
      const refused = await env.app.inject({
        method: 'POST',
        url: `/api/complaints/${id}/${act}`,
        headers: changeHeaders(clerk),
        payload: { version: 2, ...body },
      });
      expect(refused.statusCode, `${act}: ${refused.body}`).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'COMPLAINT_NOT_FOUND', detail: '未找到该投诉。' });
      responses.push(refused);
    }
    expect(responses[0]?.json()).toEqual({ complaints: [] });
    expect(responses[2]?.json()).toMatchObject({ code: 'COMPLAINT_NOT_FOUND' });
    for (const response of responses) {
      expect(response.body).not.toContain(CONTENT);
      expect(response.body).not.toContain(trackingCode);
      expect(response.body).not.toContain(town.director.id);
    }
    // Nothing changed: the director still finds it at the same stage and version.
    expect((await get(`/api/complaints/${id}`, director)).json()).toMatchObject({ status: 'investigating', version: 2 });
  });

  it('cannot be assigned to the person complained about; an assigned clerk may investigate but not answer', async () => {
    const about = await transcribe(director, { channel: 'phone', content: CONTENT, subjectStaffId: town.window.id });
    const toSubject = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${about.id}/accept`,
      headers: changeHeaders(director),
      payload: { version: 1, assigneeStaffId: town.window.id },
    });
    expect(toSubject.statusCode).toBe(404);
    expect(toSubject.json()).toMatchObject({ code: 'COMPLAINT_STAFF_NOT_FOUND' });
    expect((await get(`/api/complaints/${about.id}`, director)).json()).toMatchObject({ status: 'received', version: 1 });

    const other = await transcribe(director, { channel: 'phone', content: '中心复印机坏了一周没人修，群众只能外出复印。' });
    const assigned = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${other.id}/accept`,
      headers: changeHeaders(director),
      payload: { version: 1, assigneeStaffId: town.window.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const seen = (await get(`/api/complaints/${other.id}`, clerk)).json<{ allowedActs: string[]; version: number }>();
    expect(seen.allowedActs).toEqual(['investigate']);
    const listed = (await get('/api/complaints', clerk)).json<{ complaints: { id: string }[] }>();
    expect(listed.complaints.map((complaint) => complaint.id)).toEqual([other.id]);
    const investigated = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${other.id}/investigate`,
      headers: changeHeaders(clerk),
      payload: { version: seen.version, finding: '复印机已报修，配件未到。', verdict: 'true', disposal: '改为免费代为复印。' },
    });
    expect(investigated.statusCode, investigated.body).toBe(200);
    const answer = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${other.id}/answer`,
      headers: changeHeaders(clerk),
      payload: { version: 3, answer: '已改为免费代为复印。' },
    });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'COMPLAINT_ACT_NOT_ALLOWED', allowedActs: [] });
  });
});

describe('a complaint about a director', () => {
  it('goes to the county center: the township cannot see it, the county handles it', async () => {
    const content = `中心主任不在岗，群众找不到人签字。${randomUUID().slice(0, 6)}`;
    const { id } = await transcribe(director, { channel: 'mailbox', content, subjectStaffId: town.director.id });
    expect((await get('/api/complaints', director)).body).not.toContain(content);
    expect((await get(`/api/complaints/${id}`, director)).statusCode).toBe(404);
    const atCounty = (await get(`/api/complaints/${id}`, admin)).json<{ orgId: string; allowedActs: string[]; subjectName: string }>();
    expect(atCounty).toMatchObject({ orgId: county.county.id, allowedActs: ['accept', 'refuse'] });
    const bySupervisor = (await get(`/api/complaints/${id}`, supervisor)).json<{ allowedActs: string[] }>();
    expect(bySupervisor.allowedActs).toEqual([]);
  });
});
