import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../support/factories.ts';
import { holdIdempotencyKey, holdRow, untilWaiting } from '../support/locks.ts';
import { createTestEnv, isPostgres, type TestEnv } from '../support/test-env.ts';

/** R2 and R9 for every change: one key → one effect and exactly one audit record. */
let env: TestEnv;
let town: TownshipFixture;
let auth: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  auth = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

const post = (key: string | undefined, name: string) =>
  env.app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: key === undefined ? auth : changeHeaders(auth, key),
    payload: { orgId: town.township.id, name, category: 'local' },
  });

async function countRows(sql: string, params: unknown[]): Promise<number> {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => (await tx.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
}

describe('Idempotency-Key', () => {
  it('same key and body → the same answer and one department, one audit record', async () => {
    const key = randomUUID();
    const first = await post(key, '林业站');
    const second = await post(key, '林业站');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await countRows(`select count(*)::int as n from departments where org_id = $1 and name = '林业站'`, [town.township.id])).toBe(1);
    const id = first.json<{ department: { id: string } }>().department.id;
    expect(await countRows(`select count(*)::int as n from audit_log where target_id = $1`, [id])).toBe(1);
  });

  it('same key with another body → 422; no key → 400', async () => {
    const key = randomUUID();
    await post(key, '水利站');
    const reused = await post(key, '畜牧站');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const missing = await post(undefined, '畜牧站');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISSING' });
  });

  it.runIf(isPostgres())(
    '20 parallel submissions with one key: told "in flight" while it is, then one department (PostgreSQL)',
    async () => {
      const key = randomUUID();
      const inFlight = await holdIdempotencyKey(env, town.director.id, key);
      const blocked = await Promise.all(Array.from({ length: 20 }, () => post(key, '文化站')));
      await inFlight.release();
      expect(blocked.map((response) => [response.statusCode, response.json<{ code: string }>().code])).toEqual(
        Array(20).fill([409, 'IDEMPOTENCY_IN_FLIGHT']),
      );
      expect(await countRows(`select count(*)::int as n from departments where org_id = $1 and name = '文化站'`, [town.township.id])).toBe(
        0,
      );

      const responses = await Promise.all(Array.from({ length: 20 }, () => post(key, '文化站')));
      for (const response of responses) {
        expect([201, 409]).toContain(response.statusCode);
        if (response.statusCode === 409) expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_FLIGHT' });
      }
      const created = new Set(
        responses.filter((r) => r.statusCode === 201).map((r) => r.json<{ department: { id: string } }>().department.id),
      );
      expect(created.size).toBe(1);
      expect(await countRows(`select count(*)::int as n from departments where org_id = $1 and name = '文化站'`, [town.township.id])).toBe(
        1,
      );
    },
  );

  it('a refused change leaves no audit record and no stored answer, so a corrected retry works', async () => {
    const key = randomUUID();
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/windows',
      headers: changeHeaders(auth, key),
      payload: { orgId: town.township.id, number: '1', name: '重复窗口', departmentIds: [town.departmentId] },
    });
    expect(bad.statusCode).toBe(409);
    expect(await countRows('select count(*)::int as n from idempotency_keys where key = $1', [key])).toBe(0);
  });

  it.runIf(isPostgres())(
    '20 staff editing one window at once: one wins, the rest get 409 with the current version (PostgreSQL)',
    async () => {
      const windows = await env.app.inject({ method: 'GET', url: `/api/windows?orgId=${town.township.id}`, headers: auth });
      const target = windows.json<{ windows: { id: string; version: number }[] }>().windows[0]!;
      // The edits queue on the window's row while another session holds it, so they really overlap.
      const row = await holdRow(env, 'windows', target.id);
      const pending = Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          env.app.inject({
            method: 'PATCH',
            url: `/api/windows/${target.id}`,
            headers: changeHeaders(auth),
            payload: { version: target.version, name: `并发改名${String(i)}` },
          }),
        ),
      );
      expect(await untilWaiting(row, 2)).toBeGreaterThanOrEqual(2);
      await row.release();
      const responses = await pending;
      const ok = responses.filter((r) => r.statusCode === 200);
      expect(ok).toHaveLength(1);
      for (const response of responses.filter((r) => r.statusCode !== 200)) {
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: target.version + 1 });
      }
    },
  );
});
