import type { Tx } from '../../db/db.ts';
import type { AuditEntry, AuditTrail } from '../../kernel/context.ts';
import { hashAuditRecord, signAnchor, type AuditRecord } from './chain.ts';

/** The audit trail the composition root hands to the kernel and to every module (AppContext.audit). */
export function auditTrailOf(key: string): AuditTrail {
  return { append: (tx, at, entry) => appendAuditRecord(tx, key, at, entry) };
}

/** R9: appends one chained record inside the caller's transaction (the head lock is held to commit). */
export async function appendAuditRecord(tx: Tx, key: string, at: Date, entry: AuditEntry): Promise<number> {
  const head = (await tx.query<{ seq: number; hash: string }>('select seq, hash from audit_head()')).rows[0];
  if (!head) throw new Error('audit_head returned nothing');
  const record: Omit<AuditRecord, 'hash'> = { ...entry, seq: head.seq + 1, at, prevHash: head.hash };
  const hash = hashAuditRecord(key, record);
  await tx.query('select audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)', [
    record.seq,
    record.at,
    record.actorId,
    record.actorName,
    record.actorRole,
    record.orgId,
    record.action,
    record.targetType,
    record.targetId,
    JSON.stringify(record.summary),
    record.clientIp,
    record.prevHash,
    hash,
    signAnchor(key, record.seq, hash),
  ]);
  return record.seq;
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  org_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  summary: Record<string, unknown>;
  client_ip: string;
  prev_hash: string;
  hash: string;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: new Date(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    orgId: row.org_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: row.summary,
    clientIp: row.client_ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const COLUMNS = 'seq, at, actor_id, actor_name, actor_role, org_id, action, target_type, target_id, summary, client_ip, prev_hash, hash';

/** Newest first, for the audit page; RLS limits rows to the caller's scope. */
export async function listAuditRecords(tx: Tx, limit: number, beforeSeq: number | undefined): Promise<AuditRecord[]> {
  const result = await tx.query<AuditRow>(
    `select ${COLUMNS} from audit_log where ($1::bigint is null or seq < $1) order by seq desc limit $2`,
    [beforeSeq ?? null, limit],
  );
  return result.rows.map(toRecord);
}

/** A batch in seq order after `afterSeq`, for the verifier (system scope). */
export async function readAuditBatch(tx: Tx, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  const result = await tx.query<AuditRow>(`select ${COLUMNS} from audit_log where seq > $1 order by seq limit $2`, [afterSeq, limit]);
  return result.rows.map(toRecord);
}

export async function readAuditAnchor(tx: Tx): Promise<{ seq: number; hash: string; signature: string } | null> {
  const row = (
    await tx.query<{ seq: number; hash: string; signature: string }>('select seq, hash, signature from audit_anchor where id = 1')
  ).rows[0];
  return row ? { seq: row.seq, hash: row.hash, signature: row.signature } : null;
}

/**
 * R9 cross-check: the index of the first event (in the order given) whose change left no audit record
 * — one written at the same instant for the event's org, its case, or the case it opened (a village
 * request's receipt), or a system-wide record (the demo seed) — or -1.
 */
export async function firstUnaudited(tx: Tx, events: readonly { caseId: string; orgId: string; at: Date }[]): Promise<number> {
  if (events.length === 0) return -1;
  const result = await tx.query<{ n: number | null }>(
    `select min(e.n)::int as n
       from unnest($1::timestamptz[], $2::uuid[], $3::text[]) with ordinality as e(at, org_id, case_id, n)
      where not exists (
        select 1 from audit_log a
         where a.at = e.at
           and (a.org_id = e.org_id or a.target_id = e.case_id or a.summary->>'caseId' = e.case_id or a.action like 'system.%'))`,
    [events.map((event) => event.at), events.map((event) => event.orgId), events.map((event) => event.caseId)],
  );
  const n = result.rows[0]?.n;
  return n === null || n === undefined ? -1 : n - 1;
}

/** Reads of this transaction see one snapshot (the verifier walks the whole chain in it). */
export async function useOneSnapshot(tx: Tx): Promise<void> {
  await tx.query('set transaction isolation level repeatable read');
}

/** The audit records the transaction's scope can see (row-level security counts them). */
export async function countAuditRecords(tx: Tx): Promise<number> {
  return (await tx.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]?.n ?? 0;
}
