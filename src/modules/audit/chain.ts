import { createHmac } from 'node:crypto';
import { workerTasks } from '../../kernel/heavy-work.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import type { AuditEntry } from '../../kernel/context.ts';

/** One audit record as stored: a change's entry (the kernel's shape) with its place, moment and links; `hash` links it to the record before (R9). */
export interface AuditRecord extends AuditEntry {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = 'genesis';

/** HMAC over the previous hash and every field: editing, forging or reordering a row breaks it. */
export function hashAuditRecord(key: string, record: Omit<AuditRecord, 'hash'>): string {
  const body = canonicalJson([
    record.seq,
    record.at.toISOString(),
    record.actorId,
    record.actorName,
    record.actorRole,
    record.orgId,
    record.action,
    record.targetType,
    record.targetId,
    record.summary,
    record.clientIp,
    record.prevHash,
  ]);
  return createHmac('sha256', key).update(body).digest('hex');
}

/** The anchor names the last row; signed so that cutting rows off the end cannot be hidden. */
export function signAnchor(key: string, seq: number, hash: string): string {
  return createHmac('sha256', key)
    .update(`anchor:${String(seq)}:${hash}`)
    .digest('hex');
}

export interface ChainPosition {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainPosition = { seq: 0, hash: GENESIS_HASH };

/** Checks a run of records (in seq order) following `previous`; on success returns where it ended. */
export function verifyLinks(
  key: string,
  records: Iterable<AuditRecord>,
  previous: ChainPosition,
): { ok: true; checked: number; end: ChainPosition } | { ok: false; checked: number; firstBroken: { seq: number; reason: string } } {
  let expectedSeq = previous.seq + 1;
  let prevHash = previous.hash;
  let checked = 0;
  for (const record of records) {
    if (record.seq !== expectedSeq) {
      return {
        ok: false,
        checked,
        firstBroken: { seq: expectedSeq, reason: `缺少第 ${String(expectedSeq)} 条记录（被删除或顺序被改动）` },
      };
    }
    if (record.prevHash !== prevHash) {
      return { ok: false, checked, firstBroken: { seq: record.seq, reason: '与上一条记录的链接不符（记录被删除、插入或调换）' } };
    }
    if (hashAuditRecord(key, record) !== record.hash) {
      return { ok: false, checked, firstBroken: { seq: record.seq, reason: '记录内容与其哈希不符（被修改或伪造）' } };
    }
    prevHash = record.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked, end: { seq: expectedSeq - 1, hash: prevHash } };
}

/** The last record must be the one the signed anchor names: otherwise the tail was cut or forged. */
export function verifyAnchor(
  key: string,
  anchor: { seq: number; hash: string; signature: string } | null,
  end: ChainPosition,
): { seq: number; reason: string } | null {
  if (anchor === null) return end.seq === 0 ? null : { seq: 1, reason: '缺少审计锚点（锚点被删除）' };
  if (anchor.signature !== signAnchor(key, anchor.seq, anchor.hash)) {
    return { seq: anchor.seq, reason: '审计锚点签名无效（被篡改）' };
  }
  if (anchor.seq > end.seq) {
    return { seq: end.seq + 1, reason: `末尾记录被删除：锚点指向第 ${String(anchor.seq)} 条` };
  }
  if (anchor.seq !== end.seq || anchor.hash !== end.hash) {
    return { seq: anchor.seq + 1, reason: '锚点之后出现了未经签名的记录' };
  }
  return null;
}

export const chainTasks = workerTasks(import.meta.url, { verifyLinks });
