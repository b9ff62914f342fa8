import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openMemoryPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { CaseDeps } from '../../src/modules/cases/index.ts';
import { createHeavyWork } from '../../src/kernel/heavy-work.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEFAULT_SECURITY_POLICY, type AppContext, type SecurityPolicy } from '../../src/kernel/context.ts';
import { workflowDeps } from '../../src/server/deps.ts';
import { createManualClock, type ManualClock } from '../../src/shared/clock.ts';
import { TEMPLATE_PATH } from './paths.ts';
import { auditTrailOf } from '../../src/modules/audit/index.ts';

export interface TestEnv {
  db: Db;
  /** The PostgreSQL database this env runs on (undefined on PGlite): for a second session in a test. */
  databaseUrl: string | undefined;
  app: FastifyInstance;
  clock: ManualClock;
  ctx: AppContext;
  /** The product's own wiring of cases to the catalog and calendar (for running the warning job). */
  caseDeps: CaseDeps;
  close(): Promise<void>;
}

export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789abcdef';

export const isPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/** A database for one test file: a fresh PGlite from the migrated image, or the shared PostgreSQL. */
export async function openTestDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url, { max: 6 });
  return openMemoryPglite(new Blob([readFileSync(TEMPLATE_PATH)]));
}

/** The real app on the real database, with a clock the test moves (default: a Thursday morning in Beijing). */
export interface TestEnvOptions {
  now?: string;
  security?: Partial<SecurityPolicy>;
  /** A database no other test file shares (for county-wide data such as national calendar years). */
  isolated?: boolean;
}

export async function createTestEnv(options: TestEnvOptions = {}): Promise<TestEnv> {
  const db: Db & { url?: string } = options.isolated ? await openIsolatedDb() : await openTestDb();
  const clock = createManualClock(options.now ?? '2026-10-15T09:00:00+08:00');
  const ctx: AppContext = {
    db,
    clock,
    config: { isProduction: false },
    auditKey: TEST_AUDIT_KEY,
    audit: auditTrailOf(TEST_AUDIT_KEY),
    security: { ...DEFAULT_SECURITY_POLICY, ...options.security },
    heavy: createHeavyWork({ threads: 1 }),
  };
  const app = await buildApp(ctx, {
    ...(process.env.YIZHAN_TEST_LOG ? { logger: { level: 'error' } } : {}),
  });
  await app.ready();
  return {
    db,
    databaseUrl: db.url ?? process.env.DATABASE_URL,
    app,
    clock,
    ctx,
    caseDeps: workflowDeps().caseDeps,
    async close() {
      await app.close();
      await ctx.heavy.close();
      await db.close();
    },
  };
}

/**
 * A database no other test file writes to: for tests that tamper with shared structures (the audit
 * chain). PGlite files are isolated anyway; on PostgreSQL a throwaway database is created and dropped.
 */
export async function openIsolatedDb(): Promise<Db & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return openTestDb();
  const name = `yizhan_iso_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString(), { max: 4 });
  await migrate(db);
  return {
    ...db,
    url: target.toString(),
    async close() {
      await db.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name}`);
      await client.end();
    },
  };
}
