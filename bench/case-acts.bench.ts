// P1: case acts per second over HTTP on PostgreSQL with 8 clients, against pgbench's TPC-B-like
// transactions per second with 8 clients on the same server in the same run (the ratio is the result).
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/case-acts.bench.ts
// A throwaway database is created for each side and dropped afterwards.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { createHeavyWork } from '../src/kernel/heavy-work.ts';
import { buildApp } from '../src/server/app.ts';
import { DEFAULT_SECURITY_POLICY } from '../src/kernel/context.ts';
import { createSystemClock } from '../src/shared/clock.ts';
import { seedDemoCounty } from '../src/seed/seed.ts';
import { auditTrailOf } from '../src/modules/audit/index.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PASSWORD = 'Bench@2026pass';
const say = (line: string) => process.stdout.write(`${line}\n`);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL (a PostgreSQL server) is required');

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `yizhan_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url ?? '');
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

function pgbenchTps(database: string): number {
  const env = { ...process.env, PGDATABASE: new URL(database).pathname.slice(1) };
  const connection = [
    '-h',
    new URL(database).hostname,
    '-p',
    new URL(database).port || '5432',
    '-U',
    decodeURIComponent(new URL(database).username),
  ];
  execFileSync('pgbench', [...connection, '-i', '-s', '8', '-q'], { env, stdio: 'ignore' });
  const output = execFileSync('pgbench', [...connection, '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS)], { env }).toString();
  return Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? 0);
}

const acts = ['accept', 'conclude', 'deliver', 'close'] as const;
const bodies: Record<(typeof acts)[number], Record<string, unknown>> = {
  accept: {},
  conclude: { result: 'granted' },
  deliver: { method: 'window' },
  close: {},
};

async function caseActsPerSecond(database: string): Promise<number> {
  const db = openPostgres(database, { max: 12 });
  await migrate(db);
  const clock = createSystemClock();
  await seedDemoCounty(db, PASSWORD, 'bench-audit-key-0123456789abcdef0123456789', clock.now());
  const app = await buildApp({
    db,
    clock,
    config: { isProduction: false },
    auditKey: 'bench-audit-key-0123456789abcdef0123456789',
    audit: auditTrailOf('bench-audit-key-0123456789abcdef0123456789'),
    security: DEFAULT_SECURITY_POLICY,
    heavy: createHeavyWork(),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // One session per client, as eight clerks at their own windows would have.
  const signIn = async () => {
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'window1', password: PASSWORD }),
    });
    return ((await login.json()) as { token: string }).token;
  };
  const tokens = await Promise.all(Array.from({ length: CLIENTS }, signIn));
  const applicant = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' };
  // Every material of the item's guide handed in: the case then passes acceptance whatever the guide asks.
  const guide = (await (await fetch(`${address}/api/public/items/ZJD-001`)).json()) as { materials: { name: string }[] };
  const materials = guide.materials.map(({ name }) => ({ name, received: true }));
  let done = 0;
  let failed = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const worker = async (token: string) => {
    const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() });
    while (Date.now() < deadline) {
      const opened = await fetch(`${address}/api/cases`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ itemCode: 'ZJD-001', applicant, materials }),
      });
      if (opened.status !== 201) {
        failed += 1;
        continue;
      }
      let { id, version } = (await opened.json()) as { id: string; version: number };
      done += 1;
      for (const act of acts) {
        if (Date.now() >= deadline) break;
        const response = await fetch(`${address}/api/cases/${id}/${act}`, {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ version, ...bodies[act] }),
        });
        if (response.status !== 200) {
          failed += 1;
          break;
        }
        ({ version, id } = (await response.json()) as { id: string; version: number });
        done += 1;
      }
    }
  };
  const started = Date.now();
  await Promise.all(tokens.map(worker));
  const elapsed = (Date.now() - started) / 1000;
  await app.close();
  await db.close();
  if (failed > 0) say(`  (${String(failed)} refused requests)`);
  return done / elapsed;
}

const appDb = await createDatabase();
const pgbenchDb = await createDatabase();
try {
  const acts = await caseActsPerSecond(appDb.url);
  const tps = pgbenchTps(pgbenchDb.url);
  say(`case acts over HTTP, ${String(CLIENTS)} clients, ${String(SECONDS)} s: ${acts.toFixed(0)} acts/s`);
  say(`pgbench TPC-B-like, ${String(CLIENTS)} clients, ${String(SECONDS)} s: ${tps.toFixed(0)} tps`);
  say(`ratio: ${(acts / tps).toFixed(2)} (target P1 ≥ 1.0)`);
} finally {
  await appDb.drop();
  await pgbenchDb.drop();
}
