/**
 * 工作日历 (calendar): working days, holidays, 调休 and deadlines.
 *
 * For other modules (cases, agency): load an org's calendar once per transaction with
 * `loadWorkCalendar(tx, orgId)`, then use the pure functions. A `WorkCalendar` also satisfies the
 * case clock's `WorkingDays` port (`add`, `count`).
 */
export { calendarRoutes } from './routes.ts';
/** The resolved calendar of an org (national + county + township overrides); cached, revision-checked. */
export { loadWorkCalendar, loadOfficeHours } from './service.ts';
/** The calendar value and its day model. */
export {
  WorkCalendar,
  DAY_KINDS,
  DAY_KIND_LABELS,
  isWorkingKind,
  type DayKind,
  type CalendarDay,
  type NationalDay,
  type NationalYear,
  type LocalOverride,
} from './rules.ts';
/** Pure deadline rules (行政许可法 第42、45条; 期间开始的日不计算). */
export {
  addWorkingDays,
  computeDeadline,
  workingDaysBetween,
  deadlineProgress,
  startClock,
  suspendClock,
  resumeClock,
  extendClock,
  extendDue,
  suspendedWorkingDays,
  dueAfterSuspension,
  effectiveStartDate,
  type Deadline,
  type DeadlineClock,
  type DeadlineProgress,
  type OfficeHoursRange,
} from './deadline.rules.ts';
export type { DeadlineView, CalendarDayView, OverrideView, NationalYearView } from './schemas.ts';
