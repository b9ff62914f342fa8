import type { Tx } from '../../db/db.ts';
import * as repo from './repo.ts';
import { countsOfEvent, type CountedEvent } from './rollup.rules.ts';

/**
 * The rollups change only inside the caller's transaction (the case event's, or the rebuild's): stats
 * opens none of its own, so a rollup never disagrees with the events that committed.
 */
export async function countCaseEvent(tx: Tx, key: repo.RollupKey, event: CountedEvent): Promise<void> {
  const counts = countsOfEvent(event);
  if (counts) await repo.addToRollup(tx, key, counts);
}

export async function replaceCaseRollups(tx: Tx, orgIds: readonly string[] | null, rows: readonly repo.RollupRow[]): Promise<void> {
  await repo.replaceRollups(tx, orgIds, rows);
}
