import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import { ROLLUP_COUNTERS, type RollupCounter, type RollupCounts } from './rollup.rules.ts';

/** The key of one rollup row. */
export interface RollupKey {
  orgId: string;
  businessDate: BusinessDate;
  itemCode: string;
  channel: 'window' | 'online' | 'agent';
}

const COLUMN: Record<RollupCounter, string> = {
  received: 'received',
  accepted: 'accepted',
  refused: 'refused',
  supplementNotices: 'supplement_notices',
  concluded: 'concluded',
  concludedOnTime: 'concluded_on_time',
  concludedLate: 'concluded_late',
  granted: 'granted',
  denied: 'denied',
  workingDaysSum: 'working_days_sum',
};
const COLUMNS = ROLLUP_COUNTERS.map((counter) => COLUMN[counter]);
const SUMS = ROLLUP_COUNTERS.map((counter) => `coalesce(sum(${COLUMN[counter]}), 0)::int as "${counter}"`).join(', ');

/** One statement per counted event: the row is created or its counters grow. */
export async function addToRollup(tx: Tx, key: RollupKey, counts: Partial<RollupCounts>): Promise<void> {
  const values = ROLLUP_COUNTERS.map((counter) => counts[counter] ?? 0);
  await tx.query(
    `insert into case_rollups (org_id, business_date, item_code, channel, ${COLUMNS.join(', ')})
     values ($1, $2, $3, $4, ${COLUMNS.map((_, index) => `$${String(index + 5)}`).join(', ')})
     on conflict (org_id, business_date, item_code, channel) do update set
     ${COLUMNS.map((column) => `${column} = case_rollups.${column} + excluded.${column}`).join(', ')}`,
    [key.orgId, key.businessDate, key.itemCode, key.channel, ...values],
  );
}

/** The rebuild: every row of the given orgs (null: all) replaced by the recount. */
export async function replaceRollups(tx: Tx, orgIds: readonly string[] | null, rows: readonly (RollupKey & RollupCounts)[]): Promise<void> {
  await tx.query('delete from case_rollups where $1::uuid[] is null or org_id = any ($1::uuid[])', [orgIds]);
  for (const row of rows) await addToRollup(tx, row, row);
}

export type RollupRow = RollupKey & RollupCounts;

/** Every row of the orgs, null: of all (tests and the rebuild's check compare them). */
export async function listRollups(tx: Tx, orgIds: readonly string[] | null): Promise<RollupRow[]> {
  const result = await tx.query<RollupRow>(
    `select org_id as "orgId", to_char(business_date, 'YYYY-MM-DD') as "businessDate", item_code as "itemCode", channel,
            ${ROLLUP_COUNTERS.map((counter) => `${COLUMN[counter]} as "${counter}"`).join(', ')}
       from case_rollups where $1::uuid[] is null or org_id = any ($1::uuid[])
      order by org_id, business_date, item_code, channel`,
    [orgIds],
  );
  return result.rows;
}

export type RollupGroup = 'org' | 'item' | 'day' | 'none';

/** Sums over a range of days for a set of orgs, grouped by org, by item, by day or not at all. */
export async function sumRollups(
  tx: Tx,
  orgIds: readonly string[],
  from: BusinessDate,
  to: BusinessDate,
  group: RollupGroup,
): Promise<({ key: string } & RollupCounts)[]> {
  const key = { org: 'org_id::text', item: 'item_code', day: "to_char(business_date, 'YYYY-MM-DD')", none: "''" }[group];
  const result = await tx.query<{ key: string } & RollupCounts>(
    `select ${key} as key, ${SUMS} from case_rollups
      where business_date between $2 and $3 and org_id = any ($1::uuid[])
      group by 1`,
    [orgIds, from, to],
  );
  return result.rows;
}

/** One group of `sumRollupsByAll`: by org id, by item code or by day (YYYY-MM-DD). */
export type RollupSums = { by: 'org' | 'item' | 'day'; key: string } & RollupCounts;

/**
 * The month view in one pass over the range (grouping sets): sums by org, by item and by day together,
 * one index range read instead of three (bench/supervision.bench.ts, P4).
 */
export async function sumRollupsByAll(tx: Tx, orgIds: readonly string[], from: BusinessDate, to: BusinessDate): Promise<RollupSums[]> {
  const result = await tx.query<RollupSums>(
    `select case when grouping(org_id) = 0 then 'org' when grouping(item_code) = 0 then 'item' else 'day' end as by,
            coalesce(org_id::text, item_code, to_char(business_date, 'YYYY-MM-DD')) as key, ${SUMS}
       from case_rollups
      where business_date between $2 and $3 and org_id = any ($1::uuid[])
      group by grouping sets ((org_id), (item_code), (business_date))`,
    [orgIds, from, to],
  );
  return result.rows;
}
