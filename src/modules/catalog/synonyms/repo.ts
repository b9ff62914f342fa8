import type { Tx } from '../../../db/db.ts';
import type { Synonym } from './rules.ts';
import type { SynonymView } from './schemas.ts';

const COLUMNS = `id, org_id as "orgId", term, expansion, created_by as "createdBy", created_at as "createdAt"`;

type SynonymRow = Omit<SynonymView, 'createdAt'> & { createdAt: Date | string };
const toView = (row: SynonymRow): SynonymView => ({ ...row, createdAt: new Date(row.createdAt).toISOString() });

export async function listSynonyms(tx: Tx, orgId: string): Promise<SynonymView[]> {
  const result = await tx.query<SynonymRow>(`select ${COLUMNS} from catalog_synonyms where org_id = $1 order by term, expansion`, [orgId]);
  return result.rows.map(toView);
}

/** The county's pairs, as search uses them (a few dozen rows, read through the org index). */
export async function listSynonymPairs(tx: Tx, orgId: string): Promise<Synonym[]> {
  const result = await tx.query<Synonym>('select term, expansion from catalog_synonyms where org_id = $1 order by term, expansion', [
    orgId,
  ]);
  return result.rows;
}

export async function findSynonym(tx: Tx, id: string): Promise<SynonymView | null> {
  const row = (await tx.query<SynonymRow>(`select ${COLUMNS} from catalog_synonyms where id = $1`, [id])).rows[0];
  return row ? toView(row) : null;
}

/** Null when the pair is there already (the unique key decides, so two clerks adding it at once get one row). */
export async function insertSynonym(tx: Tx, orgId: string, pair: Synonym, createdBy: string, now: Date): Promise<string | null> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into catalog_synonyms (org_id, term, expansion, created_by, created_at) values ($1, $2, $3, $4, $5)
       on conflict (org_id, term, expansion) do nothing returning id`,
      [orgId, pair.term, pair.expansion, createdBy, now],
    )
  ).rows[0];
  return row?.id ?? null;
}

export async function deleteSynonym(tx: Tx, id: string): Promise<boolean> {
  return (await tx.query('delete from catalog_synonyms where id = $1', [id])).rowCount > 0;
}
