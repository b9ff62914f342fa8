// P4: the supervision overview's month view from case rollups, against the same figures by a scan of cases.
// Run: DATABASE_URL=postgres://… node --import tsx bench/supervision.bench.ts  (PGlite without it, smaller sizes)
import { performance } from 'node:perf_hooks';
import { SYSTEM_SCOPE } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { sumCaseRollupsByAll } from '../src/modules/stats/index.ts';
import type { BusinessDate } from '../src/shared/business-date.ts';
import { openBenchDb } from './bench-db.ts';
import { createBenchCounty, insertBenchCases, OPEN_CASES, TOWNSHIPS } from './case-list-data.ts';

/**
 * Rollup rows as 10⁷ cases over ten years leave them: per day × township, 110 items, each on one of the
 * channels (a row counts 1–4 cases, 2.5 on average: 4·10⁶ rows for 10⁷ cases); and a cases table of 10⁶ (10⁵ on PGlite),
 * the history the scan has to read. The month view: the grouped sums the overview makes (by township,
 * by item, by day: one grouping-sets read) for the current month. The scan: the same month figures from `cases`.
 */
const isPostgres = Boolean(process.env.DATABASE_URL);
const HISTORY = isPostgres ? 1_000_000 : 100_000;
const DAYS = 3650;
const ITEMS_PER_DAY = 110;
const TODAY = '2026-10-23' as BusinessDate;
const MONTH_FROM = '2026-10-01' as BusinessDate;
const ROUNDS = 15;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function time(work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const bench = await openBenchDb();
try {
  const { db } = bench;
  await migrate(db);
  const county = await createBenchCounty(db, new Date('2026-10-23T01:00:00Z'));
  let started = performance.now();
  await insertBenchCases(db, county, 0, OPEN_CASES, true, TODAY);
  await insertBenchCases(db, county, OPEN_CASES, OPEN_CASES + HISTORY, false, TODAY);
  process.stdout.write(`cases: ${String(OPEN_CASES + HISTORY)} in ${(performance.now() - started).toFixed(0)} ms\n`);

  started = performance.now();
  const rollupDays = isPostgres ? DAYS : 365;
  await db.transaction(SYSTEM_SCOPE, (tx) =>
    tx.query(
      `insert into case_rollups (org_id, business_date, item_code, channel, received, accepted, refused, supplement_notices,
          concluded, concluded_on_time, concluded_late, granted, denied, working_days_sum)
       select t.id, $2::date - d, 'BI-' || lpad(i::text, 3, '0'), c.channel,
              r.n, r.n, 0, (r.h % 3 = 0)::int, r.n, r.n - (r.h % 5 = 0)::int, (r.h % 5 = 0)::int, r.n, 0, r.n * 4
         from unnest($1::uuid[]) as t(id)
        cross join generate_series(0, $3::int - 1) d
        cross join generate_series(0, ${String(ITEMS_PER_DAY)} - 1) i
        cross join lateral (select (array['window', 'window', 'agent'])[1 + (i + d) % 3] as channel) c
        cross join lateral (select ((d * 7919 + i * 104729) % 1000)::int as h) h0
        cross join lateral (select h0.h as h, 1 + (h0.h % 4) as n) r`,
      [county.townshipIds, TODAY, rollupDays],
    ),
  );
  await bench.vacuum('case_rollups');
  await bench.vacuum('cases');
  const totals = await db.transaction(
    SYSTEM_SCOPE,
    async (tx) =>
      (await tx.query<{ rows: number; cases: number }>('select count(*)::int as rows, sum(received)::int as cases from case_rollups'))
        .rows[0],
  );
  process.stdout.write(
    `rollups: ${String(totals?.rows)} rows counting ${String(totals?.cases)} received cases, in ${(performance.now() - started).toFixed(0)} ms\n`,
  );

  const orgIds = [county.countyId, ...county.townshipIds];
  const fromRollups = await time(() => db.transaction(SYSTEM_SCOPE, (tx) => sumCaseRollupsByAll(tx, orgIds, MONTH_FROM, TODAY)));
  // The same figures without rollups, also in one pass: every case read for its receipt and conclusion dates.
  const byScan = await time(() =>
    db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(
        `select org_id, item_code, received_on, count(*) filter (where received_on between $2 and $3) as received,
                count(*) filter (where (concluded_at at time zone 'Asia/Shanghai')::date between $2 and $3) as concluded,
                count(*) filter (where (concluded_at at time zone 'Asia/Shanghai')::date between $2 and $3
                                   and (concluded_at at time zone 'Asia/Shanghai')::date <= due_on) as on_time
           from cases where org_id = any ($1::uuid[]) group by grouping sets ((org_id), (item_code), (received_on))`,
        [orgIds, MONTH_FROM, TODAY],
      ),
    ),
  );
  const ratio = byScan / fromRollups;
  process.stdout.write(
    `${bench.engine}, ${String(TOWNSHIPS)} townships: month view from rollups ${fromRollups.toFixed(1)} ms (median of ${String(ROUNDS)}), ` +
      `by scan of ${String(OPEN_CASES + HISTORY)} cases ${byScan.toFixed(1)} ms: ${ratio.toFixed(0)}× faster\n`,
  );
  if (fromRollups > 50 || ratio < 50) {
    process.stdout.write('P4 NOT met: ≤ 50 ms and ≥ 50× faster than the scan\n');
    process.exitCode = 1;
  }
} finally {
  await bench.drop();
}
