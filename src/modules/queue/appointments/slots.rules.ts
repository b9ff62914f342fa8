import { addCalendarDays, dayNumberOf, type BusinessDate } from '../../../shared/business-date.ts';

/** 预约时段: the slots of one category on one day, the no-show ban and the check-in window, as pure functions. */

export type SlotKind = 'regular' | 'extended' | 'non_working_day';

export const SLOT_KIND_LABELS: Record<SlotKind, string> = {
  regular: '工作时间',
  extended: '延时服务',
  non_working_day: '非工作日预约',
};

export interface OfficeRange {
  from: string;
  to: string;
}

/** When a center has set no office hours: the county's usual day (the lunch break between is closed). */
export const DEFAULT_OFFICE_HOURS: readonly OfficeRange[] = [
  { from: '08:30', to: '12:00' },
  { from: '14:30', to: '17:30' },
];

/** A session the director opens: 延时服务 (lunch break, evenings; on one date or on weekdays) or 非工作日预约 (one date). */
export interface SessionRule {
  id: string;
  kind: 'extended' | 'non_working_day';
  onDate: string | null;
  /** 0 = Sunday … 6 = Saturday; repeating extended sessions apply on working days only. */
  weekdays: readonly number[];
  fromTime: string;
  toTime: string;
  /** Empty: every bookable category of the center. */
  categoryIds: readonly string[];
  capacity: number;
}

export interface Slot {
  from: string;
  to: string;
  capacity: number;
  kind: SlotKind;
}

export interface DayInput {
  date: BusinessDate;
  weekday: number;
  isWorkingDay: boolean;
  officeHours: readonly OfficeRange[];
  slotMinutes: number;
  categoryId: string;
  /** 0: the category takes no bookings in office hours (sessions may still open some). */
  categoryCapacity: number;
  sessions: readonly SessionRule[];
}

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Whole slots of `length` minutes inside [from, to); a remainder shorter than a slot is not offered. */
function cut(from: string, to: string, length: number): { from: string; to: string }[] {
  const pieces: { from: string; to: string }[] = [];
  for (let start = minutesOf(from); start + length <= minutesOf(to); start += length) {
    pieces.push({ from: hhmmOf(start), to: hhmmOf(start + length) });
  }
  return pieces;
}

export function sessionAppliesOn(session: SessionRule, date: BusinessDate, weekday: number, isWorkingDay: boolean): boolean {
  if (session.onDate !== null) return session.onDate === date;
  return session.kind === 'extended' && isWorkingDay && session.weekdays.includes(weekday);
}

/**
 * The day's slots of a category: office hours on working days (with the category's capacity), then the
 * director's sessions that apply on that date; a session slot that overlaps an earlier slot is dropped,
 * so a lunch-break session never doubles an office-hours slot.
 */
export function slotsOfDay(input: DayInput): Slot[] {
  const slots: Slot[] = [];
  const overlaps = (from: string, to: string) => slots.some((slot) => from < slot.to && slot.from < to);
  if (input.isWorkingDay && input.categoryCapacity > 0) {
    const hours = input.officeHours.length > 0 ? input.officeHours : DEFAULT_OFFICE_HOURS;
    for (const range of hours) {
      for (const piece of cut(range.from, range.to, input.slotMinutes))
        slots.push({ ...piece, capacity: input.categoryCapacity, kind: 'regular' });
    }
  }
  for (const session of input.sessions) {
    if (session.categoryIds.length > 0 && !session.categoryIds.includes(input.categoryId)) continue;
    if (!sessionAppliesOn(session, input.date, input.weekday, input.isWorkingDay)) continue;
    for (const piece of cut(session.fromTime, session.toTime, input.slotMinutes)) {
      if (!overlaps(piece.from, piece.to)) slots.push({ ...piece, capacity: session.capacity, kind: session.kind });
    }
  }
  return slots.sort((a, b) => a.from.localeCompare(b.from));
}

/** Bookable days: from today (slots already begun are not offered) through `bookingDays` days ahead. */
export function bookingRange(today: BusinessDate, bookingDays: number): { from: BusinessDate; to: BusinessDate } {
  return { from: today, to: addCalendarDays(today, bookingDays) };
}

export function isBookableTime(date: BusinessDate, from: string, today: BusinessDate, minuteNow: number, bookingDays: number): boolean {
  if (date < today || date > addCalendarDays(today, bookingDays)) return false;
  return date > today || minutesOf(from) > minuteNow;
}

/**
 * 爽约限制: `limit` no-shows within the last `windowDays` days bar the phone from booking until `banDays`
 * after the latest of them. Returns the first day it may book again, or null when it may book now.
 */
export function bannedUntil(
  noShowDates: readonly BusinessDate[],
  rule: { limit: number; windowDays: number; banDays: number },
  today: BusinessDate,
): BusinessDate | null {
  const since = dayNumberOf(today) - rule.windowDays;
  const recent = noShowDates.filter((date) => dayNumberOf(date) > since && date <= today).sort();
  const latest = recent.at(-1);
  if (recent.length < rule.limit || latest === undefined) return null;
  const until = addCalendarDays(latest, rule.banDays);
  return until > today ? until : null;
}

/** 签到: from this many minutes before the slot starts until it ends. */
export const CHECK_IN_EARLY_MINUTES = 30;

export type CheckInTiming = 'early' | 'open' | 'late';

export function checkInTiming(slot: { date: string; from: string; to: string }, today: BusinessDate, minuteNow: number): CheckInTiming {
  if (slot.date > today) return 'early';
  if (slot.date < today) return 'late';
  if (minuteNow < minutesOf(slot.from) - CHECK_IN_EARLY_MINUTES) return 'early';
  return minuteNow < minutesOf(slot.to) ? 'open' : 'late';
}
