/**
 * Business dates are calendar days in Asia/Shanghai, whatever the server's time zone.
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
 */
export type BusinessDate = string & { readonly __brand: 'BusinessDate' };

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (refuses 2026-02-30). */
export function isBusinessDate(value: string): value is BusinessDate {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2200) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function parseBusinessDate(value: string): BusinessDate {
  if (!isBusinessDate(value)) throw new RangeError(`not a date: ${value}`);
  return value;
}

/** The Shanghai calendar day an instant falls on. */
export function businessDateOf(instant: Date): BusinessDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as BusinessDate;
}

/** Whole days since 1970-01-01 for a business date: cheap arithmetic for calendars. */
export function dayNumberOf(date: BusinessDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function businessDateFromDayNumber(dayNumber: number): BusinessDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10) as BusinessDate;
}

export function addCalendarDays(date: BusinessDate, days: number): BusinessDate {
  return businessDateFromDayNumber(dayNumberOf(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: BusinessDate): number {
  return (((dayNumberOf(date) + 4) % 7) + 7) % 7;
}

/** The instant a Shanghai wall-clock time happens, e.g. ("2026-10-08", "17:30"). */
export function instantAt(date: BusinessDate, hhmm: string): Date {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return new Date(dayNumberOf(date) * DAY_MS + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000 - SHANGHAI_OFFSET_MS);
}

/** Minutes after Shanghai midnight of an instant. */
export function minuteOfDayOf(instant: Date): number {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}
