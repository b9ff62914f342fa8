import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { complaintErrors } from './errors.ts';
import * as repo from './repo.ts';
import type { ComplaintTrackView } from './schemas.ts';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATUS_LABELS, type ComplaintRating } from './transitions.rules.ts';

/** 查询码: what a complainant without an account sees and does — the stage, the answer, the rating of it. */

/** What the code shows: the stage and answer, nothing about staff. */
export function toTrackView(tracked: repo.TrackedComplaint, trackingCode: string): ComplaintTrackView {
  return {
    trackingCode,
    kind: tracked.kind,
    kindLabel: COMPLAINT_KIND_LABELS[tracked.kind],
    centerName: tracked.orgName,
    status: tracked.status,
    stage: COMPLAINT_STATUS_LABELS[tracked.status],
    receivedOn: tracked.receivedOn,
    decideDueOn: tracked.decideDueOn,
    answerDueOn: tracked.answerDueOn,
    refusalReason: tracked.refusalReason,
    answer: tracked.answer,
    answeredOn: tracked.answeredOn,
    rating: tracked.rating,
    canRate: canRate(tracked),
  };
}

/** Real-name complainants rate the answer once (满意 / 基本满意 / 不满意), after it is given. */
const canRate = (tracked: Pick<repo.TrackedComplaint, 'isRealName' | 'status' | 'rating'>) =>
  tracked.isRealName && (tracked.status === 'answered' || tracked.status === 'archived') && tracked.rating === null;

export async function trackByCode(tx: Tx, trackingCode: string): Promise<repo.TrackedComplaint> {
  const tracked = await repo.trackComplaint(tx, trackingCode);
  if (!tracked) throw new DomainError(complaintErrors.COMPLAINT_NOT_FOUND, '没有该查询码的投诉，请核对查询码。');
  return tracked;
}

/** The complainant's view of the answer, by the code (the route found the center's scope first). */
export async function rateAnswer(
  tx: Tx,
  tracked: repo.TrackedComplaint,
  trackingCode: string,
  rating: ComplaintRating,
  now: Date,
): Promise<Change<ComplaintTrackView>> {
  const record = await repo.findComplaint(tx, tracked.id, true);
  if (!record) throw new DomainError(complaintErrors.COMPLAINT_NOT_FOUND, '没有该查询码的投诉，请核对查询码。');
  const current = { isRealName: record.complainantPhone !== null, status: record.status, rating: record.rating };
  if (!canRate(current)) {
    throw new DomainError(
      complaintErrors.COMPLAINT_RATING_CLOSED,
      record.complainantPhone === null ? '匿名投诉不参与评价。' : record.rating !== null ? '您已评价过该答复。' : '答复后才能评价。',
    );
  }
  if (!(await repo.updateComplaint(tx, record.id, record.version, { rating, ratedAt: now }, now))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。');
  }
  await repo.appendComplaintEvent(tx, {
    complaintId: record.id,
    orgId: record.orgId,
    act: 'rate',
    actorName: '投诉人',
    at: now,
    payload: { rating },
  });
  return {
    body: toTrackView({ ...tracked, rating }, trackingCode),
    audit: {
      action: 'complaint.rate',
      targetType: 'complaint',
      targetId: record.id,
      orgId: record.orgId,
      summary: { trackingCode, rating },
    },
  };
}
