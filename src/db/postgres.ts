import pg from 'pg';
import { enterScope, type Db, type QueryResult, type Scope, type Tx } from './db.ts';
import { DatabaseUnavailableError, isConnectionFailure } from './failures.ts';

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

export interface PostgresOptions {
  max?: number;
  /** Told of connection-level errors (a server restart, a terminated backend); they never end the process. */
  onConnectionError?: (error: Error) => void;
}

/**
 * A PostgreSQL server through a pool. R11: a server that goes away never ends the process; while it
 * is away every transaction fails within 2 s with DatabaseUnavailableError; the pool replaces broken
 * connections, so service resumes by itself when the server is back.
 */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
    // A cut network shows as a dead socket instead of a query that waits for ever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const report = (error: Error) => options.onConnectionError?.(error);
  // An idle client whose server went away emits on the pool; a checked-out one emits on itself, and
  // an 'error' event nobody listens to ends the process. Its failing query reports the error anyway.
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));

  const checkout = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      // Refused, timed out, shutting down, not accepting connections (55000), wrong password:
      // whatever stops a connection from opening leaves the platform without its database.
      throw new DatabaseUnavailableError(error);
    }
  };

  return {
    engine: 'postgres',
    async transaction<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await checkout();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const tx = wrap(client);
        await enterScope(tx, scope);
        const result = await work(tx);
        await client.query('commit');
        return result;
      } catch (error) {
        if (isConnectionFailure(error)) {
          broken = error instanceof Error ? error : new Error(String(error));
          throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
        }
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        // A broken connection is destroyed, not returned to the pool.
        client.release(broken);
      }
    },
    async ping() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch {
        return false;
      }
      try {
        await client.query('select 1');
        client.release();
        return true;
      } catch (error) {
        client.release(error instanceof Error ? error : true);
        return false;
      }
    },
    listen: (channel, onNotify, onResync) => listenOn(connectionString, channel, onNotify, onResync, report),
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a dedicated connection outside the pool (a pooled one would be handed to transactions).
 * A lost connection is replaced after a pause that grows to 5 s; once listening again the caller is
 * told to resync, since notifications sent meanwhile are gone.
 */
async function listenOn(
  connectionString: string,
  channel: string,
  onNotify: (payload: string) => void,
  onResync: (() => void) | undefined,
  report: (error: Error) => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new RangeError(`not a channel name: ${channel}`);
  let client: pg.Client | undefined;
  let isStopped = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (isFirst: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 2000, keepAlive: true });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    const lost = (error?: Error) => {
      if (error) report(error);
      if (isStopped || client !== next) return;
      client = undefined;
      void next.end().catch(() => undefined);
      timer = setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
    next.on('error', lost);
    next.on('end', () => {
      lost();
    });
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
    } catch (error) {
      if (isFirst) {
        client = undefined;
        await next.end().catch(() => undefined);
        throw new DatabaseUnavailableError(error);
      }
      lost(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    retryMs = 250;
    if (!isFirst) onResync?.();
  };
  const reconnect = async () => {
    if (!isStopped) await connect(false);
  };
  await connect(true);
  return async () => {
    isStopped = true;
    clearTimeout(timer);
    const current = client;
    client = undefined;
    await current?.end().catch(() => undefined);
  };
}
