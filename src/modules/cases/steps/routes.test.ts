import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../../db/db.ts';
import { insertDepartment } from '../../org/index.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { runWarningJob } from '../index.ts';

let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let planningDepartmentId: string;
let clerk: { authorization: string };
let reviewer: { authorization: string };

interface StepBody {
  id: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  assigneeId: string | null;
  consentOnTimeout: boolean;
  dueOn: string;
  status: string;
  warning: string;
  decision: string | null;
  opinion: string | null;
  opinionDueOn: string | null;
  version: number;
}

interface CaseBody {
  id: string;
  status: string;
  version: number;
  due: string | null;
  warning: string;
  steps: StepBody[];
  events: { act: string; payload: Record<string, unknown> }[];
}

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const START = '2026-10-15T09:00:00+08:00'; // a Thursday

beforeAll(async () => {
  // The warning job reads every tenant's steps: on a shared PostgreSQL other files' jobs would claim them at their own clocks.
  env = await createTestEnv({ now: START, isolated: true });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  planningDepartmentId = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const department = await insertDepartment(
      tx,
      { orgId: town.township.id, name: '国土规建环保安监站', category: 'land_planning', sort: 1 },
      env.clock.now(),
    );
    if (!department) throw new Error('department not created');
    return department.id;
  });
  await travel(START);
});
afterAll(async () => env.close());
// Each test starts on START, even after one that failed mid-way with the clock moved on.
afterEach(async () => travel(START));

/** Moves the clock; sessions idle past 30 minutes end, so the staff sign in again. */
async function travel(at: string): Promise<void> {
  env.clock.set(at);
  clerk = await signIn(env, town.window.username);
  reviewer = await signIn(env, town.reviewer.username);
}

async function get(id: string, auth = clerk): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: auth })).json<CaseBody>();
}

async function openAndAccept(itemCode = 'LB-001'): Promise<CaseBody> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: { itemCode, applicant: APPLICANT, channel: 'window', materials: [{ name: '申请人居民身份证', received: true }] },
  });
  if (opened.statusCode !== 201) throw new Error(opened.body);
  const { id, version } = opened.json<{ id: string; version: number }>();
  const accepted = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/accept`,
    headers: changeHeaders(clerk),
    payload: { version },
  });
  if (accepted.statusCode !== 200) throw new Error(accepted.body);
  return accepted.json<CaseBody>();
}

function addSteps(id: string, body: Record<string, unknown>, auth = clerk, key = randomUUID()) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/steps`, headers: changeHeaders(auth, key), payload: body });
}

function stepAct(id: string, stepId: string, act: string, body: Record<string, unknown>, auth = clerk) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/steps/${stepId}/${act}`, headers: changeHeaders(auth), payload: body });
}

function jointSteps() {
  return [
    { name: '民政审核', departmentId: town.departmentId, days: 3 },
    { name: '规划选址意见', departmentId: planningDepartmentId, days: 1, consentOnTimeout: true },
  ];
}

async function runJob(at: string) {
  await travel(at);
  return runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
}

async function accountabilityOf(caseId: string) {
  return env.db.transaction(
    SYSTEM_SCOPE,
    async (tx) =>
      (
        await tx.query<{ department_id: string | null; level: string; due_on: string; working_days_late: number; stage: string }>(
          'select department_id, level, due_on, working_days_late, stage from case_accountability where case_id = $1 order by created_at, stage',
          [caseId],
        )
      ).rows,
  );
}

describe('joint handling (联办件): parallel department steps', () => {
  it('runs two department steps on the working-day calendar; 超时默认 passes the silent one; the late one is carded while the case is in time', async () => {
    const accepted = await openAndAccept();
    // 20 working days from Thu 2026-10-15.
    expect(accepted.due).toBe('2026-11-12');
    const added = await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() });
    expect(added.statusCode, added.body).toBe(201);
    const withSteps = added.json<CaseBody>();
    expect(withSteps.version).toBe(accepted.version + 1);
    expect(withSteps.steps.map((step) => [step.name, step.departmentName, step.dueOn, step.status, step.consentOnTimeout])).toEqual([
      ['民政审核', '民政人社站', '2026-10-20', 'open', false], // Fri 16, Mon 19, Tue 20
      ['规划选址意见', '国土规建环保安监站', '2026-10-16', 'open', true],
    ]);
    const [review, planning] = withSteps.steps;
    if (!review || !planning) throw new Error('steps missing');

    // Across the weekend: Monday morning the planning station has let Friday pass.
    const monday = await runJob('2026-10-19T08:00:00+08:00');
    expect(monday.stepsDeemedPassed).toBeGreaterThanOrEqual(1);
    let view = await get(accepted.id);
    const passed = view.steps.find((step) => step.id === planning.id);
    expect(passed).toMatchObject({ status: 'deemed_passed', opinionDueOn: '2026-10-19', opinion: null });
    expect(view.steps.find((step) => step.id === review.id)).toMatchObject({ status: 'open', warning: 'pre' });
    const deemed = view.events.find((event) => event.act === 'step-deemed-passed');
    expect(deemed?.payload).toMatchObject({
      label: '逾期默认同意',
      department: '国土规建环保安监站',
      dueOn: '2026-10-16',
      opinionDueOn: '2026-10-19',
    });
    expect(await accountabilityOf(accepted.id)).toEqual([
      { department_id: planningDepartmentId, level: 'yellow', due_on: '2026-10-16', working_days_late: 1, stage: `step:${planning.id}` },
    ]);

    // The concluding act waits for the open department step.
    const early = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/conclude`,
      headers: changeHeaders(clerk),
      payload: { version: view.version, result: 'granted' },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'CASE_STEPS_OPEN' });
    expect(early.json<{ detail: string }>().detail).toContain('民政人社站·民政审核');

    // The written opinion is still owed, and given on the day it is due.
    const opinion = await stepAct(accepted.id, planning.id, 'opinion', {
      version: passed?.version,
      decision: 'approve',
      opinion: '选址符合村庄规划。',
    });
    expect(opinion.statusCode, opinion.body).toBe(200);
    expect(opinion.json<CaseBody>().events.at(-1)).toMatchObject({ act: 'step-opinion', payload: { isLate: false } });

    // Wednesday: the review step is a working day late — a yellow card against its department, the case itself in time.
    await runJob('2026-10-21T08:00:00+08:00');
    view = await get(accepted.id);
    expect(view.warning).toBe('none');
    expect(view.steps.find((step) => step.id === review.id)).toMatchObject({ status: 'open', warning: 'yellow' });
    expect((await accountabilityOf(accepted.id)).at(-1)).toEqual({
      department_id: town.departmentId,
      level: 'yellow',
      due_on: '2026-10-20',
      working_days_late: 1,
      stage: `step:${review.id}`,
    });

    // Reassigned to the station's reviewer, who completes it; then the case concludes.
    const current = view.steps.find((step) => step.id === review.id);
    const reassigned = await stepAct(accepted.id, review.id, 'reassign', {
      version: current?.version,
      assigneeId: town.reviewer.id,
      reason: 'AB岗顶岗',
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    const afterReassign = reassigned.json<CaseBody>().steps.find((step) => step.id === review.id);
    expect(afterReassign?.assigneeId).toBe(town.reviewer.id);
    const stale = await stepAct(
      accepted.id,
      review.id,
      'complete',
      { version: current?.version, decision: 'approve', opinion: '同意' },
      reviewer,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: afterReassign?.version });
    const done = await stepAct(
      accepted.id,
      review.id,
      'complete',
      { version: afterReassign?.version, decision: 'approve', opinion: '申请人符合条件，同意。' },
      reviewer,
    );
    expect(done.statusCode, done.body).toBe(200);
    const finished = done.json<CaseBody>();
    expect(finished.steps.find((step) => step.id === review.id)).toMatchObject({ status: 'done', decision: 'approve' });
    const concluded = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/conclude`,
      headers: changeHeaders(clerk),
      payload: { version: finished.version, result: 'granted' },
    });
    expect(concluded.statusCode, concluded.body).toBe(200);
  });

  it('flags a written opinion still missing the day after it was due', async () => {
    const accepted = await openAndAccept();
    const added = (
      await addSteps(accepted.id, {
        version: accepted.version,
        steps: [{ name: '规划选址意见', departmentId: planningDepartmentId, days: 1, consentOnTimeout: true }],
      })
    ).json<CaseBody>();
    const stepId = added.steps[0]?.id ?? '';
    await runJob('2026-10-19T08:00:00+08:00');
    await runJob('2026-10-20T08:00:00+08:00');
    const view = await get(accepted.id);
    expect(view.events.map((event) => event.act)).toEqual(expect.arrayContaining(['step-deemed-passed', 'step-opinion-late']));
    expect((await accountabilityOf(accepted.id)).map((row) => row.stage)).toEqual([`step:${stepId}`, `step-opinion:${stepId}`]);
  });
});

describe('steps and the case clock', () => {
  it('a special procedure stops the steps with the case (第45条): on resumption both move by the same working days', async () => {
    const accepted = await openAndAccept();
    const added = (await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() })).json<CaseBody>();
    expect(added.steps.map((step) => step.dueOn)).toEqual(['2026-10-20', '2026-10-16']);
    await travel('2026-10-16T09:00:00+08:00');
    const suspended = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/suspend`,
      headers: changeHeaders(clerk),
      payload: { version: added.version, procedure: 'expert_review', reason: '选址需专家论证' },
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    // Mon 19, Tue 20 and Wed 21 did not count.
    await travel('2026-10-21T09:00:00+08:00');
    const resumed = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/resume`,
      headers: changeHeaders(clerk),
      payload: { version: suspended.json<CaseBody>().version, result: '论证通过' },
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const view = resumed.json<CaseBody>();
    expect(view.due).toBe('2026-11-17');
    expect(view.steps.map((step) => [step.name, step.dueOn, step.warning])).toEqual([
      ['民政审核', '2026-10-23', 'none'],
      // Suspended on its due day, still in time: it moves too, and is due today.
      ['规划选址意见', '2026-10-21', 'pre'],
    ]);
    expect(view.events.at(-1)?.payload).toMatchObject({
      steps: [
        { name: '民政审核', previousDue: '2026-10-20', dueOn: '2026-10-23' },
        { name: '规划选址意见', previousDue: '2026-10-16', dueOn: '2026-10-21' },
      ],
    });
  });
  it('a step already late when the case was suspended stays as late as it was', async () => {
    const accepted = await openAndAccept();
    const added = (
      await addSteps(accepted.id, { version: accepted.version, steps: [{ name: '民政审核', departmentId: town.departmentId, days: 1 }] })
    ).json<CaseBody>();
    await travel('2026-10-19T09:00:00+08:00');
    const suspended = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/suspend`,
      headers: changeHeaders(clerk),
      payload: { version: added.version, procedure: 'public_notice', reason: '公示' },
    });
    await travel('2026-10-21T09:00:00+08:00');
    const resumed = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${accepted.id}/resume`,
      headers: changeHeaders(clerk),
      payload: { version: suspended.json<CaseBody>().version },
    });
    expect(resumed.json<CaseBody>().steps[0]?.dueOn).toBe('2026-10-16');
  });
});

describe('assignees (经办人)', () => {
  it('a window clerk lists the case org’s active staff by name and department, nobody else’s; another township gets 404', async () => {
    const accepted = await openAndAccept();
    const response = await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}/assignees`, headers: clerk });
    expect(response.statusCode, response.body).toBe(200);
    const { staff } = response.json<{ staff: { id: string; name: string; role: string; departmentName: string | null }[] }>();
    const ids = staff.map((person) => person.id);
    expect(ids).toEqual(expect.arrayContaining([town.window.id, town.reviewer.id, town.director.id]));
    expect(ids).not.toContain(town.agent.id);
    expect(ids).not.toContain(other.window.id);
    expect(Object.keys(staff[0] ?? {}).sort()).toEqual(['departmentId', 'departmentName', 'id', 'name', 'role']);
    const stranger = await signIn(env, other.window.username);
    expect((await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}/assignees`, headers: stranger })).statusCode).toBe(404);
  });
});

describe('adding steps: rules', () => {
  it('refuses a step due after the case, a joint step without a department, and steps on an immediate case', async () => {
    const accepted = await openAndAccept();
    const tooLong = await addSteps(accepted.id, {
      version: accepted.version,
      steps: [{ name: '民政审核', departmentId: town.departmentId, days: 21 }],
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<{ detail: string }>().detail).toContain('晚于办件办结期限 2026-11-12');
    const noDepartment = await addSteps(accepted.id, { version: accepted.version, steps: [{ name: '民政审核', days: 2 }] });
    expect(noDepartment.statusCode).toBe(400);
    const immediate = await openAndAccept('GLJT-001');
    const refused = await addSteps(immediate.id, { version: immediate.version, steps: [{ name: '复核', days: 1 }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'CASE_STEP_NOT_ALLOWED' });
  });

  it('is idempotent by key and checks the case version', async () => {
    const accepted = await openAndAccept();
    const key = randomUUID();
    const first = await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() }, clerk, key);
    const again = await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() }, clerk, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect((await get(accepted.id)).steps).toHaveLength(2);
    const stale = await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() });
    expect(stale.statusCode).toBe(409);
  });

  it('a station reviewer may act only on their own department’s steps', async () => {
    const accepted = await openAndAccept();
    const added = (await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() })).json<CaseBody>();
    const planning = added.steps.find((step) => step.departmentId === planningDepartmentId);
    const refused = await stepAct(
      accepted.id,
      planning?.id ?? '',
      'complete',
      { version: planning?.version, decision: 'approve', opinion: '同意' },
      reviewer,
    );
    expect(refused.statusCode).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the step routes', async () => {
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases/{id}/steps',
        '/api/cases/{id}/steps/{stepId}/reassign',
        '/api/cases/{id}/steps/{stepId}/complete',
        '/api/cases/{id}/steps/{stepId}/opinion',
      ]),
    );
  });
});

describe('tenancy', () => {
  it('another township can neither add steps to the case nor act on its steps', async () => {
    const accepted = await openAndAccept();
    const added = (await addSteps(accepted.id, { version: accepted.version, steps: jointSteps() })).json<CaseBody>();
    const outsider = await signIn(env, other.window.username);
    expect((await addSteps(accepted.id, { version: added.version, steps: jointSteps() }, outsider)).statusCode).toBe(404);
    const step = added.steps[0];
    expect(
      (await stepAct(accepted.id, step?.id ?? '', 'complete', { version: step?.version, decision: 'approve', opinion: '同意' }, outsider))
        .statusCode,
    ).toBe(404);
    expect((await stepAct(accepted.id, randomUUID(), 'complete', { version: 1, decision: 'approve', opinion: '同意' })).statusCode).toBe(
      404,
    );
  });
});
