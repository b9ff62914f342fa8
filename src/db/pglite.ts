import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { enterScope, type Db, type QueryResult, type Scope, type Tx } from './db.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

interface PgliteQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(target: PgliteQueryable): Tx {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

function createDb(pg: PGlite, release: () => void): Db {
  let transactionsOpen = 0;
  return {
    engine: 'pglite',
    async transaction<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
      transactionsOpen += 1;
      try {
        return await pg.transaction(async (raw) => {
          const tx = wrap(raw);
          await enterScope(tx, scope);
          return work(tx);
        });
      } finally {
        transactionsOpen -= 1;
      }
    },
    async ping() {
      if (pg.closed) return false;
      // PGlite is one session in this process: while a transaction holds it the engine is evidently
      // answering, and a probe queued behind that transaction would only measure its length.
      if (transactionsOpen > 0) return true;
      await pg.query('select 1');
      return true;
    },
    async listen(channel, onNotify) {
      // PGlite delivers a NOTIFY when the transaction that sent it commits, as PostgreSQL does.
      const stop = await pg.listen(channel, onNotify);
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    async close() {
      await pg.close();
      release();
    },
  };
}

const extensions = { pg_trgm, pgcrypto };
// Same value shapes as the pg adapter: a `date` is a business-date string, a bigint a number.
const parsers = { [types.DATE]: (value: string) => value, [types.INT8]: (value: string) => Number(value) };

/** Opens the embedded database kept in `dir`; refuses when another process already has it open. */
export async function openPglite(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dir);
  try {
    const pg = await PGlite.create(`${dir}/pgdata`, { extensions, parsers });
    return createDb(pg, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory database, optionally started from a dumped image (tests start every file from one). */
export async function openMemoryPglite(image?: Blob): Promise<Db & { dump(): Promise<Blob> }> {
  const pg = await PGlite.create({ extensions, parsers, ...(image ? { loadDataDir: image } : {}) });
  return { ...createDb(pg, () => undefined), dump: () => pg.dumpDataDir('none') };
}
