import type { Tx } from '../db/db.ts';
import { commonErrors, DomainError } from '../shared/errors.ts';

/** Tables whose rows carry an optimistic-concurrency `version`. */
export type VersionedTable = 'orgs' | 'departments' | 'windows' | 'staff' | 'cases' | 'catalog_items' | 'agency_requests';

/**
 * R3: the stale writer is told the version that won. It is read again after the failed update: the
 * copy read before the update may predate the winning commit.
 */
export async function versionConflict(tx: Tx, table: VersionedTable, id: string): Promise<DomainError> {
  const row = (await tx.query<{ version: number }>(`select version from ${table} where id = $1`, [id])).rows[0];
  return new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion: row?.version ?? null });
}
