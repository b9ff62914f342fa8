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

/** 告知: a message to the applicant, written in the transaction of the change that causes it (delivered later by the outbox job). */
export async function enqueueNotice(
  tx: Tx,
  notice: { orgId: string; caseId: string; recipient: string; message: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into outbox (org_id, case_id, channel, recipient, message, status, next_attempt_at, created_at)
     values ($1, $2, 'console', $3, $4, 'pending', $5, $5)`,
    [notice.orgId, notice.caseId, notice.recipient, notice.message, now],
  );
}
