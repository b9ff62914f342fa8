import type { Tx } from '../../../db/db.ts';
import type { BusinessDate } from '../../../shared/business-date.ts';
import type { SessionRule } from './slots.rules.ts';

/** All SQL of 预约: the director's sessions, bookings, and the SMS codes that verify a phone. */

export type AppointmentKind = 'online' | 'phone' | 'home_visit';
export type AppointmentStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show' | 'done';

export interface Appointment {
  id: string;
  orgId: string;
  categoryId: string;
  kind: AppointmentKind;
  onDate: BusinessDate;
  slotFrom: string;
  slotTo: string;
  sessionKind: 'regular' | 'extended' | 'non_working_day' | 'home_visit';
  applicantName: string;
  applicantIdNumber: string;
  phone: string;
  address: string;
  note: string;
  status: AppointmentStatus;
  bookingNo: string;
  ticketId: string | null;
  assigneeId: string | null;
  reschedules: number;
  createdAt: Date;
  version: number;
}

const APPOINTMENT_SELECT = `select id, org_id as "orgId", category_id as "categoryId", kind, to_char(on_date, 'YYYY-MM-DD') as "onDate",
  slot_from as "slotFrom", slot_to as "slotTo", session_kind as "sessionKind", applicant_name as "applicantName",
  applicant_id_number as "applicantIdNumber", phone, address, note, status, code as "bookingNo", ticket_id as "ticketId",
  assignee_id as "assigneeId", reschedules, created_at as "createdAt", version from queue_appointments`;

export interface SessionRow extends Omit<SessionRule, 'weekdays' | 'categoryIds'> {
  weekdays: number[];
  categoryIds: string[];
  orgId: string;
  note: string;
  version: number;
}

const SESSION_SELECT = `select id, org_id as "orgId", kind, to_char(on_date, 'YYYY-MM-DD') as "onDate", weekdays, from_time as "fromTime",
  to_time as "toTime", category_ids as "categoryIds", capacity, note, version from queue_appointment_sessions`;

export async function listSessions(tx: Tx, orgId: string): Promise<SessionRow[]> {
  return (
    await tx.query<SessionRow>(`${SESSION_SELECT} where org_id = $1 and removed_at is null order by kind, on_date nulls first, from_time`, [
      orgId,
    ])
  ).rows;
}

export async function findSession(tx: Tx, id: string): Promise<SessionRow | null> {
  return (await tx.query<SessionRow>(`${SESSION_SELECT} where id = $1 and removed_at is null`, [id])).rows[0] ?? null;
}

export async function insertSession(
  tx: Tx,
  session: Omit<SessionRow, 'id' | 'version'>,
  staffId: string | null,
  now: Date,
): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into queue_appointment_sessions (org_id, kind, on_date, weekdays, from_time, to_time, category_ids, capacity, note, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [
        session.orgId,
        session.kind,
        session.onDate,
        session.weekdays,
        session.fromTime,
        session.toTime,
        session.categoryIds,
        session.capacity,
        session.note,
        staffId,
        now,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('session insert returned nothing');
  return row.id;
}

export async function removeSession(tx: Tx, id: string, version: number, now: Date): Promise<boolean> {
  const result = await tx.query(
    `update queue_appointment_sessions set removed_at = $3, version = version + 1 where id = $1 and version = $2 and removed_at is null`,
    [id, version, now],
  );
  return result.rowCount > 0;
}

// ---- bookings ----

/** Bookings of one category per slot start on a day (live ones: booked or checked in). */
export async function countBookedBySlot(tx: Tx, categoryId: string, date: BusinessDate): Promise<Map<string, number>> {
  const rows = (
    await tx.query<{ slotFrom: string; count: number }>(
      `select slot_from as "slotFrom", count(*)::int as count from queue_appointments
        where category_id = $1 and on_date = $2 and status in ('booked', 'checked_in') and kind <> 'home_visit' group by slot_from`,
      [categoryId, date],
    )
  ).rows;
  return new Map(rows.map((row) => [row.slotFrom, row.count]));
}

/**
 * Serialises bookings of one category: the category row is locked for the rest of the transaction, so
 * counting a slot and inserting into it cannot interleave across requests or server processes.
 */
export async function lockCategoryForBooking(tx: Tx, categoryId: string): Promise<void> {
  await tx.query('select id from queue_categories where id = $1 for update', [categoryId]);
}

export interface NewAppointment {
  orgId: string;
  categoryId: string;
  kind: AppointmentKind;
  onDate: BusinessDate;
  slotFrom: string;
  slotTo: string;
  sessionKind: Appointment['sessionKind'];
  applicantName: string;
  applicantIdNumber: string;
  phone: string;
  address: string;
  note: string;
  bookingNo: string;
  assigneeId: string | null;
  createdBy: string | null;
}

export async function insertAppointment(tx: Tx, a: NewAppointment, now: Date): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into queue_appointments (org_id, category_id, kind, on_date, slot_from, slot_to, session_kind, applicant_name,
          applicant_id_number, phone, address, note, code, assignee_id, created_by, created_at, changed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) returning id`,
      [
        a.orgId,
        a.categoryId,
        a.kind,
        a.onDate,
        a.slotFrom,
        a.slotTo,
        a.sessionKind,
        a.applicantName,
        a.applicantIdNumber,
        a.phone,
        a.address,
        a.note,
        a.bookingNo,
        a.assigneeId,
        a.createdBy,
        now,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('appointment insert returned nothing');
  return row.id;
}

export async function isBookingNoLive(tx: Tx, orgId: string, bookingNo: string): Promise<boolean> {
  return (
    (await tx.query(`select 1 from queue_appointments where org_id = $1 and code = $2 and status = 'booked'`, [orgId, bookingNo]))
      .rowCount > 0
  );
}

export async function findAppointment(tx: Tx, id: string): Promise<Appointment | null> {
  return (await tx.query<Appointment>(`${APPOINTMENT_SELECT} where id = $1`, [id])).rows[0] ?? null;
}

/** A live booking by its number, locked for the act that follows (cancel, reschedule, check-in). */
export async function lockBookedByNo(tx: Tx, orgId: string, bookingNo: string): Promise<Appointment | null> {
  return (
    (
      await tx.query<Appointment>(`${APPOINTMENT_SELECT} where org_id = $1 and code = $2 and status = 'booked' for update`, [
        orgId,
        bookingNo,
      ])
    ).rows[0] ?? null
  );
}

export async function lockAppointment(tx: Tx, id: string): Promise<Appointment | null> {
  return (await tx.query<Appointment>(`${APPOINTMENT_SELECT} where id = $1 for update`, [id])).rows[0] ?? null;
}

export async function updateAppointment(
  tx: Tx,
  id: string,
  patch: Partial<{
    status: AppointmentStatus;
    onDate: BusinessDate;
    slotFrom: string;
    slotTo: string;
    sessionKind: Appointment['sessionKind'];
    ticketId: string;
    reschedules: number;
  }>,
  now: Date,
): Promise<void> {
  const columns: Partial<Record<string, string>> = {
    status: 'status',
    onDate: 'on_date',
    slotFrom: 'slot_from',
    slotTo: 'slot_to',
    sessionKind: 'session_kind',
    ticketId: 'ticket_id',
    reschedules: 'reschedules',
  };
  const params: unknown[] = [id, now];
  const sets = Object.entries(patch).map(([key, value]) => {
    params.push(value);
    const column = columns[key];
    if (column === undefined) throw new Error(`unknown appointment column ${key}`);
    return `${column} = $${String(params.length)}`;
  });
  await tx.query(`update queue_appointments set ${[...sets, 'changed_at = $2', 'version = version + 1'].join(', ')} where id = $1`, params);
}

export async function listAppointmentsOfDay(tx: Tx, orgId: string, date: BusinessDate): Promise<Appointment[]> {
  return (
    await tx.query<Appointment>(`${APPOINTMENT_SELECT} where org_id = $1 and on_date = $2 order by slot_from, created_at`, [orgId, date])
  ).rows;
}

export async function listNoShowDates(tx: Tx, orgId: string, phone: string, since: BusinessDate): Promise<BusinessDate[]> {
  const rows = (
    await tx.query<{ onDate: BusinessDate }>(
      `select to_char(on_date, 'YYYY-MM-DD') as "onDate" from queue_appointments
        where org_id = $1 and phone = $2 and status = 'no_show' and on_date > $3`,
      [orgId, phone, since],
    )
  ).rows;
  return rows.map((row) => row.onDate);
}

/** Day end: bookings of past days never checked in become no-shows (SKIP LOCKED: several processes may run it). */
export async function markNoShows(tx: Tx, today: BusinessDate, now: Date): Promise<Appointment[]> {
  return (
    await tx.query<Appointment>(
      `with due as (select id from queue_appointments where status = 'booked' and on_date < $1 limit 500 for update skip locked)
       update queue_appointments a set status = 'no_show', changed_at = $2, version = a.version + 1 from due where a.id = due.id
       returning a.id, a.org_id as "orgId", a.category_id as "categoryId", to_char(a.on_date, 'YYYY-MM-DD') as "onDate", a.slot_from as "slotFrom", a.phone`,
      [today, now],
    )
  ).rows;
}

// ---- SMS codes ----

export interface PhoneCode {
  id: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function countCodesSince(tx: Tx, orgId: string, phone: string, since: Date): Promise<number> {
  const row = (
    await tx.query<{ count: number }>(
      `select count(*)::int as count from queue_phone_codes where org_id = $1 and phone = $2 and created_at > $3`,
      [orgId, phone, since],
    )
  ).rows[0];
  return row?.count ?? 0;
}

export async function insertCode(tx: Tx, orgId: string, phone: string, codeHash: string, expiresAt: Date, now: Date): Promise<void> {
  await tx.query(`insert into queue_phone_codes (org_id, phone, code_hash, expires_at, created_at) values ($1, $2, $3, $4, $5)`, [
    orgId,
    phone,
    codeHash,
    expiresAt,
    now,
  ]);
}

/** The phone's latest unused code, locked: only the newest code counts, and it is used once. */
export async function lockLatestCode(tx: Tx, orgId: string, phone: string): Promise<PhoneCode | null> {
  return (
    (
      await tx.query<PhoneCode>(
        `select id, code_hash as "codeHash", attempts, expires_at as "expiresAt", used_at as "usedAt" from queue_phone_codes
        where org_id = $1 and phone = $2 order by created_at desc limit 1 for update`,
        [orgId, phone],
      )
    ).rows[0] ?? null
  );
}

export async function markCodeUsed(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query('update queue_phone_codes set used_at = $2 where id = $1', [id, now]);
}

/** A wrong code counts against the phone's latest code (in its own transaction: the refused request rolls back). */
export async function countWrongCode(tx: Tx, orgId: string, phone: string): Promise<void> {
  await tx.query(
    `update queue_phone_codes set attempts = attempts + 1
      where id = (select id from queue_phone_codes where org_id = $1 and phone = $2 order by created_at desc limit 1)`,
    [orgId, phone],
  );
}
