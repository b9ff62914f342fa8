import type { RollupCounts } from '../stats/index.ts';
import type { PeriodFigures, WarningCounts } from './schemas.ts';

/** 电子监察 (DESIGN: 预警 / 黄牌 / 红牌): the grades an open case can be counted under. */
export type Grade = 'none' | 'pre' | 'yellow' | 'red';

export function noWarnings(): WarningCounts {
  return { open: 0, pre: 0, yellow: 0, red: 0 };
}

/** Adds `count` open cases of one grade (every open case counts in `open`). */
export function addOpen<T extends WarningCounts>(into: T, grade: Grade, count: number): T {
  into.open += count;
  if (grade !== 'none') into[grade] += count;
  return into;
}

/** 行政许可法 第42条: 按时办结率 = 按时办结 ÷ 办结, and the average working days from 受理 to 办结. */
export function periodFiguresOf(counts: RollupCounts): PeriodFigures {
  const { workingDaysSum, ...rest } = counts;
  return {
    ...rest,
    onTimeRate: counts.concluded === 0 ? null : counts.concludedOnTime / counts.concluded,
    averageWorkingDays: counts.concluded === 0 ? null : Math.round((workingDaysSum / counts.concluded) * 10) / 10,
  };
}

/** The screen's order: the most red cards first, then yellow, then 预警, then open. */
export function byUrgency<T extends WarningCounts>(a: T, b: T): number {
  return b.red - a.red || b.yellow - a.yellow || b.pre - a.pre || b.open - a.open;
}

/** The first day of the date's month (the overview's month is the calendar month up to today). */
export function monthStartOf(date: string): string {
  return `${date.slice(0, 8)}01`;
}
