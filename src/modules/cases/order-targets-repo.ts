import type { Tx } from '../../db/db.ts';
import type { WarningLevel } from '../../shared/warning-level.ts';

/** A case (or one of its steps) as 督办 (supervision orders) names it: what it is, how late, who holds it. */
export interface OrderTarget {
  caseId: string;
  orgId: string;
  caseNo: string;
  itemName: string;
  applicantName: string;
  status: string;
  /** The warning grade of the case, or of the step when one was asked for. */
  warning: WarningLevel;
  /** 经办人: the case's holder, or the step's. */
  holderId: string | null;
  step: { id: string; name: string; departmentId: string | null } | null;
}

/**
 * The case `caseId` (and its step `stepId`, when given) as the transaction's scope sees it, or null.
 * Read for the supervision module, which may not name case tables itself.
 */
export async function findOrderTarget(tx: Tx, caseId: string, stepId: string | null): Promise<OrderTarget | null> {
  const row = (
    await tx.query<Omit<OrderTarget, 'step'> & { stepName: string | null; stepDepartmentId: string | null; stepFound: string | null }>(
      `select c.id as "caseId", c.org_id as "orgId", c.case_no as "caseNo", c.item_name as "itemName",
              c.applicant_name as "applicantName", c.status,
              case when $2::uuid is null then c.warning else s.warning end as warning,
              case when $2::uuid is null then c.assignee_id else s.assignee_id end as "holderId",
              s.id as "stepFound", s.name as "stepName", s.department_id as "stepDepartmentId"
         from cases c left join case_steps s on s.case_id = c.id and s.id = $2::uuid
        where c.id = $1`,
      [caseId, stepId],
    )
  ).rows[0];
  if (!row || (stepId !== null && row.stepFound === null)) return null;
  const { stepName, stepDepartmentId, stepFound, ...target } = row;
  return { ...target, step: stepFound === null ? null : { id: stepFound, name: stepName ?? '', departmentId: stepDepartmentId } };
}
