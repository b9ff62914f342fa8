import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import { listNotices } from './repo.ts';
import type { NoticeView } from './schemas.ts';

/** The notices of a case, or the latest of the caller's orgs (row-level security filters again). */
export function listNoticesInScope(tx: Tx, actor: Principal, query: { caseId?: string | undefined; limit: number }): Promise<NoticeView[]> {
  return listNotices(tx, actor.scopeOrgIds, query.caseId, query.limit);
}
