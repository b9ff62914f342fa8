import { PUBLIC_SCOPE, type Db, type Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import { DomainError } from '../../shared/errors.ts';
import { findCaseForRating, type CaseForRating } from '../cases/index.ts';
import { ratingErrors } from './errors.ts';
import { isRateable, RATING_LABELS } from './indicators.rules.ts';
import * as rectifications from './rectifications/repo.ts';
import { recordRaterView } from './rectifications/service.ts';
import { RECTIFICATION_STAGE_LABELS, type RaterView } from './rectifications/transitions.rules.ts';
import * as repo from './repo.ts';
import type { PublicRatingStatusView } from './schemas.ts';

/** The case a citizen names, checked as 办件查询 checks it: a wrong check answers exactly like an unknown number. */
export async function findRatedCase(db: Db, caseNo: string, check: string): Promise<CaseForRating> {
  const found = await db.transaction(PUBLIC_SCOPE, (tx) => findCaseForRating(tx, caseNo, check));
  if (!found) throw new DomainError(ratingErrors.RATING_CASE_NOT_FOUND, '未查询到该办件，请核对办件编号和手机号后 4 位。');
  return found;
}

/** What the tracking page shows: may the case be rated, the rating given, and the answer to a 差评. */
export async function publicRatingStatus(tx: Tx, found: CaseForRating): Promise<PublicRatingStatusView> {
  const rating = await repo.findCaseRating(tx, found.id);
  const loop = rating ? await rectifications.findRectificationOfCase(tx, found.id) : null;
  return {
    isRateable: isRateable(found.concludedAt) && rating === null,
    rating: rating
      ? { level: rating.level, levelLabel: RATING_LABELS[rating.level], ratedOn: rating.ratedOn, isDefaulted: rating.isDefaulted }
      : null,
    rectification: loop
      ? {
          stageLabel: RECTIFICATION_STAGE_LABELS[loop.stage],
          // The answer is the rater's once it has been given (反馈); the working notes stay inside.
          answer: ['view', 'callback', 'closed'].includes(loop.stage) ? loop.answer : null,
          isAwaitingView: loop.stage === 'view',
          raterView: loop.raterView,
        }
      : null,
  };
}

/** 群众评价整改: the rater's view of the fix, once the unit has answered. */
export async function rateTheFix(tx: Tx, found: CaseForRating, view: RaterView, now: Date): Promise<Change<PublicRatingStatusView>> {
  const loop = await rectifications.findRectificationOfCase(tx, found.id, true);
  if (!loop || !(await recordRaterView(tx, loop, view, now))) {
    throw new DomainError(ratingErrors.RECTIFICATION_ACT_REFUSED, '目前没有等待您评价的整改答复。');
  }
  return {
    body: await publicRatingStatus(tx, found),
    audit: {
      action: 'ratings.rectification.rater-view',
      targetType: 'rectification',
      targetId: loop.id,
      orgId: loop.orgId,
      summary: { view },
    },
  };
}
