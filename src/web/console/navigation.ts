import { Calendar, Collection, DataAnalysis, Document, House, Monitor, Notebook, OfficeBuilding, Tickets, Timer, User, Van } from '@element-plus/icons-vue';
import type { Component } from 'vue';
import type { Role } from './session.ts';

/**
 * The console's menu as data: one entry per page with the roles that see it. A new page is one
 * entry here plus its lazy route in router.ts; the router also refuses a page to the roles not listed.
 */
export interface NavEntry {
  path: string;
  label: string;
  icon: Component;
  roles: readonly Role[] | 'all';
}

export const NAVIGATION: readonly NavEntry[] = [
  { path: '/', label: 'nav.home', icon: House, roles: 'all' },
  { path: '/cases', label: 'nav.cases', icon: Tickets, roles: ['window_staff', 'reviewer', 'director', 'county_admin', 'supervisor'] },
  { path: '/agency', label: 'nav.agency', icon: Van, roles: ['window_staff', 'director', 'county_admin', 'supervisor'] },
  { path: '/agency/performance', label: 'nav.agencyPerformance', icon: DataAnalysis, roles: ['window_staff', 'director', 'county_admin', 'supervisor'] },
  { path: '/catalog', label: 'nav.catalog', icon: Notebook, roles: ['county_admin', 'director', 'window_staff', 'reviewer', 'supervisor'] },
  { path: '/orgs', label: 'nav.orgs', icon: OfficeBuilding, roles: ['county_admin', 'director'] },
  { path: '/departments', label: 'nav.departments', icon: Collection, roles: ['county_admin', 'director'] },
  { path: '/windows', label: 'nav.windows', icon: Monitor, roles: ['county_admin', 'director'] },
  { path: '/staff', label: 'nav.staff', icon: User, roles: ['county_admin', 'director'] },
  { path: '/calendar', label: 'nav.calendar', icon: Calendar, roles: ['county_admin', 'director'] },
  { path: '/agency/settings', label: 'nav.agencySettings', icon: Timer, roles: ['county_admin'] },
  { path: '/audit', label: 'nav.audit', icon: Document, roles: ['county_admin', 'supervisor'] },
];

const isFor = (entry: NavEntry, role: Role) => entry.roles === 'all' || entry.roles.includes(role);

export function entriesFor(role: Role): NavEntry[] {
  return NAVIGATION.filter((entry) => isFor(entry, role));
}

/**
 * The menu entry a path belongs to (`/cases/123` → 办件), or undefined for pages outside the menu.
 * The longest entry wins: `/agency/settings` is its own entry, not a page of `/agency`.
 */
export function entryOf(path: string): NavEntry | undefined {
  return NAVIGATION.filter((entry) => entry.path !== '/' && (path === entry.path || path.startsWith(`${entry.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)
    .at(0);
}

/** Whether a role may open a path; pages outside the menu (home, change password) are open to all. */
export function canVisit(role: Role, path: string): boolean {
  const entry = entryOf(path);
  return entry === undefined || isFor(entry, role);
}
