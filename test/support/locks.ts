import pg from 'pg';
import type { TestEnv } from './test-env.ts';

/**
 * Locks held from a second PostgreSQL session, so a test can put requests into the exact state it
 * claims to prove — waiting on a row, or finding its idempotency key in flight — instead of hoping
 * that parallel requests happen to overlap. PostgreSQL only: PGlite is one session. The second session
 * opens the env's own database (advisory and row locks do not reach across databases).
 */
export interface HeldLock {
  /** How many other sessions wait on this lock now (not on another test's locks in the same database). */
  waiters(): Promise<number>;
  release(): Promise<void>;
}

async function holdWith(env: TestEnv, statement: string, params: unknown[]): Promise<HeldLock> {
  const url = env.databaseUrl;
  if (!url) throw new Error('locks from a second session need PostgreSQL (DATABASE_URL)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query(statement, params);
  return {
    async waiters() {
      const result = await client.query<{ n: number }>(
        // Queued writers of one row wait on the first in the queue, not on the holder: follow the chain.
        `with recursive queued(pid) as (
           select pid from pg_stat_activity where pg_backend_pid() = any (pg_blocking_pids(pid))
           union
           select activity.pid from pg_stat_activity activity join queued on queued.pid = any (pg_blocking_pids(activity.pid))
         )
         select count(*)::int as n from queued`,
      );
      return result.rows[0]?.n ?? 0;
    },
    async release() {
      await client.query('rollback');
      await client.end();
    },
  };
}

/** Holds `select … for update` on one row: writers of that row queue behind it. */
export function holdRow(env: TestEnv, table: string, id: string): Promise<HeldLock> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  return holdWith(env, `select 1 from ${table} where id = $1 for update`, [id]);
}

/** Holds the lock runChange takes for (staff, key): that key is "in flight" until released. */
export function holdIdempotencyKey(env: TestEnv, staffId: string, key: string): Promise<HeldLock> {
  return holdWith(env, 'select pg_advisory_xact_lock(hashtextextended($1, 0))', [`staff:${staffId}|${key}`]);
}

/** Holds the audit chain's append lock (audit_head): every change waits for it just before commit. */
export function holdAuditChain(env: TestEnv): Promise<HeldLock> {
  return holdWith(env, 'select pg_advisory_xact_lock(7412002)', []);
}

/** Waits until at least `count` sessions wait on a lock (the requests really are concurrent). */
export async function untilWaiting(lock: HeldLock, count: number, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const waiting = await lock.waiters();
    if (waiting >= count) return waiting;
    if (performance.now() - started > timeoutMs)
      throw new Error(`only ${String(waiting)} of ${String(count)} sessions came to wait on the lock`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
