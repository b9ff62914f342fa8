// P3 for village agency: the agency legs' warning job at 10⁴, 10⁵ and 10⁶ open 代办件 with the same number due.
// It must stay flat: the job reads only requests whose next warning moment has passed (a partial index).
// Run: DATABASE_URL=postgres://… node --import tsx bench/agency-warning-job.bench.ts  (a throwaway database is created)
//      node --import tsx bench/agency-warning-job.bench.ts                          (PGlite in memory, up to 10⁵)
import { SYSTEM_SCOPE, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { runAgencyWarningJob, type AgencyDeps } from '../src/modules/agency/index.ts';
import { loadWorkCalendar } from '../src/modules/calendar/index.ts';
import { openBenchDb } from './bench-db.ts';

const DUE = 500;
const KEY = 'bench-audit-key-0123456789abcdef0123456789';
const deps: AgencyDeps = {
  cases: { findItem: () => Promise.resolve(null), calendarFor: (tx, orgId) => loadWorkCalendar(tx, orgId) },
  findItem: () => Promise.resolve(null),
  listAgentableItems: () => Promise.resolve([]),
};
const say = (line: string) => process.stdout.write(`${line}\n`);

interface World {
  townshipId: string;
  villageId: string;
  agentId: string;
}

/**
 * Requests registered at the village, in one statement, numbered `<letter><0000>-20261015-<00000>` (a
 * request number allows at most 5 sequence digits); their 报送 due date and next look as given.
 */
function insertRequests(world: World, letter: string, from: number, to: number, forwardDueOn: string, nextWarningAt: string) {
  return {
    text: `insert into agency_requests (org_id, township_id, request_no, agent_id, item_code, item_name, applicant_type, applicant_name,
             applicant_id_number, applicant_phone, materials, consent_at, status, registered_at, registered_on, forward_due_on,
             next_due_on, warning, next_warning_at, created_at, updated_at)
           select $1, $2, '${letter}' || lpad((g / 100000)::text, 4, '0') || '-20261015-' || lpad((g % 100000)::text, 5, '0'), $3, 'GDBT-001', '耕地地力保护补贴', 'person', '测试',
                  '451029198503120017', '13977612345', '[]', now(), 'registered', now(), date '2026-10-15', $6::date,
                  $6::date, 'none', $7::timestamptz, now(), now()
             from generate_series($4::int + 1, $5::int) g`,
    params: [world.villageId, world.townshipId, world.agentId, from, to, forwardDueOn, nextWarningAt],
  };
}

/** Open requests not yet due (their 报送 is months away) up to `total`. */
async function growOpenRequests(db: Db, world: World, from: number, total: number): Promise<void> {
  const { text, params } = insertRequests(world, 'B', from, total, '2027-03-01', '2027-02-26 00:00+08');
  await db.transaction(SYSTEM_SCOPE, (tx) => tx.query(text, params));
}

/** DUE requests whose 报送 is a day late (yellow, with a 责任追究 record each), reset before each timing. */
async function resetDueRequests(db: Db, world: World): Promise<void> {
  await db.transaction(SYSTEM_SCOPE, async (tx) => {
    const due = `select id from agency_requests where request_no like 'D0000-%'`;
    await tx.query(`delete from agency_events where request_id in (${due})`);
    await tx.query(`delete from agency_accountability where request_id in (${due})`);
    await tx.query(`delete from agency_requests where request_no like 'D0000-%'`);
    const { text, params } = insertRequests(world, 'D', 0, DUE, '2026-10-20', '2026-10-21 00:00+08');
    await tx.query(text, params);
  });
}

const { db, drop, engine } = await openBenchDb({ poolSize: 2 });
try {
  await migrate(db);
  const world = await db.transaction(SYSTEM_SCOPE, async (tx): Promise<World> => {
    const org = async (code: string, kind: string, name: string, parentId: string | null) =>
      (
        await tx.query<{ id: string }>('insert into orgs (code, kind, parent_id, name) values ($1, $2, $3, $4) returning id', [
          code,
          kind,
          parentId,
          name,
        ])
      ).rows[0]?.id ?? '';
    const county = await org('999901000000', 'county', '压测县', null);
    const townshipId = await org('999901101000', 'township', '压测镇', county);
    const villageId = await org('999901101201', 'village', '压测村', townshipId);
    const agent = await tx.query<{ id: string }>(
      `insert into staff (org_id, username, name, role, password_hash) values ($1, 'bench_agent', '压测代办员', 'agent', 'x') returning id`,
      [villageId],
    );
    return { townshipId, villageId, agentId: agent.rows[0]?.id ?? '' };
  });
  const sizes = db.engine === 'postgres' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  say(`agency warning job on ${engine}: ${String(DUE)} requests due each run (报送 a day late: yellow, recorded)`);
  say('| open requests | job time (median of 3) | examined | raised | recorded |');
  say('| ---: | ---: | ---: | ---: | ---: |');
  let grown = 0;
  const results: number[] = [];
  for (const size of sizes) {
    await growOpenRequests(db, world, grown, size);
    grown = size;
    if (db.engine === 'postgres') await db.transaction(SYSTEM_SCOPE, (tx) => tx.query('analyze agency_requests'));
    const times: number[] = [];
    let last = { examined: 0, raised: 0, recorded: 0 };
    for (let round = 0; round < 3; round++) {
      await resetDueRequests(db, world);
      const started = process.hrtime.bigint();
      last = await runAgencyWarningJob(db, new Date('2026-10-21T09:00:00+08:00'), deps, KEY);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const median = [...times].sort((a, b) => a - b)[1] ?? 0;
    results.push(median);
    say(
      `| ${size.toLocaleString('en')} | ${median.toFixed(0)} ms | ${String(last.examined)} | ${String(last.raised)} | ${String(last.recorded)} |`,
    );
  }
  const ratio = (results.at(-1) ?? 0) / (results[0] ?? 1);
  say(`largest / smallest: ${ratio.toFixed(2)}× (target ≤ 2×)`);
  process.exitCode = ratio <= 2 ? 0 : 1;
} finally {
  await drop();
}
