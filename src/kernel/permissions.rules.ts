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
  'calendar.national': ['county_admin'],
  /** 事项同义词: one list per county, kept by the county for all its centers. */
  'catalog.synonyms': ['county_admin'],
  /** 办件: intake and acts at a window, review, and the county's oversight of its townships. */
  'case.handle': ['window_staff', 'director', 'reviewer', 'county_admin'],
  /** 行政许可法 第42条: an extension is approved by the head of the center. */
  'case.extend': ['director', 'county_admin'],
  /** 信用修复 (国办发〔2020〕42号): the head of the center lifts a 失信记录, with a reason. */
  'credit.repair': ['director', 'county_admin'],
  /** 督办: 电子监察 orders the holder of a late case to act, and reviews the answer (ADR 0029). */
  'supervision.order': ['supervisor', 'county_admin', 'director'],
  /** 督办单, read: the supervising side and the owners who answer them. */
  'supervision.order.read': ['supervisor', 'county_admin', 'director', 'window_staff', 'reviewer'],
  /** 台帐: the 办件台帐 and 收费台帐 of one's scope, downloaded. */
  'report.ledger': ['window_staff', 'director', 'county_admin', 'supervisor'],
  /** 电子监察 reads cases too. */
  'case.read': ['window_staff', 'director', 'reviewer', 'county_admin', 'supervisor'],
  /** R10: who may see an applicant's full ID number and phone (each time with a reason, audited). */
  'case.reveal': ['county_admin', 'director', 'window_staff'],
  'file.upload': ['window_staff', 'director', 'reviewer', 'county_admin', 'agent'],
  /** 代办: the village agent's own work (devices, registration, declines, consultations). */
  'agency.agent': ['agent'],
  /** 代办: the township window's side (receive, return; the agents of a village). */
  'agency.window': ['window_staff', 'director'],
  'agency.act': ['agent', 'window_staff', 'director'],
  'agency.read': ['agent', 'window_staff', 'director', 'county_admin', 'supervisor'],
  /** 代办员负责的村: who assigns an agent's villages. */
  'agency.villages': ['director', 'county_admin'],
  /** 台账: performance and fee ledgers of the agents. */
  'agency.ledger': ['window_staff', 'director', 'county_admin', 'supervisor'],
  /** 代办时限: a county's leg limits. */
  'agency.limits': ['county_admin'],
  /** 叫号: a clerk at a window (a director may staff one), and tickets given at the desk (导办). */
  'queue.call': ['window_staff', 'director'],
  /** 大厅设置: categories, the windows serving them, queue settings, rating pads, appointment sessions. */
  'queue.manage': ['director', 'county_admin'],
  /** 大厅: tickets, windows, appointments and the hall figures, read. */
  'queue.read': ['window_staff', 'director', 'county_admin', 'supervisor'],
  /** 电子监察: the overview and the screen (监察/纪委, the center's head, the county). */
  'supervision.read': ['supervisor', 'director', 'county_admin'],
  /** 投诉·举报: the center's head accepts, answers and archives (a complaint about a director goes to the county). */
  'complaint.handle': ['director', 'county_admin'],
  /** 投诉·举报, read: 监察 reads all; a clerk only what is assigned to them (complaints/transitions.rules.ts). */
  'complaint.read': ['director', 'county_admin', 'supervisor', 'window_staff'],
  /** 好差评: ratings and the 差评 loop, read (never the rater; ADR 0026). */
  'rating.read': ['window_staff', 'director', 'reviewer', 'county_admin', 'supervisor'],
  /** 好差评: who the rater is, only for 电子监察, with a reason, audited. */
  'rating.reveal': ['supervisor'],
  /** 差评整改: the handling unit's director works the loop, a supervisor decides 申诉复核 (which act: transitions.rules.ts). */
  'rectification.act': ['director', 'county_admin', 'supervisor'],
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

/** Whether this role has the permission (for a view's allowedActs, and for the web's menus). */
export function isAllowed(permission: Permission, role: Role): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
