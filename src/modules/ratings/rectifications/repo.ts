import type { Tx } from '../../../db/db.ts';
import type { BusinessDate } from '../../../shared/business-date.ts';
import type { RatingLevel } from '../indicators.rules.ts';
import type { Classification, RaterView, RectificationStage } from './transitions.rules.ts';

/** All SQL of the 差评 loop. */

export interface HistoryEntry {
  act: string;
  by: string;
  at: string;
  note: string;
}

export interface RectificationRecord {
  id: string;
  orgId: string;
  ratingId: string;
  stage: RectificationStage;
  classification: Classification | null;
  appealUpheld: boolean | null;
  dueOn: BusinessDate | null;
  answer: string | null;
  raterView: RaterView | null;
  history: HistoryEntry[];
  version: number;
  createdAt: Date;
  closedAt: Date | null;
  caseNo: string | null;
  level: RatingLevel;
  comment: string;
  reasons: string[];
  staffId: string | null;
  ratedOn: string;
}

const SELECT = `select x.id, x.org_id as "orgId", x.rating_id as "ratingId", x.stage, x.classification, x.appeal_upheld as "appealUpheld",
  x.due_on::text as "dueOn", x.answer, x.rater_view as "raterView", x.history, x.version, x.created_at as "createdAt",
  x.closed_at as "closedAt", r.case_no as "caseNo", r.level, r.comment, r.reasons, r.staff_id as "staffId", r.rated_on::text as "ratedOn"
  from rectifications x join ratings r on r.id = x.rating_id`;

export async function insertRectification(
  tx: Tx,
  row: { orgId: string; ratingId: string; dueOn: BusinessDate; entry: HistoryEntry },
  now: Date,
): Promise<string> {
  const inserted = (
    await tx.query<{ id: string }>(
      `insert into rectifications (org_id, rating_id, stage, due_on, history, created_at, updated_at)
       values ($1, $2, 'verify', $3, $4::jsonb, $5, $5) returning id`,
      [row.orgId, row.ratingId, row.dueOn, JSON.stringify([row.entry]), now],
    )
  ).rows[0];
  if (!inserted) throw new Error('rectification not inserted');
  return inserted.id;
}

export async function findRectification(tx: Tx, id: string, isForUpdate = false): Promise<RectificationRecord | null> {
  return (await tx.query<RectificationRecord>(`${SELECT} where x.id = $1${isForUpdate ? ' for update of x' : ''}`, [id])).rows[0] ?? null;
}

export async function findRectificationOfCase(tx: Tx, caseId: string, isForUpdate = false): Promise<RectificationRecord | null> {
  return (
    (
      await tx.query<RectificationRecord>(
        `${SELECT} where r.case_id = $1 and r.channel <> 'window_pad'${isForUpdate ? ' for update of x' : ''}`,
        [caseId],
      )
    ).rows[0] ?? null
  );
}

export async function listRectifications(
  tx: Tx,
  orgIds: readonly string[],
  status: 'open' | 'closed' | 'all',
): Promise<RectificationRecord[]> {
  return (
    await tx.query<RectificationRecord>(
      `${SELECT} where x.org_id = any($1::uuid[])
         and ($2 = 'all' or ($2 = 'open') = (x.stage <> 'closed'))
       order by x.due_on nulls last, x.created_at limit 500`,
      [orgIds, status],
    )
  ).rows;
}

export async function countOpen(tx: Tx, orgIds: readonly string[]): Promise<number> {
  const row = (
    await tx.query<{ n: number }>(`select count(*)::int as n from rectifications where org_id = any($1::uuid[]) and stage <> 'closed'`, [
      orgIds,
    ])
  ).rows[0];
  return row?.n ?? 0;
}

/** Moves the loop one step at the version read; false when another change came first. */
export async function advance(
  tx: Tx,
  id: string,
  version: number,
  change: {
    stage: RectificationStage;
    dueOn: BusinessDate | null;
    entry: HistoryEntry;
    columns: Partial<Record<'verify_note' | 'classify_note' | 'appeal_note' | 'rectify_note' | 'answer' | 'callback_note', string>> & {
      classification?: Classification;
      appeal_upheld?: boolean;
      rater_view?: RaterView;
    };
  },
  now: Date,
): Promise<boolean> {
  const sets = Object.keys(change.columns).map((column, index) => `${column} = $${String(index + 7)}`);
  const result = await tx.query(
    `update rectifications set stage = $3, due_on = $4, history = history || $5::jsonb, version = version + 1, updated_at = $6::timestamptz,
            closed_at = case when $3 = 'closed' then $6::timestamptz else null end${sets.length > 0 ? `, ${sets.join(', ')}` : ''}
      where id = $1 and version = $2`,
    [id, version, change.stage, change.dueOn, JSON.stringify([change.entry]), now, ...Object.values(change.columns)],
  );
  return result.rowCount > 0;
}
