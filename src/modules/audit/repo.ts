import type { Tx } from '../../db/db.ts';
import { hashAuditRecord, signAnchor, type AuditRecord } from './chain.ts';

export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  actorRole: string;
  orgId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  summary: Record<string, unknown>;
  clientIp: string;
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
  const row = (await tx.query<{ seq: number; hash: string; signature: string }>('select seq, hash, signature from audit_anchor where id = 1'))
    .rows[0];
  return row ? { seq: row.seq, hash: row.hash, signature: row.signature } : null;
}
