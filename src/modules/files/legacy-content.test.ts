import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { migrate, readMigrations } from '../../db/migrate.ts';
import { openMemoryPglite } from '../../db/pglite.ts';
import { openPostgres } from '../../db/postgres.ts';
import { createHeavyWork } from '../../kernel/heavy-work.ts';
import { buildApp } from '../../server/app.ts';
import { DEFAULT_SECURITY_POLICY, type AppContext } from '../../kernel/context.ts';
import { workflowDeps } from '../../server/deps.ts';
import { createManualClock } from '../../shared/clock.ts';
import { createCounty, createTownship, signIn } from '../../../test/support/factories.ts';
import { TEST_AUDIT_KEY, type TestEnv } from '../../../test/support/test-env.ts';
import { genuinePdf } from './fixtures.ts';
import { auditTrailOf } from '../audit/index.ts';

/** A database migrated only up to 0012: what a server had before uploads were stored in chunks. */
async function openBeforeChunks(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: await openMemoryPglite(), drop: async () => undefined };
  const name = `yizhan_legacy_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    db: openPostgres(target.toString(), { max: 4 }),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name}`);
      await client.end();
    },
  };
}

let env: TestEnv;
let drop: () => Promise<void>;

beforeAll(async () => {
  const opened = await openBeforeChunks();
  drop = opened.drop;
  const db = opened.db;
  await migrate(
    db,
    readMigrations().filter((migration) => migration.id < 13),
  );
  const clock = createManualClock('2026-10-15T09:00:00+08:00');
  const ctx: AppContext = {
    db,
    clock,
    config: { isProduction: false },
    auditKey: TEST_AUDIT_KEY,
    audit: auditTrailOf(TEST_AUDIT_KEY),
    security: DEFAULT_SECURITY_POLICY,
    heavy: createHeavyWork({ threads: 1 }),
  };
  const app = await buildApp(ctx);
  await app.ready();
  env = {
    db,
    databaseUrl: undefined,
    app,
    clock,
    ctx,
    caseDeps: workflowDeps().caseDeps,
    close: async () => {
      await app.close();
      await ctx.heavy.close();
      await db.close();
      await drop();
    },
  };
}, 120_000);
afterAll(async () => env.close());

describe('files stored before migration 0013 (content in the row)', () => {
  it('move into chunks and still download byte for byte; no row keeps its bytes inline', async () => {
    const { county } = await createCounty(env);
    const town = await createTownship(env, county);
    const small = await genuinePdf();
    // Several chunks, the last one partial, and compressible (stored compressed by PostgreSQL).
    const large = Buffer.concat([small, Buffer.alloc(3 * 65536 + 123, 'yizhan ')]);
    const exact = Buffer.alloc(65536, 7);
    const legacy: { id: string; bytes: Buffer }[] = [];
    for (const [bytes, name] of [
      [small, 'old.pdf'],
      [large, 'old-large.pdf'],
      [exact, 'exact.pdf'],
    ] as const) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const row = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
        tx.query<{ id: string }>(
          `insert into files (org_id, sha256, media_type, size, name, content, created_at) values ($1, $2, 'application/pdf', $3, $4, $5, now()) returning id`,
          [town.township.id, sha256, bytes.length, name, bytes],
        ),
      );
      legacy.push({ id: row.rows[0]?.id ?? '', bytes });
    }

    await migrate(env.db);

    const auth = await signIn(env, town.window.username);
    for (const { id, bytes } of legacy) {
      const download = await env.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: auth });
      expect(download.statusCode, download.body).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
      expect(download.rawPayload.equals(bytes)).toBe(true);
    }
    const inline = await env.db.transaction(
      SYSTEM_SCOPE,
      async (tx) => (await tx.query('select 1 from files where content is not null')).rows.length,
    );
    expect(inline).toBe(0);
  });
});
