import type { Tx } from '../../db/db.ts';
import { maskPhone } from '../../shared/identity.ts';

export interface NoticeView {
  id: string;
  caseId: string | null;
  recipient: string;
  message: string;
  channel: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** Notices of a case (or the latest of the caller's orgs), recipients masked (R10). */
export async function listNotices(tx: Tx, orgIds: readonly string[], caseId: string | undefined, limit: number): Promise<NoticeView[]> {
  const rows = (
    await tx.query<Omit<NoticeView, 'createdAt'> & { createdAt: Date }>(
      `select id, case_id as "caseId", recipient, message, channel, status, attempts, last_error as "lastError", created_at as "createdAt"
         from outbox where org_id = any($1::uuid[]) and ($2::uuid is null or case_id = $2)
        order by created_at desc limit $3`,
      [orgIds, caseId ?? null, limit],
    )
  ).rows;
  return rows.map((row) => ({ ...row, recipient: maskPhone(row.recipient), createdAt: new Date(row.createdAt).toISOString() }));
}
