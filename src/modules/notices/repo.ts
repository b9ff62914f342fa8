import type { Tx } from '../../db/db.ts';
import { maskPhone } from '../../shared/identity.ts';
import type { NoticeView } from './schemas.ts';

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

/** 告知: a message to the applicant, written in the transaction of the change that causes it (delivered later by the outbox job); a hall message (无声叫号, a booking code) has no case. */
export async function enqueueNotice(
  tx: Tx,
  notice: { orgId: string; caseId: string | null; recipient: string; message: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into outbox (org_id, case_id, channel, recipient, message, status, next_attempt_at, created_at)
     values ($1, $2, 'console', $3, $4, 'pending', $5, $5)`,
    [notice.orgId, notice.caseId, notice.recipient, notice.message, now],
  );
}

export interface PendingNotice {
  id: string;
  recipient: string;
  message: string;
  attempts: number;
}

/** Notices due now, claimed with SKIP LOCKED so parallel delivery runs never take the same one. */
export async function claimPendingNotices(tx: Tx, now: Date, limit: number): Promise<PendingNotice[]> {
  const result = await tx.query<PendingNotice>(
    `select id, recipient, message, attempts from outbox
      where status = 'pending' and next_attempt_at <= $1 order by next_attempt_at limit $2 for update skip locked`,
    [now, limit],
  );
  return result.rows;
}

export async function postponeNotices(tx: Tx, ids: readonly string[], until: Date): Promise<void> {
  await tx.query(`update outbox set next_attempt_at = $2 where id = any($1::uuid[])`, [ids, until]);
}

export async function markNoticeSent(tx: Tx, id: string, attempts: number, channel: 'webhook' | 'console'): Promise<void> {
  await tx.query(`update outbox set status = 'sent', attempts = $2, channel = $3, last_error = null where id = $1`, [
    id,
    attempts,
    channel,
  ]);
}

/** A failed attempt: retried at `nextAttemptAt`, or failed for good after the last attempt. */
export async function markNoticeFailed(
  tx: Tx,
  id: string,
  failure: { attempts: number; error: string; isFinal: boolean; nextAttemptAt: Date },
): Promise<void> {
  await tx.query(`update outbox set attempts = $2, last_error = $3, status = $4, next_attempt_at = $5 where id = $1`, [
    id,
    failure.attempts,
    failure.error,
    failure.isFinal ? 'failed' : 'pending',
    failure.nextAttemptAt,
  ]);
}
