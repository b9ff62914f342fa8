import {
  Bell,
  ChatDotSquare,
  CircleCheck,
  Calendar,
  Collection,
  DataBoard,
  DataAnalysis,
  Document,
  Files,
  Flag,
  House,
  Message,
  Monitor,
  Setting,
  Notebook,
  OfficeBuilding,
  Tickets,
  Timer,
  TrendCharts,
  User,
  Van,
} from '@element-plus/icons-vue';
import type { Component } from 'vue';
import { ROLES, type Role } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';

/**
 * The console's menu as data: one entry per page with the roles that see it. A new page is one
 * entry here plus its lazy route in router.ts; the router also refuses a page to the roles not listed.
 * The roles are the server's (kernel/permissions.rules.ts): a page shows to those its API answers.
 */
export interface NavEntry {
  path: string;
  label: string;
  icon: Component;
  roles: readonly Role[] | 'all';
}

/** Village agents work in their own app (/agent/), never in the console, whatever the API would answer them. */
const inConsole = (roles: readonly Role[]): Role[] => roles.filter((role) => role !== 'agent');

export const NAVIGATION: readonly NavEntry[] = [
  { path: '/', label: 'nav.home', icon: House, roles: 'all' },
  { path: '/cases', label: 'nav.cases', icon: Tickets, roles: rolesFor('case.read') },
  { path: '/notices', label: 'nav.notices', icon: Message, roles: rolesFor('case.read') },
  // Clerks see only the complaints assigned to them (never one about themselves): the page asks the server.
  { path: '/complaints', label: 'nav.complaints', icon: ChatDotSquare, roles: rolesFor('complaint.read') },
  { path: '/agency', label: 'nav.agency', icon: Van, roles: inConsole(rolesFor('agency.read')) },
  { path: '/agency/performance', label: 'nav.agencyPerformance', icon: DataAnalysis, roles: rolesFor('agency.ledger') },
  { path: '/queue', label: 'nav.queue', icon: Bell, roles: rolesFor('queue.call') },
  { path: '/queue/settings', label: 'nav.queueSettings', icon: Setting, roles: rolesFor('queue.manage') },
  { path: '/queue/figures', label: 'nav.queueFigures', icon: TrendCharts, roles: rolesFor('queue.read') },
  { path: '/queue/appointments', label: 'nav.appointments', icon: Calendar, roles: rolesFor('queue.read') },
  // Every staff member reads the catalog; who may edit it is asked on the page.
  { path: '/catalog', label: 'nav.catalog', icon: Notebook, roles: inConsole(ROLES) },
  // Only the county changes the tree, but those who manage a center's units read it to find their center.
  { path: '/orgs', label: 'nav.orgs', icon: OfficeBuilding, roles: rolesFor('unit.manage') },
  { path: '/departments', label: 'nav.departments', icon: Collection, roles: rolesFor('unit.manage') },
  { path: '/windows', label: 'nav.windows', icon: Monitor, roles: rolesFor('unit.manage') },
  { path: '/staff', label: 'nav.staff', icon: User, roles: rolesFor('staff.manage') },
  { path: '/calendar', label: 'nav.calendar', icon: Calendar, roles: rolesFor('calendar.manage') },
  { path: '/agency/settings', label: 'nav.agencySettings', icon: Timer, roles: rolesFor('agency.limits') },
  { path: '/ratings', label: 'nav.ratings', icon: ChatDotSquare, roles: rolesFor('rating.read') },
  { path: '/rectifications', label: 'nav.rectifications', icon: CircleCheck, roles: rolesFor('rating.read') },
  { path: '/supervision-orders', label: 'nav.orders', icon: Flag, roles: rolesFor('supervision.order.read') },
  { path: '/ledgers', label: 'nav.ledgers', icon: Files, roles: rolesFor('report.ledger') },
  { path: '/audit', label: 'nav.audit', icon: Document, roles: rolesFor('audit.read') },
  { path: '/supervision', label: 'nav.supervision', icon: DataBoard, roles: rolesFor('supervision.read') },
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
