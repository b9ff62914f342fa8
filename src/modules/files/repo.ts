import type { Tx } from '../../db/db.ts';
import type { AllowedMediaType } from './sniff.ts';

export interface StoredFile {
  id: string;
  orgId: string;
  sha256: string;
  mediaType: AllowedMediaType;
  size: number;
  name: string;
}

const FIELDS = 'id, org_id as "orgId", sha256, media_type as "mediaType", size, name';

/** Content-addressed: the same bytes uploaded twice in one org are stored once. */
export async function storeFile(
  tx: Tx,
  file: { orgId: string; sha256: string; mediaType: AllowedMediaType; content: Buffer; name: string; uploadedBy: string },
  now: Date,
): Promise<StoredFile> {
  const inserted = (
    await tx.query<StoredFile>(
      `insert into files (org_id, sha256, media_type, size, name, content, uploaded_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (org_id, sha256) do nothing
       returning ${FIELDS}`,
      [file.orgId, file.sha256, file.mediaType, file.content.length, file.name, file.content, file.uploadedBy, now],
    )
  ).rows[0];
  const row =
    inserted ?? (await tx.query<StoredFile>(`select ${FIELDS} from files where org_id = $1 and sha256 = $2`, [file.orgId, file.sha256])).rows[0];
  if (!row) throw new Error('file insert returned nothing');
  return row;
}

export async function findFile(tx: Tx, id: string): Promise<(StoredFile & { content: Uint8Array }) | null> {
  return (await tx.query<StoredFile & { content: Uint8Array }>(`select ${FIELDS}, content from files where id = $1`, [id])).rows[0] ?? null;
}
