import { businessDateOf, isBusinessDate, weekdayOf, type BusinessDate } from '../../shared/business-date.ts';

/**
 * How the three apps show moments and business dates. Business time is Beijing time (Asia/Shanghai)
 * whatever the browser's zone, as on the server (shared/business-date.ts); nothing here reads the
 * browser's zone, so a laptop set to another zone shows the same day and hour.
 */
const BEIJING = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * 'minute' `2026-11-23 09:50` (the usual), 'second' `2026-11-23 09:50:06` (the audit trail),
 * 'short' `11-23 09:50` (a phone's list, where the year goes without saying), 'date' `2026-11-23`.
 */
export type BeijingStyle = 'minute' | 'second' | 'short' | 'date';

/** `2026-11-23T01:50:06Z` → `2026-11-23 09:50` (Beijing); text that is not a moment is shown as it is. */
export function formatBeijingTime(iso: string, style: BeijingStyle = 'minute'): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const parts = BEIJING.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('month')}-${part('day')}`;
  const time = `${part('hour')}:${part('minute')}`;
  switch (style) {
    case 'minute':
      return `${part('year')}-${day} ${time}`;
    case 'second':
      return `${part('year')}-${day} ${time}:${part('second')}`;
    case 'short':
      return `${day} ${time}`;
    case 'date':
      return `${part('year')}-${day}`;
  }
}

/** The Beijing calendar day of an instant (`2026-09-28`): the server's business date, by the server's own rule. */
export function beijingDateOf(instant: Date): BusinessDate {
  return businessDateOf(instant);
}

/** The Beijing calendar year of an instant. */
export function beijingYearOf(instant: Date): number {
  return Number(businessDateOf(instant).slice(0, 4));
}

const WEEKDAYS = '日一二三四五六';

/** A business date for the public: `2026-12-03` → `2026年12月3日` (no Date, so no time-zone surprises). */
export function formatChineseDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return match ? `${match[1] ?? ''}年${String(Number(match[2]))}月${String(Number(match[3]))}日` : day;
}

/** A business date on a village phone: `2026-09-30` → `9月30日（周三）`; null → `—`. */
export function formatDayWithWeekday(day: string | null): string {
  if (day === null) return '—';
  const date = day.slice(0, 10);
  if (!isBusinessDate(date)) return day;
  return `${String(Number(date.slice(5, 7)))}月${String(Number(date.slice(8, 10)))}日（周${WEEKDAYS[weekdayOf(date)] ?? ''}）`;
}
