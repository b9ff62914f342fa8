import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';

/** Retry after 1, 2, 4 … minutes, at most 6 attempts; then the notice is marked failed for a person to follow up. */
export const MAX_ATTEMPTS = 6;
export function nextAttemptDelayMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

export interface Sender {
  /** Posts one message; resolves when the gateway accepted it, rejects otherwise. */
  send(message: { recipient: string; text: string; id: string }): Promise<void>;
}

/** The SMS gateway as a webhook: a JSON POST to the configured URL (the gateway lies outside the product). */
export function webhookSender(url: string, timeoutMs = 5000): Sender {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.id },
        body: JSON.stringify({ to: message.recipient, text: message.text, id: message.id }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`gateway answered ${String(response.status)}`);
    },
  };
}

interface PendingRow {
  id: string;
  recipient: string;
  message: string;
  attempts: number;
}

/**
 * Delivers pending notices. Without a gateway the notice is recorded for viewing in the console
 * (channel `console`, sent at once). With one, each notice is claimed with SKIP LOCKED, posted, and
 * marked sent, or retried later with backoff. The gateway receives the notice id as idempotency key.
 */
export async function deliverNotices(db: Db, now: Date, sender: Sender | null, limit = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
    const rows = (
      await tx.query<PendingRow>(
        `select id, recipient, message, attempts from outbox
          where status = 'pending' and next_attempt_at <= $1 order by next_attempt_at limit $2 for update skip locked`,
        [now, limit],
      )
    ).rows;
    // Push the claimed ones past the retry horizon so a parallel run does not take them while we post.
    await tx.query(`update outbox set next_attempt_at = $2 where id = any($1::uuid[])`, [
      rows.map((row) => row.id),
      new Date(now.getTime() + 10 * 60_000),
    ]);
    return rows;
  });
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    let error: string | null = null;
    if (sender) {
      try {
        await sender.send({ recipient: row.recipient, text: row.message, id: row.id });
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
    }
    const attempts = row.attempts + 1;
    await db.transaction(SYSTEM_SCOPE, (tx) =>
      error === null
        ? tx.query(`update outbox set status = 'sent', attempts = $2, channel = $3, last_error = null where id = $1`, [
            row.id,
            attempts,
            sender ? 'webhook' : 'console',
          ])
        : tx.query(
            `update outbox set attempts = $2::int, last_error = $3, status = case when $2::int >= $4::int then 'failed' else 'pending' end,
                    next_attempt_at = $5 where id = $1`,
            [row.id, attempts, error.slice(0, 500), MAX_ATTEMPTS, new Date(now.getTime() + nextAttemptDelayMs(attempts))],
          ),
    );
    if (error === null) sent += 1;
    else failed += 1;
  }
  return { sent, failed };
}
