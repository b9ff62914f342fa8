import type { Tx } from '../../db/db.ts';
import type { OrgKind, Role } from '../../kernel/context.ts';
import type { ThrottleState } from './rules.ts';

export interface StaffCredentials {
  id: string;
  username: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  passwordHash: string;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
}

interface CredentialsRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  org_id: string;
  org_name: string;
  org_kind: OrgKind;
  password_hash: string;
  status: 'active' | 'disabled';
  must_change_password: boolean;
}

/** The account's sign-in details; throttling state lives in sign_in_throttles, not here. */
export async function findCredentials(tx: Tx, where: { username: string } | { id: string }): Promise<StaffCredentials | null> {
  const [column, value] = 'username' in where ? ['username', where.username] : ['id', where.id];
  const row = (
    await tx.query<CredentialsRow>(
      `select s.id, s.username, s.name, s.role, s.org_id, o.name as org_name, o.kind as org_kind, s.password_hash,
              s.status, s.must_change_password
         from staff s join orgs o on o.id = s.org_id
        where s.${column} = $1`,
      [value],
    )
  ).rows[0];
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    orgId: row.org_id,
    orgName: row.org_name,
    orgKind: row.org_kind,
    passwordHash: row.password_hash,
    status: row.status,
    mustChangePassword: row.must_change_password,
  };
}

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
  await tx.query('update staff set failed_attempts = $2, locked_until = $3 where username = $1', [username, state.failures, state.lockedUntil]);
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

interface SessionRow {
  session_id: string;
  staff_id: string;
  last_seen_at: Date;
  expires_at: Date;
  username: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  org_id: string;
  org_name: string;
  org_kind: OrgKind;
  must_change_password: boolean;
  scope: string;
}

/** The session, its staff member and the org subtree they may see, in one round trip. */
export async function findSession(tx: Tx, tokenHash: string): Promise<SessionView | null> {
  const row = (
    await tx.query<SessionRow>(
      `select se.id as session_id, se.staff_id, se.last_seen_at, se.expires_at,
              st.username, st.name, st.role, st.status, st.org_id, st.must_change_password,
              o.name as org_name, o.kind as org_kind,
              (with recursive subtree as (
                 select id from orgs where id = st.org_id
                 union all
                 select child.id from orgs child join subtree on child.parent_id = subtree.id
               ), covered as (
                 -- 代办员 may cover villages beside their own.
                 select id from subtree union select village_id from agent_villages where agent_id = st.id and st.role = 'agent'
               ) select string_agg(id::text, ',') from covered) as scope
         from sessions se
         join staff st on st.id = se.staff_id
         join orgs o on o.id = st.org_id
        where se.token_hash = $1 and se.revoked_at is null`,
      [tokenHash],
    )
  ).rows[0];
  if (!row) return null;
  return {
    sessionId: row.session_id,
    staffId: row.staff_id,
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    username: row.username,
    name: row.name,
    role: row.role,
    status: row.status,
    orgId: row.org_id,
    orgName: row.org_name,
    orgKind: row.org_kind,
    mustChangePassword: row.must_change_password,
    scopeOrgIds: row.scope.split(','),
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
  await tx.query(
    'update sessions set revoked_at = $2 where staff_id = $1 and revoked_at is null and ($3::uuid is null or id <> $3)',
    [staffId, now, exceptSessionId ?? null],
  );
}

/** Replaces the hash only if it is still the one the current password was checked against; false otherwise. */
export async function updatePasswordHash(
  tx: Tx,
  staffId: string,
  hashes: { checked: string; next: string },
  now: Date,
  mustChange: boolean,
): Promise<boolean> {
  const result = await tx.query(
    `update staff set password_hash = $3, password_changed_at = $4, must_change_password = $5, updated_at = $4,
            version = version + 1 where id = $1 and password_hash = $2`,
    [staffId, hashes.checked, hashes.next, now, mustChange],
  );
  return result.rowCount > 0;
}
