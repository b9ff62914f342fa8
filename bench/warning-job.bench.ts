// P3: the warning job's time at 10⁴, 10⁵ and 10⁶ open cases with the same number due.
// It must stay flat: the job reads only cases whose next warning moment has passed (an index).
// Run: DATABASE_URL=postgres://… node --import tsx bench/warning-job.bench.ts  (a throwaway database is created)
//      node --import tsx bench/warning-job.bench.ts                          (PGlite in memory, up to 10⁵)
import { SYSTEM_SCOPE, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { openBenchDb } from './bench-db.ts';
import { loadWorkCalendar } from '../src/modules/calendar/index.ts';
import { runWarningJob, type CaseDeps } from '../src/modules/cases/index.ts';

const DUE = 500;
const KEY = 'bench-audit-key-0123456789abcdef0123456789';
const deps: CaseDeps = { findItem: () => Promise.resolve(null), calendarFor: (tx, orgId) => loadWorkCalendar(tx, orgId) };
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Open cases not yet due (their next warning moment is months away) up to `total`, in one statement. */
async function growOpenCases(db: Db, orgId: string, from: number, total: number): Promise<void> {
  await db.transaction(SYSTEM_SCOPE, (tx) =>
    tx.query(
      `insert into cases (org_id, case_no, item_code, item_name, item_version, handling, promised_days, legal_days,
                          applicant_type, applicant_name, applicant_id_number, applicant_phone, channel, status,
                          received_at, received_on, accepted_on, due_on, warning, next_warning_at, created_at, updated_at)
       select $1, 'B-' || g, 'ZJD-001', '宅基地审批', 1, 'promised', 20, 20, 'person', '测试', '451029198503120017',
              '13977612345', 'window', 'accepted', now(), date '2026-10-15', date '2026-10-15', date '2027-03-01',
              'none', timestamptz '2027-02-20 00:00+08', now(), now()
         from generate_series($2::int + 1, $3::int) g`,
      [orgId, from, total],
    ),
  );
}

/** DUE cases whose warning moment has passed, reset before each timing. */
async function resetDueCases(db: Db, orgId: string): Promise<void> {
  await db.transaction(SYSTEM_SCOPE, async (tx) => {
    await tx.query(`delete from case_events where case_id in (select id from cases where case_no like 'D-%')`);
    await tx.query(`delete from case_accountability where case_id in (select id from cases where case_no like 'D-%')`);
    await tx.query(`delete from cases where case_no like 'D-%'`);
    await tx.query(
      `insert into cases (org_id, case_no, item_code, item_name, item_version, handling, promised_days, legal_days,
                          applicant_type, applicant_name, applicant_id_number, applicant_phone, channel, status,
                          received_at, received_on, accepted_on, due_on, warning, next_warning_at, created_at, updated_at)
       select $1, 'D-' || g, 'ZJD-001', '宅基地审批', 1, 'promised', 5, 20, 'person', '测试', '451029198503120017',
              '13977612345', 'window', 'accepted', now(), date '2026-10-15', date '2026-10-15', date '2026-10-22',
              'none', timestamptz '2026-10-21 00:00+08', now(), now()
         from generate_series(1, $2::int) g`,
      [orgId, DUE],
    );
  });
}

const { db, drop, engine } = await openBenchDb({ poolSize: 2 });
try {
  await migrate(db);
  const orgId = await db.transaction(SYSTEM_SCOPE, async (tx) => {
    const county = await tx.query<{ id: string }>(
      `insert into orgs (code, kind, name) values ('999901000000', 'county', '压测县') returning id`,
    );
    const township = await tx.query<{ id: string }>(
      `insert into orgs (code, kind, parent_id, name) values ('999901101000', 'township', $1, '压测镇') returning id`,
      [county.rows[0]?.id],
    );
    return township.rows[0]?.id ?? '';
  });
  const sizes = db.engine === 'postgres' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  say(`warning job on ${engine}: ${String(DUE)} cases due each run`);
  say('| open cases | job time (median of 3) | examined | raised |');
  say('| ---: | ---: | ---: | ---: |');
  let grown = 0;
  const results: number[] = [];
  for (const size of sizes) {
    await growOpenCases(db, orgId, grown, size);
    grown = size;
    if (db.engine === 'postgres') await db.transaction(SYSTEM_SCOPE, (tx) => tx.query('analyze cases'));
    const times: number[] = [];
    let last = { examined: 0, raised: 0, deemedAccepted: 0 };
    for (let round = 0; round < 3; round++) {
      await resetDueCases(db, orgId);
      const started = process.hrtime.bigint();
      last = await runWarningJob(db, new Date('2026-10-21T09:00:00+08:00'), deps, KEY);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const median = [...times].sort((a, b) => a - b)[1] ?? 0;
    results.push(median);
    say(`| ${size.toLocaleString('en')} | ${median.toFixed(0)} ms | ${String(last.examined)} | ${String(last.raised)} |`);
  }
  const ratio = (results.at(-1) ?? 0) / (results[0] ?? 1);
  say(`largest / smallest: ${ratio.toFixed(2)}× (target ≤ 2×)`);
  process.exitCode = ratio <= 2 ? 0 : 1;
} finally {
  await drop();
}
