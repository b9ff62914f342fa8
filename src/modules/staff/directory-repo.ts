import type { Tx } from '../../db/db.ts';
import type { OrgKind, Role } from '../../kernel/context.ts';
import { findOrg, listSubtreeIds } from '../org/index.ts';

/**
 * What other modules may ask of staff accounts (CONVENTIONS rule 13): sign-in reads credentials here,
 * the workflow modules read names and posts, the agency reads which villages an agent is responsible
 * for (代办员负责的村). None of them names the staff tables in SQL.
 */
export interface StaffFacts {
  id: string;
  username: string;
  name: string;
  phone: string;
  role: Role;
  orgId: string;
  departmentId: string | null;
  status: 'active' | 'disabled';
}

const FACTS = `id, username, name, coalesce(phone, '') as phone, role, org_id as "orgId", department_id as "departmentId", status`;

export async function listStaffFacts(tx: Tx, ids: readonly string[]): Promise<StaffFacts[]> {
  if (ids.length === 0) return [];
  return (await tx.query<StaffFacts>(`select ${FACTS} from staff where id = any($1::uuid[])`, [[...new Set(ids)]])).rows;
}

export async function findStaffFacts(tx: Tx, id: string): Promise<StaffFacts | null> {
  return (await tx.query<StaffFacts>(`select ${FACTS} from staff where id = $1`, [id])).rows[0] ?? null;
}

/** 窗口: the window a staff member is assigned to (the hall's calling panel opens it by default). */
export async function findAssignedWindowId(tx: Tx, staffId: string): Promise<string | null> {
  return (
    (await tx.query<{ windowId: string | null }>('select window_id as "windowId" from staff where id = $1', [staffId])).rows[0]?.windowId ??
    null
  );
}

/** Active staff of one org in these roles, by name. */
export async function listActiveStaffOf(tx: Tx, orgIds: readonly string[], roles: readonly Role[]): Promise<StaffFacts[]> {
  const result = await tx.query<StaffFacts>(
    `select ${FACTS} from staff where org_id = any($1::uuid[]) and status = 'active' and role = any($2::text[]) order by username`,
    [orgIds, roles],
  );
  return result.rows;
}

/** Staff of these orgs in one role, active or not (a report names the agents who left too). */
export async function listStaffInRole(tx: Tx, orgIds: readonly string[], role: Role): Promise<StaffFacts[]> {
  return (
    await tx.query<StaffFacts>(`select ${FACTS} from staff where org_id = any($1::uuid[]) and role = $2 order by username`, [orgIds, role])
  ).rows;
}

/** 代办员负责的村: the villages assigned to an agent beside their own. */
export async function listAgentVillageIds(tx: Tx, agentId: string): Promise<string[]> {
  return (await tx.query<{ village_id: string }>('select village_id from agent_villages where agent_id = $1', [agentId])).rows.map(
    (row) => row.village_id,
  );
}

/** 代办员负责的村 of many agents at once: agent id → the villages assigned beside their own. */
export async function listAgentVillageIdsOf(tx: Tx, agentIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = (
    await tx.query<{ agent_id: string; village_id: string }>(
      'select agent_id, village_id from agent_villages where agent_id = any($1::uuid[])',
      [agentIds],
    )
  ).rows;
  const byAgent = new Map<string, string[]>();
  for (const row of rows) byAgent.set(row.agent_id, [...(byAgent.get(row.agent_id) ?? []), row.village_id]);
  return byAgent;
}

/** Active agents responsible for a village: its own agents and those assigned to it. */
export async function listAgentsOfVillage(tx: Tx, villageId: string): Promise<StaffFacts[]> {
  const result = await tx.query<StaffFacts>(
    `select ${FACTS} from staff s
      where s.role = 'agent' and s.status = 'active'
        and (s.org_id = $1 or exists (select 1 from agent_villages av where av.agent_id = s.id and av.village_id = $1))
      order by s.username`,
    [villageId],
  );
  return result.rows;
}

export async function replaceAgentVillages(tx: Tx, agentId: string, villageIds: readonly string[]): Promise<void> {
  await tx.query('delete from agent_villages where agent_id = $1', [agentId]);
  for (const villageId of villageIds) {
    await tx.query('insert into agent_villages (agent_id, village_id, org_id) values ($1, $2, $2)', [agentId, villageId]);
  }
}

/** The account's sign-in details; throttling state lives with sign-in (auth), not here. */
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

export async function findCredentials(tx: Tx, where: { username: string } | { id: string }): Promise<StaffCredentials | null> {
  const [column, value] = 'username' in where ? ['username', where.username] : ['id', where.id];
  const row = (
    await tx.query<Omit<StaffCredentials, 'orgName' | 'orgKind'>>(
      `select id, username, name, role, org_id as "orgId", password_hash as "passwordHash", status,
              must_change_password as "mustChangePassword"
         from staff where ${column} = $1`,
      [value],
    )
  ).rows[0];
  if (!row) return null;
  const org = await findOrg(tx, row.orgId);
  if (!org) return null;
  return { ...row, orgName: org.name, orgKind: org.kind };
}

/** The orgs an account may see: its org and everything below it, and for an agent the villages assigned. */
export async function scopeOrgIdsOf(tx: Tx, account: { id: string; orgId: string; role: Role }): Promise<string[]> {
  const subtree = await listSubtreeIds(tx, account.orgId);
  const assigned = account.role === 'agent' ? await listAgentVillageIds(tx, account.id) : [];
  return [...new Set([...subtree, ...assigned])];
}

/**
 * Mirrors the user name's sign-in counter onto the account (what the staff list shows as locked). Runs
 * for unknown names too (and changes nothing), so both cost the same.
 */
export async function mirrorSignInLock(tx: Tx, username: string, failures: number, lockedUntil: Date | null): Promise<void> {
  await tx.query('update staff set failed_attempts = $2, locked_until = $3 where username = $1', [username, failures, lockedUntil]);
}

/** Replaces the hash only if it is still the one the current password was checked against; false otherwise. */
export async function replacePasswordHash(
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
