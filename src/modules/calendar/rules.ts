import { businessDateFromDayNumber, dayNumberOf, weekdayOf, type BusinessDate } from '../../shared/business-date.ts';

/**
 * The working-day calendar as a pure value: national days (holidays and 调休 working weekends) for
 * the years that are known, plus local overrides in order of precedence (county first, then
 * township). No database, no clock, no machine time zone: days are Asia/Shanghai business dates.
 */

export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'adjusted_workday', 'local_holiday', 'local_workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  adjusted_workday: '调休上班',
  local_holiday: '本地假日',
  local_workday: '本地工作日',
};

export type NationalKind = 'holiday' | 'adjusted_workday';
export type OverrideKind = 'local_holiday' | 'local_workday';

/** One national day of a year's State Council notice: a day off, or a weekend that is worked (调休). */
export interface NationalDay {
  date: BusinessDate;
  kind: NationalKind;
  name: string;
}

/** The national calendar of one year and where it came from. */
export interface NationalYear {
  year: number;
  source: 'package' | 'admin';
  days: readonly NationalDay[];
}

/** A local day set by a county or township; a village uses its township's. */
export interface LocalOverride {
  date: BusinessDate;
  kind: OverrideKind;
  name: string;
  orgId: string;
}

/** One day as the calendar sees it. */
export interface CalendarDay {
  date: BusinessDate;
  workday: boolean;
  kind: DayKind;
  name?: string;
  /** The national data for this day's year is unknown: only weekends and local overrides apply. */
  provisional: boolean;
}

/** Years outside this range are refused: the notices start in 1999 and business dates stop at 2200. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2199;

const KIND_INDEX: Record<DayKind, number> = {
  workday: 0,
  weekend: 1,
  holiday: 2,
  adjusted_workday: 3,
  local_holiday: 4,
  local_workday: 5,
};

/** 工作日: ordinary weekdays, 调休 weekends that are worked, and local working days. */
export function isWorkingKind(kind: DayKind): boolean {
  return kind === 'workday' || kind === 'adjusted_workday' || kind === 'local_workday';
}

interface YearTable {
  year: number;
  firstDay: number;
  length: number;
  /** Offset of the first day of each month from 1 January. */
  monthStarts: Int16Array;
  isKnown: boolean;
  kinds: Uint8Array;
  names: Map<number, string>;
  /** Offsets (from 1 January) of the working days, ascending. */
  workdayOffsets: Int32Array;
  /** Working days in [1 January, offset], inclusive. */
  workdaysThrough: Int32Array;
  /** Formatted dates, filled on first use (a due date is read far more often than built). */
  dates: (BusinessDate | undefined)[];
}

function firstDayOfYear(year: number): number {
  return dayNumberOf(`${String(year).padStart(4, '0')}-01-01` as BusinessDate);
}

/** Digits of a validated YYYY-MM-DD read in place: the hot path of every deadline avoids Date objects. */
function digitsOf(date: string, from: number, length: number): number {
  let value = 0;
  for (let index = from; index < from + length; index++) value = value * 10 + date.charCodeAt(index) - 48;
  return value;
}

function yearOf(date: BusinessDate): number {
  return digitsOf(date, 0, 4);
}

function offsetIn(table: YearTable, date: BusinessDate): number {
  return (table.monthStarts[digitsOf(date, 5, 2) - 1] ?? 0) + digitsOf(date, 8, 2) - 1;
}

/**
 * A resolved working-day calendar for one org (or the national one when `orgId` is null).
 * Per-year tables are built on first use and kept; every query is O(1) within a year and O(years)
 * across years, so a 20-day deadline costs a few array reads.
 */
export class WorkCalendar {
  readonly orgId: string | null;
  readonly revision: string;
  private readonly national: ReadonlyMap<number, NationalYear>;
  private readonly overridesByYear: ReadonlyMap<number, readonly LocalOverride[]>;
  private readonly tables = new Map<number, YearTable>();

  constructor(options: { orgId: string | null; revision?: string; national: Iterable<NationalYear>; overrides: readonly LocalOverride[] }) {
    this.orgId = options.orgId;
    this.revision = options.revision ?? '';
    const national = new Map<number, NationalYear>();
    for (const year of options.national) national.set(year.year, year);
    this.national = national;
    const overrides = new Map<number, LocalOverride[]>();
    for (const override of options.overrides) {
      const year = Number(override.date.slice(0, 4));
      const list = overrides.get(year) ?? [];
      list.push(override);
      overrides.set(year, list);
    }
    this.overridesByYear = overrides;
  }

  /** Is the national data (holidays and 调休) of this year known? Otherwise results are provisional. */
  isKnownYear(year: number): boolean {
    return this.national.has(year);
  }

  /** Where a known year's national data came from. */
  nationalSourceOf(year: number): NationalYear['source'] | null {
    return this.national.get(year)?.source ?? null;
  }

  /** Any year in [from, to] whose national data is unknown (in either order). */
  hasUnknownYearBetween(from: BusinessDate, to: BusinessDate): boolean {
    const a = yearOf(from);
    const b = yearOf(to);
    if (a === b) return !this.national.has(a);
    for (let year = Math.min(a, b); year <= Math.max(a, b); year++) if (!this.national.has(year)) return true;
    return false;
  }

  dayOf(date: BusinessDate): CalendarDay {
    const table = this.tableOf(yearOf(date));
    const offset = offsetIn(table, date);
    const kind = DAY_KINDS[table.kinds[offset] ?? 0] ?? 'workday';
    const name = table.names.get(offset);
    return { date, workday: isWorkingKind(kind), kind, ...(name === undefined ? {} : { name }), provisional: !table.isKnown };
  }

  isWorkingDay(date: BusinessDate): boolean {
    const table = this.tableOf(yearOf(date));
    return isWorkingKind(DAY_KINDS[table.kinds[offsetIn(table, date)] ?? 0] ?? 'workday');
  }

  /**
   * The Nth working day after `date` (the start day is not counted). n = 0 gives the first working
   * day from `date` on, so a due date is always a working day.
   */
  add(date: BusinessDate, n: number): BusinessDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${String(n)}`);
    let table = this.tableOf(yearOf(date));
    let offset = offsetIn(table, date);
    let remaining = n;
    if (remaining === 0) {
      // The first working day from `date` on is the first one after the day before it.
      remaining = 1;
      offset -= 1;
      if (offset < 0) {
        table = this.tableOf(table.year - 1);
        offset = table.length - 1;
      }
    }
    let done = table.workdaysThrough[offset] ?? 0;
    for (;;) {
      const total = table.workdayOffsets.length;
      if (done + remaining <= total) {
        const index = done + remaining - 1;
        const cached = table.dates[index];
        if (cached !== undefined) return cached;
        const formatted = businessDateFromDayNumber(table.firstDay + (table.workdayOffsets[index] ?? 0));
        table.dates[index] = formatted;
        return formatted;
      }
      remaining -= total - done;
      table = this.tableOf(table.year + 1);
      done = 0;
    }
  }

  /** Working days in (from, to]: 0 when `to` is not after `from`. */
  count(from: BusinessDate, to: BusinessDate): number {
    if (to <= from) return 0;
    let table = this.tableOf(yearOf(from));
    let total = -(table.workdaysThrough[offsetIn(table, from)] ?? 0);
    const toYear = yearOf(to);
    while (table.year < toYear) {
      total += table.workdayOffsets.length;
      table = this.tableOf(table.year + 1);
    }
    return total + (table.workdaysThrough[offsetIn(table, to)] ?? 0);
  }

  private tableOf(year: number): YearTable {
    const cached = this.tables.get(year);
    if (cached) return cached;
    if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`year outside the calendar: ${String(year)}`);
    const table = this.buildTable(year);
    this.tables.set(year, table);
    return table;
  }

  private buildTable(year: number): YearTable {
    const firstDay = firstDayOfYear(year);
    const length = firstDayOfYear(year + 1) - firstDay;
    const monthStarts = new Int16Array(12);
    for (let month = 1; month < 12; month++) {
      monthStarts[month] =
        dayNumberOf(`${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01` as BusinessDate) - firstDay;
    }
    const kinds = new Uint8Array(length);
    const names = new Map<number, string>();
    const firstWeekday = weekdayOf(businessDateFromDayNumber(firstDay));
    for (let offset = 0; offset < length; offset++) {
      const weekday = (firstWeekday + offset) % 7;
      kinds[offset] = weekday === 0 || weekday === 6 ? KIND_INDEX.weekend : KIND_INDEX.workday;
    }
    const national = this.national.get(year);
    for (const day of national?.days ?? []) {
      const offset = dayNumberOf(day.date) - firstDay;
      if (offset < 0 || offset >= length) continue;
      kinds[offset] = KIND_INDEX[day.kind];
      names.set(offset, day.name);
    }
    // Overrides arrive county first, then township: the nearer org has the last word.
    for (const override of this.overridesByYear.get(year) ?? []) {
      const offset = dayNumberOf(override.date) - firstDay;
      kinds[offset] = KIND_INDEX[override.kind];
      names.set(offset, override.name);
    }
    const workdaysThrough = new Int32Array(length);
    const offsets: number[] = [];
    for (let offset = 0; offset < length; offset++) {
      if (isWorkingKind(DAY_KINDS[kinds[offset] ?? 0] ?? 'workday')) offsets.push(offset);
      workdaysThrough[offset] = offsets.length;
    }
    const workdayOffsets = Int32Array.from(offsets);
    return {
      year,
      firstDay,
      length,
      monthStarts,
      isKnown: national !== undefined,
      kinds,
      names,
      workdayOffsets,
      workdaysThrough,
      dates: [],
    };
  }
}
