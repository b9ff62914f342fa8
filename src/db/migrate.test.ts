import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIsolatedDb } from '../../test/support/test-env.ts';
import { SYSTEM_SCOPE, type Db } from './db.ts';
import { migrate, MigrationChecksumError, readMigrations } from './migrate.ts';

let db: Db;
beforeAll(async () => {
  db = await openIsolatedDb();
});
afterAll(async () => db.close());

describe('migrations', () => {
  it('applies nothing twice, also when two runners start at once', async () => {
    const results = await Promise.all([migrate(db), migrate(db)]);
    expect(results).toEqual([[], []]);
    const count = await db.transaction(
      SYSTEM_SCOPE,
      async (tx) => (await tx.query<{ n: number }>('select count(*)::int as n from schema_migrations')).rows[0]?.n,
    );
    expect(count).toBe(readMigrations().length);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(MigrationChecksumError);
  });
});
