import type { Tx } from '../../db/db.ts';

/** A case as another module may name it (the hall attaches cases to the ticket they came from). */
export interface CaseRef {
  id: string;
  orgId: string;
  caseNo: string;
  applicantName: string;
}

/** The cases among `ids` the transaction's scope can see. */
export async function listCaseRefs(tx: Tx, ids: readonly string[]): Promise<CaseRef[]> {
  if (ids.length === 0) return [];
  return (
    await tx.query<CaseRef>(
      `select id, org_id as "orgId", case_no as "caseNo", applicant_name as "applicantName" from cases where id = any($1::uuid[])`,
      [[...new Set(ids)]],
    )
  ).rows;
}
