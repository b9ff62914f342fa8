import type { Tx } from '../../../db/db.ts';
import type { BusinessDate } from '../../../shared/business-date.ts';
import type { RollupSums } from './rules.ts';

export type Dimension = 'total' | 'day' | 'hour' | 'category' | 'window' | 'staff';

export interface RollupGroup extends RollupSums {
  dimension: Dimension;
  key: string;
}

const SUMS = `coalesce(sum(issued), 0)::int as issued, coalesce(sum(called), 0)::int as called, coalesce(sum(wait_seconds), 0)::float8 as "waitSeconds",
  coalesce(sum(served), 0)::int as served, coalesce(sum(service_seconds), 0)::float8 as "serviceSeconds", coalesce(sum(no_shows), 0)::int as "noShows",
  coalesce(sum(cases), 0)::int as cases, coalesce(sum(consultations), 0)::int as consultations, coalesce(sum(ratings), 0)::int as ratings,
  coalesce(sum(rating_points), 0)::int as "ratingPoints", coalesce(sum(booked), 0)::int as booked, coalesce(sum(checked_in), 0)::int as "checkedIn"`;

/**
 * (The grand total's row exists even when no rollup does: its sums are then 0, not NULL.)
 * The rollups of a center between two dates, summed per day, hour, category, window and clerk and in
 * total in one statement (GROUPING SETS): the month view reads at most days × 24 × categories ×
 * windows rows, never a ticket.
 */
export async function sumRollups(tx: Tx, orgId: string, from: BusinessDate, to: BusinessDate): Promise<RollupGroup[]> {
  const rows = (
    await tx.query<
      RollupGroup & {
        g: number;
        day: string | null;
        hour: number | null;
        category: string | null;
        window: string | null;
        staff: string | null;
      }
    >(
      `select grouping(business_date, hour, category_id, window_id, staff_id) as g, to_char(business_date, 'YYYY-MM-DD') as day,
              hour, category_id as category, window_id as window, staff_id as staff, ${SUMS}
         from queue_rollups where org_id = $1 and business_date between $2 and $3
        group by grouping sets ((business_date), (hour), (category_id), (window_id), (staff_id), ())`,
      [orgId, from, to],
    )
  ).rows;
  return rows.map(({ g, day, hour, category, window, staff, ...sums }) => {
    // grouping() sets a bit for every column not grouped on: 15 = only business_date, 23 = hour, …, 31 = the total.
    const dimension: Dimension =
      g === 15 ? 'day' : g === 23 ? 'hour' : g === 27 ? 'category' : g === 29 ? 'window' : g === 30 ? 'staff' : 'total';
    const key = {
      day: day ?? '',
      hour: String(hour ?? ''),
      category: category ?? '',
      window: window ?? '',
      staff: staff ?? '',
      total: 'total',
    }[dimension];
    return { ...sums, dimension, key };
  });
}
