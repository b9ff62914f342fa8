import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { seedDemoCatalog } from '../catalog/index.ts';
import { insertStaff } from '../staff/index.ts';
import type { AgencyRequestView } from './schemas.ts';

/**
 * 村级全程代办 end to end across the 2026 National Day holiday (10月1日–7日, 10月10日 调休上班):
 * every leg's due date comes from the working-day calendar, and its warnings follow.
 */
const REGISTERED = '2026-09-29T10:00:00+08:00'; // a Tuesday; 09-30 is a working day, then 7 days off
const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '测试村 3 组' };
// A 1×1 PNG: the applicant's signature as the app uploads it.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b' +
    '0000000d494441540899636060606000000005000187a14ed40000000049454e44ae426082',
  'hex',
);

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
let agent: { authorization: string };
let window: { authorization: string };
let prefix: string;
let sequence = 0;

beforeAll(async () => {
  env = await createTestEnv({ now: REGISTERED, ...workflowDeps() });
  county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
  agent = await signIn(env, town.agent.username);
  window = await signIn(env, town.window.username);
  const device = await env.app.inject({ method: 'POST', url: '/api/agency/devices', headers: changeHeaders(agent) });
  expect(device.statusCode, device.body).toBe(201);
  prefix = device.json<{ prefix: string }>().prefix;
});
afterAll(async () => env.close());

/** Moves the clock; sessions idle for 30 minutes end, so both sign in again as they would that day. */
const travel = async (iso: string) => {
  env.clock.set(new Date(iso));
  agent = await signIn(env, town.agent.username);
  window = await signIn(env, town.window.username);
};
const nextNo = () => `${prefix}-20260929-${String((sequence += 1)).padStart(3, '0')}`;
const register = (overrides: Record<string, unknown> = {}, key: string = randomUUID(), auth = agent) =>
  env.app.inject({
    method: 'POST',
    url: '/api/agency/requests',
    headers: changeHeaders(auth, key),
    payload: {
      requestNo: nextNo(),
      villageId: town.village.id,
      itemCode: 'JYKN-001',
      applicant: APPLICANT,
      consent: true,
      materials: [
        { name: '就业困难人员认定申请表', received: true },
        { name: '申请人居民身份证', received: true },
      ],
      ...overrides,
    },
  });
const act = (id: string, name: string, payload: Record<string, unknown>, auth = window) =>
  env.app.inject({ method: 'POST', url: `/api/agency/requests/${id}/${name}`, headers: changeHeaders(auth), payload });
const caseAct = (id: string, name: string, payload: Record<string, unknown>) =>
  env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(window), payload });
const view = async (id: string, auth = agent) =>
  (await env.app.inject({ method: 'GET', url: `/api/agency/requests/${id}`, headers: auth })).json<AgencyRequestView>();
const leg = (request: AgencyRequestView, name: string) => request.legs.find((candidate) => candidate.leg === name);

describe('代办件: from the village to the township and back, on the clock', () => {
  it('runs every leg across the National Day holiday, with its due date and warnings', async () => {
    await travel(REGISTERED);
    const created = await register();
    expect(created.statusCode, created.body).toBe(201);
    let request = created.json<AgencyRequestView>();
    expect(request).toMatchObject({
      status: 'registered',
      item: { code: 'JYKN-001' },
      applicant: { idNumber: '451029********0017', phone: '13977612345' },
    });
    // Each viewer is told what they may do: the holding agent their own legs, the window its acts.
    expect(request.allowedActs).toEqual(['forward', 'collect-fee']);
    expect((await view(request.id, window)).allowedActs).toEqual(['receive', 'reassign']);
    // 2 working days after Tue 09-29: Wed 09-30, then Thu 10-08 (10-01 to 10-07 are the holiday).
    expect(leg(request, 'forward')).toMatchObject({ dueOn: '2026-10-08', doneAt: null, warning: 'none' });
    // The item's whole list, as it stood at registration, for the window to check the folder against.
    expect(request.materials.find((m) => m.name === '申请人居民身份证')).toMatchObject({ required: true, received: true });
    expect(request.materials.find((m) => m.name === '相应困难情形证明')).toMatchObject({ required: false, received: false });

    // One working day left (10-08) is a pre-warning.
    await travel('2026-09-30T09:00:00+08:00');
    expect(leg(await view(request.id), 'forward')?.warning).toBe('pre');
    await travel('2026-10-08T09:00:00+08:00');
    expect(leg(await view(request.id), 'forward')?.warning).toBe('pre');
    await travel('2026-10-09T09:00:00+08:00');
    request = await view(request.id);
    expect(leg(request, 'forward')?.warning).toBe('yellow');
    expect(request.warning).toBe('yellow');

    // 报送 by the agent, a day late; a township clerk may not 报送 for them.
    expect((await act(request.id, 'forward', { version: request.version })).statusCode).toBe(403);
    request = (await act(request.id, 'forward', { version: request.version, scanned: true }, agent)).json<AgencyRequestView>();
    expect(request.status).toBe('forwarded');
    expect(leg(request, 'forward')).toMatchObject({ onTime: false, warning: 'none' });

    // The window checks the folder and opens the case (channel agent).
    const received = await act(request.id, 'receive', {
      version: request.version,
      scanned: true,
      materials: [{ name: '申请人居民身份证', received: true }],
    });
    expect(received.statusCode, received.body).toBe(200);
    request = received.json<AgencyRequestView>();
    expect(request.status).toBe('received');
    const caseId = request.case?.id ?? '';
    let kase = (await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: window })).json<{
      version: number;
      channel: string;
      caseNo: string;
    }>();
    expect(kase.channel).toBe('agent');
    expect(request.case?.caseNo).toBe(kase.caseNo);

    // 补正 travels back through the agent.
    kase = (
      await caseAct(caseId, 'request-supplement', { version: kase.version, materials: [{ name: '相应困难情形证明', reason: '未提供' }] })
    ).json();
    request = await view(request.id);
    expect(request.supplementNotice?.materials).toEqual([{ name: '相应困难情形证明', reason: '未提供' }]);
    kase = (await caseAct(caseId, 'supplement', { version: kase.version, materials: [{ name: '相应困难情形证明' }] })).json();
    kase = (await caseAct(caseId, 'accept', { version: kase.version })).json();
    request = await view(request.id);
    expect(request.supplementNotice).toBeNull();
    // 5 working days after Fri 10-09: 10-10 is a 调休 Saturday, so 10-10, 12, 13, 14, 15.
    expect(leg(request, 'process')).toMatchObject({ dueOn: '2026-10-15', doneAt: null });

    await travel('2026-10-13T15:00:00+08:00');
    const concluded = await caseAct(caseId, 'conclude', { version: kase.version, result: 'granted', certificateNo: '就困认字2026-009号' });
    expect(concluded.statusCode, concluded.body).toBe(200);
    request = await view(request.id, window);
    expect(request.status).toBe('concluded');
    expect(leg(request, 'process')).toMatchObject({ onTime: true });
    // 返还: 3 working days after Tue 10-13.
    expect(leg(request, 'return')).toMatchObject({ dueOn: '2026-10-16', warning: 'none' });
    expect(request.applicant.phone).toBe('139****2345');

    await travel('2026-10-14T09:00:00+08:00');
    request = (await act(request.id, 'return', { version: request.version, scanned: true })).json<AgencyRequestView>();
    expect(request.status).toBe('returned');
    // 告知: 2 working days after Wed 10-14.
    expect(leg(request, 'notify')).toMatchObject({ dueOn: '2026-10-16' });

    // Told on Fri 10-16 (the last day) with the phone offline; it reaches the server on Monday.
    await travel('2026-10-19T10:00:00+08:00');
    const early = await act(
      request.id,
      'notify',
      { version: request.version, method: 'phone', notifiedAt: '2026-10-13T10:00:00+08:00' },
      agent,
    );
    expect(early.json<{ detail: string }>().detail).toContain('返还到村之后');
    request = (
      await act(request.id, 'notify', { version: request.version, method: 'phone', notifiedAt: '2026-10-16T17:00:00+08:00' }, agent)
    ).json<AgencyRequestView>();
    expect(leg(request, 'notify')).toMatchObject({ onTime: true, doneAt: '2026-10-16T09:00:00.000Z' });
    // A phone whose clock runs a few minutes slow: its signing time just before the 告知 is taken as the 告知.
    const slowClock = new Date(new Date('2026-10-16T17:00:00+08:00').getTime() - 3 * 60_000).toISOString();
    const fee = await act(request.id, 'collect-fee', { version: request.version, amountFen: 1000, receiptNo: 'GX2026-0001' }, agent);
    expect(fee.statusCode, fee.body).toBe(200);
    request = fee.json<AgencyRequestView>();
    expect(
      (await act(request.id, 'collect-fee', { version: request.version, amountFen: 1000, receiptNo: 'GX2026-0002' }, agent)).statusCode,
    ).toBe(422);

    const signature = await env.app.inject({
      method: 'POST',
      url: '/api/files?name=signature.png',
      headers: { ...changeHeaders(agent), 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(signature.statusCode, signature.body).toBe(201);
    const signed = await act(
      request.id,
      'sign',
      {
        version: request.version,
        signatureFileId: signature.json<{ id: string }>().id,
        satisfaction: 'very_satisfied',
        signedAt: slowClock,
      },
      agent,
    );
    expect(signed.statusCode, signed.body).toBe(200);
    request = signed.json<AgencyRequestView>();
    expect(request.receipt?.signedAt).toBe('2026-10-16T09:00:00.000Z');
    expect(request).toMatchObject({ status: 'signed', receipt: { satisfactionLabel: '非常满意' }, fee: { amountFen: 1000 } });
    expect(request.events.map((event) => event.kind)).toEqual([
      'registered',
      'forward',
      'receive',
      'case-changed',
      'case-changed',
      'case-changed',
      'case-changed',
      'return',
      'notify',
      'collect-fee',
      'sign',
    ]);

    // The month's sheet counts it: 3 legs of the agent done (forward late; return by the township; notify on time).
    const month = await env.app.inject({ method: 'GET', url: '/api/agency/performance?month=2026-10', headers: window });
    const row = month
      .json<{
        agents: { agentId: string; signed: number; legsDone: number; legsOnTime: number; satisfiedRate: number; feesFen: number }[];
      }>()
      .agents.find((a) => a.agentId === town.agent.id);
    expect(row).toMatchObject({ signed: 1, legsDone: 3, legsOnTime: 2, satisfiedRate: 1, feesFen: 1000 });
    const ledger = await env.app.inject({ method: 'GET', url: '/api/agency/fees?month=2026-10', headers: window });
    expect(ledger.json<{ totalFen: number; fees: { receiptNo: string; caseNo: string }[] }>()).toMatchObject({
      totalFen: 1000,
      fees: [{ receiptNo: 'GX2026-0001', caseNo: request.case?.caseNo }],
    });
    const sheet = await env.app.inject({ method: 'GET', url: '/api/agency/performance.xlsx?month=2026-10', headers: window });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a replay with the same key is the same request; a taken number or an item not for agents is refused', async () => {
    await travel(REGISTERED);
    const key = randomUUID();
    const requestNo = nextNo();
    const first = await register({ requestNo }, key);
    const again = await register({ requestNo }, key);
    expect(again.statusCode).toBe(201);
    expect(again.json<AgencyRequestView>().id).toBe(first.json<AgencyRequestView>().id);
    const taken = await register({ requestNo });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ code: string }>().code).toBe('AGENCY_REQUEST_NO_TAKEN');
    const notAgentable = await register({ itemCode: 'DWJY-001', materials: [] });
    expect(notAgentable.statusCode).toBe(422);
    expect(notAgentable.json<{ detail: string }>().detail).toContain('不在村级代办范围内');
    const strangeDevice = await register({ requestNo: 'ZZZZ9-20260929-001' });
    expect(strangeDevice.json<{ code: string }>().code).toBe('AGENCY_DEVICE_UNKNOWN');
    const noConsent = await register({ consent: false });
    expect(noConsent.statusCode).toBe(400);
  });

  it('an act queued by an agent who no longer holds the request is refused with the reason', async () => {
    await travel(REGISTERED);
    const request = (await register()).json<AgencyRequestView>();
    const colleague = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      insertStaff(
        tx,
        {
          orgId: town.village.id,
          username: `agent_${randomUUID().slice(0, 8)}`,
          name: '黄月兰',
          role: 'agent',
          phone: '13907761202',
          departmentId: null,
          windowId: null,
          passwordHash: 'x',
          mustChangePassword: false,
        },
        env.clock.now(),
      ),
    );
    const agents = await env.app.inject({ method: 'GET', url: `/api/agency/agents?villageId=${town.village.id}`, headers: window });
    expect(agents.json<{ agents: { id: string }[] }>().agents.map((a) => a.id)).toContain(colleague);
    const moved = await act(request.id, 'reassign', { version: request.version, agentId: colleague, reason: '原代办员外出培训' });
    expect(moved.statusCode, moved.body).toBe(200);
    // The first agent's offline queue still holds a 报送 with the old version.
    const stale = await act(request.id, 'forward', { version: request.version }, agent);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ code: string; detail: string }>()).toMatchObject({ code: 'AGENCY_NOT_HOLDER' });
    expect(stale.json<{ detail: string }>().detail).toContain('黄月兰');
  });

  it('another township sees none of it, nor its agents', async () => {
    await travel(REGISTERED);
    const request = (await register()).json<AgencyRequestView>();
    const outsider = await signIn(env, other.window.username);
    expect((await env.app.inject({ method: 'GET', url: `/api/agency/requests/${request.id}`, headers: outsider })).statusCode).toBe(404);
    expect((await act(request.id, 'receive', { version: request.version }, outsider)).statusCode).toBe(404);
    const list = await env.app.inject({ method: 'GET', url: '/api/agency/requests?open=true', headers: outsider });
    expect(list.json<{ requests: unknown[] }>().requests).toEqual([]);
    const otherAgent = await signIn(env, other.agent.username);
    expect((await env.app.inject({ method: 'GET', url: `/api/agency/requests/${request.id}`, headers: otherAgent })).statusCode).toBe(404);
    const wrongVillage = await register({ villageId: town.village.id }, randomUUID(), otherAgent);
    expect(wrongVillage.statusCode).toBe(403);
  });

  it('a county sets its own leg limits; new requests follow them', async () => {
    await travel(REGISTERED);
    const admin = await signIn(env, county.admin.username);
    const current = (await env.app.inject({ method: 'GET', url: '/api/agency/settings', headers: admin })).json<{
      version: number;
      forwardDays: number;
    }>();
    expect(current.forwardDays).toBe(2);
    const saved = await env.app.inject({
      method: 'PUT',
      url: '/api/agency/settings',
      headers: changeHeaders(admin),
      payload: { version: current.version, forwardDays: 3, returnDays: 3, notifyDays: 2 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(
      (
        await env.app.inject({
          method: 'PUT',
          url: '/api/agency/settings',
          headers: changeHeaders(window),
          payload: { forwardDays: 1, returnDays: 1, notifyDays: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const request = (await register()).json<AgencyRequestView>();
    // 3 working days after 09-29: 09-30, 10-08, 10-09.
    expect(leg(request, 'forward')?.dueOn).toBe('2026-10-09');
    const stale = await env.app.inject({
      method: 'PUT',
      url: '/api/agency/settings',
      headers: changeHeaders(admin),
      payload: { version: current.version, forwardDays: 2, returnDays: 3, notifyDays: 2 },
    });
    expect(stale.statusCode).toBe(409);
  });
});
