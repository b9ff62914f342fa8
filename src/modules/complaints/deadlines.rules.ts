import type { BusinessDate } from '../../shared/business-date.ts';
import {
  DEFAULT_WARNING_POLICY,
  nextWarningDate,
  warningLevelOf,
  type WarningLevel,
  type WorkingDays,
} from '../../shared/warning-level.ts';
import type { ComplaintStatus } from './transitions.rules.ts';

/** issue 13 (GB/T 36113 受理环节): whether to accept is decided within 5 working days of receipt. */
export const DECIDE_WORKING_DAYS = 5;
/** 答复时限 when a center has set none: 15 working days from acceptance (a setting per center; ADR 0027). */
export const ANSWER_DAYS_DEFAULT = 15;

/** The deadline the complaint's current stage runs against, or null when nothing is due. */
export function stageDueOf(complaint: {
  status: ComplaintStatus;
  decideDueOn: BusinessDate;
  answerDueOn: BusinessDate | null;
}): BusinessDate | null {
  switch (complaint.status) {
    case 'received':
      return complaint.decideDueOn;
    case 'investigating':
    case 'disposing':
      return complaint.answerDueOn;
    case 'answered':
    case 'archived':
    case 'refused':
      return null;
  }
}

/** 预警/黄牌/红牌 as cases grade them, and the day the grade next changes (the indexed next-warning moment). */
export function complaintWarning(
  calendar: WorkingDays,
  due: BusinessDate | null,
  today: BusinessDate,
): { warning: WarningLevel; nextWarningOn: BusinessDate | null } {
  if (due === null) return { warning: 'none', nextWarningOn: null };
  return {
    warning: warningLevelOf(calendar, due, today, DEFAULT_WARNING_POLICY),
    nextWarningOn: nextWarningDate(calendar, due, today, DEFAULT_WARNING_POLICY),
  };
}
