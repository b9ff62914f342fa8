import { api, queryString } from '../../../shared/api.ts';
import type { OrgKind, Role } from '../../session.ts';

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

export const ALL_ROLES: readonly Role[] = ['county_admin', 'director', 'window_staff', 'reviewer', 'agent', 'supervisor'];

/** Which level each role works at (mirrors the server): county roles at the county, agents at villages. */
const ROLES_AT: Record<OrgKind, readonly Role[]> = {
  county: ['county_admin', 'supervisor', 'director', 'window_staff', 'reviewer'],
  township: ['director', 'window_staff', 'reviewer'],
  village: ['agent'],
};

/** Roles a manager may hand out: a director cannot create county-level roles. */
export function assignableRoles(managerRole: Role | undefined): readonly Role[] {
  if (managerRole === 'county_admin') return ALL_ROLES;
  if (managerRole === 'director') return ['director', 'window_staff', 'reviewer', 'agent'];
  return [];
}

export function rolesFor(managerRole: Role | undefined, orgKind: OrgKind | undefined): Role[] {
  const fitting = orgKind === undefined ? ALL_ROLES : ROLES_AT[orgKind];
  return assignableRoles(managerRole).filter((role) => fitting.includes(role));
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

export function createStaff(body: StaffFields & { orgId: string; username: string; password: string }, key: string): Promise<{ staff: Staff }> {
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

export function markAbsent(row: Staff, body: { startsOn: string; endsOn: string; reason: string }, key: string): Promise<{ staff: Staff; absence: Absence }> {
  return api.post(`/api/staff/${row.id}/absences`, body, key);
}

export function markReturned(row: Staff, key: string): Promise<{ staff: Staff }> {
  return api.post(`/api/staff/${row.id}/return`, {}, key);
}

export function cancelAbsence(row: Staff, absence: Absence, key: string): Promise<{ staff: Staff }> {
  return api.post(`/api/staff/${row.id}/absences/${absence.id}/cancel`, {}, key);
}
