import type { Role } from '../../src/kernel/context.ts';
import type { TenantWorld } from './tenancy-world.ts';

/**
 * R4 probe table vocabulary. Every route of the route table has one entry, keyed `METHOD /path` as
 * in /api/openapi.json: either public (no sign-in, with the reason) or the roles that may use it and
 * the probes to send. A role outside `roles` must get 403 FORBIDDEN; a role inside gets the probe's
 * answer — the module's "not found" (not in your scope), or a clean read.
 *
 * A new route: add its entry to tenancy-probes-org.ts or tenancy-probes-work.ts (the sweep fails
 * until it has one) — `scoped(roles, 'X_NOT_FOUND', request)` with a valid request on one of the
 * target world's objects (tenancy-world.ts builds one of each kind; add a kind there through the
 * API if the route takes a new one), `reads(roles, read(request))` for a list, or `skip` with the
 * reason where the route takes nothing of anyone else. The control test then sends the same request
 * as the object's own staff, so a wrong id or a bad body shows at once.
 */

/** What a probe aims at: another tenant's world, from the point of view of the actor's own org. */
export interface ProbeTarget {
  w: TenantWorld;
  home: { orgId: string; staffId: string };
}

export interface ProbeRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  contentType?: string;
}

export type Answer =
  /** The refusal a role that may use the route gets for another tenant's object: its problem+json `code`. */
  | { refuse: string }
  /** 200, and not one id or name of another tenant in it (JSON text, or every cell of a spreadsheet). */
  | { read: 'json' | 'xlsx' }
  /** Roles that may use the route are not probed (the route takes no object of anyone else). */
  | { skip: string };

export interface Probe {
  request: (t: ProbeTarget) => ProbeRequest;
  answer: Answer;
  /** `county`: aims at the county level of the target world (its owners there are the county's staff). */
  level: 'town' | 'county';
}

/**
 * A public route asked for what the tenant has not published: refused with `refuse`, or answered
 * without any of `absent` (a draft's code or name) in it.
 */
export interface HiddenProbe {
  request: (t: ProbeTarget) => ProbeRequest;
  refuse?: string;
  absent?: (w: TenantWorld) => string[];
}

export type RouteSpec =
  | { public: string; request?: (t: ProbeTarget) => ProbeRequest; hidden?: HiddenProbe[] }
  | { roles: readonly Role[] | 'any'; probes: Probe[] };

export type ProbeTable = Record<string, RouteSpec>;

type Build = (t: ProbeTarget) => ProbeRequest;

export const get =
  (url: (t: ProbeTarget) => string): Build =>
  (t) => ({ method: 'GET', url: url(t) });
export const send =
  (
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: (t: ProbeTarget) => string,
    payload: (t: ProbeTarget) => unknown = () => ({}),
  ): Build =>
  (t) => ({ method, url: url(t), payload: payload(t) });

export const refuse = (code: string, request: Build): Probe => ({ request, answer: { refuse: code }, level: 'town' });
export const read = (request: Build, kind: 'json' | 'xlsx' = 'json'): Probe => ({ request, answer: { read: kind }, level: 'town' });
export const skip = (reason: string, request: Build): Probe => ({ request, answer: { skip: reason }, level: 'town' });
export const atCounty = (probe: Probe): Probe => ({ ...probe, level: 'county' });

/** One scope refusal on the township's object, and, where the route takes one, on the county's. */
export function scoped(roles: readonly Role[] | 'any', code: string, request: Build, countyRequest?: Build): RouteSpec {
  return { roles, probes: [refuse(code, request), ...(countyRequest ? [atCounty(refuse(code, countyRequest))] : [])] };
}

/** A route that reads only the caller's own scope: every probe a clean read. */
export function reads(roles: readonly Role[] | 'any', ...probes: Probe[]): RouteSpec {
  return { roles, probes };
}

/** Roles from src/modules/auth/permissions.ts and the route files, spelled out so the table reads alone. */
export const R = {
  orgManage: ['county_admin'],
  unitManage: ['county_admin', 'director'],
  staffManage: ['county_admin', 'director'],
  staffRead: ['county_admin', 'director', 'supervisor'],
  calendarManage: ['county_admin', 'director'],
  catalogManage: ['county_admin', 'director'],
  auditRead: ['county_admin', 'supervisor'],
  caseWork: ['window_staff', 'director', 'reviewer', 'county_admin'],
  caseRead: ['window_staff', 'director', 'reviewer', 'county_admin', 'supervisor'],
  caseReveal: ['county_admin', 'director', 'window_staff'],
  uploads: ['window_staff', 'director', 'reviewer', 'county_admin', 'agent'],
  agent: ['agent'],
  agencyRead: ['agent', 'window_staff', 'director', 'county_admin', 'supervisor'],
  agencyAct: ['agent', 'window_staff', 'director'],
  agencyLedger: ['window_staff', 'director', 'county_admin', 'supervisor'],
  township: ['window_staff', 'director'],
  countyAdmin: ['county_admin'],
  orderIssue: ['supervisor', 'county_admin', 'director'],
  ledger: ['window_staff', 'director', 'county_admin', 'supervisor'],
  orderRead: ['supervisor', 'county_admin', 'director', 'window_staff', 'reviewer'],
} as const satisfies Record<string, readonly Role[]>;
