import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { RatingChannel, RatingLevel } from './indicators.rules.ts';

/** All SQL of ratings (rectifications have their own repo). */

export interface NewRating {
  orgId: string;
  channel: RatingChannel;
  caseId: string | null;
  caseNo: string | null;
  ticketId: string | null;
  ticketNo: string | null;
  caseIds: readonly string[];
  level: RatingLevel;
  indicatorVersion: number;
  indicators: Readonly<Record<string, number>>;
  reasons: readonly string[];
  comment: string;
  staffId: string | null;
  windowNumber: string | null;
  raterName: string | null;
  raterPhone: string | null;
}

export interface RatingRecord {
  id: string;
  orgId: string;
  channel: RatingChannel;
  caseId: string | null;
  caseNo: string | null;
  ticketNo: string | null;
  level: RatingLevel;
  indicators: Record<string, number>;
  reasons: string[];
  comment: string;
  isDefaulted: boolean;
  staffId: string | null;
  windowNumber: string | null;
  ratedAt: Date;
  ratedOn: string;
}

/** Inserts the rating; null when this handling is already rated (一事一评 / 一次一评). */
export async function insertRating(tx: Tx, rating: NewRating, now: Date, today: BusinessDate): Promise<string | null> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into ratings (org_id, channel, case_id, case_no, ticket_id, ticket_no, case_ids, level, indicator_version, indicators,
                            reasons, comment, is_defaulted, staff_id, window_number, rater_name, rater_phone, rated_at, rated_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       on conflict do nothing returning id`,
      [
        rating.orgId,
        rating.channel,
        rating.caseId,
        rating.caseNo,
        rating.ticketId,
        rating.ticketNo,
        rating.caseIds,
        rating.level,
        rating.indicatorVersion,
        JSON.stringify(rating.indicators),
        rating.reasons,
        rating.comment,
        rating.channel === 'default',
        rating.staffId,
        rating.windowNumber,
        rating.raterName,
        rating.raterPhone,
        now,
        today,
      ],
    )
  ).rows[0];
  return row?.id ?? null;
}

const SELECT = `select id, org_id as "orgId", channel, case_id as "caseId", case_no as "caseNo", ticket_no as "ticketNo", level,
  indicators, reasons, comment, is_defaulted as "isDefaulted", staff_id as "staffId", window_number as "windowNumber",
  rated_at as "ratedAt", rated_on::text as "ratedOn" from ratings`;

/** Ratings of one org in [from, to), newest first; the rater's columns are never selected here. */
export async function listRatings(
  tx: Tx,
  orgId: string,
  range: { from: BusinessDate; to: BusinessDate },
  level: RatingLevel | undefined,
): Promise<RatingRecord[]> {
  return (
    await tx.query<RatingRecord>(
      `${SELECT} where org_id = $1 and rated_on >= $2 and rated_on < $3 and ($4::text is null or level = $4)
        order by rated_at desc, id limit 2000`,
      [orgId, range.from, range.to, level ?? null],
    )
  ).rows;
}

export async function findRating(tx: Tx, id: string): Promise<RatingRecord | null> {
  return (await tx.query<RatingRecord>(`${SELECT} where id = $1`, [id])).rows[0] ?? null;
}

/** The online (一事一评) rating of a case, if any. */
export async function findCaseRating(tx: Tx, caseId: string): Promise<RatingRecord | null> {
  return (await tx.query<RatingRecord>(`${SELECT} where case_id = $1 and channel <> 'window_pad'`, [caseId])).rows[0] ?? null;
}

/** Only for the audited reveal. */
export async function findRater(tx: Tx, id: string): Promise<{ raterName: string | null; raterPhone: string | null } | null> {
  return (
    (
      await tx.query<{ raterName: string | null; raterPhone: string | null }>(
        'select rater_name as "raterName", rater_phone as "raterPhone" from ratings where id = $1',
        [id],
      )
    ).rows[0] ?? null
  );
}

/** Which of these cases have a rating of any channel (the pad's through its ticket's cases). */
export async function listRatedCaseIds(tx: Tx, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = (
    await tx.query<{ id: string }>(
      `select unnest(case_ids || case_id) as id from ratings where case_id = any($1::uuid[]) or case_ids && $1::uuid[]`,
      [caseIds],
    )
  ).rows;
  return new Set(rows.map((row) => row.id));
}

/** 差评整改率's numerator: the month's 差评 whose loop is closed. */
export async function countRectified(tx: Tx, orgId: string, range: { from: BusinessDate; to: BusinessDate }): Promise<number> {
  const row = (
    await tx.query<{ n: number }>(
      `select count(*)::int as n from ratings r join rectifications x on x.rating_id = r.id
        where r.org_id = $1 and r.rated_on >= $2 and r.rated_on < $3 and x.stage = 'closed'`,
      [orgId, range.from, range.to],
    )
  ).rows[0];
  return row?.n ?? 0;
}

/** 好差评 of some orgs over business days (index ratings_org_month): all, 差评, and those given by default. */
export async function countRatings(
  tx: Tx,
  orgIds: readonly string[],
  range: { from: BusinessDate; to: BusinessDate },
): Promise<{ ratings: number; bad: number; defaulted: number }> {
  const row = (
    await tx.query<{ ratings: number; bad: number; defaulted: number }>(
      `select count(*)::int as ratings,
              count(*) filter (where level in ('dissatisfied', 'very_dissatisfied'))::int as bad,
              count(*) filter (where is_defaulted)::int as defaulted
         from ratings where org_id = any($1::uuid[]) and rated_on between $2 and $3`,
      [orgIds, range.from, range.to],
    )
  ).rows[0];
  return row ?? { ratings: 0, bad: 0, defaulted: 0 };
}
