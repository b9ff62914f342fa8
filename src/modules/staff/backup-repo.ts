import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { AbsenceView } from './schemas.ts';

/** AB岗 storage: the B post on the staff row, absences in `staff_absences` (dates inclusive). */

export async function updateBackup(tx: Tx, id: string, version: number, backupId: string | null, now: Date): Promise<boolean> {
  const result = await tx.query('update staff set backup_id = $3, version = version + 1, updated_at = $4 where id = $1 and version = $2', [
    id,
    version,
    backupId,
    now,
  ]);
  return result.rowCount > 0;
}

export interface NewAbsence {
  staffId: string;
  orgId: string;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  reason: string;
  createdBy: string;
}

export async function insertAbsence(tx: Tx, absence: NewAbsence, now: Date): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into staff_absences (staff_id, org_id, starts_on, ends_on, reason, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [absence.staffId, absence.orgId, absence.startsOn, absence.endsOn, absence.reason, absence.createdBy, now],
    )
  ).rows[0];
  if (!row) throw new Error('absence insert returned nothing');
  return row.id;
}

/** Serialises absence changes of one person (two overlapping requests at once cannot both pass the check). */
export async function lockStaffRow(tx: Tx, staffId: string): Promise<void> {
  await tx.query('select 1 from staff where id = $1 for update', [staffId]);
}

export async function hasOverlappingAbsence(tx: Tx, staffId: string, startsOn: BusinessDate, endsOn: BusinessDate): Promise<boolean> {
  const result = await tx.query(
    `select 1 from staff_absences
      where staff_id = $1 and cancelled_at is null and ends_on >= $2::date and starts_on <= $3::date limit 1`,
    [staffId, startsOn, endsOn],
  );
  return result.rows.length > 0;
}

/**
 * 返岗 (back at work today): an absence that began before today now ends yesterday, so the record
 * of the days away stays true; one that began today is called off. Returns how many were touched.
 */
export async function endCurrentAbsences(tx: Tx, staffId: string, today: BusinessDate, actorId: string, now: Date): Promise<number> {
  const shortened = await tx.query(
    `update staff_absences set ends_on = $2::date - 1
      where staff_id = $1 and cancelled_at is null and starts_on < $2::date and ends_on >= $2::date`,
    [staffId, today],
  );
  const cancelled = await tx.query(
    `update staff_absences set cancelled_at = $3, cancelled_by = $4
      where staff_id = $1 and cancelled_at is null and starts_on = $2::date`,
    [staffId, today, now, actorId],
  );
  return shortened.rowCount + cancelled.rowCount;
}

/** Calls off an absence not yet over; false when there is none of that person with this id. */
export async function cancelAbsence(
  tx: Tx,
  staffId: string,
  absenceId: string,
  today: BusinessDate,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const result = await tx.query(
    `update staff_absences set cancelled_at = $4, cancelled_by = $5
      where id = $1 and staff_id = $2 and cancelled_at is null and ends_on >= $3::date`,
    [absenceId, staffId, today, now, actorId],
  );
  return result.rowCount > 0;
}

interface AbsenceRow {
  id: string;
  starts_on: BusinessDate;
  ends_on: BusinessDate;
  reason: string;
}

/** Absences not yet over and those of the last 90 days, latest first. */
export async function listAbsences(tx: Tx, staffId: string, today: BusinessDate): Promise<AbsenceView[]> {
  const result = await tx.query<AbsenceRow>(
    `select id, starts_on, ends_on, reason from staff_absences
      where staff_id = $1 and cancelled_at is null and ends_on >= $2::date - 90
      order by starts_on desc limit 50`,
    [staffId, today],
  );
  return result.rows.map((row) => ({
    id: row.id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    reason: row.reason,
    isCurrent: row.starts_on <= today && row.ends_on >= today,
  }));
}

/** AB岗 queue: the colleagues whose B post is `backupId` and who are away on `today`. */
export async function listColleaguesBackedUp(tx: Tx, backupId: string, today: BusinessDate): Promise<{ id: string; name: string }[]> {
  const result = await tx.query<{ id: string; name: string }>(
    `select s.id, s.name from staff s
      where s.backup_id = $1
        and exists (select 1 from staff_absences a
                     where a.staff_id = s.id and a.cancelled_at is null and a.ends_on >= $2::date and a.starts_on <= $2::date)
      order by s.name`,
    [backupId, today],
  );
  return result.rows;
}
