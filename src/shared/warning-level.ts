import type { BusinessDate } from './business-date.ts';
import { addCalendarDays } from './business-date.ts';

/**
 * What the warning grades need from the working-day calendar of the handling org (a WorkCalendar
 * of the calendar module provides it); due dates themselves come from the calendar module's rules.
 */
export interface WorkingDays {
  /** The Nth working day after `date` (the start day is not counted); n = 0 gives the first working day from `date` on. */
  add(date: BusinessDate, n: number): BusinessDate;
  /** Working days in (from, to]: 0 when to ≤ from. */
  count(from: BusinessDate, to: BusinessDate): number;
}

export type WarningLevel = 'none' | 'pre' | 'yellow' | 'red';

export interface WarningPolicy {
  /** 预警: this many working days or fewer left (default 1). */
  preDays: number;
  /** 红牌: overdue by more than this many working days (default 3). */
  redAfterDays: number;
}

export const DEFAULT_WARNING_POLICY: WarningPolicy = { preDays: 1, redAfterDays: 3 };

/** 电子监察: the grade of a stage due on `due`, seen on `today`. */
export function warningLevelOf(calendar: WorkingDays, due: BusinessDate, today: BusinessDate, policy: WarningPolicy): WarningLevel {
  if (today > due) return calendar.count(due, today) > policy.redAfterDays ? 'red' : 'yellow';
  return calendar.count(today, due) <= policy.preDays ? 'pre' : 'none';
}

/** The first day on which the grade will change again, or null once it is red (nothing more to raise). */
export function nextWarningDate(calendar: WorkingDays, due: BusinessDate, today: BusinessDate, policy: WarningPolicy): BusinessDate | null {
  const level = warningLevelOf(calendar, due, today, policy);
  switch (level) {
    case 'none': {
      // pre begins once at most preDays working days remain after the day; a short scan forward.
      let day = addCalendarDays(today, 1);
      while (warningLevelOf(calendar, due, day, policy) === 'none') day = addCalendarDays(day, 1);
      return day;
    }
    case 'pre':
      return addCalendarDays(due, 1);
    case 'yellow':
      return calendar.add(due, policy.redAfterDays + 1);
    case 'red':
      return null;
  }
}
