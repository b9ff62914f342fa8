import type { Tx } from '../../db/db.ts';
import type { WarningLevel } from '../../shared/warning-level.ts';

/** Open cases of one org × item × holder at one warning grade ('none' included, for the open total). */
export interface OpenCaseCount {
  orgId: string;
  itemCode: string;
  holderId: string | null;
  warning: WarningLevel;
  count: number;
}

/**
 * 电子监察: open cases of the orgs by grade, org, item and holder. Reads only open cases through
 * cases_list_due (org_id, list_done, …), never the concluded history (ADR 0028).
 */
export async function countOpenCases(tx: Tx, orgIds: readonly string[]): Promise<OpenCaseCount[]> {
  const result = await tx.query<OpenCaseCount>(
    `select org_id as "orgId", item_code as "itemCode", assignee_id as "holderId", warning, count(*)::int as count
       from cases where org_id = any ($1::uuid[]) and not list_done
      group by 1, 2, 3, 4`,
    [orgIds],
  );
  return result.rows;
}
