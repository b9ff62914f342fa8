import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { runWarningJob } from './index.ts';

/** 行政许可法 第三十二条: a case received at a window and left undecided runs a 5-working-day clock, warned like any stage. */
let env: TestEnv;
let town: TownshipFixture;

interface CaseBody {
  id: string;
  status: string;
  version: number;
  decisionDueOn: string | null;
  warning: string;
}

beforeAll(async () => {
  // The warning job reads every tenant's cases: isolated, so other files' cases are not graded at this file's clock.
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00', isolated: true });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
});
afterAll(async () => env.close());

async function job(at: string) {
  env.clock.set(at);
  return runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
}

async function get(id: string): Promise<CaseBody> {
  const clerk = await signIn(env, town.window.username);
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<CaseBody>();
}

describe('已接件 at a window: the 5-working-day intake clock (第三十二条)', () => {
  it('warns before and cards after the decision deadline, records who held it, never deems it accepted; acceptance ends the clock, the record stays', async () => {
    const clerk = await signIn(env, town.window.username);
    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: changeHeaders(clerk),
      payload: {
        itemCode: 'GTZ-001',
        applicant: { type: 'person', name: '韦光明', idNumber: uniqueResidentId(), phone: uniqueMobile() },
        channel: 'window',
        materials: [],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id } = opened.json<{ id: string }>();
    // Thu 10-15 + 5 working days.
    expect(await get(id)).toMatchObject({ status: 'submitted', decisionDueOn: '2026-10-22', warning: 'none' });

    await job('2026-10-21T09:00:00+08:00');
    expect((await get(id)).warning).toBe('pre');
    await job('2026-10-23T09:00:00+08:00');
    expect(await get(id)).toMatchObject({ status: 'submitted', warning: 'yellow' });
    await job('2026-10-29T09:00:00+08:00');
    const red = await get(id);
    expect(red).toMatchObject({ status: 'submitted', warning: 'red' });

    const records = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ stage: string; level: string; due_on: string; staff_id: string }>(
        `select stage, level, due_on::text, staff_id from case_accountability where case_id = $1 order by level desc`,
        [id],
      ),
    );
    expect(records.rows).toEqual([
      { stage: 'submitted', level: 'yellow', due_on: '2026-10-22', staff_id: town.window.id },
      { stage: 'submitted', level: 'red', due_on: '2026-10-22', staff_id: town.window.id },
    ]);

    // The list and the to-do find it among the warned cases (the list's warning index).
    const listed = await env.app.inject({
      method: 'GET',
      url: '/api/cases?warning=red',
      headers: await signIn(env, town.director.username),
    });
    expect(listed.json<{ cases: { id: string }[] }>().cases.map((row) => row.id)).toContain(id);

    const rejected = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/refuse`,
      headers: changeHeaders(await signIn(env, town.window.username)),
      payload: { version: red.version, reason: '不属于本中心受理范围' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<CaseBody>().warning).toBe('none');
    const after = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ n: number }>(`select count(*)::int as n from case_accountability where case_id = $1`, [id]),
    );
    expect(after.rows[0]?.n).toBe(2);
  });
});
