import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn } from '../../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { runWarningJob } from '../index.ts';

/** A case deemed accepted (行政许可法 第三十二条) with 告知承诺 materials gets its check too (ADR 0024). */
let env: TestEnv;
let clerk: { authorization: string };
let clerkName = '';

beforeAll(async () => {
  // The warning job reads every tenant's cases: isolated, so other files' cases are not graded at this file's clock.
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00', isolated: true });
  const { county } = await createCounty(env);
  const town = await createTownship(env, county);
  clerkName = town.window.username;
  clerk = await signIn(env, clerkName);
});
afterAll(async () => env.close());

describe('事中事后核查 of a deemed acceptance', () => {
  it('opens the task when the warning job deems an online case accepted, counted from the day received', async () => {
    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: changeHeaders(clerk, randomUUID()),
      payload: {
        itemCode: 'ZJD-001',
        channel: 'online',
        applicant: { type: 'person', name: '韦网申', idNumber: uniqueResidentId(), phone: uniqueMobile(), address: '乐里镇' },
        materials: [
          { name: '农村宅基地和建房（规划许可）申请表', received: true },
          { name: '申请人居民身份证', received: true },
          { name: '户口簿', received: true },
          { name: '申请人及家庭成员无其他宅基地的证明', received: false, byCommitment: true },
        ],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id } = opened.json<{ id: string }>();
    env.clock.set('2026-10-23T09:00:00+08:00'); // 6 working days later
    const run = await runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
    expect(run.deemedAccepted).toBe(1);
    clerk = await signIn(env, clerkName); // a session does not outlive the days travelled
    const listed = await env.app.inject({ method: 'GET', url: `/api/case-verifications?caseId=${id}`, headers: clerk });
    expect(listed.json<{ verifications: { dueOn: string; materials: string[] }[] }>().verifications).toEqual([
      expect.objectContaining({ dueOn: '2026-10-29', materials: ['申请人及家庭成员无其他宅基地的证明'] }),
    ]);
  });
});
