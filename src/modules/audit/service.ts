import { SYSTEM_SCOPE, type Db, type Scope } from '../../db/db.ts';
import { CHAIN_START, verifyAnchor, verifyLinks, type AuditRecord } from './chain.ts';
import { listAuditRecords, readAuditAnchor, readAuditBatch } from './repo.ts';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

const BATCH = 5000;

/** R9: walks the whole chain in one snapshot and names the first broken link. */
export async function verifyAuditChain(db: Db, key: string): Promise<ChainVerdict> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    // One snapshot: rows appended while we read must not look like an unsigned tail.
    await tx.query('set transaction isolation level repeatable read');
    const anchor = await readAuditAnchor(tx);
    let position = CHAIN_START;
    let checked = 0;
    for (;;) {
      const batch = await readAuditBatch(tx, position.seq, BATCH);
      if (batch.length === 0) break;
      const verdict = verifyLinks(key, batch, position);
      checked += verdict.checked;
      if (!verdict.ok) return { ok: false, checked, firstBroken: verdict.firstBroken };
      position = verdict.end;
    }
    const broken = verifyAnchor(key, anchor, position);
    return broken ? { ok: false, checked, firstBroken: broken } : { ok: true, checked };
  });
}

export async function listAudit(db: Db, scope: Scope, limit: number, beforeSeq?: number): Promise<AuditRecord[]> {
  return db.transaction(scope, (tx) => listAuditRecords(tx, limit, beforeSeq));
}
