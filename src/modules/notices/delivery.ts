import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import * as repo from './repo.ts';

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

/**
 * Delivers pending notices. Without a gateway the notice is recorded for viewing in the console
 * (channel `console`, sent at once). With one, each notice is claimed with SKIP LOCKED, posted, and
 * marked sent, or retried later with backoff. The gateway receives the notice id as idempotency key.
 */
export async function deliverNotices(db: Db, now: Date, sender: Sender | null, limit = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
    const rows = await repo.claimPendingNotices(tx, now, limit);
    // Push the claimed ones past the retry horizon so a parallel run does not take them while we post.
    await repo.postponeNotices(
      tx,
      rows.map((row) => row.id),
      new Date(now.getTime() + 10 * 60_000),
    );
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
    const failure = error;
    await db.transaction(SYSTEM_SCOPE, (tx) =>
      failure === null
        ? repo.markNoticeSent(tx, row.id, attempts, sender ? 'webhook' : 'console')
        : repo.markNoticeFailed(tx, row.id, {
            attempts,
            error: failure.slice(0, 500),
            isFinal: attempts >= MAX_ATTEMPTS,
            nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)),
          }),
    );
    if (error === null) sent += 1;
    else failed += 1;
  }
  return { sent, failed };
}
