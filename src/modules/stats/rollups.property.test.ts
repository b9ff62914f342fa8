import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { handedIn } from '../../../test/support/catalog-items.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { rebuildCaseRollups, recountCaseRollups } from '../cases/index.ts';
import { listCaseRollups } from './index.ts';

let env: TestEnv;
let town: TownshipFixture;
let clerk: { authorization: string };
let day = 0;

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-12T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

type Step =
  | { kind: 'open'; item: 'ZJD-001' | 'GLJT-001'; channel: 'window' | 'online' }
  | { kind: 'act'; pick: number; act: 'accept' | 'refuse' | 'request-supplement' | 'conclude-granted' | 'conclude-denied' }
  | { kind: 'next-day'; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('open' as const),
    item: fc.constantFrom('ZJD-001' as const, 'GLJT-001' as const),
    channel: fc.constantFrom('window' as const, 'online' as const),
  }),
  fc.record({
    kind: fc.constant('act' as const),
    pick: fc.nat(20),
    act: fc.constantFrom(
      'accept' as const,
      'refuse' as const,
      'request-supplement' as const,
      'conclude-granted' as const,
      'conclude-denied' as const,
    ),
  }),
  fc.record({ kind: fc.constant('next-day' as const), days: fc.integer({ min: 1, max: 4 }) }),
);

async function run(steps: readonly Step[], cases: string[]): Promise<void> {
  for (const s of steps) {
    if (s.kind === 'next-day') {
      day += s.days;
      env.clock.set(new Date(Date.parse('2026-10-12T09:00:00+08:00') + day * 86_400_000).toISOString());
      clerk = await signIn(env, town.window.username);
    } else if (s.kind === 'open') {
      const opened = await env.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: changeHeaders(clerk, randomUUID()),
        payload: { ...handedIn(s.item), applicant: APPLICANT, channel: s.channel },
      });
      if (opened.statusCode === 201) cases.push(opened.json<{ id: string }>().id);
    } else if (cases.length > 0) {
      const id = cases[s.pick % cases.length] ?? '';
      const { version } = (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<{ version: number }>();
      const [url, body] =
        s.act === 'refuse'
          ? ['refuse', { reason: '不属于本机关职权范围' }]
          : s.act === 'request-supplement'
            ? ['request-supplement', { materials: [{ name: '申请人居民身份证', reason: '复印件不清晰' }] }]
            : s.act === 'accept'
              ? ['accept', {}]
              : ['conclude', { result: s.act === 'conclude-denied' ? 'denied' : 'granted', reason: '不符合条件' }];
      // Refused acts (a state that does not allow them) change nothing and must count nothing.
      await env.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/${url}`,
        headers: changeHeaders(clerk),
        payload: { version, ...body },
      });
    }
  }
}

describe('case rollups (ADR 0028)', () => {
  it('after any sequence of acts, the rollups kept with each event equal a recount from the event log', async () => {
    const cases: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        await run(steps, cases);
        const [kept, recount] = await env.db.transaction(SYSTEM_SCOPE, async (tx) =>
          Promise.all([listCaseRollups(tx, [town.township.id]), recountCaseRollups(tx, [town.township.id])]),
        );
        expect(kept).toEqual(recount);
      }),
      { numRuns: 12 },
    );
    // The property held on real figures, not on two empty lists.
    const rows = await env.db.transaction(SYSTEM_SCOPE, (tx) => listCaseRollups(tx, [town.township.id]));
    expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(0);
  }, 300_000);

  it('`yizhan rollups rebuild` puts back rows that were lost or changed', async () => {
    const ids = [town.township.id];
    const before = await env.db.transaction(SYSTEM_SCOPE, (tx) => listCaseRollups(tx, ids));
    expect(before.length).toBeGreaterThan(0);
    await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
      await tx.query('update case_rollups set received = received + 5 where org_id = $1', ids);
      await tx.query('delete from case_rollups where ctid = (select ctid from case_rollups where org_id = $1 limit 1)', ids);
    });
    expect(await env.db.transaction(SYSTEM_SCOPE, (tx) => listCaseRollups(tx, ids))).not.toEqual(before);
    const { rows } = await env.db.transaction(SYSTEM_SCOPE, (tx) => rebuildCaseRollups(tx, ids));
    expect(rows).toBe(before.length);
    expect(await env.db.transaction(SYSTEM_SCOPE, (tx) => listCaseRollups(tx, ids))).toEqual(before);
  });
});
