/**
 * 办件汇总 (stats): counts of case events per business day × township × item × channel (ADR 0028),
 * kept in the transaction of each case event and read by the supervision overview and the ledgers.
 */
import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import * as repo from './repo.ts';
import { countsOfEvent } from './rollup.rules.ts';

export { ROLLUP_COUNTERS, addCounts, countsOfEvent, emptyCounts, onTimeRateOf } from './rollup.rules.ts';
export type { CountedEvent, RollupCounter, RollupCounts } from './rollup.rules.ts';
export type { RollupGroup, RollupKey, RollupRow, RollupSums } from './repo.ts';

/** Whether an act adds to any counter (cases skip the lookup of the case's item for the others). */
export function isCountedAct(act: string): boolean {
  return countsOfEvent({ act }) !== null;
}

/** Adds one case event to its rollup row (one upsert, in the caller's transaction); `replaceCaseRollups`: the rebuild's write. */
export { countCaseEvent, replaceCaseRollups } from './service.ts';
export { RollupCountsView } from './schemas.ts';

/** Every rollup row of the orgs, ordered by org, day, item and channel. */
export async function listCaseRollups(tx: Tx, orgIds: readonly string[] | null): Promise<repo.RollupRow[]> {
  return repo.listRollups(tx, orgIds);
}

/** Sums over [from, to] for the orgs, grouped by org id, by item code, by day (YYYY-MM-DD) or not at all (key ''). */
export async function sumCaseRollups(
  tx: Tx,
  orgIds: readonly string[],
  from: BusinessDate,
  to: BusinessDate,
  group: repo.RollupGroup,
): ReturnType<typeof repo.sumRollups> {
  return repo.sumRollups(tx, orgIds, from, to, group);
}

/** Sums over [from, to] for the orgs by org, by item and by day at once (the month view: one read of the range). */
export async function sumCaseRollupsByAll(
  tx: Tx,
  orgIds: readonly string[],
  from: BusinessDate,
  to: BusinessDate,
): Promise<repo.RollupSums[]> {
  return repo.sumRollupsByAll(tx, orgIds, from, to);
}
