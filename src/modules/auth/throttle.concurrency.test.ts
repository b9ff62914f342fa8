import { randomInt } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship } from '../../../test/support/factories.ts';
import { createTestEnv, isPostgres, type TestEnv } from '../../../test/support/test-env.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { passwordVerificationCount } from './hashing.ts';

/**
 * R5 under parallel guesses, on PostgreSQL (PGlite is one session and would run them one by one). A
 * second session holds the counter's row, so the requests really do queue on it together; then it lets go.
 */
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
  // Open the pool's connections first: the requests below should queue on the counter, not on connecting.
  if (isPostgres())
    await Promise.all(Array.from({ length: 6 }, () => env.db.transaction(SYSTEM_SCOPE, (tx) => tx.query('select pg_sleep(0.05)'))));
});
afterAll(async () => env.close());

async function holdCounter(kind: 'name' | 'address', key: string) {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  await client.query('insert into sign_in_throttles (kind, key) values ($1, $2) on conflict do nothing', [kind, key]);
  await client.query('begin');
  await client.query('select 1 from sign_in_throttles where kind = $1 and key = $2 for update', [kind, key]);
  return {
    async waiting(): Promise<number> {
      const result = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
      );
      return result.rows[0]?.n ?? 0;
    },
    async debug(): Promise<Record<string, unknown>[]> {
      return (
        await client.query<Record<string, unknown>>(
          `select state, wait_event_type, wait_event, left(query, 60) as q from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        )
      ).rows;
    },
    async release() {
      await client.query('rollback');
      await client.end();
    },
  };
}

async function untilWaiting(lock: Awaited<ReturnType<typeof holdCounter>>, count: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const waiting = await lock.waiting();
    if (waiting >= count) return waiting;
    if (performance.now() - started > 10_000) {
      const detail = await lock.debug();
      throw new Error(`only ${String(waiting)} of ${String(count)} sign-ins came to wait on the counter: ${JSON.stringify(detail)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const guess = (username: string, address: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Parallel#guess1' }, remoteAddress: address });

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

describe.runIf(isPostgres())('sign-in throttle under parallel guesses (PostgreSQL)', () => {
  for (const which of ['an unknown name', 'a real name'] as const) {
    it(`20 wrong passwords at once for ${which}: exactly 5 are checked, none is lost from the count`, async () => {
      const { county } = await createCounty(env);
      const town = await createTownship(env, county);
      const username = which === 'a real name' ? town.window.username : `ghost_${String(randomInt(1e6, 9e6))}`;
      const lock = await holdCounter('name', username);
      const before = passwordVerificationCount();
      const answers = Promise.all(Array.from({ length: 20 }, (_, i) => guess(username, `192.0.2.${String(i + 1)}`)));
      let waiting = 0;
      try {
        waiting = await untilWaiting(lock, 5);
      } finally {
        await lock.release();
      }
      expect(waiting).toBeGreaterThanOrEqual(5);
      const statuses = (await answers).map((response) => response.statusCode);
      expect(tally(statuses)).toEqual({ 401: 4, 423: 16 });
      expect(passwordVerificationCount() - before).toBe(5);
      const row = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
        tx.query<{ failures: number; locked: boolean }>(
          "select failures, locked_until > $2 as locked from sign_in_throttles where kind = 'name' and key = $1",
          [username, env.clock.now()],
        ),
      );
      expect(row.rows[0]).toEqual({ failures: 5, locked: true });
    });
  }

  it('40 failures at once from one address: exactly 30 passwords are checked, 10 are refused with 429 unhashed', async () => {
    const address = `198.51.100.${String(randomInt(1, 254))}`;
    const lock = await holdCounter('address', address);
    const before = passwordVerificationCount();
    const answers = Promise.all(Array.from({ length: 40 }, (_, i) => guess(`spray_${String(i)}_${String(randomInt(1e6, 9e6))}`, address)));
    try {
      await untilWaiting(lock, 5);
    } finally {
      await lock.release();
    }
    expect(tally((await answers).map((response) => response.statusCode))).toEqual({ 401: 30, 429: 10 });
    expect(passwordVerificationCount() - before).toBe(30);
  });
});

describe('sign-in throttle, one guess after another (the sequential variant, every engine)', () => {
  it('20 wrong passwords in a row: 4 refused as wrong, the 5th locks, 15 refused unchecked', async () => {
    const username = `ghost_${String(randomInt(1e6, 9e6))}`;
    const before = passwordVerificationCount();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await guess(username, `192.0.2.${String(i + 1)}`)).statusCode);
    expect(tally(statuses)).toEqual({ 401: 4, 423: 16 });
    expect(passwordVerificationCount() - before).toBe(5);
  });
});
