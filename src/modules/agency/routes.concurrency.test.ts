import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { holdIdempotencyKey, holdRow, untilWaiting } from '../../../test/support/locks.ts';
import { createTestEnv, isPostgres, type TestEnv } from '../../../test/support/test-env.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { workflowDeps } from '../../server/deps.ts';
import { runAgencyWarningJob } from './index.ts';
import type { AgencyRequestView } from './schemas.ts';

/**
 * A flaky village connection sends the same request many times at once; two clerks reach for one
 * folder. Locking and in-flight paths: PostgreSQL only (PGlite is one session and would run them one
 * after another).
 */
let env: TestEnv;
let town: TownshipFixture;
let agent: { authorization: string };
let prefix: string;

beforeAll(async () => {
  env = await createTestEnv();
  const county = await createCounty(env);
  town = await createTownship(env, county.county);
  agent = await signIn(env, town.agent.username);
  prefix = (await env.app.inject({ method: 'POST', url: '/api/agency/devices', headers: changeHeaders(agent) })).json<{ prefix: string }>()
    .prefix;
});
afterAll(async () => env.close());

const body = (requestNo: string) => ({
  requestNo,
  villageId: town.village.id,
  itemCode: 'LB-001',
  applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
  consent: true,
  materials: [{ name: '申请人居民身份证', received: true }],
});

describe.runIf(isPostgres())('agency under concurrency (PostgreSQL)', () => {
  it('20 parallel sends of one draft with one key make one request', async () => {
    const key = randomUUID();
    const requestNo = `${prefix}-20261015-101`;
    const send = () =>
      env.app.inject({ method: 'POST', url: '/api/agency/requests', headers: changeHeaders(agent, key), payload: body(requestNo) });
    const inFlight = await holdIdempotencyKey(env, town.agent.id, key);
    const blocked = await Promise.all(Array.from({ length: 20 }, send));
    await inFlight.release();
    expect(new Set(blocked.map((response) => response.json<{ code: string }>().code))).toEqual(new Set(['IDEMPOTENCY_IN_FLIGHT']));
    const responses = await Promise.all(Array.from({ length: 20 }, send));
    const created = responses.filter((response) => response.statusCode === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((response) => response.json<AgencyRequestView>().id)).size).toBe(1);
    // The rest were told the first is still in flight; none made a second request.
    for (const response of responses.filter((r) => r.statusCode !== 201)) expect(response.statusCode).toBe(409);
    const window = await signIn(env, town.window.username);
    const list = await env.app.inject({ method: 'GET', url: `/api/agency/requests?requestNo=${requestNo}`, headers: window });
    expect(list.json<{ requests: unknown[] }>().requests).toHaveLength(1);
  });

  it('two clerks receiving one folder at once open one case: the other gets 409', async () => {
    const request = (
      await env.app.inject({
        method: 'POST',
        url: '/api/agency/requests',
        headers: changeHeaders(agent),
        payload: body(`${prefix}-20261015-102`),
      })
    ).json<AgencyRequestView>();
    const clerk = await signIn(env, town.window.username);
    const director = await signIn(env, town.director.username);
    const folder = await holdRow(env, 'agency_requests', request.id);
    const racing = Promise.all(
      [clerk, director].map((auth) =>
        env.app.inject({
          method: 'POST',
          url: `/api/agency/requests/${request.id}/receive`,
          headers: changeHeaders(auth),
          payload: { version: request.version },
        }),
      ),
    );
    await untilWaiting(folder, 2);
    await folder.release();
    const results = await racing;
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const cases = await env.app.inject({ method: 'GET', url: '/api/cases?limit=200', headers: clerk });
    const agentCases = cases.json<{ cases: { channel: string }[] }>().cases.filter((c) => c.channel === 'agent');
    expect(agentCases).toHaveLength(1);
  });

  it('the warning job passes over a request an act holds, and two jobs at once raise each grade and record it once', async () => {
    // April 2026, before any other test file's requests: a job run here claims only this file's.
    env.clock.set(new Date('2026-04-07T09:00:00+08:00'));
    agent = await signIn(env, town.agent.username);
    const request = (
      await env.app.inject({
        method: 'POST',
        url: '/api/agency/requests',
        headers: changeHeaders(agent),
        payload: body(`${prefix}-20260407-103`),
      })
    ).json<AgencyRequestView>();
    // 报送 due Thu 04-09; on Fri 04-10 it is yellow.
    env.clock.set(new Date('2026-04-10T00:00:30+08:00'));
    const { agencyDeps } = workflowDeps();
    const job = () => runAgencyWarningJob(env.db, env.clock.now(), agencyDeps, env.ctx.auditKey);
    const marks = () =>
      env.db.transaction(SYSTEM_SCOPE, async (tx) => ({
        warnings: (
          await tx.query<{ level: string }>(
            `select data->>'level' as level from agency_events where request_id = $1 and kind = 'warning' order by id`,
            [request.id],
          )
        ).rows.map((row) => row.level),
        records: (
          await tx.query<{ level: string }>('select level from agency_accountability where request_id = $1 order by created_at', [
            request.id,
          ])
        ).rows.map((row) => row.level),
      }));

    // An act in progress holds the row: the job does not wait for it, it looks again next time.
    const held = await holdRow(env, 'agency_requests', request.id);
    try {
      await job();
      expect(await marks()).toEqual({ warnings: [], records: [] });
    } finally {
      await held.release();
    }
    await Promise.all([job(), job(), job()]);
    const after = await marks();
    expect(after.warnings).toContain('yellow');
    expect(new Set(after.warnings).size).toBe(after.warnings.length);
    expect(after.records).toContain('yellow');
    expect(new Set(after.records).size).toBe(after.records.length);
  });
});
