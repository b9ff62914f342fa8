import { SYSTEM_SCOPE, type Db, type Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { addCalendarDays, businessDateOf, type BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { listCasesConcludedBetween, type CaseForRating } from '../cases/index.ts';
import { findOrgByCode } from '../org/index.ts';
import { listStaffFacts } from '../staff/index.ts';
import { ratingErrors } from './errors.ts';
import {
  DEFAULT_RATING_AFTER_DAYS,
  DEFAULT_RATING_LEVEL,
  INDICATOR_VERSION,
  isBadRating,
  isRateable,
  levelOfNumber,
  RATING_CHANNEL_LABELS,
  RATING_LABELS,
  unknownIndicators,
  unknownReasons,
  type RatingLevel,
} from './indicators.rules.ts';
import { openRectification } from './rectifications/service.ts';
import * as repo from './repo.ts';
import type { PublicRatingBody, RatingView } from './schemas.ts';

/** Inserts a rating and, for a 差评, opens its rectification in the same transaction; null when already rated. */
export async function insertWithLoop(tx: Tx, rating: repo.NewRating, now: Date): Promise<string | null> {
  const id = await repo.insertRating(tx, rating, now, businessDateOf(now));
  if (id !== null && isBadRating(rating.level)) await openRectification(tx, { id, orgId: rating.orgId }, now);
  return id;
}

/** 一事一评 online: the applicant rates a concluded case (number + last 4 phone digits checked before). */
export async function rateCase(tx: Tx, found: CaseForRating, body: PublicRatingBody, now: Date): Promise<Change<{ id: string }>> {
  if (!isRateable(found.concludedAt)) throw new DomainError(ratingErrors.RATING_NOT_YET, '办件办结后即可评价，请届时再来。');
  const level = levelOfNumber(body.level);
  const badReasons = unknownReasons(level, body.reasons ?? []);
  const badIndicators = unknownIndicators(body.channel, body.indicators ?? {});
  if (badReasons.length > 0 || badIndicators.length > 0) {
    throw new DomainError(ratingErrors.RATING_INVALID, `以下理由或指标不属于所选等级：${[...badReasons, ...badIndicators].join('、')}。`);
  }
  const id = await insertWithLoop(
    tx,
    {
      orgId: found.orgId,
      channel: body.channel,
      caseId: found.id,
      caseNo: found.caseNo,
      ticketId: null,
      ticketNo: null,
      caseIds: [],
      level,
      indicatorVersion: INDICATOR_VERSION,
      indicators: body.indicators ?? {},
      reasons: body.reasons ?? [],
      comment: body.comment ?? '',
      staffId: found.staffId,
      windowNumber: null,
      raterName: found.applicantName,
      raterPhone: found.applicantPhone,
    },
    now,
  );
  if (id === null) throw new DomainError(ratingErrors.RATING_DUPLICATE, '该办件已经评价过了（一事一评），谢谢您。');
  return {
    status: 201,
    body: { id },
    audit: {
      action: 'ratings.rating.create',
      targetType: 'rating',
      targetId: id,
      orgId: found.orgId,
      summary: { caseNo: found.caseNo, level },
    },
  };
}

/**
 * 一次一评 at the window: the hall's rating pad ends in the same record (called by the queue in its own
 * transaction). The rater is the ticket's applicant as the hall took it down. Null when already rated.
 */
export async function recordPadRating(
  tx: Tx,
  pad: {
    orgId: string;
    ticketId: string;
    ticketNo: string;
    caseIds: readonly string[];
    level: RatingLevel;
    staffId: string;
    windowNumber: string;
    raterName: string | null;
    raterPhone: string | null;
  },
  now: Date,
): Promise<string | null> {
  return insertWithLoop(
    tx,
    {
      ...pad,
      channel: 'window_pad',
      caseId: null,
      caseNo: null,
      indicatorVersion: INDICATOR_VERSION,
      indicators: {},
      reasons: [],
      comment: '',
    },
    now,
  );
}

export async function toRatingViews(tx: Tx, records: readonly repo.RatingRecord[]): Promise<RatingView[]> {
  const names = new Map(
    (
      await listStaffFacts(
        tx,
        records.flatMap((record) => (record.staffId ? [record.staffId] : [])),
      )
    ).map((staff) => [staff.id, staff.name]),
  );
  return records.map((record) => ({
    id: record.id,
    orgId: record.orgId,
    channel: record.channel,
    channelLabel: RATING_CHANNEL_LABELS[record.channel],
    level: record.level,
    levelLabel: RATING_LABELS[record.level],
    isBad: isBadRating(record.level),
    isDefaulted: record.isDefaulted,
    indicators: record.indicators,
    reasons: record.reasons,
    comment: record.comment,
    caseNo: record.caseNo,
    ticketNo: record.ticketNo,
    staffName: record.staffId ? (names.get(record.staffId) ?? null) : null,
    windowNumber: record.windowNumber,
    ratedAt: new Date(record.ratedAt).toISOString(),
    ratedOn: record.ratedOn,
  }));
}

/** 好差评 of a center and month (the caller's own center unless another in scope is named). */
export async function listRatingsOf(
  tx: Tx,
  actor: Principal,
  query: { org?: string | undefined; month: string; level?: RatingLevel | undefined },
) {
  const orgId = query.org === undefined ? actor.orgId : (await findOrgByCode(tx, query.org))?.id;
  if (orgId === undefined || !actor.scopeOrgIds.includes(orgId))
    throw new DomainError(ratingErrors.RATING_ORG_NOT_FOUND, '未找到该服务中心。');
  const from = `${query.month}-01` as BusinessDate;
  const next = addCalendarDays(from, 31).slice(0, 7);
  const range = { from, to: `${next}-01` as BusinessDate };
  const ratings = await toRatingViews(tx, await repo.listRatings(tx, orgId, range, query.level));
  return {
    ratings,
    counts: {
      total: ratings.length,
      bad: ratings.filter((rating) => rating.isBad).length,
      defaulted: ratings.filter((rating) => rating.isDefaulted).length,
      rectified: query.level === undefined || isBadRating(query.level) ? await repo.countRectified(tx, orgId, range) : 0,
    },
  };
}

/** A supervisor names the rater, with a reason; audited each time and never stored as an idempotent answer. */
export async function revealRater(
  tx: Tx,
  actor: Principal,
  id: string,
  reason: string,
): Promise<Change<{ raterName: string | null; raterPhone: string | null }>> {
  const rating = await repo.findRating(tx, id);
  if (!rating || !actor.scopeOrgIds.includes(rating.orgId)) throw new DomainError(ratingErrors.RATING_NOT_FOUND, '未找到该评价。');
  const rater = await repo.findRater(tx, id);
  if (!rater) throw new Error('rating vanished');
  return {
    body: rater,
    isDisclosure: true,
    audit: { action: 'ratings.rating.reveal', targetType: 'rating', targetId: id, orgId: rating.orgId, summary: { reason } },
  };
}

/**
 * 默认评价: a case concluded more than N natural days ago (county default 7, Guangdong practice) and rated
 * on no channel gets 基本满意, marked as defaulted. Looks back a further 30 days so a stopped server catches up.
 */
export async function runDefaultRatingJob(db: Db, now: Date, auditKey: string): Promise<{ defaulted: number }> {
  const cutoff = new Date(now.getTime() - DEFAULT_RATING_AFTER_DAYS * 86_400_000);
  const from = new Date(cutoff.getTime() - 30 * 86_400_000);
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const cases = await listCasesConcludedBetween(tx, from, cutoff, 1000);
    const rated = await repo.listRatedCaseIds(
      tx,
      cases.map((found) => found.id),
    );
    let defaulted = 0;
    for (const found of cases.filter((candidate) => !rated.has(candidate.id))) {
      const id = await insertWithLoop(
        tx,
        {
          orgId: found.orgId,
          channel: 'default',
          caseId: found.id,
          caseNo: found.caseNo,
          ticketId: null,
          ticketNo: null,
          caseIds: [],
          level: DEFAULT_RATING_LEVEL,
          indicatorVersion: INDICATOR_VERSION,
          indicators: {},
          reasons: [],
          comment: '',
          staffId: found.staffId,
          windowNumber: null,
          raterName: null,
          raterPhone: null,
        },
        now,
      );
      if (id === null) continue;
      defaulted += 1;
      // R9: a change the system makes has its audit record like a person's.
      await appendAuditRecord(tx, auditKey, now, {
        actorId: null,
        actorName: '好差评（系统）',
        actorRole: 'system',
        orgId: found.orgId,
        action: 'ratings.rating.default',
        targetType: 'rating',
        targetId: id,
        summary: { caseNo: found.caseNo, level: DEFAULT_RATING_LEVEL },
        clientIp: '',
      });
    }
    return { defaulted };
  });
}
