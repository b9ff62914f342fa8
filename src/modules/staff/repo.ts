import type { Tx } from '../../db/db.ts';
import type { Role } from '../../kernel/context.ts';
import { businessDateOf, type BusinessDate } from '../../shared/business-date.ts';
import { maskPhone } from '../../shared/identity.ts';
import type { StaffView } from './schemas.ts';
import { findDepartment, findOrg, findWindow, listOrgs } from '../org/index.ts';

interface StaffRow {
  id: string;
  org_id: string;
  username: string;
  name: string;
  role: Role;
  phone: string;
  department_id: string | null;
  window_id: string | null;
  status: 'active' | 'disabled';
  locked_until: Date | null;
  must_change_password: boolean;
  version: number;
  backup_id: string | null;
  backup_name: string | null;
  absence_id: string | null;
  absence_starts_on: BusinessDate | null;
  absence_ends_on: BusinessDate | null;
  absence_reason: string | null;
}

/** A staff row with its B post and its absence in force on `today` (else the next planned one). */
const staffSelect = (today: string) => `select s.id, s.org_id, s.username, s.name, s.role, s.phone,
  s.department_id, s.window_id, s.status, s.locked_until, s.must_change_password, s.version,
  s.backup_id, b.name as backup_name,
  a.id as absence_id, a.starts_on as absence_starts_on, a.ends_on as absence_ends_on, a.reason as absence_reason
  from staff s
  left join staff b on b.id = s.backup_id
  left join lateral (
    select x.id, x.starts_on, x.ends_on, x.reason from staff_absences x
     where x.staff_id = s.id and x.cancelled_at is null and x.ends_on >= ${today}::date
     order by x.starts_on limit 1
  ) a on true`;

function absenceOf(row: StaffRow, today: BusinessDate): StaffView['absence'] {
  if (row.absence_id === null || row.absence_starts_on === null || row.absence_ends_on === null) return null;
  return {
    id: row.absence_id,
    startsOn: row.absence_starts_on,
    endsOn: row.absence_ends_on,
    reason: row.absence_reason ?? '',
    isCurrent: row.absence_starts_on <= today,
  };
}

function toStaff(row: StaffRow, now: Date, org: { name: string } | undefined): StaffView {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: org?.name ?? '',
    username: row.username,
    name: row.name,
    role: row.role,
    phone: row.phone === '' ? '' : maskPhone(row.phone),
    departmentId: row.department_id,
    windowId: row.window_id,
    status: row.status,
    locked: row.locked_until !== null && new Date(row.locked_until) > now,
    mustChangePassword: row.must_change_password,
    backup: row.backup_id === null ? null : { id: row.backup_id, name: row.backup_name ?? '' },
    absence: absenceOf(row, businessDateOf(now)),
    version: row.version,
  };
}

export async function listStaff(tx: Tx, orgIds: readonly string[], search: string | undefined, now: Date): Promise<StaffView[]> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // Orgs come back by code (county, then each township with its villages): staff are listed in that order.
  const orgs = await listOrgs(tx, orgIds);
  const byId = new Map(orgs.map((org) => [org.id, org]));
  const result = await tx.query<StaffRow>(
    `${staffSelect('$3')} where s.org_id = any($1::uuid[]) and ($2::text is null or s.name like $2 or s.username like $2)
      order by array_position($1::uuid[], s.org_id), s.username limit 500`,
    [orgs.map((org) => org.id), pattern, businessDateOf(now)],
  );
  return result.rows.map((row) => toStaff(row, now, byId.get(row.org_id)));
}

export async function findStaff(tx: Tx, id: string, now: Date): Promise<(StaffView & { orgKind: string }) | null> {
  const row = (await tx.query<StaffRow>(`${staffSelect('$2')} where s.id = $1`, [id, businessDateOf(now)])).rows[0];
  if (!row) return null;
  const org = await findOrg(tx, row.org_id);
  return { ...toStaff(row, now, org ?? undefined), orgKind: org?.kind ?? '' };
}

export async function isUsernameTaken(tx: Tx, username: string): Promise<boolean> {
  // Usernames are unique across the county; RLS hides other townships' rows, so ask through a definer function.
  const result = await tx.query<{ taken: boolean }>('select staff_username_taken($1) as taken', [username]);
  return result.rows[0]?.taken ?? false;
}

export interface NewStaff {
  orgId: string;
  username: string;
  name: string;
  role: Role;
  phone: string;
  departmentId: string | null;
  windowId: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertStaff(tx: Tx, staff: NewStaff, now: Date): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into staff (org_id, username, name, role, phone, department_id, window_id, password_hash, must_change_password,
                          password_changed_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10) returning id`,
      [
        staff.orgId,
        staff.username,
        staff.name,
        staff.role,
        staff.phone,
        staff.departmentId,
        staff.windowId,
        staff.passwordHash,
        staff.mustChangePassword,
        now,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('staff insert returned nothing');
  return row.id;
}

export async function updateStaff(
  tx: Tx,
  id: string,
  version: number,
  patch: { name?: string; role?: Role; phone?: string; departmentId?: string | null; windowId?: string | null },
  now: Date,
): Promise<boolean> {
  const result = await tx.query(
    `update staff set name = coalesce($3, name), role = coalesce($4, role), phone = coalesce($5, phone),
            department_id = case when $6 then $7::uuid else department_id end,
            window_id = case when $8 then $9::uuid else window_id end,
            version = version + 1, updated_at = $10
      where id = $1 and version = $2`,
    [
      id,
      version,
      patch.name ?? null,
      patch.role ?? null,
      patch.phone ?? null,
      patch.departmentId !== undefined,
      patch.departmentId ?? null,
      patch.windowId !== undefined,
      patch.windowId ?? null,
      now,
    ],
  );
  return result.rowCount > 0;
}

export async function setStaffStatus(tx: Tx, id: string, status: 'active' | 'disabled', now: Date): Promise<void> {
  await tx.query('update staff set status = $2, version = version + 1, updated_at = $3 where id = $1', [id, status, now]);
}

export async function unlockStaff(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query('update staff set failed_attempts = 0, locked_until = null, version = version + 1, updated_at = $2 where id = $1', [
    id,
    now,
  ]);
}

export async function setStaffPassword(tx: Tx, id: string, passwordHash: string, now: Date): Promise<void> {
  await tx.query(
    `update staff set password_hash = $2, must_change_password = true, password_changed_at = $3, failed_attempts = 0,
            locked_until = null, version = version + 1, updated_at = $3 where id = $1`,
    [id, passwordHash, now],
  );
}

/** Sessions live outside tenant scope; this definer function ends one staff member's sessions. */
export async function endSessionsOf(tx: Tx, staffId: string, now: Date): Promise<void> {
  await tx.query('select staff_end_sessions($1, $2)', [staffId, now]);
}

export async function isDepartmentOfOrg(tx: Tx, departmentId: string, orgId: string): Promise<boolean> {
  return (await findDepartment(tx, departmentId))?.orgId === orgId;
}

export async function isWindowOfOrg(tx: Tx, windowId: string, orgId: string): Promise<boolean> {
  return (await findWindow(tx, windowId))?.orgId === orgId;
}

export async function readFullPhone(tx: Tx, id: string): Promise<string> {
  return (await tx.query<{ phone: string }>('select phone from staff where id = $1', [id])).rows[0]?.phone ?? '';
}
