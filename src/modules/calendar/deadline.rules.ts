import { addCalendarDays, businessDateOf, minuteOfDayOf, type BusinessDate } from '../../shared/business-date.ts';
import type { WorkCalendar } from './rules.ts';

/**
 * Deadlines in working days (pure). Sources: 行政许可法 第42条 (decision within N days, extendable),
 * 第45条 (hearing, testing, expert review … not counted), 民法典 第201条 / 民事诉讼法 第85条
 * (期间开始的日不计算入内; a period ending on a holiday ends on the next working day).
 */

/** A deadline as the public API returns it. */
export interface Deadline {
  start: BusinessDate;
  days: number;
  due: BusinessDate;
  /** Some year between start and due has no national data yet: the due date may still move. */
  provisional: boolean;
}

/** N working days from `start`: the start day is not counted; the due date is the Nth working day after it (always a working day). */
export function addWorkingDays(calendar: WorkCalendar, start: BusinessDate, n: number): BusinessDate {
  return calendar.add(start, n);
}

/** The due date of N working days from `start`, flagged provisional when it reaches into an unknown year. */
export function computeDeadline(calendar: WorkCalendar, start: BusinessDate, days: number): Deadline {
  const due = calendar.add(start, days);
  return { start, days, due, provisional: calendar.hasUnknownYearBetween(start, due) };
}

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function workingDaysBetween(calendar: WorkCalendar, from: BusinessDate, to: BusinessDate): number {
  return calendar.count(from, to);
}

/** Elapsed and remaining working days of a running deadline, seen at an instant (for warnings). */
export interface DeadlineProgress {
  /** Working days since the start day, today included when it is a working day. */
  elapsed: number;
  /** Working days after today up to the due date; negative when overdue (working days late). */
  remaining: number;
  isOverdue: boolean;
  provisional: boolean;
}

/** seeds 限时办结 / 电子监察预警: progress of a deadline from `start` to `due` at instant `now` (Beijing days). */
export function deadlineProgress(calendar: WorkCalendar, start: BusinessDate, due: BusinessDate, now: Date): DeadlineProgress {
  const today = businessDateOf(now);
  const isOverdue = today > due;
  return {
    elapsed: calendar.count(start, today),
    remaining: isOverdue ? -calendar.count(due, today) : calendar.count(today, due),
    isOverdue,
    provisional: calendar.hasUnknownYearBetween(start, isOverdue ? today : due),
  };
}

/**
 * A deadline clock that can be suspended (特别程序: hearing, testing, expert review, public notice)
 * and extended. The day the clock is suspended still counts; the working days after it up to and
 * including the day it resumes do not (the resumption day is a new start day, not counted).
 */
export interface DeadlineClock {
  start: BusinessDate;
  days: number;
  due: BusinessDate;
  suspendedOn: BusinessDate | null;
  /** Working days not counted so far because of suspensions. */
  suspendedDays: number;
  /** Working days added by extensions so far. */
  extendedDays: number;
  provisional: boolean;
}

export function startClock(calendar: WorkCalendar, start: BusinessDate, days: number): DeadlineClock {
  const deadline = computeDeadline(calendar, start, days);
  return { start, days, due: deadline.due, suspendedOn: null, suspendedDays: 0, extendedDays: 0, provisional: deadline.provisional };
}

/** 行政许可法 第45条: stops the clock on `on`; refused (RangeError) when it is already stopped. */
export function suspendClock(clock: DeadlineClock, on: BusinessDate): DeadlineClock {
  if (clock.suspendedOn !== null) throw new RangeError('clock already suspended');
  return { ...clock, suspendedOn: on };
}

/** Working days a suspension from `suspendedOn` to `resumedOn` takes out of the count: those in (suspendedOn, resumedOn]. */
export function suspendedWorkingDays(calendar: WorkCalendar, suspendedOn: BusinessDate, resumedOn: BusinessDate): number {
  return calendar.count(suspendedOn, resumedOn);
}

/** The due date after a suspension: moved by exactly the suspended working days. */
export function dueAfterSuspension(
  calendar: WorkCalendar,
  due: BusinessDate,
  suspendedOn: BusinessDate,
  resumedOn: BusinessDate,
): BusinessDate {
  const paused = suspendedWorkingDays(calendar, suspendedOn, resumedOn);
  return paused === 0 ? due : calendar.add(due, paused);
}

/** Restarts the clock on `on`; the due date moves by the working days it stood still. */
export function resumeClock(calendar: WorkCalendar, clock: DeadlineClock, on: BusinessDate): DeadlineClock {
  if (clock.suspendedOn === null) throw new RangeError('clock is not suspended');
  if (on < clock.suspendedOn) throw new RangeError('resumed before it was suspended');
  const paused = suspendedWorkingDays(calendar, clock.suspendedOn, on);
  const due = paused === 0 ? clock.due : calendar.add(clock.due, paused);
  return {
    ...clock,
    due,
    suspendedOn: null,
    suspendedDays: clock.suspendedDays + paused,
    provisional: clock.provisional || calendar.hasUnknownYearBetween(clock.start, due),
  };
}

/** 行政许可法 第42条: an extension adds working days to the current due date. */
export function extendDue(calendar: WorkCalendar, due: BusinessDate, days: number): BusinessDate {
  return calendar.add(due, days);
}

export function extendClock(calendar: WorkCalendar, clock: DeadlineClock, days: number): DeadlineClock {
  const due = extendDue(calendar, clock.due, days);
  return {
    ...clock,
    due,
    extendedDays: clock.extendedDays + days,
    provisional: clock.provisional || calendar.hasUnknownYearBetween(clock.start, due),
  };
}

/** An org's office hours: ordered, non-overlapping Beijing wall-clock ranges ("08:30"–"12:00"). */
export interface OfficeHoursRange {
  from: string;
  to: string;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The business date an act at `instant` counts from. With `countAfterClosingAsNextDay`, an act after
 * the last office-hours range of a working day, or on a day that is not a working day, counts as
 * the next working day; an act before opening or at lunch counts as that day. Without office hours
 * only the non-working-day rule applies. Uses Beijing time whatever the machine's zone.
 */
export function effectiveStartDate(
  calendar: WorkCalendar,
  instant: Date,
  officeHours: readonly OfficeHoursRange[],
  countAfterClosingAsNextDay: boolean,
): BusinessDate {
  const day = businessDateOf(instant);
  if (!countAfterClosingAsNextDay) return day;
  if (!calendar.isWorkingDay(day)) return calendar.add(day, 0);
  const last = officeHours.at(-1);
  if (last !== undefined && minuteOfDayOf(instant) >= minutesOf(last.to)) return calendar.add(day, 1);
  return day;
}

/** Every day from `from` to `to` inclusive (for the year page and the days API). */
export function daysInRange(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const days: BusinessDate[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}
