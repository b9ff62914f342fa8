import { SYSTEM_SCOPE, type Db, type Scope } from '../../db/db.ts';
import type { HeavyWork } from '../../kernel/heavy-work.ts';
import type { ExternalAnchor } from './anchor-file.ts';
import { CHAIN_START, chainTasks, signAnchor, verifyAnchor, verifyLinks, type AuditRecord } from './chain.ts';
import { countAuditRecords, listAuditRecords, readAuditAnchor, readAuditBatch, useOneSnapshot } from './repo.ts';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

const BATCH = 5000;

export interface ChainOptions {
  /** The head copied outside the database (anchor-file.ts); the chain must still hold that record. */
  externalAnchor?: ExternalAnchor | null;
  /** Hash checks on worker threads (the HTTP route); the CLI runs them in place. */
  heavy?: HeavyWork;
}

/** The copy outside the database, against what the walk found at its seq. */
function checkExternal(
  key: string,
  anchor: ExternalAnchor,
  end: number,
  hashAtAnchor: string | undefined,
): { seq: number; reason: string } | null {
  if (anchor.signature !== signAnchor(key, anchor.seq, anchor.hash))
    return { seq: anchor.seq, reason: '外部锚点签名无效（被篡改）/ external anchor signature invalid' };
  if (anchor.seq > end) {
    return {
      seq: end + 1,
      reason: `审计日志短于外部锚点：${anchor.recordedAt} 时已记到第 ${String(anchor.seq)} 条，现只有 ${String(end)} 条（日志被清空、截断或替换）/ log shorter than the external anchor`,
    };
  }
  if (hashAtAnchor !== anchor.hash)
    return { seq: anchor.seq, reason: `第 ${String(anchor.seq)} 条与外部锚点不符（日志被替换）/ record differs from the external anchor` };
  return null;
}

/** R9: walks the whole chain in one snapshot and names the first broken link. */
export async function verifyAuditChain(db: Db, key: string, options: ChainOptions = {}): Promise<ChainVerdict> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    // One snapshot: rows appended while we read must not look like an unsigned tail.
    await useOneSnapshot(tx);
    const anchor = await readAuditAnchor(tx);
    const external = options.externalAnchor ?? null;
    let hashAtExternal: string | undefined;
    let position = CHAIN_START;
    let checked = 0;
    for (;;) {
      const batch = await readAuditBatch(tx, position.seq, BATCH);
      if (batch.length === 0) break;
      const verdict = options.heavy
        ? await options.heavy.run(chainTasks.verifyLinks, key, batch, position)
        : verifyLinks(key, batch, position);
      checked += verdict.checked;
      if (!verdict.ok) return { ok: false, checked, firstBroken: verdict.firstBroken };
      if (external) hashAtExternal ??= batch.find((record) => record.seq === external.seq)?.hash;
      position = verdict.end;
    }
    const broken = verifyAnchor(key, anchor, position) ?? (external ? checkExternal(key, external, position.seq, hashAtExternal) : null);
    return broken ? { ok: false, checked, firstBroken: broken } : { ok: true, checked };
  });
}

export async function listAudit(db: Db, scope: Scope, limit: number, beforeSeq?: number): Promise<AuditRecord[]> {
  return db.transaction(scope, (tx) => listAuditRecords(tx, limit, beforeSeq));
}

/** How many audit records the caller's scope holds (row-level security counts them). */
export async function countAuditInScope(db: Db, scope: Scope): Promise<number> {
  return db.transaction(scope, countAuditRecords);
}
