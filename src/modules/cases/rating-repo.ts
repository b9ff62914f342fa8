import type { Tx } from '../../db/db.ts';

/** What 好差评 needs of a case: who handled it, for whom, and whether it is concluded (办结). */
export interface CaseForRating {
  id: string;
  orgId: string;
  caseNo: string;
  status: string;
  concludedAt: Date | null;
  applicantName: string;
  applicantPhone: string;
  staffId: string | null;
}

/**
 * The case a citizen names by number and the last 4 phone digits (as 办件查询 does); null for a wrong
 * check exactly as for an unknown number. Runs through the security-definer `case_for_rating` (migration 0027).
 */
export async function findCaseForRating(tx: Tx, caseNo: string, check: string): Promise<CaseForRating | null> {
  const row = (
    await tx.query<CaseForRating>(
      `select id, org_id as "orgId", case_no as "caseNo", status, concluded_at as "concludedAt", applicant_name as "applicantName",
              applicant_phone as "applicantPhone", staff_id as "staffId" from case_for_rating($1, $2)`,
      [caseNo, check],
    )
  ).rows[0];
  return row ? { ...row, concludedAt: row.concludedAt === null ? null : new Date(row.concludedAt) } : null;
}

/** Cases concluded in [from, to) that the transaction's scope sees, oldest first (the default-rating job). */
export async function listCasesConcludedBetween(tx: Tx, from: Date, to: Date, limit: number): Promise<CaseForRating[]> {
  const rows = (
    await tx.query<CaseForRating>(
      `select id, org_id as "orgId", case_no as "caseNo", status, concluded_at as "concludedAt", applicant_name as "applicantName",
              applicant_phone as "applicantPhone", coalesce(assignee_id, first_contact_id) as "staffId"
         from cases where concluded_at >= $1 and concluded_at < $2 order by concluded_at, id limit $3`,
      [from, to, limit],
    )
  ).rows;
  return rows.map((row) => ({ ...row, concludedAt: row.concludedAt === null ? null : new Date(row.concludedAt) }));
}
