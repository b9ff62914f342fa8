import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/db.ts';
import type { HeavyWork } from './heavy-work.ts';
import type { Clock } from '../shared/clock.ts';

/** What every route and service is given: the composition root builds it once. */
export interface AppContext {
  db: Db;
  clock: Clock;
  /** publicUrl (YIZHAN_PUBLIC_URL) is optional here: without it links take the address a request came to. */
  config: Pick<Config, 'isProduction'> & Partial<Pick<Config, 'publicUrl'>>;
  /** Secret for the audit hash chain; kept outside the database. */
  auditKey: string;
  /** The copy of the audit chain's head kept outside the database (the data folder); none in most tests. */
  auditAnchorFile?: string;
  security: SecurityPolicy;
  /** Worker threads for CPU-heavy work (PDF, QR, spreadsheets, large files): never on the event loop. */
  heavy: HeavyWork;
  /** Appends to the audit chain; the audit module provides it, so the kernel stands below every module. */
  audit: AuditTrail;
}

/** One audit record as a change hands it over (R9); the audit module chains and signs it. */
export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  actorRole: string;
  orgId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  summary: Record<string, unknown>;
  clientIp: string;
}

export interface AuditTrail {
  /** Appends inside the caller's transaction and returns the record's sequence number. */
  append(tx: Tx, at: Date, entry: AuditEntry): Promise<number>;
}

/** 等保-style sign-in and password rules; configurable per deployment. */
export interface SecurityPolicy {
  maxFailedLogins: number;
  /** Failed sign-ins from one client address (or IPv6 /64) in one window before it is refused unhashed. */
  maxFailedLoginsPerAddress: number;
  lockMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  passwordMinLength: number;
  passwordMinClasses: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  maxFailedLogins: 5,
  maxFailedLoginsPerAddress: 30,
  lockMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  passwordMinLength: 8,
  passwordMinClasses: 3,
};

/** The signed-in staff member a request acts for. */
export interface Principal {
  staffId: string;
  username: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  /** The org and every org below it: what this person may see. */
  scopeOrgIds: string[];
  sessionId: string;
  mustChangePassword: boolean;
}

export const ROLES = ['county_admin', 'director', 'window_staff', 'reviewer', 'agent', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];
export const ORG_KINDS = ['county', 'township', 'village'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
