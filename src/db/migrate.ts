import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_SCOPE, type Db } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        id: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationChecksumError extends Error {
  constructor(name: string) {
    super(`迁移文件 ${name} 在应用后被修改过（校验和不符），拒绝启动。已应用的迁移不可修改，请新增迁移文件。`);
    this.name = 'MigrationChecksumError';
  }
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two processes starting
 * at once apply each file exactly once. An applied file whose text changed stops start-up.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7412001)`);
    await tx.query(`create table if not exists schema_migrations (
      id integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const applied = new Map(
      (await tx.query<{ id: number; checksum: string; name: string }>('select id, name, checksum from schema_migrations')).rows.map(
        (row) => [row.id, row],
      ),
    );
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.id);
      if (previous) {
        if (previous.checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id, name, checksum) values ($1, $2, $3)', [
        migration.id,
        migration.name,
        migration.checksum,
      ]);
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  });
}
