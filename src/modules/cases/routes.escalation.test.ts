import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import type { ExchangeRecordView } from './exchange.ts';
import { runWarningJob } from './index.ts';

let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let clerk: { authorization: string };

interface CaseBody {
  id: string;
  status: string;
  version: number;
  due: string | null;
  stageDue: string | null;
  warning: string;
  allowedActs: string[];
  escalation: Record<string, unknown> | null;
  events: { act: string; payload: Record<string, unknown> }[];
}

const APPLICANT = { type: 'person', name: '黄秀英', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const START = '2026-10-15T09:00:00+08:00'; // a Thursday
const ESCALATED_ITEM = 'LMCF-001'; // 上报件: promised 25 working days, pre-review at the township 20

beforeAll(async () => {
  // The warning job reads every tenant's cases: this file needs a database of its own on PostgreSQL.
  env = await createTestEnv({ now: START, isolated: true });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  await travel(START);
});
afterAll(async () => env.close());
afterEach(async () => travel(START));

async function travel(at: string): Promise<void> {
  env.clock.set(at);
  clerk = await signIn(env, town.window.username);
}

async function act(id: string, name: string, body: Record<string, unknown>, auth = clerk) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(auth), payload: body });
}

async function get(id: string): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<CaseBody>();
}

/** Acts on the case at its current version; fails the test on anything but 200. */
async function step(id: string, name: string, body: Record<string, unknown> = {}): Promise<CaseBody> {
  const response = await act(id, name, { version: (await get(id)).version, ...body });
  if (response.statusCode !== 200) throw new Error(`${name}: ${response.body}`);
  return response.json<CaseBody>();
}

async function openAndAccept(): Promise<CaseBody> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: {
      itemCode: ESCALATED_ITEM,
      applicant: APPLICANT,
      channel: 'window',
      materials: [{ name: '申请人居民身份证', received: true }],
    },
  });
  if (opened.statusCode !== 201) throw new Error(opened.body);
  return step(opened.json<{ id: string }>().id, 'accept');
}

async function accountabilityOf(caseId: string) {
  return env.db.transaction(
    SYSTEM_SCOPE,
    async (tx) =>
      (
        await tx.query<{ stage: string; level: string; due_on: string }>(
          'select stage, level, due_on from case_accountability where case_id = $1 order by created_at',
          [caseId],
        )
      ).rows,
  );
}

describe('上报件: pre-review at the township, decision at the county', () => {
  it('grades the township on its 20-working-day pre-review, records the forwarding, the county’s acceptance and result, and concludes as the county decided', async () => {
    const accepted = await openAndAccept();
    // 25 promised working days to the applicant; the township's own stage is 20 (行政许可法 第43条).
    expect(accepted).toMatchObject({ status: 'accepted', due: '2026-11-19', stageDue: '2026-11-12', escalation: null });

    await runWarningJob(env.db, new Date('2026-11-13T08:00:00+08:00'), env.caseDeps, env.ctx.auditKey);
    expect((await get(accepted.id)).warning).toBe('yellow');
    expect(await accountabilityOf(accepted.id)).toEqual([{ stage: 'accepted', level: 'yellow', due_on: '2026-11-12' }]);

    await travel('2026-11-16T09:00:00+08:00');
    const forwarded = await step(accepted.id, 'escalate', { to: '田林县林业局', note: '初审同意，报县林业局审批' });
    expect(forwarded).toMatchObject({ status: 'escalated', warning: 'none', stageDue: null, due: '2026-11-19' });
    expect(forwarded.escalation).toMatchObject({
      to: '田林县林业局',
      escalatedOn: '2026-11-16',
      preReviewDueOn: '2026-11-12',
      onTime: false,
      workingDaysLate: 2,
      countyCaseNo: null,
    });
    expect(forwarded.allowedActs).toEqual(['county-accept', 'county-result', 'conclude', 'withdraw']);

    const tooEarly = await act(accepted.id, 'county-accept', {
      version: forwarded.version,
      countyCaseNo: 'TLLY-2026-0088',
      acceptedOn: '2026-11-13',
      dueOn: '2026-11-30',
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json<{ detail: string }>().detail).toContain('不能早于上报日期 2026-11-16');
    const inTheFuture = await act(accepted.id, 'county-accept', {
      version: forwarded.version,
      countyCaseNo: 'TLLY-2026-0088',
      acceptedOn: '2026-11-17',
      dueOn: '2026-11-30',
    });
    expect(inTheFuture.statusCode).toBe(400);

    const countyAccepted = await step(accepted.id, 'county-accept', {
      countyCaseNo: 'TLLY-2026-0088',
      acceptedOn: '2026-11-16',
      dueOn: '2026-11-30',
    });
    expect(countyAccepted).toMatchObject({ stageDue: '2026-11-30', warning: 'none' });
    const twice = await act(accepted.id, 'county-accept', {
      version: countyAccepted.version,
      countyCaseNo: 'X',
      acceptedOn: '2026-11-16',
      dueOn: '2026-11-30',
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ code: 'CASE_COUNTY_STAGE' });

    const tooSoon = await act(accepted.id, 'conclude', { version: countyAccepted.version, result: 'granted' });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json<{ detail: string }>().detail).toContain('须先登记县级审批结果');

    // The county is late: the case shows it, but no township staff member is held to account for it.
    await runWarningJob(env.db, new Date('2026-12-01T08:00:00+08:00'), env.caseDeps, env.ctx.auditKey);
    expect((await get(accepted.id)).warning).toBe('yellow');
    expect((await accountabilityOf(accepted.id)).map((row) => row.stage)).toEqual(['accepted']);

    await travel('2026-12-01T09:00:00+08:00');
    const deniedWithoutReason = await act(accepted.id, 'county-result', {
      version: (await get(accepted.id)).version,
      result: 'denied',
      decidedOn: '2026-11-30',
    });
    expect(deniedWithoutReason.statusCode).toBe(400);
    await step(accepted.id, 'county-result', { result: 'granted', decidedOn: '2026-11-30', documentNo: '林采许〔2026〕88号' });

    const against = await act(accepted.id, 'conclude', { version: (await get(accepted.id)).version, result: 'denied', reason: '不同意' });
    expect(against.statusCode).toBe(422);
    expect(against.json<{ detail: string }>().detail).toContain('县级：准予');
    const concluded = await step(accepted.id, 'conclude', { result: 'granted', certificateNo: '林采许〔2026〕88号' });
    expect(concluded.status).toBe('concluded');

    const exchange = (
      await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}/exchange`, headers: clerk })
    ).json<ExchangeRecordView>();
    expect(exchange.forwarding).toMatchObject({
      to: '田林县林业局',
      onTime: false,
      countyCaseNo: 'TLLY-2026-0088',
      countyAcceptedOn: '2026-11-16',
      countyDueOn: '2026-11-30',
      countyResult: 'granted',
      countyDecidedOn: '2026-11-30',
      documentNo: '林采许〔2026〕88号',
    });
    expect(exchange.conclusion).toMatchObject({ kind: 'forwarded' });
    expect(exchange.approvalStages.map((stage) => stage.act)).toEqual(['accept', 'escalate', 'county-accept', 'county-result', 'conclude']);
  });

  it('a special procedure moves the pre-review due as it moves the case’s; forwarding in time says so', async () => {
    const accepted = await openAndAccept();
    await travel('2026-10-20T09:00:00+08:00');
    await step(accepted.id, 'suspend', { procedure: 'site_survey', reason: '现场查验林木蓄积' });
    await travel('2026-10-22T09:00:00+08:00');
    const resumed = await step(accepted.id, 'resume', { result: '查验完毕' });
    expect(resumed).toMatchObject({ due: '2026-11-23', stageDue: '2026-11-16' });
    const forwarded = await step(accepted.id, 'escalate', { to: '田林县林业局', note: '初审同意' });
    expect(forwarded.escalation).toMatchObject({ preReviewDueOn: '2026-11-16', onTime: true, workingDaysLate: 0 });
  });

  it('checks the forwarding’s fields, and another township cannot record the county’s acts', async () => {
    const accepted = await openAndAccept();
    const noTarget = await act(accepted.id, 'escalate', { version: accepted.version, note: '初审同意' });
    expect(noTarget.statusCode).toBe(400);
    const forwarded = await step(accepted.id, 'escalate', { to: '田林县林业局', note: '初审同意' });
    const badDate = await act(accepted.id, 'county-accept', {
      version: forwarded.version,
      countyCaseNo: 'A1',
      acceptedOn: '2026-02-30',
      dueOn: '2026-11-30',
    });
    expect(badDate.statusCode).toBe(400);
    const stranger = await signIn(env, other.window.username);
    const foreign = await act(
      accepted.id,
      'county-accept',
      { version: forwarded.version, countyCaseNo: 'A1', acceptedOn: '2026-10-15', dueOn: '2026-11-30' },
      stranger,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('documents the county acts in OpenAPI', async () => {
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/cases/{id}/county-accept', '/api/cases/{id}/county-result']));
  });
});
