import { join } from 'node:path';
import type { Db } from '../db/db.ts';
import type { HeavyWork } from '../kernel/heavy-work.ts';
import { firstUnaudited, readExternalAnchor, verifyAuditChain, type TrailVerdict } from '../modules/audit/index.ts';
import { verifyCaseEventChains } from '../modules/cases/index.ts';

/** Where the copy of the audit chain's head lives: the data folder, beside audit.key. */
export const auditAnchorFileIn = (dataDir: string): string => join(dataDir, 'audit-anchor.json');

/**
 * `audit verify` in full (R9): the audit chain and its signed anchor, the copy of the head kept
 * outside the database, and every case's event chain, each event traced to the audit record of the
 * change that made it. Composed here because audit and cases may not reach into each other.
 */
export async function verifyAuditTrail(
  db: Db,
  key: string,
  options: { anchorFile?: string | undefined; heavy?: HeavyWork } = {},
): Promise<TrailVerdict> {
  const externalAnchor = options.anchorFile === undefined ? null : readExternalAnchor(options.anchorFile);
  const chain = await verifyAuditChain(db, key, { externalAnchor, ...(options.heavy ? { heavy: options.heavy } : {}) });
  const caseEvents = await verifyCaseEventChains(db, key, { firstUnaudited, ...(options.heavy ? { heavy: options.heavy } : {}) });
  return { ...chain, ok: chain.ok && caseEvents.ok, externalAnchor: externalAnchor?.seq ?? null, caseEvents };
}
