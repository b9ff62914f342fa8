import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from '../../src/db/migrate.ts';
import { openMemoryPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { TEMPLATE_PATH } from './paths.ts';

/**
 * Migrates once per run. On PGlite the migrated database is dumped to an image that every test file
 * starts from; on PostgreSQL (DATABASE_URL) the shared database is migrated in place.
 */
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = openPostgres(url, { max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    return;
  }
  const db = await openMemoryPglite();
  await migrate(db);
  const image = await db.dump();
  mkdirSync(dirname(TEMPLATE_PATH), { recursive: true });
  writeFileSync(TEMPLATE_PATH, Buffer.from(await image.arrayBuffer()));
  await db.close();
}
