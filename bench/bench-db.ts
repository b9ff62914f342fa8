import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SYSTEM_SCOPE, type Db } from '../src/db/db.ts';
import { openMemoryPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';

/**
 * The database a benchmark runs on: PGlite in memory, or, when DATABASE_URL names a PostgreSQL
 * server, a throwaway database created there and dropped by `drop()`.
 */
export async function openBenchDb(options: { poolSize?: number } = {}): Promise<{
  db: Db;
  drop: () => Promise<void>;
  engine: string;
  /** VACUUM ANALYZE of one table (outside a transaction; on PGlite, ANALYZE alone in its single session). */
  vacuum: (table: string) => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openMemoryPglite();
    return {
      db,
      drop: () => db.close(),
      engine: 'PGlite (in memory)',
      vacuum: async (table) => {
        await db.transaction(SYSTEM_SCOPE, (tx) => tx.query(`analyze ${table}`));
      },
    };
  }
  const name = `yizhan_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString(), { max: options.poolSize ?? 4 });
  return {
    db,
    engine: 'PostgreSQL',
    async vacuum(table) {
      const client = new pg.Client({ connectionString: target.toString() });
      await client.connect();
      await client.query(`vacuum analyze ${table}`);
      await client.end();
    },
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database ${name} with (force)`);
      await client.end();
    },
  };
}
