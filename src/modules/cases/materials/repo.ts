import type { Tx } from '../../../db/db.ts';

/** The file of a material (every row of that name: a list may repeat a name); the file it replaces, if any. */
export async function setMaterialFile(tx: Tx, caseId: string, name: string, fileId: string): Promise<{ previousFileId: string | null }> {
  const previous = await tx.query<{ fileId: string | null }>(
    'select file_id as "fileId" from case_materials where case_id = $1 and name = $2 order by position limit 1',
    [caseId, name],
  );
  await tx.query('update case_materials set file_id = $3 where case_id = $1 and name = $2', [caseId, name, fileId]);
  return { previousFileId: previous.rows[0]?.fileId ?? null };
}
