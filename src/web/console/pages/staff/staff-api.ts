import type { OrgKind, Role } from '../../../../kernel/context.ts';
import { assignableRoles } from '../../../../kernel/permissions.rules.ts';
import { checkRoleFitsOrg } from '../../../../modules/staff/rules.ts';
import { api, queryString } from '../../../shared/api.ts';

/** A staff account as the server lists it (the phone is already masked). */
export interface Staff {
  id: string;
  orgId: string;
  orgName: string;
  username: string;
  name: string;
  role: Role;
  phone: string;
  departmentId: string | null;
  windowId: string | null;
  status: 'active' | 'disabled';
  locked: boolean;
  /** AB岗: who covers this person's open cases while they are away. */
  backup: { id: string; name: string } | null;
  /** The absence in force today, otherwise the next planned one. */
  absence: Absence | null;
  version: number;
}

/** 离岗 (leave, meeting, training): business dates, both inclusive. */
export interface Absence {
  id: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  isCurrent: boolean;
}

export type AdminAct = 'disable' | 'enable' | 'unlock';

/**
 * The roles a manager may give an account at an org of this kind: the server's own rules
 * (who may hand out which role, and which level each role works at), so the list offers nothing it would refuse.
 */
export function rolesAssignableAt(managerRole: Role | undefined, orgKind: OrgKind | undefined): Role[] {
  if (managerRole === undefined) return [];
  return assignableRoles(managerRole).filter((role) => orgKind === undefined || checkRoleFitsOrg(role, orgKind) === null);
}

export async function listStaff(q: string): Promise<Staff[]> {
  return (await api.get<{ staff: Staff[] }>(`/api/staff${queryString({ q: q.trim() })}`)).staff;
}

export interface StaffFields {
  name: string;
  role: Role;
  phone: string;
  departmentId: string | null;
  windowId: string | null;
}

export function createStaff(
  body: StaffFields & { orgId: string; username: string; password: string },
  key: string,
): Promise<{ staff: Staff }> {
  return api.post('/api/staff', body, key);
}

/** The phone is sent only when typed again: the list has only its masked form. */
export function updateStaff(row: Staff, fields: Omit<StaffFields, 'phone'> & { phone?: string }, key: string): Promise<{ staff: Staff }> {
  return api.patch(`/api/staff/${row.id}`, { version: row.version, ...fields }, key);
}

export function actOnStaff(row: Staff, act: AdminAct, key: string): Promise<{ staff: Staff }> {
  return api.post(`/api/staff/${row.id}/${act}`, {}, key);
}

export function resetPassword(row: Staff, newPassword: string, key: string): Promise<unknown> {
  return api.post(`/api/staff/${row.id}/reset-password`, { newPassword }, key);
}

/** 设置B岗 (null clears it); carries the row's version like any edit. */
export function setBackup(row: Staff, backupId: string | null, key: string): Promise<{ staff: Staff }> {
  return api.post(`/api/staff/${row.id}/backup`, { version: row.version, backupId }, key);
}

export function markAbsent(
  row: Staff,
  body: { startsOn: string; endsOn: string; reason: string },
  key: string,
): Promise<{ staff: Staff; absence: Absence }> {
  return api.post(`/api/staff/${row.id}/absences`, body, key);
}

export function markReturned(row: Staff, key: string): Promise<{ staff: Staff }> {
  return api.post(`/api/staff/${row.id}/return`, {}, key);
}

export function cancelAbsence(row: Staff, absence: Absence, key: string): Promise<{ staff: Staff }> {
  return api.post(`/api/staff/${row.id}/absences/${absence.id}/cancel`, {}, key);
}
