import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';

/** PGlite in the data folder by default; a PostgreSQL server when DATABASE_URL is set. */
export async function openDatabase(config: Config): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(join(config.dataDir, 'pglite'));
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
