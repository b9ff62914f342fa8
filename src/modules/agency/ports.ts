import type { Tx } from '../../db/db.ts';
import type { CaseDeps, CaseItem } from '../cases/index.ts';

/** The catalog item as agency needs it: the case item plus whether a village agent may carry it. */
export interface AgencyItem extends CaseItem {
  department: string;
  agentable: boolean;
  /** The catalog's search key, for the agent app's offline picker (汉字, 全拼, 首字母, 简称). */
  searchKey?: string;
}

/** What agency needs from other capabilities; wired in by the composition root. */
export interface AgencyDeps {
  cases: CaseDeps;
  findItem(tx: Tx, townshipId: string, code: string): Promise<AgencyItem | null>;
  listAgentableItems(tx: Tx, townshipId: string): Promise<AgencyItem[]>;
}
