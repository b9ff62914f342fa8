import type { Tx } from '../../db/db.ts';
import type { OrgKind, Role } from '../../kernel/context.ts';
import { findCredentials, mirrorSignInLock, scopeOrgIdsOf } from '../staff/index.ts';
import type { ThrottleState } from './rules.ts';

export type ThrottleKind = 'name' | 'device' | 'address';

interface ThrottleRow {
  failures: number;
  window_started_at: Date | null;
  locked_until: Date | null;
}

/**
 * The counter of one key, locked until the transaction ends (created when it is first seen): attempts on
 * one key queue here for a moment, never during a password check. Callers lock in the order address,
 * name, device, so two attempts never wait on each other crosswise.
 */
export async function lockThrottle(tx: Tx, kind: ThrottleKind, key: string): Promise<ThrottleState> {
  const row = (
    await tx.query<ThrottleRow>(
      `insert into sign_in_throttles (kind, key) values ($1, $2)
       on conflict (kind, key) do update set failures = sign_in_throttles.failures
       returning failures, window_started_at, locked_until`,
      [kind, key],
    )
  ).rows[0];
  if (!row) throw new Error('sign-in throttle upsert returned nothing');
  return {
    failures: row.failures,
    windowStartedAt: row.window_started_at === null ? null : new Date(row.window_started_at),
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
  };
}

export async function saveThrottle(tx: Tx, kind: ThrottleKind, key: string, state: ThrottleState): Promise<void> {
  await tx.query('update sign_in_throttles set failures = $3, window_started_at = $4, locked_until = $5 where kind = $1 and key = $2', [
    kind,
    key,
    state.failures,
    state.windowStartedAt,
    state.lockedUntil,
  ]);
}

/**
 * The staff list shows a user name's lock (已锁定) from these columns. The statement runs for unknown
 * names too (and changes nothing), so both cost the same.
 */
export async function mirrorNameThrottle(tx: Tx, username: string, state: ThrottleState): Promise<void> {
  await mirrorSignInLock(tx, username, state.failures, state.lockedUntil);
}

/**
 * An administrator's unlock or password reset: the user name's lock for untrusted clients ends too. Runs
 * under the administrator's scope (a definer function that checks the account is in it).
 */
export async function clearNameLock(tx: Tx, staffId: string): Promise<void> {
  await tx.query('select sign_in_clear_name($1)', [staffId]);
}

/** Counters whose window and lock are both over say nothing any more. */
export async function deleteSpentThrottles(tx: Tx, now: Date, windowMs: number): Promise<number> {
  const result = await tx.query(
    `delete from sign_in_throttles
      where (window_started_at is null or window_started_at <= $1::timestamptz - make_interval(secs => $2))
        and (locked_until is null or locked_until <= $1)`,
    [now, windowMs / 1000],
  );
  return result.rowCount;
}

export async function insertSession(
  tx: Tx,
  session: { tokenHash: string; staffId: string; kind: 'cookie' | 'bearer'; now: Date; expiresAt: Date },
): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into sessions (token_hash, staff_id, kind, created_at, last_seen_at, expires_at)
       values ($1, $2, $3, $4, $4, $5) returning id`,
      [session.tokenHash, session.staffId, session.kind, session.now, session.expiresAt],
    )
  ).rows[0];
  if (!row) throw new Error('session insert returned nothing');
  return row.id;
}

export interface SessionView {
  sessionId: string;
  staffId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  username: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  mustChangePassword: boolean;
  scopeOrgIds: string[];
}

/** The session, its staff member and the orgs they may see (the account and its scope from staff's index). */
export async function findSession(tx: Tx, tokenHash: string): Promise<SessionView | null> {
  const session = (
    await tx.query<{ id: string; staff_id: string; last_seen_at: Date; expires_at: Date }>(
      'select id, staff_id, last_seen_at, expires_at from sessions where token_hash = $1 and revoked_at is null',
      [tokenHash],
    )
  ).rows[0];
  if (!session) return null;
  const account = await findCredentials(tx, { id: session.staff_id });
  if (!account) return null;
  return {
    sessionId: session.id,
    staffId: account.id,
    lastSeenAt: new Date(session.last_seen_at),
    expiresAt: new Date(session.expires_at),
    username: account.username,
    name: account.name,
    role: account.role,
    status: account.status,
    orgId: account.orgId,
    orgName: account.orgName,
    orgKind: account.orgKind,
    mustChangePassword: account.mustChangePassword,
    scopeOrgIds: await scopeOrgIdsOf(tx, account),
  };
}

export async function touchSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.query('update sessions set last_seen_at = $2 where id = $1', [sessionId, now]);
}

export async function revokeSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.query('update sessions set revoked_at = $2 where id = $1 and revoked_at is null', [sessionId, now]);
}

/** Ends every open session of a staff member (disabled account, password reset). */
export async function revokeStaffSessions(tx: Tx, staffId: string, now: Date, exceptSessionId?: string): Promise<void> {
  await tx.query('update sessions set revoked_at = $2 where staff_id = $1 and revoked_at is null and ($3::uuid is null or id <> $3)', [
    staffId,
    now,
    exceptSessionId ?? null,
  ]);
}
