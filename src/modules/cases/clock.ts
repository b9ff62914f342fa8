import type { BusinessDate } from '../../shared/business-date.ts';
import { instantAt } from '../../shared/business-date.ts';
import {
  DEFAULT_WARNING_POLICY,
  nextWarningDate,
  warningLevelOf,
  type WarningLevel,
  type WorkingDays,
} from '../../shared/warning-level.ts';
import type { CasePatch, CaseRecord } from './repo.ts';
import { isClockRunning } from './transitions.ts';

/**
 * The stored warning fields for a case after a change: the grade today and the instant the grade
 * next changes (what the warning job's index reads). Cases whose clock is stopped carry none.
 */
type ClockState = Pick<
  CaseRecord,
  'status' | 'dueOn' | 'decisionDueOn' | 'channel' | 'supplementNotices' | 'preReviewDueOn' | 'countyDueOn'
>;

/**
 * The due date of the stage the case is in: an escalated item's pre-review at the township (第43条)
 * while it is accepted, the county's deadline once forwarded (none until the county accepts), the
 * case's own due date otherwise.
 */
export function stageDueOf(state: Pick<ClockState, 'status' | 'dueOn' | 'preReviewDueOn' | 'countyDueOn'>): BusinessDate | null {
  if (state.status === 'escalated') return state.countyDueOn;
  if (state.status === 'accepted' && state.preReviewDueOn !== null) return state.preReviewDueOn;
  return state.dueOn;
}

/**
 * The date the clock now running on a case ends: while received (已接件) and not yet told to supplement,
 * the intake decision's (行政许可法 第32条: 5 working days); after acceptance, the stage's due date.
 */
export function clockDueOf(
  state: Pick<ClockState, 'status' | 'dueOn' | 'decisionDueOn' | 'supplementNotices' | 'preReviewDueOn' | 'countyDueOn'>,
): BusinessDate | null {
  if (state.status === 'submitted') return state.supplementNotices === 0 ? state.decisionDueOn : null;
  return stageDueOf(state);
}

export function warningFields(calendar: WorkingDays, state: ClockState, today: BusinessDate): Pick<CasePatch, 'warning' | 'nextWarningAt'> {
  if (state.status === 'submitted' && state.channel !== 'window' && state.supplementNotices === 0 && state.decisionDueOn) {
    // 行政许可法 第32条: checked the day after the decision deadline passes.
    const decisionEnds = state.decisionDueOn < today ? today : state.decisionDueOn;
    return { warning: 'none', nextWarningAt: instantAt(decisionEnds, '24:00') };
  }
  const due = clockDueOf(state);
  // A case received at a window and left undecided is graded on its decision deadline like any other stage.
  if (!(isClockRunning(state.status) || state.status === 'submitted') || due === null) return { warning: 'none', nextWarningAt: null };
  const warning: WarningLevel = warningLevelOf(calendar, due, today, DEFAULT_WARNING_POLICY);
  const next = nextWarningDate(calendar, due, today, DEFAULT_WARNING_POLICY);
  return { warning, nextWarningAt: next === null ? null : instantAt(next, '00:00') };
}
