import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';

/**
 * 告知承诺不实 ends the case (国办发〔2020〕42号: 终止办理 / 撤销决定; ADR 0024): no clock, warning or act runs
 * on it, the applicant is told, and public tracking says so. A denial has nothing to revoke.
 */
let env: TestEnv;
let town: TownshipFixture;
type Auth = { authorization: string };
let clerk: Auth;

interface CaseView {
  id: string;
  caseNo: string;
  status: string;
  warning: string;
  version: number;
  allowedActs: string[];
  events: { act: string; payload: Record<string, unknown> }[];
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

const MATERIALS = [
  { name: '农村宅基地和建房（规划许可）申请表', received: true },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
  { name: '申请人及家庭成员无其他宅基地的证明', received: false, byCommitment: true },
];

async function post(url: string, payload: Record<string, unknown>) {
  const response = await env.app.inject({ method: 'POST', url, headers: changeHeaders(clerk, randomUUID()), payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response;
}

const view = async (id: string) => (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<CaseView>();

/** A 宅基地 case accepted on a commitment, optionally concluded; returns it with its applicant's phone. */
async function acceptedOnCommitment(result?: 'granted' | 'denied'): Promise<CaseView & { phone: string }> {
  const phone = uniqueMobile();
  const applicant = { type: 'person', name: '韦承诺', idNumber: uniqueResidentId(), phone, address: '乐里镇弄瓦村' };
  const { id } = (await post('/api/cases', { itemCode: 'ZJD-001', applicant, channel: 'window', materials: MATERIALS })).json<{
    id: string;
  }>();
  await post(`/api/cases/${id}/accept`, { version: (await view(id)).version });
  if (result) await post(`/api/cases/${id}/conclude`, { version: (await view(id)).version, result, reason: '不符合条件' });
  return { ...(await view(id)), phone };
}

async function findFalse(caseId: string) {
  const listed = await env.app.inject({ method: 'GET', url: `/api/case-verifications?status=all&caseId=${caseId}`, headers: clerk });
  const [task] = listed.json<{ verifications: { id: string; version: number }[] }>().verifications;
  if (!task) throw new Error('no verification task');
  return post(`/api/case-verifications/${task.id}/outcome`, { version: task.version, outcome: 'false', note: '申请人另有宅基地一处' });
}

async function track(caseNo: string, phone: string) {
  const response = await env.app.inject({ method: 'GET', url: `/api/public/cases/${caseNo}?check=${phone.slice(-4)}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ status: string; stages: { act: string; label: string }[] }>();
}

const messagesTo = async (caseId: string) =>
  (
    await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ message: string }>('select message from outbox where case_id = $1 order by created_at', [caseId]),
    )
  ).rows.map((row) => row.message);

describe('告知承诺不实 ends the case', () => {
  it('terminates an open case: no acts, no warning, the applicant told, tracking says 已终止办理', async () => {
    const opened = await acceptedOnCommitment();
    expect(opened.status).toBe('accepted');
    await findFalse(opened.id);
    const ended = await view(opened.id);
    expect(ended).toMatchObject({ status: 'terminated', warning: 'none', allowedActs: [] });
    expect(ended.events.at(-1)).toMatchObject({
      act: 'verify-commitment',
      payload: { outcome: 'false', revoked: 'case', to: 'terminated' },
    });
    expect((await messagesTo(opened.id)).at(-1)).toContain('依法终止办理');
    const tracked = await track(opened.caseNo, opened.phone);
    expect(tracked.status).toBe('terminated');
    expect(tracked.stages.at(-1)).toMatchObject({ act: 'verify-commitment', label: '核查发现告知承诺不实' });
    const refused = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/conclude`,
      headers: changeHeaders(clerk, randomUUID()),
      payload: { version: ended.version, result: 'granted' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'CASE_ACT_NOT_ALLOWED' });
    expect((await view(opened.id)).version).toBe(ended.version);
  });

  it('revokes a grant made on the false commitment', async () => {
    const granted = await acceptedOnCommitment('granted');
    expect(granted.status).toBe('concluded');
    await findFalse(granted.id);
    const ended = await view(granted.id);
    expect(ended).toMatchObject({ status: 'revoked', allowedActs: [] });
    expect(ended.events.at(-1)?.payload).toMatchObject({ revoked: 'decision', to: 'revoked' });
    expect((await messagesTo(granted.id)).at(-1)).toContain('依法撤销原办理决定');
    expect((await track(granted.caseNo, granted.phone)).status).toBe('revoked');
  });

  it('leaves a denial as it is (nothing to revoke), though the bad credit is still recorded', async () => {
    const denied = await acceptedOnCommitment('denied');
    await findFalse(denied.id);
    const after = await view(denied.id);
    expect(after.status).toBe('concluded');
    expect(after.events.at(-1)?.payload).toMatchObject({ outcome: 'false', revoked: null });
    const records = await env.app.inject({ method: 'GET', url: `/api/bad-credit-records?caseId=${denied.id}`, headers: clerk });
    expect(records.json<{ records: unknown[] }>().records).toHaveLength(1);
  });
});
