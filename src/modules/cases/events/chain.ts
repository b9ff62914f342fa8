import { createHmac } from 'node:crypto';
import { workerTasks } from '../../../kernel/heavy-work.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';

/**
 * Each case's events form a hash chain of their own (DESIGN: the event log is the truth): every
 * event's HMAC covers the one before, with the audit key kept outside the database, so an edited,
 * deleted, inserted or reordered event is found by `verifyEventLinks`.
 */
export const EVENT_CHAIN_START = 'genesis';

export interface ChainedEvent {
  caseId: string;
  seq: number;
  act: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  businessDate: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export function hashCaseEvent(key: string, event: Omit<ChainedEvent, 'hash'>): string {
  return createHmac('sha256', key)
    .update(
      canonicalJson([
        event.caseId,
        event.seq,
        event.act,
        event.actorId,
        event.actorName,
        event.at.toISOString(),
        event.businessDate,
        event.payload,
        event.prevHash,
      ]),
    )
    .digest('hex');
}

/** Where a case's chain stands after the events read so far. */
export interface EventChainPosition {
  caseId: string;
  seq: number;
  hash: string;
}

export type EventLinksVerdict = { ok: true; end: EventChainPosition | null } | { ok: false; caseId: string; seq: number; reason: string };

/**
 * Checks events in (case, seq) order, continuing the case `previous` ended in. Each case starts at
 * seq 1 from the genesis hash; seqs follow one another; each links to and is signed over the one before.
 */
export function verifyEventLinks(key: string, events: readonly ChainedEvent[], previous: EventChainPosition | null): EventLinksVerdict {
  let position = previous;
  for (const event of events) {
    const same = position !== null && position.caseId === event.caseId ? position : null;
    const expectedSeq = same ? same.seq + 1 : 1;
    const expectedPrev = same ? same.hash : EVENT_CHAIN_START;
    if (event.seq !== expectedSeq) {
      return {
        ok: false,
        caseId: event.caseId,
        seq: expectedSeq,
        reason: `缺少第 ${String(expectedSeq)} 个事件（被删除或顺序被改动）/ event missing or reordered`,
      };
    }
    if (event.prevHash !== expectedPrev) {
      return {
        ok: false,
        caseId: event.caseId,
        seq: event.seq,
        reason: '与上一个事件的链接不符（事件被删除、插入或调换）/ link to the previous event broken',
      };
    }
    if (hashCaseEvent(key, event) !== event.hash) {
      return { ok: false, caseId: event.caseId, seq: event.seq, reason: '事件内容与其哈希不符（被修改或伪造）/ event edited or forged' };
    }
    position = { caseId: event.caseId, seq: event.seq, hash: event.hash };
  }
  return { ok: true, end: position };
}

export const eventChainTasks = workerTasks(import.meta.url, { verifyEventLinks });
