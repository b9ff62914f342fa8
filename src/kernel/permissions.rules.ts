import type { Role } from './context.ts';

/** Who may do what; scope (which org subtree) is checked separately. */
export const PERMISSIONS = {
  'org.manage': ['county_admin'],
  'unit.manage': ['county_admin', 'director'],
  'staff.manage': ['county_admin', 'director'],
  'staff.read': ['county_admin', 'director', 'supervisor'],
  'audit.read': ['county_admin', 'supervisor'],
  'calendar.manage': ['county_admin', 'director'],
  'catalog.manage': ['county_admin', 'director'],
  /** R10: who may see an applicant's full ID number and phone (each time with a reason, audited). */
  'case.reveal': ['county_admin', 'director', 'window_staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesFor(permission: Permission): Role[] {
  return [...PERMISSIONS[permission]];
}

/** Roles a manager may hand out: a director cannot create county-level roles. */
export function assignableRoles(managerRole: Role): Role[] {
  switch (managerRole) {
    case 'county_admin':
      return ['county_admin', 'director', 'window_staff', 'reviewer', 'agent', 'supervisor'];
    case 'director':
      return ['director', 'window_staff', 'reviewer', 'agent'];
    case 'window_staff':
    case 'reviewer':
    case 'agent':
    case 'supervisor':
      return [];
  }
}
