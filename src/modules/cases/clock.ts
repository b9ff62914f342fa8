import type { BusinessDate } from '../../shared/business-date.ts';
import { instantAt } from '../../shared/business-date.ts';
import { DEFAULT_WARNING_POLICY, nextWarningDate, warningLevelOf, type WarningLevel, type WorkingDays } from './deadline.ts';
import type { CasePatch, CaseRecord } from './repo.ts';
import { isClockRunning, type CaseStatus } from './transitions.ts';

/**
 * The stored warning fields for a case after a change: the grade today and the instant the grade
 * next changes (what the warning job's index reads). Cases whose clock is stopped carry none.
 */
export function warningFields(
  calendar: WorkingDays,
  state: { status: CaseStatus; dueOn: BusinessDate | null; decisionDueOn: BusinessDate | null; channel: CaseRecord['channel']; supplementNotices: number },
  today: BusinessDate,
): Pick<CasePatch, 'warning' | 'nextWarningAt'> {
  if (state.status === 'submitted' && state.channel !== 'window' && state.supplementNotices === 0 && state.decisionDueOn) {
    // 行政许可法 第32条: checked the day after the decision deadline passes.
    const decisionEnds = state.decisionDueOn < today ? today : state.decisionDueOn;
    return { warning: 'none', nextWarningAt: instantAt(decisionEnds, '24:00') };
  }
  if (!isClockRunning(state.status) || state.dueOn === null) return { warning: 'none', nextWarningAt: null };
  const warning: WarningLevel = warningLevelOf(calendar, state.dueOn, today, DEFAULT_WARNING_POLICY);
  const next = nextWarningDate(calendar, state.dueOn, today, DEFAULT_WARNING_POLICY);
  return { warning, nextWarningAt: next === null ? null : instantAt(next, '00:00') };
}
