import { SYSTEM_SCOPE, type Db, type Tx } from '../../../db/db.ts';
import type { HeavyWork } from '../../../kernel/heavy-work.ts';
import { eventChainTasks, verifyEventLinks, type EventChainPosition, type EventLinksVerdict } from './chain.ts';
import * as repo from '../repo.ts';

const BATCH = 5000;

/** A case event as the audit cross-check sees it: every one was made by a change that was audited. */
export interface AuditedEvent {
  caseId: string;
  orgId: string;
  at: Date;
}

export interface CaseChainOptions {
  /** Index of the first event in `events` with no audit record for its change, or -1 (from the audit module). */
  firstUnaudited?: (tx: Tx, events: readonly AuditedEvent[]) => Promise<number>;
  /** Hash checks on worker threads (the HTTP route); the CLI runs them in place. */
  heavy?: HeavyWork;
}

export type CaseChainVerdict =
  | { ok: true; cases: number; events: number }
  | { ok: false; cases: number; events: number; firstBroken: { caseNo: string; orgId: string; seq: number; reason: string } };

/**
 * R9 for case events: walks every case's event chain in one snapshot and names the first broken
 * event by case number; with `firstUnaudited`, also the first event whose change left no audit record
 * (an emptied or pruned audit log).
 */
export async function verifyCaseEventChains(db: Db, key: string, options: CaseChainOptions = {}): Promise<CaseChainVerdict> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    await repo.useOneSnapshot(tx);
    let position: EventChainPosition | null = null;
    let events = 0;
    let cases = 0;
    for (;;) {
      const batch = await repo.readEventBatch(tx, position, BATCH);
      if (batch.length === 0) return { ok: true, cases, events };
      const links: EventLinksVerdict = options.heavy
        ? await options.heavy.run(eventChainTasks.verifyEventLinks, key, batch, position)
        : verifyEventLinks(key, batch, position);
      if (!links.ok) {
        const { caseId, seq, reason } = links;
        const broken = batch.find((event) => event.caseId === caseId);
        return { ok: false, cases, events, firstBroken: { caseNo: broken?.caseNo ?? caseId, orgId: broken?.orgId ?? '', seq, reason } };
      }
      const unaudited = options.firstUnaudited ? await options.firstUnaudited(tx, batch) : -1;
      const missing = batch[unaudited];
      if (missing) {
        return {
          ok: false,
          cases,
          events,
          firstBroken: {
            caseNo: missing.caseNo,
            orgId: missing.orgId,
            seq: missing.seq,
            reason: '该事件的操作没有审计记录（审计日志被删除或替换）/ no audit record for the change that made this event',
          },
        };
      }
      events += batch.length;
      cases += new Set(batch.map((event) => event.caseId)).size - (position !== null && batch[0]?.caseId === position.caseId ? 1 : 0);
      position = links.end;
    }
  });
}
