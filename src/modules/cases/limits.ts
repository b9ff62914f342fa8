import { addCalendarDays, dayNumberOf, type BusinessDate } from '../../shared/business-date.ts';
import { addWorkingDays, dueAfterSuspension, type WorkCalendar } from '../calendar/index.ts';
import type { CaseRecord } from './repo.ts';
import { transition, type CaseStatus } from './transitions.ts';

/**
 * 办结时限: the due dates a case gets on acceptance and after a special procedure. Pure.
 * Most items count working days (行政许可法 第82条); some count natural days (自然日, e.g. 人民调解
 * 30 日): a natural-day limit that ends on a rest day ends on the next working day instead.
 */
export type DayCounting = 'working' | 'calendar';

/** 行政许可法 第43条: a lower level's pre-review takes at most 20 working days from acceptance. */
export const PRE_REVIEW_DAYS = 20;

function addDays(calendar: WorkCalendar, kind: DayCounting, from: BusinessDate, days: number): BusinessDate {
  if (kind === 'working') return addWorkingDays(calendar, from, days);
  return calendar.add(addCalendarDays(from, days), 0);
}

/** The due dates set on acceptance: the case's own, and for an escalated item the pre-review's (working days). */
export function acceptanceDues(
  calendar: WorkCalendar,
  record: Pick<CaseRecord, 'handling' | 'promisedDays' | 'dayKind'>,
  acceptedOn: BusinessDate,
): { dueOn: BusinessDate; preReviewDueOn: BusinessDate | null } {
  const dueOn = addDays(calendar, record.dayKind, acceptedOn, record.promisedDays);
  if (record.handling !== 'escalated') return { dueOn, preReviewDueOn: null };
  const days = record.promisedDays > 0 ? Math.min(record.promisedDays, PRE_REVIEW_DAYS) : PRE_REVIEW_DAYS;
  return { dueOn, preReviewDueOn: addWorkingDays(calendar, acceptedOn, days) };
}

/** 第45条: a due date after a special procedure, moved by the days it stood still, counted as the limit counts. */
export function dueAfterProcedure(
  calendar: WorkCalendar,
  kind: DayCounting,
  due: BusinessDate,
  suspendedOn: BusinessDate,
  resumedOn: BusinessDate,
): BusinessDate {
  if (kind === 'working') return dueAfterSuspension(calendar, due, suspendedOn, resumedOn);
  const paused = dayNumberOf(resumedOn) - dayNumberOf(suspendedOn);
  return paused <= 0 ? due : calendar.add(addCalendarDays(due, paused), 0);
}

/**
 * 行政许可法 第32条: an application received outside a window and not decided within 5 working days is
 * accepted as of the day it was received. The state machine decides whether the case may still be
 * deemed accepted (the same table a clerk's acts go through); null when it may not.
 */
export function decideDeemedAcceptance(
  calendar: WorkCalendar,
  record: Pick<CaseRecord, 'status' | 'handling' | 'promisedDays' | 'dayKind' | 'receivedOn'>,
): { status: CaseStatus; acceptedOn: BusinessDate; dueOn: BusinessDate; preReviewDueOn: BusinessDate | null } | null {
  const move = transition(record.status, 'deem-accepted');
  if (!move.ok) return null;
  return { status: move.next, acceptedOn: record.receivedOn, ...acceptanceDues(calendar, record, record.receivedOn) };
}
