import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import { listOrgs } from '../org/index.ts';
import { countAwaitingFolders, listAwaitingFolders, type AwaitingFolder } from './awaiting-repo.ts';

/** 待接收: folders forwarded to the caller's townships, how many and the first few, each with its village's name. */
export async function foldersToReceive(
  tx: Tx,
  actor: Pick<Principal, 'scopeOrgIds'>,
  limit: number,
): Promise<{ count: number; folders: (AwaitingFolder & { villageName: string })[] }> {
  const count = await countAwaitingFolders(tx, actor.scopeOrgIds);
  if (count === 0) return { count, folders: [] };
  const folders = await listAwaitingFolders(tx, actor.scopeOrgIds, limit);
  const villages = new Map((await listOrgs(tx, [...new Set(folders.map((folder) => folder.orgId))])).map((org) => [org.id, org.name]));
  return { count, folders: folders.map((folder) => ({ ...folder, villageName: villages.get(folder.orgId) ?? '' })) };
}
