import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { AgencyLeg, Warning } from './legs.rules.ts';
import { selectRequests, type AgencyRecord } from './repo.ts';

/** 责任追究 of one leg: who held it when it went overdue, and how late. Written once, never changed. */
export interface LegAccountability {
  requestId: string;
  orgId: string;
  leg: AgencyLeg;
  holder: 'agent' | 'township';
  /** The agent who held the leg then; null for the township window. */
  staffId: string | null;
  townshipId: string;
  dueOn: BusinessDate;
  level: 'yellow' | 'red';
  workingDaysLate: number;
}

/** Records a leg's lateness unless that grade of that due date is already on record; true when it was new. */
export async function insertLegAccountability(tx: Tx, record: LegAccountability, now: Date): Promise<boolean> {
  const inserted = await tx.query(
    `insert into agency_accountability
       (request_id, org_id, leg, holder, staff_id, township_id, due_on, level, working_days_late, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (request_id, leg, due_on, level) do nothing`,
    [
      record.requestId,
      record.orgId,
      record.leg,
      record.holder,
      record.staffId,
      record.townshipId,
      record.dueOn,
      record.level,
      record.workingDaysLate,
      now,
    ],
  );
  return inserted.rowCount === 1;
}

export async function listLegAccountability(tx: Tx, requestId: string): Promise<(LegAccountability & { createdAt: Date })[]> {
  const rows = await tx.query<LegAccountability & { createdAt: string }>(
    `select request_id as "requestId", org_id as "orgId", leg, holder, staff_id as "staffId", township_id as "townshipId",
            due_on::text as "dueOn", level, working_days_late as "workingDaysLate", created_at as "createdAt"
       from agency_accountability where request_id = $1 order by created_at, due_on, level`,
    [requestId],
  );
  return rows.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** The warning job's read: only requests whose running leg's grade is due to change (index agency_requests_next_warning). */
export function claimRequestsDueForWarning(tx: Tx, now: Date, limit: number): Promise<AgencyRecord[]> {
  return selectRequests(tx, 'where r.next_warning_at <= $1 order by r.next_warning_at limit $2 for update of r skip locked', [now, limit]);
}

/**
 * 电子监察's marks on a request: the grade, its next moment, the running leg's due date. Not an edit of the
 * request, so the version stays: an agent's act queued offline must not conflict with the clock.
 */
export async function markClock(
  tx: Tx,
  id: string,
  marks: { warning: Warning; nextWarningAt: Date | null; nextDueOn: BusinessDate | null; receiveDueOn: BusinessDate | null },
): Promise<void> {
  await tx.query(
    `update agency_requests set warning = $2, next_warning_at = $3, next_due_on = $4, receive_due_on = coalesce(receive_due_on, $5)
      where id = $1`,
    [id, marks.warning, marks.nextWarningAt, marks.nextDueOn, marks.receiveDueOn],
  );
}
