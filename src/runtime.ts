import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { SYSTEM_SCOPE, type Db } from './db/db.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';

/** A start-up failure whose message says what to fix (printed as it is, without a stack). */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Where DATABASE_URL points, without its password: `host:port/database (user …)`. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(默认 / default)';
    const user = parsed.username ? `, 用户 / user ${decodeURIComponent(parsed.username)}` : '';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}${user}`;
  } catch {
    return '(无法解析的地址 / unparsable URL)';
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof AggregateError) return cause.errors.map(causeOf).join('; ');
  return cause instanceof Error ? cause.message : String(cause);
}

export interface DatabaseOptions {
  onConnectionError?: (error: Error) => void;
}

/**
 * PGlite in the data folder by default; a PostgreSQL server when DATABASE_URL is set. A server that
 * cannot be reached stops start-up with a message naming the variable and the host.
 */
export async function openDatabase(config: Config, options: DatabaseOptions = {}): Promise<Db> {
  if (!config.databaseUrl) {
    try {
      return await openPglite(join(config.dataDir, 'pglite'));
    } catch (error) {
      // A running server holds the folder: say so plainly (the CLI is often run beside it).
      if (error instanceof DataDirLockedError) throw new StartupError(error.message);
      throw error;
    }
  }
  const db = openPostgres(config.databaseUrl, options);
  try {
    await db.transaction(SYSTEM_SCOPE, (tx) => tx.query('select 1'));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new StartupError(
      `无法连接 DATABASE_URL 指定的 PostgreSQL 服务器 ${describeDatabaseUrl(config.databaseUrl)}：${causeOf(error)}\n` +
        'cannot reach the PostgreSQL server named by DATABASE_URL (see above). 请确认服务器已启动、地址端口与账户正确，或不设置 DATABASE_URL 以使用内置数据库。',
    );
  }
  return db;
}

/**
 * The audit chain's key must live outside the database (an attacker with SQL access must not be able
 * to recompute hashes): from YIZHAN_AUDIT_KEY, else a file created once in the data folder.
 */
export function loadAuditKey(config: Config): string {
  if (config.auditKey) return config.auditKey;
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, 'audit.key');
  if (!existsSync(path)) {
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8').trim();
}
