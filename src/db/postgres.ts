import pg from 'pg';
import { enterScope, type Db, type QueryResult, type Scope, type Tx } from './db.ts';

// Dates stay as the strings PostgreSQL sends: a `date` is a business date, never a JS Date at midnight UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint counts fit in a double here; sequences of audit rows and case numbers stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

function wrap(client: pg.PoolClient): Tx {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** A PostgreSQL server through a pool; R11: a dead server answers within 2 s instead of hanging. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away emits here; the pool replaces it on the next checkout.
  pool.on('error', () => undefined);
  return {
    engine: 'postgres',
    async transaction<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('begin');
        const tx = wrap(client);
        await enterScope(tx, scope);
        const result = await work(tx);
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      const client = await pool.connect();
      try {
        await client.query('select 1');
        return true;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
