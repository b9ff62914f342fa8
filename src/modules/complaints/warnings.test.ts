import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, TEST_AUDIT_KEY, type TestEnv } from '../../../test/support/test-env.ts';
import { runComplaintWarningJob } from './warnings.ts';

/** 电子监察 of complaints with a training clock: 预警 before the decision deadline, 黄牌 after it, 红牌 3 working days on. */
let env: TestEnv;
let town: TownshipFixture;
let director: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' }); // Thursday; decision due Thursday 22 October
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

async function warningOf(id: string): Promise<{ warning: string; events: { act: string; payload: Record<string, unknown> }[] }> {
  director = await signIn(env, town.director.username); // the clock moved past the session's idle limit
  return (await env.app.inject({ method: 'GET', url: `/api/complaints/${id}`, headers: director })).json();
}

describe('complaint warnings', () => {
  it('raises pre, yellow and red on the working-day calendar as the clock moves, and stops once answered', async () => {
    const filed = await env.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      headers: { 'idempotency-key': randomUUID() },
      payload: { org: town.township.code, content: `无人受理我的申请。${randomUUID().slice(0, 6)}` },
    });
    const { id } = filed.json<{ id: string }>();
    expect((await warningOf(id)).warning).toBe('none');

    const run = async (at: string) => {
      env.clock.set(at);
      await runComplaintWarningJob(env.db, env.clock.now(), TEST_AUDIT_KEY);
      return (await warningOf(id)).warning;
    };
    expect(await run('2026-10-20T09:00:00+08:00')).toBe('none');
    expect(await run('2026-10-21T09:00:00+08:00')).toBe('pre');
    expect(await run('2026-10-23T09:00:00+08:00')).toBe('yellow');
    // Red after more than 3 working days late: 23, 26, 27 October are 1–3; the 28th is the fourth.
    expect(await run('2026-10-27T09:00:00+08:00')).toBe('yellow');
    expect(await run('2026-10-28T09:00:00+08:00')).toBe('red');
    const { events } = await warningOf(id);
    expect(events.filter((event) => event.act === 'warning').map((event) => event.payload.level)).toEqual(['pre', 'yellow', 'red']);

    // Accepting late starts the answer clock (15 working days): the grade starts over.
    const view = await env.app.inject({ method: 'GET', url: `/api/complaints/${id}`, headers: director }); // signed in by warningOf
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${id}/accept`,
      headers: changeHeaders(director),
      payload: { version: view.json<{ version: number }>().version },
    });
    expect(accepted.json()).toMatchObject({ warning: 'none', answerDueOn: '2026-11-18' });
  });
});
