import type { BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { caseErrors } from './errors.ts';
import type { CasePatch, CaseRecord } from './repo.ts';
import type { ActBody } from './schemas.ts';

/**
 * 上报件: a township pre-reviews and forwards, the county accepts and decides. 行政许可法 第43条:
 * the lower level's pre-review takes at most 20 working days from acceptance (limits.ts). Pure rules.
 */
interface Decision {
  patch: CasePatch;
  payload: Record<string, unknown>;
  notice?: string;
}

function invalid(detail: string): never {
  throw new DomainError(caseErrors.CASE_INVALID, detail);
}

/** The county stage is out of order: recorded twice, or a conclusion before or against the county's result. */
function outOfOrder(detail: string): never {
  throw new DomainError(caseErrors.CASE_COUNTY_STAGE, detail);
}

/** 上报县级: the township's own stage ends; on time or how late is recorded with it. */
export function decideEscalate(calendar: WorkCalendar, record: CaseRecord, body: ActBody<'escalate'>, today: BusinessDate): Decision {
  const preReviewDueOn = record.preReviewDueOn ?? record.dueOn;
  const workingDaysLate = preReviewDueOn !== null && today > preReviewDueOn ? calendar.count(preReviewDueOn, today) : 0;
  return {
    patch: { countyDueOn: null, countyResult: null },
    payload: { to: body.to, note: body.note, preReviewDueOn, onTime: workingDaysLate === 0, workingDaysLate },
    notice: `【一站】您申请的“${record.itemName}”（${record.caseNo}）已初审完毕并报送${body.to}审批，有结果后将通知您。`,
  };
}

/** 县级受理: the county's case number and the deadline it gave; the county stage is graded from then on. */
export function decideCountyAccept(
  record: CaseRecord,
  body: ActBody<'county-accept'>,
  today: BusinessDate,
  escalatedOn: BusinessDate | null,
): Decision {
  if (record.countyDueOn !== null) outOfOrder('县级受理已登记，不能重复登记。');
  if (body.acceptedOn > today) invalid(`县级受理日期 ${body.acceptedOn} 不能晚于今天。`);
  if (escalatedOn !== null && body.acceptedOn < escalatedOn) invalid(`县级受理日期 ${body.acceptedOn} 不能早于上报日期 ${escalatedOn}。`);
  if (body.dueOn < body.acceptedOn) invalid(`县级办理期限 ${body.dueOn} 不能早于县级受理日期 ${body.acceptedOn}。`);
  return {
    patch: { countyDueOn: body.dueOn },
    payload: { countyCaseNo: body.countyCaseNo, acceptedOn: body.acceptedOn, dueOn: body.dueOn, note: body.note },
  };
}

/** 县级审批结果: recorded as the county decided it; the township then concludes in agreement with it. */
export function decideCountyResult(
  record: CaseRecord,
  body: ActBody<'county-result'>,
  today: BusinessDate,
  countyAcceptedOn: BusinessDate | null,
): Decision {
  if (record.countyResult !== null) outOfOrder('县级审批结果已登记，不能重复登记。');
  if (body.decidedOn > today) invalid(`县级审批日期 ${body.decidedOn} 不能晚于今天。`);
  if (countyAcceptedOn !== null && body.decidedOn < countyAcceptedOn)
    invalid(`县级审批日期 ${body.decidedOn} 不能早于县级受理日期 ${countyAcceptedOn}。`);
  if (body.result === 'denied' && body.note === '') invalid('县级不予许可的，请登记其理由。');
  return {
    patch: { countyResult: body.result },
    payload: { result: body.result, decidedOn: body.decidedOn, documentNo: body.documentNo, note: body.note },
  };
}

/** A forwarded case concludes only once the county has decided, and as the county decided. */
export function assertConclusionAgreesWithCounty(record: CaseRecord, result: 'granted' | 'denied'): void {
  if (record.status !== 'escalated') return;
  if (record.countyResult === null) outOfOrder('已上报县级的办件，须先登记县级审批结果再办结。');
  if (record.countyResult !== result) {
    outOfOrder(`办结结果须与县级审批结果一致（县级：${record.countyResult === 'granted' ? '准予' : '不予'}）。`);
  }
}

export interface EscalationView {
  to: string;
  escalatedOn: string;
  preReviewDueOn: string | null;
  onTime: boolean;
  workingDaysLate: number;
  countyCaseNo: string | null;
  countyAcceptedOn: string | null;
  countyDueOn: string | null;
  countyResult: 'granted' | 'denied' | null;
  countyDecidedOn: string | null;
  documentNo: string | null;
}

/** The forwarding of a case as its events tell it (the latest forwarding), or null if never forwarded. */
export function escalationOf(
  events: readonly { act: string; businessDate: string; payload: Record<string, unknown> }[],
): EscalationView | null {
  const text = (payload: Record<string, unknown>, key: string): string | null =>
    typeof payload[key] === 'string' && payload[key] !== '' ? payload[key] : null;
  let view: EscalationView | null = null;
  for (const event of events) {
    const { payload } = event;
    if (event.act === 'escalate') {
      view = {
        to: text(payload, 'to') ?? '',
        escalatedOn: event.businessDate,
        preReviewDueOn: text(payload, 'preReviewDueOn'),
        onTime: payload.onTime !== false,
        workingDaysLate: typeof payload.workingDaysLate === 'number' ? payload.workingDaysLate : 0,
        countyCaseNo: null,
        countyAcceptedOn: null,
        countyDueOn: null,
        countyResult: null,
        countyDecidedOn: null,
        documentNo: null,
      };
    } else if (event.act === 'county-accept' && view) {
      Object.assign(view, {
        countyCaseNo: text(payload, 'countyCaseNo'),
        countyAcceptedOn: text(payload, 'acceptedOn'),
        countyDueOn: text(payload, 'dueOn'),
      });
    } else if (event.act === 'county-result' && view) {
      Object.assign(view, {
        countyResult: payload.result === 'denied' ? 'denied' : 'granted',
        countyDecidedOn: text(payload, 'decidedOn'),
        documentNo: text(payload, 'documentNo'),
      });
    }
  }
  return view;
}
