import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../test/support/test-env.ts';
import { purgeIdempotencyRecords } from './change.ts';

let env: TestEnv;
let town: TownshipFixture;
let auth: { authorization: string };

beforeAll(async () => {
  // The purge is deployment-wide: on a shared PostgreSQL it would remove other files' records.
  env = await createTestEnv({ isolated: true });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  auth = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

const addDepartment = (key: string, name: string) =>
  env.app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: changeHeaders(auth, key),
    payload: { orgId: town.township.id, name, category: 'local' },
  });

const stored = (key: string) =>
  env.db.transaction(SYSTEM_SCOPE, async (tx) => (await tx.query('select 1 from idempotency_keys where key = $1', [key])).rows.length);

describe('idempotency records are kept for the retention period (R10)', () => {
  it('removes records older than the period and keeps newer ones', async () => {
    const oldKey = randomUUID();
    expect((await addDepartment(oldKey, '老年协会')).statusCode).toBe(201);
    env.clock.advance(20 * 86_400_000);
    auth = await signIn(env, town.director.username);
    const newKey = randomUUID();
    expect((await addDepartment(newKey, '青年之家')).statusCode).toBe(201);
    expect(await stored(oldKey)).toBe(1);

    const removed = await purgeIdempotencyRecords(env.db, new Date(env.clock.now().getTime() + 11 * 86_400_000), 30);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await stored(oldKey)).toBe(0);
    expect(await stored(newKey)).toBe(1);
  });
});
