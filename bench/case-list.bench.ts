/**
 * The case list and the home page's to-do at 10⁴, 10⁵ and 10⁶ cases (issue 11, target P10), for a window
 * clerk, a township director and the county's supervisor: the first page, a next and a deep page, each
 * filter path, search, and GET /api/todo. Open cases stay at 3,000 (what a county has in hand); history grows.
 *
 * Two measures per query and size:
 * - the request through the whole app (session, validation, row-level security, serialisation): p50/p99;
 * - the SQL of the same request, each statement under EXPLAIN (ANALYZE, BUFFERS) in the person's scope:
 *   execution time p50 and the pages it touched (deterministic, whatever else runs on the machine).
 * Target (the script exits 1 otherwise), from the smallest to the largest size: pages touched ≤ 2× + 50 and
 * SQL p50 ≤ 2× + 1 ms, for every query. Request times are reported; on a shared 2-core machine they move
 * with the load of other processes, so they are not asserted. Plans of the list's statements at the largest
 * size are printed: each filter path reads its own index, no statement scans the cases table.
 * Run: DATABASE_URL=postgres://… node --import tsx bench/case-list.bench.ts   (a throwaway database; 10⁴–10⁶)
 *      node --import tsx bench/case-list.bench.ts                             (PGlite in memory; 10⁴–10⁵)
 *      BENCH_ONLY=<text> / BENCH_SKIP=<text> select probes by label; BENCH_MAX=100000 stops at that size.
 */
import type { FastifyInstance } from 'fastify';
import { SYSTEM_SCOPE, type Db, type Tx } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { createHeavyWork } from '../src/kernel/heavy-work.ts';
import { DEFAULT_SECURITY_POLICY, type Principal } from '../src/kernel/context.ts';
import { auditTrailOf } from '../src/modules/audit/index.ts';
import { listCases } from '../src/modules/cases/list/service.ts';
import { CaseListQuery } from '../src/modules/cases/list/schemas.ts';
import { scopeOrgIdsOf } from '../src/modules/staff/index.ts';
import { todoOf } from '../src/modules/todo/service.ts';
import { buildApp } from '../src/server/app.ts';
import { createManualClock } from '../src/shared/clock.ts';
import { openBenchDb } from './bench-db.ts';
import { BENCH_PASSWORD, createBenchCounty, insertBenchCases, OPEN_CASES, type BenchCounty } from './case-list-data.ts';

const TODAY = '2026-11-20';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const SQL_ROUNDS = 15;
const KEY = 'bench-audit-key-0123456789abcdef0123456789';
const say = (line: string) => process.stdout.write(`${line}\n`);

type Who = 'clerk' | 'director' | 'supervisor';
type Query = Record<string, string>;
interface Probe {
  label: string;
  who: Who;
  /** The list's query, or the to-do. */
  query: ((county: BenchCounty) => Query) | 'todo';
  /** A next or deep page: the pages of this query read first (its cursor then goes with `query`). */
  after?: { query: Query; pages: number };
  /** Why this probe reads more as history grows (reported, not held to the target). */
  grows?: string;
}

const ALL_PROBES: Probe[] = [
  { label: 'clerk: first page (due)', who: 'clerk', query: () => ({}) },
  { label: 'clerk: next page', who: 'clerk', query: () => ({}), after: { query: {}, pages: 1 } },
  { label: 'clerk: page after 800 cases', who: 'clerk', query: () => ({}), after: { query: { limit: '200' }, pages: 4 } },
  { label: 'clerk: my queue', who: 'clerk', query: () => ({ mine: 'true' }) },
  { label: 'clerk: received, newest first', who: 'clerk', query: () => ({ sort: 'received' }) },
  { label: 'clerk: to accept (submitted)', who: 'clerk', query: () => ({ status: 'submitted' }) },
  { label: 'director: overdue (yellow+red)', who: 'director', query: () => ({ warning: 'overdue' }) },
  { label: 'director: holder', who: 'director', query: (c) => ({ holder: c.clerkIds[1] ?? '' }) },
  { label: 'director: popular item', who: 'director', query: () => ({ itemCode: 'BI-000' }) },
  { label: 'director: rare item', who: 'director', query: () => ({ itemCode: 'BI-199' }) },
  { label: 'director: channel online', who: 'director', query: () => ({ channel: 'online' }) },
  { label: 'director: handling reply', who: 'director', query: () => ({ handling: 'reply' }) },
  { label: 'director: refused (rare status)', who: 'director', query: () => ({ status: 'refused' }) },
  { label: 'director: finished, newest first', who: 'director', query: () => ({ status: 'finished', sort: 'received' }) },
  { label: 'director: received in one week', who: 'director', query: () => ({ from: '2026-11-09', to: '2026-11-15' }) },
  { label: 'director: search case number', who: 'director', query: (c) => ({ q: c.sampleCaseNo }) },
  { label: 'director: search number by day', who: 'director', query: (c) => ({ q: c.sampleCaseNo.slice(0, 21) }) },
  {
    label: 'director: search name',
    who: 'director',
    query: () => ({ q: '韦光明' }),
    // 400 names in the bench (20 surnames × 20 given names): 1 case in 400 carries this one, 2,500 at 10⁶.
    grows: 'every case of that name is read and sorted: grows with how many share the name',
  },
  { label: 'director: search phone last 4', who: 'director', query: () => ({ q: '1234' }) },
  { label: 'supervisor: county, first page', who: 'supervisor', query: () => ({}) },
  { label: 'supervisor: county, red', who: 'supervisor', query: () => ({ warning: 'red' }) },
  { label: 'supervisor: county, received', who: 'supervisor', query: () => ({ sort: 'received' }) },
  { label: 'to-do: clerk', who: 'clerk', query: 'todo' },
  { label: 'to-do: director', who: 'director', query: 'todo' },
  { label: 'to-do: supervisor', who: 'supervisor', query: 'todo' },
];
const PROBES = ALL_PROBES.filter(
  (probe) =>
    probe.label.includes(process.env.BENCH_ONLY ?? '') && !(process.env.BENCH_SKIP && probe.label.includes(process.env.BENCH_SKIP)),
);

interface Figures {
  httpP50: number;
  httpP99: number;
  sqlP50: number;
  sqlP99: number;
  /** Shared buffers hit or read by the request's statements. */
  pages: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const search = (query: Query) => new URLSearchParams(query).toString();

async function signIn(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username}: ${response.body}`);
  return `Bearer ${response.json<{ token: string }>().token}`;
}

async function principalOf(db: Db, username: string): Promise<Principal> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const row = (
      await tx.query<{ id: string; orgId: string; role: Principal['role']; name: string }>(
        'select id, org_id as "orgId", role, name from staff where username = $1',
        [username],
      )
    ).rows[0];
    if (!row) throw new Error(`no ${username}`);
    const scopeOrgIds = await scopeOrgIdsOf(tx, { id: row.id, orgId: row.orgId, role: row.role });
    return {
      staffId: row.id,
      username,
      name: row.name,
      role: row.role,
      orgId: row.orgId,
      orgName: '',
      orgKind: 'township',
      scopeOrgIds,
      sessionId: '',
      mustChangePassword: false,
    };
  });
}

/** The query a probe sends, with the cursor of the page it follows (read through the service). */
async function queryOf(db: Db, who: Principal, probe: Probe, county: BenchCounty, now: Date): Promise<Query | 'todo'> {
  if (probe.query === 'todo') return 'todo';
  const query = probe.query(county);
  if (!probe.after) return query;
  let cursor: string | null = null;
  for (let page = 0; page < probe.after.pages; page++) {
    const asked: Query = { ...probe.after.query, ...(cursor ? { cursor } : {}) };
    cursor = (await db.transaction({ kind: 'orgs', orgIds: who.scopeOrgIds }, (tx) => listCases(tx, who, CaseListQuery.parse(asked), now)))
      .nextCursor;
  }
  return { ...query, ...(cursor ? { cursor } : {}) };
}

interface Explained {
  ms: number;
  pages: number;
  plans: string[][];
}

/** Runs the request's reads in the person's scope, each SELECT under EXPLAIN (ANALYZE, BUFFERS) first. */
async function explain(db: Db, who: Principal, query: Query | 'todo', now: Date): Promise<Explained> {
  const found: Explained = { ms: 0, pages: 0, plans: [] };
  await db.transaction({ kind: 'orgs', orgIds: who.scopeOrgIds }, async (tx) => {
    const explaining: Tx = {
      exec: (sql) => tx.exec(sql),
      async query(sql, params) {
        if (/^\s*select\b/i.test(sql) && !/set_config/.test(sql)) {
          const result = await tx.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, buffers, format json) ${sql}`, params);
          const raw = result.rows[0]?.['QUERY PLAN'];
          const [plan] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ 'Execution Time': number; Plan: PlanNode }];
          found.ms += plan['Execution Time'];
          found.pages += plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
          if (/from cases/.test(sql)) found.plans.push(describePlan(plan.Plan));
        }
        return tx.query(sql, params);
      },
    };
    if (query === 'todo') await todoOf(explaining, who, now);
    else await listCases(explaining, who, CaseListQuery.parse(query), now);
  });
  return found;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function describePlan(node: PlanNode, depth = 0): string[] {
  const target = node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const line = `${'  '.repeat(depth)}${node['Node Type']}${target} (rows ${String(node['Actual Rows'])} × ${String(node['Actual Loops'])})`;
  return [line, ...(node.Plans ?? []).flatMap((child) => describePlan(child, depth + 1))];
}

async function measure(
  app: FastifyInstance,
  db: Db,
  county: BenchCounty,
  now: Date,
): Promise<Map<string, Figures & { plans: string[][] }>> {
  const users = { clerk: county.users.clerk, director: county.users.director, supervisor: county.users.supervisor };
  const tokens = {
    clerk: await signIn(app, users.clerk),
    director: await signIn(app, users.director),
    supervisor: await signIn(app, users.supervisor),
  };
  const who = {
    clerk: await principalOf(db, users.clerk),
    director: await principalOf(db, users.director),
    supervisor: await principalOf(db, users.supervisor),
  };
  const results = new Map<string, Figures & { plans: string[][] }>();
  for (const probe of PROBES) {
    const query = await queryOf(db, who[probe.who], probe, county, now);
    const url = query === 'todo' ? '/api/todo' : `/api/cases?${search(query)}`;
    const http: number[] = [];
    for (let i = -5; i < ROUNDS; i++) {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { authorization: tokens[probe.who] } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${String(response.statusCode)} ${response.body}`);
      if (i >= 0) http.push(performance.now() - started);
    }
    const runs: Explained[] = [];
    for (let i = 0; i < SQL_ROUNDS; i++) runs.push(await explain(db, who[probe.who], query, now));
    results.set(probe.label, {
      httpP50: percentile(http, 50),
      httpP99: percentile(http, 99),
      sqlP50: percentile(
        runs.map((run) => run.ms),
        50,
      ),
      sqlP99: percentile(
        runs.map((run) => run.ms),
        99,
      ),
      pages: runs.at(-1)?.pages ?? 0,
      plans: runs.at(-1)?.plans ?? [],
    });
  }
  return results;
}

async function main(): Promise<void> {
  const { db, drop, engine, vacuum } = await openBenchDb({ poolSize: 4 });
  const clock = createManualClock(`${TODAY}T09:00:00+08:00`);
  try {
    await migrate(db);
    const county = await createBenchCounty(db, clock.now());
    await insertBenchCases(db, county, 0, OPEN_CASES, true, TODAY);
    const app = await buildApp({
      db,
      clock,
      config: { isProduction: true },
      auditKey: KEY,
      audit: auditTrailOf(KEY),
      security: DEFAULT_SECURITY_POLICY,
      heavy: createHeavyWork({ threads: 1 }),
    });
    await app.ready();
    const sizes = (db.engine === 'postgres' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]).filter(
      (size) => size <= Number(process.env.BENCH_MAX ?? Infinity),
    );
    const bySize = new Map<number, Map<string, Figures & { plans: string[][] }>>();
    let total = OPEN_CASES;
    for (const size of sizes) {
      const started = performance.now();
      await insertBenchCases(db, county, total, size, false, TODAY);
      total = size;
      await vacuum('cases');
      await vacuum('agency_requests');
      county.sampleCaseNo = await db.transaction(SYSTEM_SCOPE, async (tx) => {
        const sample = await tx.query<{ caseNo: string }>(
          'select case_no as "caseNo" from cases where org_id = $1 and list_done order by id limit 1',
          [county.townshipIds[0]],
        );
        return sample.rows[0]?.caseNo ?? '';
      });
      say(
        `${engine}: ${size.toLocaleString('en')} cases (${OPEN_CASES.toLocaleString('en')} open) loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      bySize.set(size, await measure(app, db, county, clock.now()));
    }
    say(`\nrequest p50 / p99 · SQL p50 · pages touched, by number of cases`);
    say(`| query | ${sizes.map((size) => size.toLocaleString('en')).join(' | ')} |`);
    say(`| --- | ${sizes.map(() => '---:').join(' | ')} |`);
    let failures = 0;
    for (const probe of PROBES) {
      const figures = sizes.map((size) => bySize.get(size)?.get(probe.label));
      const [smallest, largest] = [figures[0], figures.at(-1)];
      const isFlat = smallest && largest ? largest.pages <= 2 * smallest.pages + 50 && largest.sqlP50 <= 2 * smallest.sqlP50 + 1 : false;
      if (!isFlat && probe.grows === undefined) failures += 1;
      const cells = figures.map((f) =>
        f ? `${f.httpP50.toFixed(1)} / ${f.httpP99.toFixed(1)} ms · ${f.sqlP50.toFixed(2)} ms · ${String(f.pages)}` : '—',
      );
      const mark = isFlat ? '' : probe.grows === undefined ? ' ✗' : ` (${probe.grows})`;
      say(`| ${probe.label}${mark} | ${cells.join(' | ')} |`);
    }
    const largest = bySize.get(sizes.at(-1) ?? 0);
    const scans: string[] = [];
    for (const probe of PROBES) {
      const plans = largest?.get(probe.label)?.plans ?? [];
      if (plans.some((plan) => plan.some((line) => /Seq Scan on cases/.test(line)))) scans.push(probe.label);
      if (process.env.BENCH_PLANS !== '0')
        say(
          `\nplans of "${probe.label}" at ${sizes.at(-1)?.toLocaleString('en') ?? ''} cases:\n${plans.map((plan) => plan.map((line) => `    ${line}`).join('\n')).join('\n    --\n')}`,
        );
    }
    say(
      `\n${failures === 0 ? 'flat' : `${String(failures)} queries not flat`} (pages ≤ 2× + 50 and SQL p50 ≤ 2× + 1 ms from the smallest to the largest size)`,
    );
    say(scans.length === 0 ? 'no sequential scan of cases' : `sequential scans of cases: ${scans.join(', ')}`);
    process.exitCode = failures === 0 && scans.length === 0 ? 0 : 1;
    await app.close();
  } finally {
    await drop();
  }
}

await main();
