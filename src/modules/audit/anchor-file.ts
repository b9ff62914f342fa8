import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { signAnchor } from './chain.ts';
import { readAuditAnchor } from './repo.ts';

/**
 * The audit chain's head, copied outside the database (the data folder, beside audit.key). Someone
 * who can write SQL but not this folder can empty the log and its anchor row, or put back an older or
 * shorter chain; the copy still names a record the chain must contain (ADR 0013).
 */
export interface ExternalAnchor {
  seq: number;
  hash: string;
  signature: string;
  recordedAt: string;
}

export function readExternalAnchor(path: string): ExternalAnchor | null {
  if (!existsSync(path)) return null;
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof value !== 'object' || value === null) return null;
  const { seq, hash, signature, recordedAt } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof hash !== 'string' || typeof signature !== 'string' || typeof recordedAt !== 'string') return null;
  return { seq, hash, signature, recordedAt };
}

/**
 * Copies the database's signed head to `path` when it is further along than the copy there (several
 * server processes may share the folder; a copy never goes back). Returns the seq recorded.
 */
export async function recordExternalAnchor(db: Db, key: string, path: string, now: Date): Promise<number | null> {
  const head = await db.transaction(SYSTEM_SCOPE, (tx) => readAuditAnchor(tx));
  if (!head || head.signature !== signAnchor(key, head.seq, head.hash)) return null;
  const current = readExternalAnchor(path);
  if (current && current.seq >= head.seq) return current.seq;
  const temporary = `${path}.${String(process.pid)}.tmp`;
  const anchor: ExternalAnchor = { seq: head.seq, hash: head.hash, signature: head.signature, recordedAt: now.toISOString() };
  writeFileSync(temporary, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return head.seq;
}
