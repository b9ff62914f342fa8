import type { Tx } from '../../db/db.ts';
import { readLedgerBatch, type LedgerCaseRow, type LedgerCursor } from '../cases/index.ts';
import { listSubtreeIds } from '../org/index.ts';
import { listStaffFacts } from '../staff/index.ts';

/**
 * The reports module owns no table: it reads cases through cases' keyset reader, orgs and staff
 * through theirs (CONVENTIONS 13). Kept here so the service reads like the other modules'.
 */
export type { LedgerCaseRow, LedgerCursor };

export function readCaseBatch(
  tx: Tx,
  query: { orgId: string; from: Date; to: Date; after: LedgerCursor | null; limit: number; feesOnly: boolean },
): Promise<LedgerCaseRow[]> {
  return readLedgerBatch(tx, query);
}

export function orgsUnder(tx: Tx, orgId: string): Promise<string[]> {
  return listSubtreeIds(tx, orgId);
}

/** Staff names by id (holders of a batch). */
export async function staffNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const facts = await listStaffFacts(tx, [...new Set(ids)]);
  return new Map(facts.map((staff) => [staff.id, staff.name]));
}
