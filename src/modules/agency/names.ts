import type { Tx } from '../../db/db.ts';
import { listOrgs } from '../org/index.ts';
import { listStaffFacts } from '../staff/index.ts';

/** The names beside the agency's rows (requests, registers): villages from org's index, agents from staff's. */
export interface AgencyNames {
  villageName(orgId: string): string;
  agent(agentId: string): { name: string; phone: string };
}

export async function loadAgencyNames(tx: Tx, rows: readonly { orgId: string; agentId: string }[]): Promise<AgencyNames> {
  const villages = new Map((await listOrgs(tx, [...new Set(rows.map((row) => row.orgId))])).map((org) => [org.id, org.name]));
  const agents = new Map(
    (
      await listStaffFacts(
        tx,
        rows.map((row) => row.agentId),
      )
    ).map((agent) => [agent.id, agent]),
  );
  return {
    villageName: (orgId) => villages.get(orgId) ?? '',
    agent: (agentId) => ({ name: agents.get(agentId)?.name ?? '', phone: agents.get(agentId)?.phone ?? '' }),
  };
}
